"""Accounts in a real browser: staff see only their sites; an admin's grant changes that view."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.support.browser import sign_in
from tests.support.panel import UserFactory

pytestmark = pytest.mark.e2e

ADMIN = ("boss@example.com", "Orchard-Lantern-Velvet-71")
STAFF = ("staff@example.com", "Pebble-Harbour-Quartz-38")
GRANTED = "example.cluster01.hosting.ovh.net"
OTHER = "example2.cluster02.hosting.ovh.net"


@pytest.fixture
def people(users: UserFactory) -> None:
    users.make(ADMIN[0], "admin", password=ADMIN[1])
    users.make(STAFF[0], password=STAFF[1], grants={GRANTED: "view"})


def test_staff_see_only_the_sites_granted_to_them(page: Any, people: None) -> None:
    sign_in(page, *STAFF)
    page.wait_for_url("**/hosting/")
    expect(page.get_by_role("heading", name="My sites")).to_be_visible()
    table = page.locator("table.services")
    assert GRANTED in table.inner_text()
    assert OTHER not in table.inner_text()
    assert page.get_by_role("link", name="Users").count() == 0


def test_an_admin_grants_a_site_and_the_staff_view_changes(
    page: Any, browser: Any, live_server: str, people: None
) -> None:
    sign_in(page, *ADMIN)
    page.wait_for_url("**/hosting/")
    page.get_by_role("link", name="Users").click()
    page.get_by_role("link", name=STAFF[0]).click()
    page.get_by_label("Site").select_option(OTHER)
    page.get_by_label("Access").select_option("operate")
    page.get_by_role("button", name="Give access").click()
    expect(page.get_by_text(f"now has access to {OTHER}")).to_be_visible()

    staff_context = browser.new_context(base_url=live_server, locale="en-GB")
    staff_page = staff_context.new_page()
    sign_in(staff_page, *STAFF)
    staff_page.wait_for_url("**/hosting/")
    assert OTHER in staff_page.locator("table.services").inner_text()
    staff_context.close()


def test_a_one_time_link_opens_in_a_browser_and_leaves_the_address_bar(
    page: Any, app: Any, live_server: str, people: None
) -> None:
    from app.accounts.users import find_user, issue_link
    from app.auth.routes import one_time_link
    from app.extensions import db

    app.config["PANEL_URL"] = live_server
    with app.test_request_context():
        user = find_user(STAFF[0])
        assert user is not None
        link = one_time_link(issue_link(user, "reset", by=None))
        db.session.commit()
    page.goto(link)
    assert "#" not in page.url  # the script moved the code into the form
    expect(page.get_by_label("Code from your link")).not_to_be_visible()
    new_password = "Granite-Willow-Saffron-94"
    page.get_by_label("New password", exact=True).fill(new_password)
    page.get_by_label("New password, again").fill(new_password)
    page.get_by_role("button", name="Set my password").click()
    page.wait_for_url("**/auth/sign-in")
    sign_in(page, STAFF[0], new_password)
    page.wait_for_url("**/hosting/")

"""Launching a site in a real browser: every step followed on one page without reloading, and a
launch that fails mid-way, tried again, and another one undone."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.support.browser import sign_in
from tests.support.panel import UserFactory
from tests.support.panel_data import GRANTED_SERVICE, TEST_PASSWORDS

pytestmark = pytest.mark.e2e
OVERVIEW = f"/hosting/{GRANTED_SERVICE}/"


def launch(page: Any, domain: str, admin: str = "marie") -> None:
    page.goto(OVERVIEW)
    page.get_by_role("link", name="Launch a site").click()
    page.get_by_label("Domain").fill(domain)
    expect(page.get_by_label("Folder", exact=True)).to_have_value(domain)
    page.get_by_label("A ready-made application from OVH's catalogue").check()
    page.get_by_label("Application", exact=True).select_option(label="WordPress 6.5.2")
    page.get_by_label("Administrator's name").fill(admin)
    page.get_by_label("Administrator's password").fill("a long passphrase")
    page.get_by_role("button", name="Review the launch").click()
    expect(page.get_by_text("Nothing has been sent to OVH yet")).to_be_visible()
    page.get_by_role("button", name="Start the launch").click()


@pytest.mark.slow_tasks
def test_a_wordpress_launch_is_followed_to_the_end_on_one_page(
    page: Any, users: UserFactory
) -> None:
    users.make("staff@example.com", "staff", TEST_PASSWORDS["staff"], {GRANTED_SERVICE: "operate"})
    sign_in(page, "staff@example.com", TEST_PASSWORDS["staff"])
    launch(page, "shop-e2e.example.org")
    progress_url = page.url
    reveal = page.locator("[data-admin-reveal]")  # the admin password, once, with a copy button
    expect(reveal.locator("[data-admin-password]")).to_have_text("a long passphrase")
    expect(reveal.get_by_role("button", name="Copy: Password")).to_be_visible()
    expect(reveal).to_contain_text("Keep it somewhere safe: this page shows it only once.")
    steps = page.locator("[data-step]")
    expect(steps).to_have_count(4)
    expect(page.locator('[aria-current="step"]')).to_have_count(1)  # the current one stands out
    expect(page.locator('[data-plan-state="done"]')).to_be_visible(timeout=60_000)
    assert page.url == progress_url  # updated by itself: no reload, no navigation
    expect(page.locator('[data-step-state="done"]')).to_have_count(4)
    expect(reveal).to_have_count(1)  # the 2-second updates left it alone…
    expect(page.locator("[data-sign-in] a")).to_have_attribute(
        "href", "https://shop-e2e.example.org/wp-admin/"
    )
    page.reload()
    expect(page.locator('[data-plan-state="done"]')).to_be_visible()
    expect(page.locator("[data-admin-reveal]")).to_have_count(0)  # …and a reload shows it no more
    expect(page.get_by_text("a long passphrase")).to_have_count(0)
    page.get_by_role("link", name="See it in Websites").click()
    row = page.locator('[data-site="shop-e2e.example.org"]')
    expect(row).to_contain_text("WordPress 6.5.2")
    expect(row).to_contain_text("exampleshope2e.mysql.db")


def test_a_failed_launch_is_undone_and_another_one_tried_again(
    page: Any, users: UserFactory
) -> None:
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    sign_in(page, "admin@example.com", TEST_PASSWORDS["admin"])
    launch(page, "undo-e2e.example.org", admin="adminfail")  # this install always fails
    expect(page.locator('[data-plan-state="failed"]')).to_be_visible(timeout=20_000)
    page.get_by_role("button", name="Undo what was created").click()
    expect(page.locator('[data-plan-state="undone"]')).to_be_visible(timeout=20_000)
    expect(page.locator('[data-step-state="undone"]')).to_have_count(2)
    page.goto(f"/hosting/{GRANTED_SERVICE}/domains/")  # the address and its database are free
    expect(page.get_by_role("rowheader", name="undo-e2e.example.org", exact=True)).to_have_count(0)

    launch(page, "flaky-e2e.example.org")  # OVH fails its first install on this address
    expect(page.locator('[data-plan-state="failed"]')).to_be_visible(timeout=20_000)
    expect(page.locator('[data-step="install"]')).to_have_attribute("data-step-state", "failed")
    expect(page.get_by_text("Already done: flaky-e2e.example.org")).to_be_visible()
    page.get_by_role("button", name="Try the step again").click()
    expect(page.locator('[data-plan-state="done"]')).to_be_visible(timeout=20_000)


def test_wordpress_is_launched_into_an_existing_empty_database(
    page: Any, users: UserFactory
) -> None:
    """A shop manager makes a database on the Databases tab, then launches WordPress into it,
    typing its password; the summary has no database to create, and Websites shows it used."""
    users.make("staff@example.com", "staff", TEST_PASSWORDS["staff"], {GRANTED_SERVICE: "operate"})
    sign_in(page, "staff@example.com", TEST_PASSWORDS["staff"])
    page.goto(OVERVIEW + "databases/new")
    page.get_by_label("User name").fill("reuse")
    page.get_by_label("Password", exact=True).fill("Reuse2024pass")
    page.get_by_label("Password again").fill("Reuse2024pass")
    page.get_by_role("button", name="Create the database").click()
    page.locator('[data-status="done"]').first.wait_for(timeout=15_000)

    page.goto(OVERVIEW + "launch/")
    page.get_by_label("Domain").fill("reuse-e2e.example.org")
    expect(page.get_by_label("Folder", exact=True)).to_have_value("reuse-e2e.example.org")
    page.get_by_label("Application", exact=True).select_option(label="WordPress 6.5.2")
    page.get_by_label("Administrator's name").fill("marie")
    page.get_by_label("Administrator's password").fill("a long passphrase")
    # The plan's last database is taken, so the empty one is chosen already.
    expect(page.get_by_label("Use an existing empty database")).to_be_checked()
    expect(page.get_by_label("Existing database")).to_have_value("examplereuse.mysql.db")
    password = page.get_by_label("Its current password, if you know it")
    expect(password).to_be_hidden()  # "Give it a new password" is the default
    page.get_by_label("I know its password").check()
    password.fill("Reuse2024pass")
    page.get_by_role("button", name="Review the launch").click()
    expect(page.get_by_text("Nothing has been sent to OVH yet")).to_be_visible()
    expect(page.get_by_text("Create the database")).to_have_count(0)
    expect(page.get_by_text("using the existing database examplereuse.mysql.db")).to_be_visible()
    page.get_by_role("button", name="Start the launch").click()
    expect(page.locator('[data-plan-state="done"]')).to_be_visible(timeout=30_000)
    expect(page.locator("[data-step]")).to_have_count(3)  # no database to create
    page.get_by_role("link", name="See it in Websites").click()
    row = page.locator('[data-site="reuse-e2e.example.org"]')
    expect(row).to_contain_text("examplereuse.mysql.db")

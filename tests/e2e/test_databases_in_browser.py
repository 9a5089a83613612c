"""Creating a database in a real browser: versions follow the engine, and the task page and the
list both go from creating to created by themselves, without a reload."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.support.browser import sign_in
from tests.support.panel import UserFactory
from tests.support.panel_data import TEST_PASSWORDS

pytestmark = pytest.mark.e2e

SERVICE = "example.cluster01.hosting.ovh.net"
DATABASES = f"/hosting/{SERVICE}/databases"


@pytest.mark.slow_tasks
def test_a_new_database_goes_from_creating_to_created_without_a_reload(
    page: Any, users: UserFactory
) -> None:
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    sign_in(page, "admin@example.com", TEST_PASSWORDS["admin"])
    page.set_default_timeout(15_000)
    context = page.context

    page.goto(DATABASES + "/new")
    assert page.get_by_role("button", name="Update versions").is_hidden()
    version = page.get_by_label("Version")
    assert version.input_value() == "8.0"
    page.get_by_label("Database engine").select_option("postgresql")
    page.locator("#version option[value='12']").wait_for(state="attached")
    assert version.input_value() == "15"
    page.get_by_label("User name").fill("shop")
    page.get_by_label("Password", exact=True).fill("Shop2024pass")
    page.get_by_label("Password again").fill("Shop2024pass")
    page.get_by_role("button", name="Create the database").click()

    page.wait_for_url("**/tasks/*")
    page.evaluate("window.stillTheSamePage = true")
    assert page.get_by_role("heading", name="Creating the database exampleshop.postgres.db")
    # The list, opened meanwhile in a second tab, shows the database being created.
    listing = context.new_page()
    listing.set_default_timeout(15_000)
    listing.goto(DATABASES + "/")
    listing.evaluate("window.stillTheSamePage = true")
    row_status = listing.locator("#status-exampleshop-postgres-db")
    first_seen = row_status.get_attribute("data-status")

    page.locator('[data-status="done"]').wait_for()
    assert page.evaluate("window.stillTheSamePage") is True
    row_status.and_(listing.locator('[data-status="created"]')).wait_for()
    assert listing.evaluate("window.stillTheSamePage") is True
    assert first_seen == "creating"
    expect(listing.get_by_role("rowheader", name="exampleshop.postgres.db")).to_be_visible()

    page.get_by_role("link", name="See the result").click()
    page.wait_for_url(f"**{DATABASES}/")
    expect(page.get_by_text("PostgreSQL 15")).to_be_visible()

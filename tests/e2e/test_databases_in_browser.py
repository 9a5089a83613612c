"""Databases in a real browser: versions follow the engine, the task page and the list both go
from creating to created by themselves, a generated password, "See the result" opening the new
database's connection details; and restoring a backup with the safety net."""

from __future__ import annotations

import re
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

    # "See the result" opens the new database itself, with its connection details.
    page.get_by_role("link", name="See the result").click()
    page.wait_for_url(f"**{DATABASES}/exampleshop.postgres.db/")
    details = page.locator(".connection-details")
    expect(details.locator('[data-connection="port"]')).to_contain_text("5432")
    expect(details.locator('[data-connection="user"]')).to_contain_text("exampleshop")


PASSWORD_RULE = re.compile(r"(?=.*[A-Z])(?=.*[a-z])(?=.*[0-9])[A-Za-z0-9]{8,30}")


def test_create_a_database_with_a_generated_password_in_four_clicks(
    page: Any, users: UserFactory
) -> None:
    """The clicks: Create a database, Generate, Create the database, See the result."""
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    sign_in(page, "admin@example.com", TEST_PASSWORDS["admin"])
    page.goto(DATABASES + "/")
    page.get_by_role("link", name="Create a database").click()
    # The plan has one offer with room: said, not asked.
    expect(page.locator(".only-offer")).to_contain_text("Databases included with the plan")
    assert page.get_by_label("Offer").count() == 0
    page.get_by_label("User name").fill("shop")
    page.get_by_role("button", name="Generate a strong password").click()
    password = page.get_by_label("Password", exact=True).input_value()
    assert PASSWORD_RULE.fullmatch(password)
    assert page.get_by_label("Password again").input_value() == password
    expect(page.get_by_text("Copy it now and keep it somewhere safe")).to_be_visible()
    page.get_by_role("button", name="Create the database").click()
    page.wait_for_url("**/tasks/**")
    page.locator('[data-status="done"]').first.wait_for(timeout=15_000)
    page.get_by_role("link", name="See the result").first.click()
    page.wait_for_url("**/databases/exampleshop.mysql.db/")
    details = page.locator(".connection-details")
    expect(details).to_contain_text("exampleshop.mysql.db")
    expect(details.locator('[data-connection="port"]')).to_contain_text("3306")
    expect(details.locator('[data-connection="user"]')).to_contain_text("exampleshop")
    # The new database is in the list at once.
    page.goto(DATABASES + "/")
    expect(page.get_by_role("rowheader", name="exampleshop.mysql.db")).to_be_visible()


def test_an_admin_restores_a_backup_with_the_safety_net(page: Any, users: UserFactory) -> None:
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    sign_in(page, "admin@example.com", TEST_PASSWORDS["admin"])
    page.goto(DATABASES + "/example.mysql.db/")
    backups = page.locator("table.backups tbody tr")
    before = backups.count()
    weekly = backups.filter(has_text="Weekly (kept by OVH)")
    weekly.get_by_role("link", name="Restore").click()
    expect(page.get_by_text("will be lost")).to_be_visible()
    safety = page.get_by_label("Back up the database as it is now first (recommended)")
    assert safety.is_checked()
    page.get_by_role("button", name="Restore this backup").click()
    page.wait_for_url("**/operations/**")  # at once: the queue does the waiting
    expect(page.get_by_text("First a safety copy of the database is made")).to_be_visible()
    expect(page.locator('[data-part="safety"]')).to_contain_text("Safety copy of example.mysql.db")
    expect(page.locator('[data-part="restore"]')).to_contain_text("from the backup you chose")
    # The page follows both parts by itself (2-second updates) until the restore is done.
    expect(page.locator('[data-outcome="done"]')).to_contain_text(
        "Done: the database is restored.", timeout=15_000
    )
    expect(page.locator('[data-part="restore"]')).to_have_attribute("data-part-state", "done")
    page.get_by_role("link", name="Back to the Databases tab").click()
    page.goto(DATABASES + "/example.mysql.db/")
    expect(page.locator("table.backups tbody tr")).to_have_count(before + 1)
    expect(page.locator("table.backups tbody tr").first).to_contain_text("Made on request")


def test_an_sql_file_is_uploaded_with_progress_and_followed_to_its_task(
    page: Any, users: UserFactory, tmp_path: Any
) -> None:
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    sign_in(page, "admin@example.com", TEST_PASSWORDS["admin"])
    dump = tmp_path / "shop.sql"
    dump.write_text("CREATE TABLE products (id INT PRIMARY KEY);\n" * 2000)
    page.goto(DATABASES + "/example.mysql.db/")
    page.get_by_role("link", name="Import an SQL file").click()
    page.get_by_label("SQL file").set_input_files(str(dump))
    page.get_by_role("button", name="Import the file").click()
    page.wait_for_url("**/tasks/**")
    expect(page.get_by_role("heading", name=re.compile("Importing data into"))).to_be_visible()
    page.locator('[data-status="done"]').first.wait_for(timeout=15_000)
    # A wrong file is said beside the field, on the same page (the script shows the answer).
    page.goto(DATABASES + "/example.mysql.db/import")
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"\x89PNG")
    page.get_by_label("SQL file").set_input_files(str(photo))
    page.get_by_role("button", name="Import the file").click()
    expect(page.locator("#file-errors")).to_contain_text("Choose a file ending in .sql")

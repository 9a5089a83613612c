"""The inventory in a real browser: a small account downloads at once; a large one is prepared by
the queue, its page updating itself until the files are offered; the spreadsheet opened."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.inventory import jobs
from app.inventory.models import PreparedInventory
from app.models import User, utcnow
from tests.support.browser import sign_in
from tests.support.panel import UserFactory
from tests.support.panel_data import GRANTED_SERVICE, TEST_PASSWORDS

pytestmark = pytest.mark.e2e
SHEETS = ["Hosting plans", "Domains", "Certificates", "Databases", "Applications", "FTP logins"]


def sheet_names(path: Path) -> list[str]:
    book = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    return re.findall(r'<sheet name="([^"]+)"', book.read("xl/workbook.xml").decode())


def test_a_small_account_downloads_the_spreadsheet_at_once(page: Any, users: UserFactory) -> None:
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    sign_in(page, "admin@example.com", TEST_PASSWORDS["admin"])
    page.goto("/hosting/")
    page.get_by_role("link", name="Inventory").first.click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Spreadsheet (XLSX), every sheet").click()
    assert sheet_names(Path(download.value.path())) == SHEETS
    assert re.fullmatch(r"inventory-all-[\d-]+\.xlsx", download.value.suggested_filename)
    expect(page.get_by_role("button", name="Prepare the inventory")).to_have_count(0)


def test_a_large_account_is_prepared_then_downloaded(
    page: Any, app: Flask, users: UserFactory
) -> None:
    app.config["INVENTORY_DIRECT_PLANS"] = 0
    users.make("staff@example.com", "staff", TEST_PASSWORDS["staff"], {GRANTED_SERVICE: "view"})
    sign_in(page, "staff@example.com", TEST_PASSWORDS["staff"])
    page.goto("/inventory/")
    page.get_by_role("button", name="Prepare the inventory").click()
    page.wait_for_url("**/inventory/prepared/*")
    expect(page.locator("[data-status]")).to_have_text("Ready")
    expect(page.get_by_text("Every plan you may see is read (1).")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Spreadsheet (XLSX), every sheet").click()
    assert sheet_names(Path(download.value.path())) == SHEETS
    with page.expect_download() as download:
        page.get_by_role("link", name="FTP logins (CSV)").click()
    assert download.value.suggested_filename.endswith(".csv")
    text = Path(download.value.path()).read_text()
    assert text.startswith("Plan (technical name),Login,") and GRANTED_SERVICE in text
    assert "password" not in text.lower()


def test_the_progress_page_updates_itself_and_says_when_it_is_ready(
    page: Any, app: Flask, users: UserFactory
) -> None:
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    sign_in(page, "admin@example.com", TEST_PASSWORDS["admin"])
    with app.app_context():
        owner = db.session.scalar(select(User.id).where(User.email == "admin@example.com"))
        running = PreparedInventory(
            user_id=owner, state="running", plans_total=40, plans_done=12,
            order=[], rows={}, expires_at=utcnow() + jobs.KEEP,
        )  # fmt: skip
        db.session.add(running)
        db.session.commit()
        prepared_id = running.id
    page.goto(f"/inventory/prepared/{prepared_id}")
    expect(page.get_by_text("12 of 40 plans read.")).to_be_visible()
    with app.app_context():  # the worker moves on, then finishes
        row = db.session.get(PreparedInventory, prepared_id)
        assert row is not None
        row.plans_done = 30
        db.session.commit()
    expect(page.get_by_text("30 of 40 plans read.")).to_be_visible()  # without reloading
    with app.app_context():
        row = db.session.get(PreparedInventory, prepared_id)
        assert row is not None
        row.state, row.plans_done = "ready", 40
        db.session.commit()
    expect(page.locator("[data-status]")).to_have_text("Ready")
    expect(page.locator("[data-task-announcer]")).to_contain_text("Ready")
    expect(page.get_by_role("link", name="JSON, for scripts")).to_be_visible()

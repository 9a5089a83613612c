"""The README's screenshots, taken from the real pages by the browser tests' own set-up
(``make screenshots`` writes them to ``docs/screenshots``). Skipped unless ``SCREENSHOTS_DIR``
names where to write them."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from app.trends.models import PLAN
from tests.support.browser import sign_in
from tests.support.certificates import intermediate, leaf
from tests.support.panel import UserFactory
from tests.support.panel_data import GRANTED_SERVICE, OTHER_SERVICE, TEST_PASSWORDS
from tests.support.trends import history

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not os.environ.get("SCREENSHOTS_DIR"), reason="make screenshots only"),
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def shoot(page: Any, name: str, full: bool = False) -> None:
    folder = Path(os.environ["SCREENSHOTS_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=full)


def test_the_readmes_screenshots(
    app: Flask, browser: Any, live_server: str, users: UserFactory
) -> None:
    # A hundred days of a growing disk, as the daily job would have kept them: the overview's trend.
    history(app, GRANTED_SERVICE, PLAN, [1500 + 3 * day for day in range(100)], 250 * 1024)
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    users.make("staff@example.com", "staff", TEST_PASSWORDS["staff"], {GRANTED_SERVICE: "operate"})
    context = browser.new_context(base_url=live_server, locale="en-GB", viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, "staff@example.com", TEST_PASSWORDS["staff"])
    page.goto("/hosting/")
    shoot(page, "staff-my-sites")
    page.goto(f"/hosting/{GRANTED_SERVICE}/")
    shoot(page, "staff-overview-activity", full=True)
    page.goto(f"/hosting/{GRANTED_SERVICE}/domains/")
    page.wait_for_function("() => !document.querySelector('main').innerText.includes('Checking…')")
    shoot(page, "staff-domains")
    page.goto(f"/hosting/{GRANTED_SERVICE}/domains/attach")
    page.get_by_label("Domain", exact=True).fill("shop.example.org")
    page.get_by_role("button", name="Attach the domain").click()
    page.wait_for_url("**/tasks/**")
    page.locator('[data-status="done"]').first.wait_for()
    shoot(page, "staff-task-done")
    page.set_viewport_size(PHONE)
    page.goto(f"/hosting/{GRANTED_SERVICE}/domains/")
    shoot(page, "phone-domains")
    context.close()

    context = browser.new_context(base_url=live_server, locale="en-GB", viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, "admin@example.com", TEST_PASSWORDS["admin"])
    page.goto("/hosting/")
    shoot(page, "admin-hosting")
    page.goto("/inventory/")
    shoot(page, "admin-inventory")
    mine = leaf("example.org", "www.example.org")
    page.goto(f"/hosting/{OTHER_SERVICE}/ssl/import")
    page.get_by_label("Certificate", exact=True).fill(mine.pem)
    page.get_by_label("Private key", exact=True).fill(mine.key_pem)
    page.get_by_label("Chain (optional)").fill(intermediate().pem)
    page.get_by_role("button", name="Check the certificate").click()
    page.get_by_role("button", name="Import", exact=True).wait_for()
    shoot(page, "admin-certificate-review")
    context.close()

"""What a person sees of the hosting list in a real browser."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.support.browser import sign_in
from tests.support.panel import UserFactory
from tests.support.panel_data import TEST_PASSWORDS

pytestmark = pytest.mark.e2e


def test_a_person_sees_the_hosting_plans_and_can_switch_to_french(
    page: Any, users: UserFactory
) -> None:
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    sign_in(page, "admin@example.com", TEST_PASSWORDS["admin"])
    page.goto("/hosting/")
    expect(page.get_by_role("heading", name="Hosting")).to_be_visible()
    expect(page.get_by_text("Demo mode: connected to the built-in OVH sandbox")).to_be_visible()
    rows = page.locator("table.services tbody tr")
    assert rows.count() == 3
    assert page.get_by_role("rowheader", name="example2.cluster02.hosting.ovh.net").count() == 1
    expect(page.get_by_role("progressbar").first).to_be_visible()

    page.get_by_role("button", name="Français").click()
    page.wait_for_url("**/hosting/")
    expect(page.get_by_role("heading", name="Hébergements")).to_be_visible()
    expect(page.get_by_text("Mode démo")).to_be_visible()

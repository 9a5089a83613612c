"""A domain attached with the keyboard alone: Tab to move, Enter to follow or send, typing to fill
in; the focus visible at every stop, the form's errors announced, and the task's progress said in
the page's live region without the focus moving."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.support.browser import sign_in, tab_to
from tests.support.panel import UserFactory
from tests.support.panel_data import GRANTED_SERVICE, TEST_PASSWORDS

pytestmark = pytest.mark.e2e
DOMAINS = f"/hosting/{GRANTED_SERVICE}/domains/"


@pytest.mark.slow_tasks
def test_a_staff_member_attaches_a_domain_without_the_mouse(page: Any, users: UserFactory) -> None:
    users.make("staff@example.com", "staff", TEST_PASSWORDS["staff"], {GRANTED_SERVICE: "operate"})
    sign_in(page, "staff@example.com", TEST_PASSWORDS["staff"])
    page.goto(DOMAINS)
    tab_to(page, "Skip to content")
    tab_to(page, "Attach a domain")
    page.keyboard.press("Enter")
    page.wait_for_url("**/domains/attach")

    tab_to(page, "Attach the domain")  # sent empty first: the error is announced beside the field
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    domain = page.get_by_label("Domain", exact=True)
    assert domain.get_attribute("aria-invalid") == "true"
    errors = page.locator("#domain-errors")
    assert errors.get_attribute("role") == "alert" and errors.inner_text()
    assert "domain-errors" in (domain.get_attribute("aria-describedby") or "")

    tab_to(page, "Domain")
    page.keyboard.type("keys.example.org")
    tab_to(page, "Attach the domain")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tasks/**")

    announcer = page.locator("[data-task-announcer]")
    assert announcer.get_attribute("aria-live") == "polite"
    page.locator('[data-status="done"]').first.wait_for(timeout=15_000)
    page.wait_for_function(
        "() => document.querySelector('[data-task-announcer]').textContent.includes('Done')"
    )
    assert "keys.example.org" in announcer.inner_text()
    assert page.evaluate("document.activeElement === document.body")  # the focus was not moved
    tab_to(page, "Domains")
    page.keyboard.press("Enter")
    page.wait_for_url("**/domains/")
    expect(page.get_by_role("rowheader", name="keys.example.org", exact=True)).to_be_visible()

"""How an operation ends, in a real browser: HTTPS followed until it is really on, and a failed
operation's "Try again" landing on the form filled in as it was."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.support.browser import sign_in
from tests.support.panel import UserFactory
from tests.support.panel_data import GRANTED_SERVICE, TEST_PASSWORDS

pytestmark = pytest.mark.e2e
DOMAINS = f"/hosting/{GRANTED_SERVICE}/domains/"


@pytest.mark.slow_tasks
def test_attaching_with_https_is_followed_until_https_is_active(
    page: Any, users: UserFactory
) -> None:
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    sign_in(page, "admin@example.com", TEST_PASSWORDS["admin"])
    page.goto(DOMAINS)
    page.get_by_role("link", name="Attach a domain").click()
    page.get_by_label("Domain").fill("secure-shop.example.com")
    assert page.get_by_label("Secure with HTTPS (SSL)").is_checked()
    page.get_by_role("button", name="Attach the domain").click()
    page.wait_for_url("**/tasks/**")
    task_url = page.url

    # The attach ends, then the panel renews the certificate itself and the page follows it.
    page.locator('[data-https="working"]').wait_for(timeout=20_000)
    expect(page.get_by_text("Switching HTTPS on")).to_be_visible()
    page.locator('[data-https="active"]').wait_for(timeout=20_000)
    expect(page.get_by_text("HTTPS active")).to_be_visible()
    assert page.url == task_url  # no reload, no click

    page.get_by_role("link", name="See the result").click()
    row = page.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="secure-shop.example.com")
    )
    expect(row.get_by_text("HTTPS", exact=True)).to_be_visible()
    assert row.get_by_text("HTTPS pending").count() == 0


@pytest.mark.slow_tasks
def test_a_failed_attach_says_why_and_try_again_opens_the_form_filled_in(
    page: Any, users: UserFactory
) -> None:
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    sign_in(page, "admin@example.com", TEST_PASSWORDS["admin"])
    page.goto(f"/hosting/{GRANTED_SERVICE}/domains/attach")
    page.get_by_label("Domain").fill("fail-retry.example.com")
    page.get_by_label("Folder").fill("retry")
    page.get_by_label("Secure with HTTPS (SSL)").uncheck()
    page.get_by_role("button", name="Attach the domain").click()
    page.wait_for_url("**/tasks/**")

    page.locator('[data-status="cancelled"]').wait_for(timeout=20_000)
    assert page.get_by_text(
        "fail-retry.example.com: OVH did not complete this operation."
    ).is_visible()
    expect(page.get_by_text("Likely cause:")).to_be_visible()
    page.get_by_role("link", name="Try again").click()
    page.wait_for_url("**/domains/attach**")
    assert page.get_by_label("Domain").input_value() == "fail-retry.example.com"
    assert page.get_by_label("Folder").input_value() == "retry"
    assert not page.get_by_label("Secure with HTTPS (SSL)").is_checked()

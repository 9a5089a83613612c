"""Attaching a domain in a real browser, and following its tasks to the end without reloading."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import expect

from app.extensions import ovh_api
from tests.support.browser import sign_in
from tests.support.panel import UserFactory
from tests.support.panel_data import GRANTED_SERVICE, TEST_PASSWORDS

pytestmark = pytest.mark.e2e
DOMAINS = f"/hosting/{GRANTED_SERVICE}/domains/"


@pytest.mark.slow_tasks
def test_an_admin_attaches_a_domain_with_www_and_watches_both_tasks_finish(
    page: Any, users: UserFactory
) -> None:
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    sign_in(page, "admin@example.com", TEST_PASSWORDS["admin"])
    page.goto(DOMAINS)
    page.get_by_role("link", name="Attach a domain").click()
    page.get_by_label("Domain").fill("shop.example.org")
    page.get_by_role("button", name="Attach the domain").click()

    # shop.example.org is a subdomain: attached alone. Now a main domain, with its www pair.
    page.wait_for_url("**/tasks/**")
    page.goto(DOMAINS)
    page.get_by_role("link", name="Attach a domain").click()
    page.get_by_label("Domain").fill("shop-example.org")
    assert page.get_by_label("Also attach the www. version").is_checked()
    page.get_by_role("button", name="Attach the domain").click()
    page.wait_for_url("**/tasks/**")
    task_url = page.url
    for name in ("shop-example.org", "www.shop-example.org"):
        heading = page.get_by_role("heading", name=f"Attaching {name} to Example shop")
        expect(heading).to_be_visible()

    done = page.locator('[data-status="done"]')
    done.nth(1).wait_for(timeout=15_000)
    assert done.count() == 2
    assert page.url == task_url  # the page updated itself: no reload, no navigation
    page.get_by_role("link", name="See the result").first.click()
    for name in ("shop.example.org", "shop-example.org", "www.shop-example.org"):
        expect(page.get_by_role("rowheader", name=name, exact=True)).to_be_visible()


def test_a_view_only_member_has_no_attach_button_and_a_forged_post_is_refused(
    page: Any, users: UserFactory
) -> None:
    users.make("staff@example.com", "staff", TEST_PASSWORDS["staff"], {GRANTED_SERVICE: "view"})
    sign_in(page, "staff@example.com", TEST_PASSWORDS["staff"])
    page.goto(DOMAINS)
    expect(page.get_by_role("rowheader", name="example.com", exact=True)).to_be_visible()
    assert page.get_by_role("link", name="Attach a domain").count() == 0
    token = page.locator('input[name="csrf_token"]').first.get_attribute("value")
    answer = page.request.post(
        f"/hosting/{GRANTED_SERVICE}/domains/attach",
        form={"csrf_token": token, "domain": "forged.example.org", "path": "www"},
    )
    assert answer.status == 403


def test_the_dns_steps_can_be_copied_and_checked_again_without_leaving_the_page(
    page: Any, users: UserFactory
) -> None:
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    sign_in(page, "admin@example.com", TEST_PASSWORDS["admin"])
    page.goto(DOMAINS)
    cell = page.locator('[data-dns-for="xn--caf-dma.example.com"]')
    cell.get_by_text("Points elsewhere").wait_for()
    cell.get_by_text("How to make it point here").click()
    copy_name = cell.get_by_role("button", name="Copy the name café").first
    expect(copy_name).to_be_visible()  # shown once the script knows a clipboard exists
    url = page.url
    cell.get_by_role("link", name="Check again").click()
    fresh = page.locator('[data-dns-for="xn--caf-dma.example.com"]')
    fresh.get_by_role("link", name="Check again").wait_for()  # the cell came back
    expect(page.locator("p[data-dns-summary]")).to_contain_text("DNS checked just now.")
    assert page.url == url  # checked in place
    expect(
        fresh.get_by_text("Remove the A / AAAA records named “café”")
    ).to_be_visible()  # still open


@pytest.mark.cached
def test_the_dns_column_of_a_large_plan_fills_in_as_the_background_checks_it(
    page: Any, users: UserFactory, app: Flask, sandbox: Any
) -> None:
    sandbox.reset(domains=30)
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    sign_in(page, "admin@example.com", TEST_PASSWORDS["admin"])
    page.goto("/hosting/example3.cluster03.hosting.ovh.net/domains/")
    page.get_by_text("Still checking 24 of them.").wait_for()
    assert page.locator(".dns-pending").count() == 24  # six checked while the person waited
    with app.app_context():
        assert ovh_api.gateway.refresher.drain() == 24  # what the background thread does
    # The page's script asks again a few seconds later, without a reload.
    expect(page.locator(".dns-pending")).to_have_count(0, timeout=15_000)
    assert "Still checking" not in page.locator("p[data-dns-summary]").inner_text()
    assert page.get_by_text("Points elsewhere").count() > 0

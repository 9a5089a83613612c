"""Importing a certificate in a real browser: a mismatched key first, then the right one, its
review (names, issuer, expiry, domains with HTTPS it leaves out), then "Import"."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.support.browser import sign_in
from tests.support.certificates import intermediate, leaf
from tests.support.panel import UserFactory
from tests.support.panel_data import TEST_PASSWORDS

pytestmark = pytest.mark.e2e
NO_CERT = "example2.cluster02.hosting.ovh.net"
SN = "example.cluster01.hosting.ovh.net"


def test_a_mismatched_key_is_refused_beside_it_then_the_right_one_is_imported(
    page: Any, users: UserFactory
) -> None:
    mine = leaf("example.org", "www.example.org")
    stranger = leaf("example.org")
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    sign_in(page, "admin@example.com", TEST_PASSWORDS["admin"])
    page.goto(f"/hosting/{NO_CERT}/ssl/")
    expect(page.get_by_role("heading", name="No certificate yet")).to_be_visible()
    page.get_by_role("link", name="Import my own certificate").click()

    page.get_by_label("Certificate", exact=True).fill(mine.pem)
    page.get_by_label("Private key", exact=True).fill(stranger.key_pem)
    page.get_by_label("Chain (optional)").fill(intermediate().pem)
    page.get_by_role("button", name="Check the certificate").click()
    expect(
        page.locator("#key-errors").get_by_text("does not match the certificate")
    ).to_be_visible()
    assert page.get_by_label("Private key", exact=True).input_value() == ""
    assert "BEGIN CERTIFICATE" in page.get_by_label("Certificate", exact=True).input_value()

    page.get_by_label("Private key", exact=True).fill(mine.key_pem)
    page.get_by_role("button", name="Check the certificate").click()
    expect(
        page.get_by_role("heading", name="Review the certificate before it is sent")
    ).to_be_visible()
    assert page.locator('[data-review="names"] li').all_inner_texts() == [
        "example.org",
        "www.example.org",
    ]
    assert page.locator('[data-review="issuer"]').inner_text() == "Panel Test Intermediate CA"
    assert (
        str(mine.cert.not_valid_after_utc.year)
        in page.locator('[data-review="expiry"]').inner_text()
    )
    assert page.locator('[data-review="self-signed"]').count() == 0
    page.get_by_role("button", name="Import", exact=True).click()
    page.wait_for_url("**/tasks/*")
    expect(page.get_by_text("Installing your own SSL certificate").first).to_be_visible()
    page.locator('[data-status="done"]').wait_for()
    page.get_by_role("link", name="See the result").click()
    page.wait_for_url("**/ssl/")
    expect(page.get_by_text("Imported (your own certificate)")).to_be_visible()
    expect(page.get_by_text("www.example.org").first).to_be_visible()


def test_a_replacement_answers_at_once_and_imports_once_the_old_certificate_is_gone(
    page: Any, users: UserFactory
) -> None:
    mine = leaf("example.com", "www.example.com", "blog.example.com")
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    sign_in(page, "admin@example.com", TEST_PASSWORDS["admin"])
    page.goto(f"/hosting/{SN}/ssl/replace")
    page.get_by_label("Certificate", exact=True).fill(mine.pem)
    page.get_by_label("Private key", exact=True).fill(mine.key_pem)
    page.get_by_label("Chain (optional)").fill(intermediate().pem)
    page.get_by_label("Yes, remove the current certificate and install mine").check()
    page.get_by_role("button", name="Check the certificate").click()
    page.get_by_role("button", name="Import", exact=True).click()
    page.wait_for_url("**/operations/*")  # at once: the queue does the waiting
    expect(page.get_by_text("First OVH removes the current certificate")).to_be_visible()
    expect(page.locator('[data-part="ssl_remove"]')).to_contain_text("Remove the current")
    expect(page.locator('[data-part="ssl_import"]')).to_contain_text("Import your certificate")
    expect(page.locator('[data-outcome="done"]')).to_contain_text(
        "Done: your certificate replaces the previous one.", timeout=15_000
    )
    page.get_by_role("link", name="Back to the SSL tab").click()
    expect(page.get_by_text("Imported (your own certificate)")).to_be_visible()

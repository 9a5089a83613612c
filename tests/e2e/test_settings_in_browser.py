"""Everyday settings in a real browser: an FTP login restricted to a folder, made with a suggested
password, whose connection details are read and copied; PHP switched to another version and back
after reviewing what changes."""

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
ACCESS = f"/hosting/{SERVICE}/access"
PHP = f"/hosting/{SERVICE}/php"


def test_an_ftp_login_for_one_folder_with_a_suggested_password(
    page: Any, users: UserFactory
) -> None:
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    sign_in(page, "admin@example.com", TEST_PASSWORDS["admin"])
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"/hosting/{SERVICE}/")
    page.get_by_role("link", name="FTP and SSH").click()
    page.get_by_role("link", name="Create a login").click()

    page.get_by_label("Login name").fill("marie")
    page.get_by_label("Folder it can reach").select_option("shop")
    page.get_by_label("How it connects").select_option("sftponly")
    page.get_by_role("button", name="Generate a strong password").click()
    suggested = page.get_by_label("Password", exact=True).input_value()
    assert re.fullmatch(r"(?=.*[A-Z])(?=.*[a-z])(?=.*[0-9])[A-Za-z0-9]{8,30}", suggested)
    assert page.get_by_label("Password", exact=True).input_value() == suggested
    assert page.get_by_label("Password again").input_value() == suggested
    page.get_by_role("button", name="Create the login").click()

    page.wait_for_url(f"**{ACCESS}/example-marie/?task=*")
    page.locator('[data-status="done"]').wait_for()
    assert (
        page.locator('[data-detail="sftp-host"]').text_content() == "ssh.cluster01.hosting.ovh.net"
    )
    expect(page.locator('[data-detail="ftp-user"]')).to_have_text("example-marie")
    copy = page.get_by_role("button", name="Copy Server").first
    copy.click()
    expect(copy).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == "ssh.cluster01.hosting.ovh.net"
    assert suggested not in page.content()

    page.get_by_role("link", name="FTP and SSH").first.click()
    row = page.locator('tr[data-login="example-marie"]')
    expect(row.get_by_text("shop")).to_be_visible()
    expect(row.get_by_text("FTP and SFTP")).to_be_visible()


def test_php_goes_to_another_version_and_back(page: Any, users: UserFactory) -> None:
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    sign_in(page, "admin@example.com", TEST_PASSWORDS["admin"])
    page.goto(f"/hosting/{SERVICE}/")
    page.get_by_role("link", name="PHP", exact=True).click()
    main = page.locator("section.php-main")
    expect(main.locator("[data-php-version]")).to_have_text("8.1")
    expect(main.get_by_text("PHP 8.1 no longer gets security fixes")).to_be_visible()

    main.get_by_role("link", name="Change").click()
    page.get_by_label("PHP version").select_option("8.3")
    page.get_by_role("button", name="Review the changes").click()
    expect(page.locator('tr[data-change="engineVersion"]').get_by_text("8.3")).to_be_visible()
    expect(page.locator("[data-eol-warning]")).to_have_count(0)
    page.get_by_role("button", name="Apply these changes").click()
    page.wait_for_url("**/tasks/*")
    page.locator('[data-status="done"]').wait_for()

    page.goto(PHP + "/")
    expect(main.locator("[data-php-version]")).to_have_text("8.3")
    main.get_by_role("link", name="Go back to an earlier configuration").click()
    page.get_by_label("Go back to").select_option(
        label=page.locator("#rollback_id option", has_text="PHP 8.1").first.text_content()
    )
    page.get_by_role("button", name="Go back to this configuration").click()
    page.wait_for_url("**/tasks/*")
    page.locator('[data-status="done"]').wait_for()
    page.goto(PHP + "/")
    expect(main.locator("[data-php-version]")).to_have_text("8.1")

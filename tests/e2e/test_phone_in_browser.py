"""The panel on a 390 px phone: no page scrolls sideways, tables stack, the menu folds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.support.panel import UserFactory
from tests.support.panel_data import GRANTED_SERVICE, OTHER_SERVICE, TEST_PASSWORDS

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
SERVICE = f"/hosting/{GRANTED_SERVICE}"
ADMIN_PAGE = "the administrator's own page"
MAIN_PAGES = (
    "/hosting/",
    f"{SERVICE}/",
    f"{SERVICE}/websites/",
    f"{SERVICE}/launch/",
    f"{SERVICE}/domains/",
    f"{SERVICE}/ssl/",
    f"{SERVICE}/databases/",
    f"{SERVICE}/tasks/",
    f"/hosting/{OTHER_SERVICE}/domains/",
    f"{SERVICE}/domains/attach",
    f"{SERVICE}/domains/blog.example.com/modify",
    f"{SERVICE}/domains/blog.example.com/detach",
    f"{SERVICE}/ssl/import",
    f"{SERVICE}/databases/new",
    f"{SERVICE}/databases/example.mysql.db/",
    f"{SERVICE}/databases/example.mysql.db/password",
    f"{SERVICE}/databases/example.mysql.db/delete",
    f"{SERVICE}/databases/backups",
    f"{SERVICE}/databases/example.mysql.db/back-up",
    f"{SERVICE}/databases/example.mysql.db/backups/7100002/delete",
    f"{SERVICE}/access/",
    f"{SERVICE}/access/new",
    f"{SERVICE}/access/example-agency/",
    f"{SERVICE}/php/",
    f"{SERVICE}/php/1001/change",
    f"{SERVICE}/cron/",
    f"{SERVICE}/cron/new",
    "/hosting/history",
    "/admin/users",
    ADMIN_PAGE,
    "/admin/users/new",
    "/admin/audit",
    "/admin/connection",
    "/auth/profile",
    "/profile/notifications",
    "/approvals/",
    "/admin/background",
    "/inventory/",
)
# A 1280 px screen at 200 % zoom: 640 CSS pixels across.
ZOOMED = {"width": 640, "height": 400}


def phone_page(browser: Any, live_server: str, users: UserFactory, locale: str) -> Iterator[Any]:
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"], {OTHER_SERVICE: "view"})
    context = browser.new_context(base_url=live_server, locale=locale, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/auth/sign-in")  # by field names: the labels are in the context's language
    page.locator("input[name=email]").fill("admin@example.com")
    page.locator("input[name=password]").fill(TEST_PASSWORDS["admin"])
    page.locator("main [type=submit]").click()
    page.wait_for_url(lambda url: "/auth/sign-in" not in url)
    yield page
    context.close()


@pytest.fixture
def phone(browser: Any, live_server: str, users: UserFactory) -> Iterator[Any]:
    yield from phone_page(browser, live_server, users, "en-GB")


@pytest.fixture
def french_phone(browser: Any, live_server: str, users: UserFactory) -> Iterator[Any]:
    yield from phone_page(browser, live_server, users, "fr-FR")


def page_width(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def test_the_domains_tab_fits_a_phone_and_shows_every_column(phone: Any) -> None:
    phone.goto(f"{SERVICE}/domains/")
    assert page_width(phone) <= PHONE["width"]
    row = phone.get_by_role("row").filter(
        has=phone.get_by_role("rowheader", name="example.com", exact=True)
    )
    # Each stacked cell names its column, and sits inside the screen.
    for column in ("Status", "DNS"):
        cell = row.locator(f'td[data-label="{column}"]')
        expect(cell).to_be_visible()
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    modify = row.get_by_role("link", name="Modify")
    expect(modify).to_be_visible()
    box = modify.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]
    # The DNS verdict arrives after the page: it must fit too.
    row.get_by_text("Points to this hosting").wait_for()
    assert page_width(phone) <= PHONE["width"]


def too_wide(page: Any, screen: int = PHONE["width"]) -> dict[str, int]:
    widths = {}
    for path in MAIN_PAGES:
        if path == ADMIN_PAGE:  # the administrator's own page: its id depends on the database
            page.goto("/admin/users")
            own = page.get_by_role("link", name="admin@example.com", exact=True)
            path = own.get_attribute("href")
        answer = page.goto(path)
        assert answer is not None and answer.status == 200, path  # a page, not an error
        page.wait_for_load_state("networkidle")
        if page_width(page) > screen:
            widths[path] = page_width(page)
    return widths


def test_no_main_page_scrolls_sideways_on_a_phone(phone: Any) -> None:
    assert too_wide(phone) == {}


def test_no_main_page_scrolls_sideways_on_a_phone_in_french(french_phone: Any) -> None:
    # French words are longer: a row of buttons that fits in English may not.
    assert too_wide(french_phone) == {}


def test_no_main_page_scrolls_sideways_at_200_percent_zoom_in_french(french_phone: Any) -> None:
    french_phone.set_viewport_size(ZOOMED)
    assert too_wide(french_phone, ZOOMED["width"]) == {}


def test_the_menu_folds_behind_a_button_on_a_phone(phone: Any) -> None:
    phone.goto("/hosting/")
    users_link = phone.get_by_role("link", name="Users")
    expect(users_link).not_to_be_visible()
    phone.get_by_role("button", name="Menu").click()
    users_link.wait_for(state="visible")
    users_link.click()
    phone.wait_for_url("**/admin/users")


def test_filters_fold_behind_a_button_on_a_phone(phone: Any) -> None:
    phone.goto(f"{SERVICE}/databases/")
    engine = phone.get_by_label("Name contains")
    expect(engine).not_to_be_visible()
    phone.get_by_role("button", name="Filters").click()
    engine.wait_for(state="visible")

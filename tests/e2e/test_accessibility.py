"""axe-core on every page of the panel, as an administrator and as a staff member, in English and
in French: no violation. The pages come from the URL map (``tests/support/accessibility.py``)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.trends.models import PLAN
from tests.support.accessibility import (
    AFTER_FORMS,
    ANONYMOUS,
    AXE_RUN,
    ERRORS,
    axe_source,
    endpoint_of,
    html_endpoints,
    pages,
    summary,
    violations,
)
from tests.support.browser import sign_in
from tests.support.certificates import leaf
from tests.support.panel import AuthActions, UserFactory
from tests.support.panel_data import GRANTED_SERVICE, OTHER_SERVICE, TEST_PASSWORDS
from tests.support.trends import history

pytestmark = pytest.mark.e2e
ROLES = {
    "admin": ("admin@example.com", "admin", None),
    "staff": ("staff@example.com", "staff", {GRANTED_SERVICE: "operate"}),
}


@pytest.fixture
def caught_mail(app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo's page of caught mail exists only with a folder to read: it gets an empty one."""
    monkeypatch.setitem(app.config, "MAIL_CATCH_DIR", str(tmp_path / "mail"))


@pytest.fixture
def use_history(app: Flask) -> None:
    """The overview's and the databases' trend charts drawn (the other plan's pages say the trend
    comes later): a growing disk, and a database near its quota (its line drawn)."""
    history(app, GRANTED_SERVICE, PLAN, [1500 + 3 * day for day in range(100)], 250 * 1024)
    history(app, GRANTED_SERVICE, "exampleblog.mysql.db", [340 + day for day in range(50)], 400)


@pytest.mark.usefixtures("caught_mail", "use_history")
@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("role", ["admin", "staff"])
def test_every_page_has_no_accessibility_violation(
    role: str,
    language: str,
    app: Flask,
    client: FlaskClient,
    users: UserFactory,
    auth: AuthActions,
    browser: Any,
    live_server: str,
) -> None:
    context = browser.new_context(base_url=live_server, locale=language)
    context.add_init_script(script=axe_source())
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        results = {path: violations(page, path) for path in ANONYMOUS}
        email, kind, grants = ROLES[role]
        users.make(email, kind, TEST_PASSWORDS[kind], grants)
        assert auth.sign_in(email, TEST_PASSWORDS[kind]).status_code == 302
        sign_in_as(page, email, TEST_PASSWORDS[kind], language)
        for path in [*(each.path for each in pages(app, client)), *ERRORS]:
            results[path] = violations(page, path)
        results.update(after_forms(page, role, app))
    finally:
        context.close()
    report(role, language, results)
    assert not any(results.values()), summary({k: v for k, v in results.items() if v})


@pytest.mark.usefixtures("caught_mail")
def test_every_page_of_the_url_map_is_among_those_checked(
    app: Flask, client: FlaskClient, users: UserFactory, auth: AuthActions
) -> None:
    reached = {endpoint_of(app, path) for path in ANONYMOUS} | set(AFTER_FORMS)
    for email, kind, grants in ROLES.values():
        users.make(email, kind, TEST_PASSWORDS[kind], grants)
        assert auth.sign_in(email, TEST_PASSWORDS[kind]).status_code == 302
        reached |= {page.endpoint for page in pages(app, client)}
        auth.sign_out()
    missing = html_endpoints(app) - reached
    assert not missing, f"pages no link leads to (add a start in accessibility.py): {missing}"


def after_forms(page: Any, role: str, app: Flask) -> dict[str, list[dict[str, Any]]]:
    """Pages only a sent form shows: a form with its errors, a certificate's review, a launch's
    summary, a request to an administrator, an operation in parts (each of ``AFTER_FORMS`` is
    opened here)."""
    found = {}
    reached = set()
    page.goto(f"/hosting/{GRANTED_SERVICE}/launch/")
    page.locator("input[name=domain]").fill(f"a11y-{role}.example.org")
    page.locator("input[name=admin_name]").fill("marie")
    page.locator("input[name=admin_password]").fill("a long passphrase")
    page.locator("main form[method=post] [type=submit]").first.click()
    page.wait_for_load_state()
    reached.add(endpoint_of(app, urlsplit(page.url).path))
    found["launch summary"] = page.evaluate(AXE_RUN)
    if role == "staff":
        page.goto(f"/hosting/{GRANTED_SERVICE}/databases/exampleblog.mysql.db/delete")
        page.locator("input[name=confirm_name]").fill("exampleblog.mysql.db")
        page.locator("textarea[name=why]").fill("The old blog is closed.")
        page.locator("main form[method=post] [type=submit]").first.click()
        page.wait_for_url("**/approvals/*")
        reached.add(endpoint_of(app, urlsplit(page.url).path))
        found["request to an administrator"] = page.evaluate(AXE_RUN)
    app.config["INVENTORY_DIRECT_PLANS"] = 0  # the queue prepares it, whatever the account
    page.goto("/inventory/")
    page.locator("main form[method=post] [type=submit]").first.click()
    page.wait_for_url("**/inventory/prepared/*")
    reached.add(endpoint_of(app, urlsplit(page.url).path))
    found["prepared inventory"] = page.evaluate(AXE_RUN)
    if role == "admin":  # a restore is an administrator's
        page.goto(f"/hosting/{GRANTED_SERVICE}/databases/example.mysql.db/")
        page.locator("table.backups a[href$='/restore']").first.click()
        page.locator("main form[method=post] [type=submit]").first.click()
        page.wait_for_url("**/operations/**")
        reached.add(endpoint_of(app, urlsplit(page.url).path))
        found["operation in parts"] = page.evaluate(AXE_RUN)
    only = {"staff": "operations.show", "admin": "approvals.show"}[role]
    assert reached == {e for e in AFTER_FORMS if e != only}
    page.goto(f"/hosting/{GRANTED_SERVICE}/domains/attach")
    page.locator("main form[method=post] [type=submit]").first.click()
    page.wait_for_load_state()
    found["attach, sent empty"] = page.evaluate(AXE_RUN)
    if role == "admin":
        mine = leaf("example.org", "www.example.org")
        page.goto(f"/hosting/{OTHER_SERVICE}/ssl/import")
        page.locator("textarea[name=certificate]").fill(mine.pem)
        page.locator("textarea[name=key]").fill(mine.key_pem)
        page.locator("main form[method=post] [type=submit]").first.click()
        page.locator("input[name=reviewed]").wait_for(state="attached")
        found["certificate review"] = page.evaluate(AXE_RUN)
    return found


def sign_in_as(page: Any, email: str, password: str, language: str) -> None:
    if language == "en":
        sign_in(page, email, password)
        return
    page.goto("/auth/sign-in")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(lambda url: "/auth/sign-in" not in url)


def report(role: str, language: str, results: dict[str, list[dict[str, Any]]]) -> None:
    """With ``A11Y_REPORT=<folder>``, the violations per page, for the record."""
    folder = os.environ.get("A11Y_REPORT")
    if folder:
        counts = {path: sum(v["count"] for v in found) for path, found in results.items()}
        detail = {path: found for path, found in results.items() if found}
        with open(os.path.join(folder, f"{role}-{language}.json"), "w") as out:
            json.dump({"counts": counts, "violations": detail}, out, indent=1)

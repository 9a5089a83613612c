"""Launching an application into one of the plan's existing empty databases: what the form
offers and refuses, the steps (no database created; a new password when asked), a wrong password
failing OVH's install, and an undo that leaves the database."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from app.extensions import db
from app.models import AuditEntry, LaunchPlan
from tests.support.forms import csrf_token
from tests.support.panel_data import GRANTED_SERVICE
from tests.web.test_launch import EN, LAUNCH, fill, press

DATABASES = f"/hosting/{GRANTED_SERVICE}/databases"
EMPTY = "exampledata.mysql.db"
PASSWORD = "Data2024pass"


def create_empty_database(client: FlaskClient) -> None:
    """The plan's third and last database, made on the Databases tab: empty, used by nothing."""
    token = csrf_token(client.get(DATABASES + "/new", headers=EN).get_data(as_text=True))
    answer = client.post(
        DATABASES + "/new",
        data={
            "csrf_token": token,
            "capabilitie": "sqlPerso",
            "type": "mysql",
            "version": "8.0",
            "user": "data",
            "password": PASSWORD,
            "confirm": PASSWORD,
        },
        headers=EN,
    )
    assert answer.status_code == 302, answer.get_data(as_text=True)


def into_existing(client: FlaskClient, domain: str, **fields: Any) -> Any:
    values = {"with_www": None, "ssl": None, "database_choice": "existing",
              "existing_database": EMPTY, "password_way": "known",
              "database_password": PASSWORD, **fields}  # fmt: skip
    return fill(client, domain, **values)


def run(client: FlaskClient, summary_url: str, until: str) -> str:
    for _ in range(8):
        page = client.get(summary_url + "/progress", headers=EN).get_data(as_text=True)
        if f'data-plan-state="{until}"' in page:
            break
    return page


def test_without_an_empty_database_the_choice_is_not_offered_and_the_form_says_why(
    admin_client: FlaskClient,
) -> None:
    html = admin_client.get(LAUNCH, headers=EN).get_data(as_text=True)
    assert 'name="database_choice"' not in html and "data-no-existing-database" in html
    assert "No existing database can take it" in html  # example.mysql.db holds 112 MB


def test_the_form_offers_only_empty_mysql_databases_and_checks_the_password(
    admin_client: FlaskClient,
) -> None:
    create_empty_database(admin_client)
    html = admin_client.get(LAUNCH, headers=EN).get_data(as_text=True)
    assert f'<option value="{EMPTY}">' in html or f'<option selected value="{EMPTY}">' in html
    assert '<option value="example.mysql.db">' not in html  # holds data
    assert "exampleblog" not in html  # MariaDB, and WordPress's database
    # The plan has no database left to create: the existing one is chosen already.
    assert 'checked class="form-check-input" id="database_choice-1"' in html
    new = fill(admin_client, "refused.example.org", with_www=None, database_choice="new")
    assert "This plan has no database left to create: use an existing empty one." in (
        new.get_data(as_text=True)
    )
    bad = into_existing(admin_client, "refused.example.org", database_password="short")
    assert "The password must be 8 to 30 characters long (it has 5)." in bad.get_data(as_text=True)
    other = into_existing(admin_client, "refused.example.org", existing_database="example.mysql.db")
    assert "Choose one of the empty databases offered." in other.get_data(as_text=True)


def test_wordpress_goes_into_the_existing_database_with_its_password(
    app: Flask, admin_client: FlaskClient, sandbox: Any
) -> None:
    create_empty_database(admin_client)
    summary = into_existing(admin_client, "reuse.example.org")
    assert summary.status_code == 302
    html = admin_client.get(summary.location, headers=EN).get_data(as_text=True)
    assert "Create the database" not in html and "a new password" not in html
    assert f"using the existing database {EMPTY}" in html and PASSWORD not in html
    sandbox.clear_stats()
    press(admin_client, summary.location, "start")
    page = run(admin_client, summary.location, "done")
    assert 'data-plan-state="done"' in page and page.count('data-step-state="done"') == 2
    writes = {r for r in sandbox.stats()["by_route"] if not r.startswith("GET")}
    assert writes == {"POST /hosting/web/{serviceName}/attachedDomain",
                      "POST /hosting/web/{serviceName}/module"}  # fmt: skip
    with app.app_context():
        assert db.session.query(LaunchPlan).one().sealed is None
        entry = db.session.query(AuditEntry).filter_by(action="site.launch").one()
        assert PASSWORD not in str(entry.parameters)
    sites = admin_client.get(f"/hosting/{GRANTED_SERVICE}/websites/", headers=EN)
    assert EMPTY in sites.get_data(as_text=True)  # the Websites tab shows the database it uses
    again = admin_client.get(LAUNCH, headers=EN).get_data(as_text=True)
    assert EMPTY not in again  # now used by WordPress, and no longer empty
    assert "This plan has no database left to create and no empty one" in again


def test_a_new_password_is_a_step_before_the_install(admin_client: FlaskClient) -> None:
    create_empty_database(admin_client)
    summary = into_existing(admin_client, "renew.example.org", password_way="reset",
                            database_password=None)  # fmt: skip
    html = admin_client.get(summary.location, headers=EN).get_data(as_text=True)
    assert f"Give the database {EMPTY} a new password" in html
    assert "Anything else using this database will stop connecting." in html
    assert "Create the database" not in html
    press(admin_client, summary.location, "start")
    page = run(admin_client, summary.location, "done")
    steps = [s.split('"')[0] for s in page.split('data-step="')[1:]]
    assert steps == ["attach", "db_password", "install"]
    assert 'data-plan-state="done"' in page


def test_a_wrong_password_fails_the_install_and_undo_leaves_the_database(
    admin_client: FlaskClient,
) -> None:
    create_empty_database(admin_client)
    summary = into_existing(admin_client, "wrong.example.org", database_password="Wrong2024pass")
    press(admin_client, summary.location, "start")
    page = run(admin_client, summary.location, "failed")
    assert 'data-step="install" data-step-state="failed"' in page
    assert "If the password you typed for the database" in page
    press(admin_client, summary.location, "undo")
    page = run(admin_client, summary.location, "undone")
    assert 'data-plan-state="undone"' in page
    databases = admin_client.get(DATABASES + "/", headers=EN).get_data(as_text=True)
    assert EMPTY in databases  # the launch did not create it, so undo leaves it
    domains = admin_client.get(f"/hosting/{GRANTED_SERVICE}/domains/", headers=EN)
    assert "wrong.example.org" not in domains.get_data(as_text=True)

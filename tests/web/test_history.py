"""The history people can read: plain words, names people know, quick periods, and a history of
their own sites for staff."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update

from app.admin.words import action_label, details
from app.audit import audited
from app.extensions import db
from app.models import AuditEntry
from tests.support.forms import attach
from tests.support.panel import AuthActions, UserFactory
from tests.support.panel_data import GRANTED_SERVICE, OTHER_SERVICE, TEST_PASSWORDS

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}


def _rows(html: str) -> str:
    return html.split("<tbody>")[1].split("</tbody>")[0] if "<tbody>" in html else ""


def test_the_history_speaks_plain_words_and_links_each_operation(
    admin_client: FlaskClient,
) -> None:
    answer = attach(admin_client, "words.example.com")
    task_id = answer.location.split("/tasks/")[1].split("?")[0]
    admin_client.get(answer.location)  # the task page learns how it ended
    rows = _rows(admin_client.get("/admin/audit", headers=EN).get_data(as_text=True))
    assert "Attached a domain" in rows and "Signed in" in rows
    assert "domain.attach" not in rows and "auth.sign_in" not in rows
    assert "{" not in rows  # no raw JSON
    assert "Folder:</span> words.example.com" in rows and "HTTPS:</span> Yes" in rows
    assert f'href="/hosting/{GRANTED_SERVICE}/tasks/{task_id}">Operation {task_id}</a>' in rows
    assert f'<span title="{GRANTED_SERVICE}">Example shop</span>' in rows
    french = _rows(admin_client.get("/admin/audit", headers=FR).get_data(as_text=True))
    assert "A rattaché un domaine" in french and "Dossier :</span> words.example.com" in french
    assert "Opération : Terminé" in french  # the task's end, in words ("Tâche : done" before)


def test_sites_are_chosen_by_name_and_sign_ins_can_be_hidden(admin_client: FlaskClient) -> None:
    attach(admin_client, "named.example.com")
    page = admin_client.get("/admin/audit", headers=EN).get_data(as_text=True)
    sites = page.split('name="service"')[1].split("</select>")[0]
    assert f'<option value="{GRANTED_SERVICE}">Example shop</option>' in sites
    assert "Hide sign-ins" in page
    hidden = _rows(admin_client.get("/admin/audit?hide_sign_ins=y", headers=EN).get_data(True))
    assert "Attached a domain" in hidden and "Signed in" not in hidden
    chosen = admin_client.get(f"/admin/audit?service={OTHER_SERVICE}", headers=EN)
    assert "Attached a domain" not in _rows(chosen.get_data(as_text=True))


def test_today_yesterday_and_the_last_seven_days_are_one_click_away(
    app: Flask, admin_client: FlaskClient
) -> None:
    with app.test_request_context():
        for name, days_ago in (("today", 0), ("yesterday", 1), ("lastweek", 5), ("old", 20)):
            with audited("domain.attach", service_name=GRANTED_SERVICE, target=f"{name}.example"):
                pass
            moved = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=days_ago)
            db.session.execute(
                update(AuditEntry)
                .where(AuditEntry.target == f"{name}.example")
                .values(created_at=moved)
            )
        db.session.commit()
    page = admin_client.get("/admin/audit", headers=EN).get_data(as_text=True)
    links = page.split('class="small periods"')[1].split("</p>")[0]
    urls = {
        label: part.split('href="')[1].split('"')[0].replace("&amp;", "&")
        for part in links.split("<a ")[1:]
        for label in ("Today", "Yesterday", "Last 7 days")
        if f">{label}</a>" in part
    }
    assert set(urls) == {"Today", "Yesterday", "Last 7 days"}
    shown = {
        label: {
            name
            for name in ("today", "yesterday", "lastweek", "old")
            if f"{name}.example" in _rows(admin_client.get(url).get_data(as_text=True))
        }
        for label, url in urls.items()
    }
    assert shown == {
        "Today": {"today"},
        "Yesterday": {"yesterday"},
        "Last 7 days": {"today", "yesterday", "lastweek"},
    }


def test_staff_see_who_did_what_on_their_own_sites_only(
    app: Flask, admin_client: FlaskClient, users: UserFactory
) -> None:
    attach(admin_client, "mine.example.com")
    with (
        app.test_request_context(),
        audited("domain.attach", service_name=OTHER_SERVICE, target="theirs.example"),
    ):
        pass
    users.make("staff@example.com", "staff", TEST_PASSWORDS["staff"], {GRANTED_SERVICE: "view"})
    staff = AuthActions(app.test_client())
    assert staff.sign_in("staff@example.com", TEST_PASSWORDS["staff"]).status_code == 302
    page = staff.client.get("/hosting/history", headers=EN).get_data(as_text=True)
    rows = _rows(page)
    assert "mine.example" in rows and "admin@example.com" in rows  # who did it
    assert "theirs.example" not in rows
    assert "Signed in" not in rows and "Gave access" not in rows  # administrators' business
    assert "History of my sites" in page
    assert "Download as CSV" not in page and 'name="user"' not in page
    assert 'href="/hosting/history"' in page  # in the menu
    assert staff.client.get("/admin/audit").status_code == 403
    sites = page.split('name="service"')[1].split("</select>")[0]
    assert GRANTED_SERVICE in sites and OTHER_SERVICE not in sites
    forced = staff.client.get(f"/hosting/history?service={OTHER_SERVICE}").get_data(as_text=True)
    assert "theirs.example" not in _rows(forced)


def test_every_kind_of_detail_reads_as_words_in_both_languages(app: Flask) -> None:
    database = {"capabilitie": "sqlPerso", "type": "mysql", "version": "8.0", "quota": 512}
    certificate = {"provider": "LETSENCRYPT", "domains": ["a.example", "b.example"]}
    imported = {"not_after": "2027-03-01T12:00:00+00:00", "chain_certificates": 2}
    with app.test_request_context(headers=EN):
        assert details(database) == [
            ("Offer", "Databases included with the plan"),
            ("Database engine", "MySQL"),
            ("Version", "8.0"),
            ("Size", "512 MB"),
        ]
        assert ("Domains", "a.example, b.example") in details(certificate)
        assert details({"bypassDNSConfiguration": False}) == [("DNS left as it was", "No")]
        assert details({"someNewKey": "x"}) == [("someNewKey", "x")]  # unknown: shown as is
        assert action_label("domain.attach") == "Attached a domain"
        assert action_label("future.thing") == "future.thing"
    with app.test_request_context(headers=FR):
        assert ("Taille", "512 Mo") in details(database)
        assert ("Valable jusqu'au", "1 mars 2027, 12:00:00") in details(imported)
        assert action_label("auth.sign_in") == "Connexion au panneau"

"""A launch's passwords: the admin password shown once to the person who started it, never in
the updates; erased after LAUNCH_SECRETS_HOURS (read refused, hourly job); a failed launch tried
again after that asks for the admin password again and gives the existing database a new one."""

from __future__ import annotations

import json
import logging
import time
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.extensions import db
from app.launch import keeping, plans, runner
from app.launch.jobs import forget_launch_secrets
from app.launch.sealed import LAUNCH, _fernet, seal, unseal
from app.models import AuditEntry, LaunchPlan, utcnow
from tests.support.forms import csrf_token, submit
from tests.support.panel import AuthActions, UserFactory
from tests.support.panel_data import GRANTED_SERVICE, TEST_PASSWORDS
from tests.web.test_launch import EN, fill, press

PASSWORD = "a long passphrase"
DAY_AND_MORE = 25 * 3600


def started(client: FlaskClient, domain: str, **fields: Any) -> str:
    summary = fill(client, domain, **fields)
    assert summary.status_code == 302
    assert press(client, summary.location, "start").status_code == 302
    return str(summary.location)


def until(client: FlaskClient, url: str, state: str, tries: int = 8) -> str:
    for _ in range(tries):
        html = client.get(url + "/progress", headers=EN).get_data(as_text=True)
        if f'data-plan-state="{state}"' in html:
            return html
    raise AssertionError(f"the plan never reached {state}")


def age(app: Flask, seconds: int) -> None:
    """Seal the plan's passwords as if it had been done ``seconds`` ago (Fernet's own clock)."""
    with app.app_context():
        plan = db.session.query(LaunchPlan).filter(LaunchPlan.state != "draft").one()
        secrets = json.dumps(unseal(plan.sealed)).encode()
        plan.sealed = _fernet(LAUNCH).encrypt_at_time(secrets, int(time.time()) - seconds).decode()
        db.session.commit()


def test_the_admin_password_is_shown_once_to_whoever_started_the_launch(
    app: Flask, admin_client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    page = started(admin_client, "once.example.org")
    fragment = admin_client.get(page + "/progress", headers=EN).get_data(as_text=True)
    assert PASSWORD not in fragment and "data-admin-reveal" not in fragment  # the updates: never
    first = admin_client.get(page, headers=EN).get_data(as_text=True)
    assert f"data-admin-password>{PASSWORD}</code>" in first
    assert f'data-copy-text="{PASSWORD}"' in first  # the copy button, with copy.js
    assert "js/copy.js" in first and "marie" in first
    assert "Keep it somewhere safe: this page shows it only once." in first
    again = admin_client.get(page, headers=EN).get_data(as_text=True)
    assert PASSWORD not in again and "data-admin-reveal" not in again
    done = until(admin_client, page, "done")
    assert PASSWORD not in done
    assert 'href="https://once.example.org/wp-admin/"' in done  # OVH's targetUrl + adminFolder
    french = admin_client.get(page, headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Les pages d'administration de l'application" in french
    with app.app_context():
        plan = db.session.query(LaunchPlan).one()
        assert plan.password_shown_at is not None and plan.sealed is None
        entry = db.session.query(AuditEntry).filter_by(action="site.launch").one()
        assert PASSWORD not in json.dumps(entry.parameters) and PASSWORD not in str(entry.error)
    with admin_client.session_transaction() as session:
        assert PASSWORD not in json.dumps(dict(session), default=str)
    assert PASSWORD not in caplog.text


def test_another_person_never_sees_it_and_does_not_use_up_the_one_time(
    app: Flask, admin_client: FlaskClient, users: UserFactory
) -> None:
    page = started(admin_client, "shared.example.org")
    users.make("staff@example.com", "staff", TEST_PASSWORDS["staff"], {GRANTED_SERVICE: "operate"})
    other = app.test_client()
    signed_in = AuthActions(other).sign_in("staff@example.com", TEST_PASSWORDS["staff"])
    assert signed_in.status_code == 302
    theirs = other.get(page, headers=EN)
    assert theirs.status_code == 200 and PASSWORD not in theirs.get_data(as_text=True)
    assert "data-admin-reveal" not in theirs.get_data(as_text=True)
    assert PASSWORD in admin_client.get(page, headers=EN).get_data(as_text=True)
    assert PASSWORD not in other.get(page, headers=EN).get_data(as_text=True)


def test_kept_passwords_expire_when_read_and_by_the_hourly_job(
    app: Flask, admin_client: FlaskClient
) -> None:
    fill(admin_client, "old-draft.example.org")
    with app.app_context():
        sealed = seal({"admin_password": PASSWORD})
        assert unseal(sealed) == {"admin_password": PASSWORD}
        then = int(time.time()) - DAY_AND_MORE
        old = _fernet(LAUNCH).encrypt_at_time(b'{"admin_password": "x"}', then).decode()
        assert unseal(old) == {}  # refused when read, even before the job runs
        app.config["LAUNCH_SECRETS_HOURS"] = 48
        assert unseal(old) == {"admin_password": "x"}  # the setting decides
        app.config["LAUNCH_SECRETS_HOURS"] = 24
        draft = db.session.query(LaunchPlan).one()
        draft.created_at = utcnow() - timedelta(hours=25)
        db.session.commit()
        draft_id = draft.id
    page = started(admin_client, "expiring.example.org")
    age(app, DAY_AND_MORE)
    with app.app_context():
        forget_launch_secrets()  # what the hourly periodic task queues
        assert db.session.get(LaunchPlan, draft_id) is None  # the old draft is gone
        plan = db.session.query(LaunchPlan).one()
        assert plan.domain == "expiring.example.org" and plan.sealed is None
        assert keeping.forget_expired() == (0, 0)  # nothing left to forget
    html = admin_client.get(page, headers=EN).get_data(as_text=True)
    assert "data-admin-reveal" not in html  # nothing left to show either


def test_an_old_draft_is_not_started_but_prepared_again(
    app: Flask, admin_client: FlaskClient
) -> None:
    summary = fill(admin_client, "stale.example.org")
    with app.app_context():
        plan = db.session.query(LaunchPlan).one()
        plan.created_at = utcnow() - timedelta(hours=25)
        db.session.commit()
    answer = admin_client.get(summary.location, headers=EN)
    assert answer.status_code == 302 and answer.location.endswith("/launch/")
    html = admin_client.get(answer.location, headers=EN).get_data(as_text=True)
    assert "prepared too long ago and never started" in html
    with app.app_context():
        assert db.session.query(LaunchPlan).count() == 0


def test_a_failed_launch_tried_again_after_its_passwords_expired(
    app: Flask, admin_client: FlaskClient, sandbox: Any
) -> None:
    page = started(admin_client, "flaky-late.example.org", with_www=None, ssl=None)
    until(admin_client, page, "failed")  # OVH fails this address's first install
    age(app, DAY_AND_MORE)
    html = admin_client.get(page, headers=EN).get_data(as_text=True)
    assert "The passwords given for this launch were erased" in html
    assert "data-admin-reveal" not in html  # expired: nothing to show
    assert f'href="{page}/retry"' in html and "Undo what was created" in html
    form = admin_client.get(page + "/retry", headers=EN).get_data(as_text=True)
    assert 'data-password-target="admin_password"' in form and "Generate a strong password" in form
    short = admin_client.post(
        page + "/retry", data={"csrf_token": csrf_token(form), "admin_password": "short"},
        headers=EN,
    )  # fmt: skip
    assert short.status_code == 200
    assert "Choose a password of at least 12 characters." in short.get_data(as_text=True)
    sandbox.clear_stats()
    again = submit(admin_client, page + "/retry", admin_password="another long passphrase")
    assert again.status_code == 302
    done = until(admin_client, page, "done")
    assert 'data-step="db_password" data-step-state="done"' in done
    assert done.index('data-step="db_password"') < done.index('data-step="install"')
    writes = {r for r in sandbox.stats()["by_route"] if not r.startswith("GET")}
    assert writes == {
        "POST /hosting/web/{serviceName}/database/{name}/changePassword",
        "POST /hosting/web/{serviceName}/module",
    }
    with app.app_context():
        plan = db.session.query(LaunchPlan).one()
        assert plan.state == runner.DONE and plan.sealed is None
        assert [s.kind for s in plan.steps] == [plans.ATTACH, plans.DATABASE,
                                                plans.NEW_PASSWORD, plans.INSTALL]  # fmt: skip
        entry = db.session.query(AuditEntry).filter_by(action="site.launch").one()
        assert "another long passphrase" not in json.dumps(entry.parameters)
    shown = admin_client.get(page, headers=EN).get_data(as_text=True)
    assert "another long passphrase" not in shown


def test_a_retry_with_its_passwords_still_kept_asks_for_nothing(
    admin_client: FlaskClient,
) -> None:
    page = started(admin_client, "flaky-soon.example.org", with_www=None, ssl=None)
    html = until(admin_client, page, "failed")
    assert "were erased" not in html and f'action="{page}/retry"' in html
    assert admin_client.get(page + "/retry").status_code == 302  # no form to fill

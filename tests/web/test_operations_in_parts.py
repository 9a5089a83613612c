"""Operations in parts through the real pages, on the sandbox whose tasks take time: a restore,
a delete or a certificate replacement answers at once with a page that follows each part; the
second part starts only once the first has ended well (by the page's updates or, with nobody
watching, by the queue); a safety backup that fails leaves the database as it was, and says so;
a certificate waiting for its import is kept sealed and erased once used."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.extensions import db
from app.models import AuditEntry
from app.operations.models import Operation
from tests.support.certificates import leaf
from tests.support.forms import submit
from tests.support.panel_data import GRANTED_SERVICE
from tests.support.sandbox import SLOW_TASK_SECONDS
from tests.web.test_database_backups import BASE, EN, FR, SHOP, backup_of_kind, page
from tests.web.test_ssl_import import REPLACE, key_material, send

ENDED = SLOW_TASK_SECONDS * 2.5  # a sandbox task's todo → doing → done, and a little more


def entries(app: Flask, action: str) -> list[AuditEntry]:
    with app.app_context():
        found = db.session.query(AuditEntry).filter_by(action=action).order_by(AuditEntry.id)
        rows = found.all()
        db.session.expunge_all()
        return rows


def operation_of(app: Flask, location: str) -> Operation:
    with app.app_context():
        operation = db.session.get(Operation, int(location.rstrip("/").rsplit("/", 1)[1]))
        assert operation is not None
        db.session.expunge(operation)
        return operation


def part_state(html: str, kind: str) -> str:
    return html.split(f'data-part="{kind}" data-part-state="', 1)[1].split('"', 1)[0]


@pytest.mark.slow_tasks
def test_the_restore_starts_only_once_the_safety_copy_is_made(
    app: Flask, admin_client: FlaskClient, sandbox_clock: Callable[[float], None]
) -> None:
    sandbox_clock(0)
    weekly = backup_of_kind(page(admin_client, SHOP + "/"), "Weekly")
    answer = submit(admin_client, f"{SHOP}/backups/{weekly}/restore", back_up_first="y")
    assert answer.status_code == 302 and "/operations/" in answer.location
    html = page(admin_client, answer.location)
    assert "First a safety copy of the database is made (about a minute), then it is restored"
    assert part_state(html, "safety") == "running"
    assert part_state(html, "restore") == "waiting"
    assert 'data-final="false"' in html and 'aria-live="polite"' in html
    assert "updates by itself every 2 seconds" in html and "data-refresh" in html
    assert "js/task-status.js" in html
    assert entries(app, "database.restore") == []  # nothing overwritten yet

    sandbox_clock(ENDED)
    fragment = page(admin_client, answer.location + "/progress")
    assert part_state(fragment, "safety") == "done"
    assert part_state(fragment, "restore") in ("running", "done")
    [safety] = entries(app, "database.back_up")
    [restore] = entries(app, "database.restore")
    assert safety.id < restore.id and safety.task_status == "done"
    assert restore.parameters["backup"] == weekly

    sandbox_clock(ENDED)
    fragment = page(admin_client, answer.location + "/progress")
    assert 'data-final="true"' in fragment
    assert "Done: the database is restored." in fragment


@pytest.mark.slow_tasks
def test_with_nobody_watching_the_queue_starts_the_second_part(
    app: Flask, admin_client: FlaskClient, sandbox_clock: Callable[[float], None]
) -> None:
    sandbox_clock(0)
    blog = f"{BASE}/exampleblog.mysql.db"
    answer = submit(
        admin_client, blog + "/delete", confirm_name="exampleblog.mysql.db", back_up_first="y"
    )
    operation = operation_of(app, answer.location)
    assert operation.state == "running" and operation.task_id is not None
    assert entries(app, "database.delete") == []
    sandbox_clock(ENDED)
    from app.operations.jobs import advance_operation

    with app.app_context():
        advance_operation(operation.id)  # what the worker runs; no page is asked
    [deleted] = entries(app, "database.delete")
    assert deleted.target == "exampleblog.mysql.db" and deleted.outcome == "accepted"
    assert deleted.user_email == "admin@example.com"  # in the name of who asked


def test_a_failing_safety_backup_leaves_the_database_untouched_and_says_so(
    app: Flask, admin_client: FlaskClient
) -> None:
    """Trigger input: a database whose user ends in broken fails its backups."""
    created = submit(
        admin_client,
        f"{BASE}/new",
        capabilitie="sqlPerso",
        type="mysql",
        version="8.0",
        user="broken",
        password="Shop2024pass",
        confirm="Shop2024pass",
    )
    assert created.status_code == 302
    broken = f"{BASE}/examplebroken.mysql.db"
    answer = submit(
        admin_client, broken + "/delete", confirm_name="examplebroken.mysql.db", back_up_first="y"
    )
    html = page(admin_client, answer.location)
    assert part_state(html, "safety") == "failed"
    assert part_state(html, "delete") == "waiting"
    assert "The safety copy could not be made, so nothing was changed" in html
    assert entries(app, "database.delete") == []
    assert page(admin_client, broken + "/").count("examplebroken.mysql.db") > 0  # still there
    french = page(admin_client, answer.location, FR)
    assert "rien n’a été changé" in french or "rien n'a été changé" in french


@pytest.mark.slow_tasks
def test_a_replacement_keeps_the_new_certificate_sealed_until_the_old_one_is_gone(
    app: Flask, admin_client: FlaskClient, sandbox_clock: Callable[[float], None]
) -> None:
    sandbox_clock(0)
    mine = leaf("example.com", "www.example.com", "blog.example.com")
    answer = send(admin_client, REPLACE, mine.pem, mine.key_pem, confirm="y")
    assert answer.status_code == 302 and "/operations/" in answer.location
    html = page(admin_client, answer.location)
    assert part_state(html, "ssl_remove") == "running"
    assert part_state(html, "ssl_import") == "waiting"
    operation = operation_of(app, answer.location)
    assert operation.sealed and "PRIVATE KEY" not in operation.sealed
    stored = f"{operation.sealed}{operation.values}{operation.steps}"
    assert not any(line in stored for line in key_material(mine))
    assert entries(app, "ssl.import") == []

    sandbox_clock(ENDED)
    fragment = page(admin_client, answer.location + "/progress")
    assert part_state(fragment, "ssl_remove") == "done"
    [imported] = entries(app, "ssl.import")
    assert imported.outcome == "accepted"
    assert operation_of(app, answer.location).sealed is None  # used: erased
    sandbox_clock(ENDED)
    assert "Done: your certificate replaces" in page(admin_client, answer.location + "/progress")
    french = page(admin_client, answer.location, FR)
    assert "le certificat actuel" in french


@pytest.mark.slow_tasks
def test_a_sealed_certificate_too_old_is_not_imported_and_the_page_says_what_to_do(
    app: Flask,
    admin_client: FlaskClient,
    sandbox_clock: Callable[[float], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.operations import parts

    sandbox_clock(0)
    mine = leaf("example.com")
    answer = send(admin_client, REPLACE, mine.pem, mine.key_pem, confirm="y")
    monkeypatch.setattr(parts, "SEALED_SECONDS", -60)  # as if it had waited past its lifetime
    sandbox_clock(ENDED)
    html = page(admin_client, answer.location)
    assert part_state(html, "ssl_import") == "failed"
    assert "the panel keeps its private key 30 minutes at most" in html
    assert f"/hosting/{GRANTED_SERVICE}/ssl/import" in html
    assert entries(app, "ssl.import") == []
    assert operation_of(app, answer.location).sealed is None


def test_an_operation_opens_only_under_its_own_hosting(admin_client: FlaskClient) -> None:
    weekly = backup_of_kind(page(admin_client, SHOP + "/"), "Weekly")
    answer = submit(admin_client, f"{SHOP}/backups/{weekly}/restore", back_up_first="y")
    elsewhere = answer.location.replace(GRANTED_SERVICE, "example2.cluster02.hosting.ovh.net")
    assert admin_client.get(elsewhere, headers=EN).status_code == 404
    assert admin_client.get(answer.location, headers=EN).status_code == 200


@pytest.mark.slow_tasks
def test_a_runner_that_saw_the_same_end_later_starts_nothing_twice(
    app: Flask, admin_client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.operations import runner
    from ovh_sandbox import clock

    frozen = [clock.now()]  # the sandbox's tasks move only when this test moves its clock
    monkeypatch.setattr(clock, "now", lambda: frozen[0])
    weekly = backup_of_kind(page(admin_client, SHOP + "/"), "Weekly")
    answer = submit(admin_client, f"{SHOP}/backups/{weekly}/restore", back_up_first="y")
    operation_id = operation_of(app, answer.location).id
    with app.app_context():  # a runner reads the operation while the safety copy runs…
        stale = db.session.get(Operation, operation_id)
        assert stale is not None and (stale.position, stale.step_state) == (0, "running")
        db.session.expunge(stale)
    frozen[0] += ENDED
    page(admin_client, answer.location + "/progress")  # …another moves it on first…
    with app.app_context():
        db.session.add(stale)
        assert runner._follow(stale) is True  # …then the first sees the same end, later
        assert (stale.position, stale.step_state) == (1, "running")  # the other's restore
        runner.advance(operation_id)
    assert len(entries(app, "database.restore")) == 1

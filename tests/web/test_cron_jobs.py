"""The scheduled jobs tab through the real pages: the list in words, a job from simple choices or
a typed schedule explained back, change, switch off, delete, and who may do what."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEntry
from tests.support.forms import submit
from tests.support.panel_data import GRANTED_SERVICE

CRON = f"/hosting/{GRANTED_SERVICE}/cron"
EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr-FR,fr;q=0.9"}
NIGHTLY = {
    "script": "www/cron/backup.php",
    "language": "php8.2",
    "kind": "daily",
    "hour": "2",
    "weekday": "1",
    "raw": "",
    "description": "Nightly backup",
    "email": "no",
    "email_address": "",
    "enabled": "y",
}


def test_the_list_says_when_each_job_runs_in_words_and_as_written(
    admin_client: FlaskClient,
) -> None:
    html = admin_client.get(CRON + "/", headers=EN).get_data(as_text=True)
    assert "Rebuild the sitemap" in html and "www/cron/sitemap.php" in html
    assert "Every day at 03:00" in html and "0 3 * * *" in html
    assert "On Monday, at 08:00" in html
    assert ("PHP 8.1" in html and "The OVH account&#39;s administrator" in html) or (
        "The OVH account's administrator" in html
    )
    assert "Switched off" in html
    assert "Python 3" in html  # the languages this plan offers


def test_the_list_speaks_french(admin_client: FlaskClient) -> None:
    html = admin_client.get(CRON + "/", headers=FR).get_data(as_text=True)
    assert "Tous les jours à 03:00" in html and "Ajouter une tâche" in html


def test_a_nightly_job_from_simple_choices(admin_client: FlaskClient, app: Flask) -> None:
    answer = submit(admin_client, CRON + "/new", **NIGHTLY)
    assert answer.status_code == 302 and "/tasks/" in answer.location, answer.get_data(as_text=True)
    task = admin_client.get(answer.location, headers=EN).get_data(as_text=True)
    assert "Adding a scheduled job on Example shop" in task and 'data-status="done"' in task
    html = admin_client.get(CRON + "/", headers=EN).get_data(as_text=True)
    assert "Nightly backup" in html and "0 2 * * *" in html and "Every day at 02:00" in html
    with app.app_context():
        entry = db.session.execute(
            select(AuditEntry).where(AuditEntry.action == "cron.create")
        ).scalar_one()
        assert entry.parameters["command"] == "./www/cron/backup.php"
        assert entry.parameters["frequency"] == "0 2 * * *"


def test_a_typed_schedule_is_explained_back_before_saving(admin_client: FlaskClient) -> None:
    values = {**NIGHTLY, "kind": "custom", "raw": "30 8-18 * * 1-5", "preview": "y"}
    html = submit(admin_client, CRON + "/new", **values).get_data(as_text=True)
    assert "This job runs: On Monday to Friday, every hour from 08:00 to 18:00." in html
    html = submit(admin_client, CRON + "/new", **{**values, "raw": "0 25 * * *"}).get_data(
        as_text=True
    )
    assert "“25” is not a valid hour" in html


def test_wrong_values_stay_on_the_form(admin_client: FlaskClient) -> None:
    cases = [
        ({"script": "../secret.php"}, "“..” is not allowed"),
        ({"script": "/etc/passwd"}, "without a leading slash"),
        ({"script": ""}, "Type the path of the script"),
        ({"language": "php4"}, "Choose one of the languages this plan offers."),
        ({"kind": "custom", "raw": "0 3 * *"}, "A schedule has five parts"),
        ({"email": "+other", "email_address": "not-an-address"}, "Type an email address"),
    ]
    for change, message in cases:
        answer = submit(admin_client, CRON + "/new", **{**NIGHTLY, **change})
        assert answer.status_code == 200, change
        assert message in answer.get_data(as_text=True), (change, message)


def test_changing_switching_off_and_deleting_a_job(admin_client: FlaskClient) -> None:
    form = admin_client.get(CRON + "/1001/edit", headers=EN).get_data(as_text=True)
    assert 'value="www/cron/sitemap.php"' in form
    assert '<option selected value="daily">' in form and '<option selected value="3">' in form
    answer = submit(
        admin_client,
        CRON + "/1001/edit",
        **{
            **NIGHTLY,
            "script": "www/cron/sitemap.php",
            "kind": "weekly",
            "hour": "4",
            "weekday": "0",
            "description": "Rebuild the sitemap",
        },
    )
    assert answer.status_code == 302 and "/tasks/" in answer.location, answer.get_data(as_text=True)
    html = admin_client.get(CRON + "/", headers=EN).get_data(as_text=True)
    assert "On Sunday, at 04:00" in html and "0 4 * * 0" in html
    answer = submit(admin_client, CRON + "/1001/switch")
    assert answer.status_code == 302 and "/tasks/" in answer.location
    row = (
        admin_client.get(CRON + "/", headers=EN).get_data(as_text=True).split('data-cron="1001"')[1]
    )
    assert "Switched off" in row.split("</tr>")[0]
    answer = submit(admin_client, CRON + "/1001/delete")
    assert answer.status_code == 302
    assert 'data-cron="1001"' not in admin_client.get(CRON + "/", headers=EN).get_data(as_text=True)


def test_a_failing_job_creation_is_followed_to_its_end(admin_client: FlaskClient) -> None:
    answer = submit(admin_client, CRON + "/new", **{**NIGHTLY, "script": "www/fail-job.php"})
    html = admin_client.get(answer.location, headers=EN).get_data(as_text=True)
    assert 'data-status="cancelled"' in html


def test_operate_staff_manage_jobs_but_only_admins_delete(
    staff_client: Callable[[str], FlaskClient],
) -> None:
    client = staff_client("operate")
    html = client.get(CRON + "/", headers=EN).get_data(as_text=True)
    assert "Add a job" in html and "/1001/edit" in html and "/delete" not in html
    assert client.get(CRON + "/1001/delete", headers=EN).status_code == 403


def test_view_staff_only_read_the_jobs(staff_client: Callable[[str], FlaskClient]) -> None:
    client = staff_client("view")
    html = client.get(CRON + "/", headers=EN).get_data(as_text=True)
    assert "Rebuild the sitemap" in html and "Add a job" not in html
    assert client.get(CRON + "/new", headers=EN).status_code == 403


def test_the_history_names_the_job_and_its_schedule(admin_client: FlaskClient) -> None:
    submit(admin_client, CRON + "/new", **NIGHTLY)
    html = admin_client.get("/admin/audit", headers=EN).get_data(as_text=True)
    assert "Added a scheduled job" in html and "Nightly backup" in html
    assert "0 2 * * *" in html and "No email" in html

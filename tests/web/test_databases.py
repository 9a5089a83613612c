"""The Databases tab through the real pages: list and filters, details, password, delete, access."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient

from tests.support.forms import submit
from tests.support.panel_data import GRANTED_SERVICE

DATABASES = f"/hosting/{GRANTED_SERVICE}/databases"
EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr-FR,fr;q=0.9"}


def test_the_list_shows_each_database_with_its_engine_user_server_state_and_disk_use(
    admin_client: FlaskClient,
) -> None:
    html = admin_client.get(DATABASES + "/", headers=EN).get_data(as_text=True)
    assert "example.mysql.db" in html and "exampleblog.mysql.db" in html
    assert "MySQL 8.0" in html and "MariaDB 10.11" in html
    assert "Supported" in html
    assert "<code>exampleblog</code>" in html
    assert ":3306" in html
    assert "Ready" in html and "Working" not in html  # one status, not two
    assert re.search(r'usage-ok"[^>]*><rect width="28"', html)  # 112.4 of 400 MB, green
    assert re.search(r'usage-danger"[^>]*><rect width="98"', html)  # 391.7 of 400 MB, red
    assert 'href="https://phpmyadmin.hosting.ovh.net"' in html
    assert "Create a database" in html


def test_the_list_speaks_french(admin_client: FlaskClient) -> None:
    html = admin_client.get(DATABASES + "/", headers=FR).get_data(as_text=True)
    assert "Bases de données" in html
    assert "Créer une base de données" in html


def test_filters_are_kept_in_the_address_and_narrow_the_list(admin_client: FlaskClient) -> None:
    html = admin_client.get(DATABASES + "/?type=mariadb&user=blog", headers=EN).get_data(
        as_text=True
    )
    assert "exampleblog.mysql.db" in html
    assert ">example.mysql.db<" not in html
    assert '<option selected value="mariadb">' in html
    assert 'value="blog"' in html


def test_an_empty_result_says_which_filter_to_clear(admin_client: FlaskClient) -> None:
    html = admin_client.get(DATABASES + "/?type=redis&name=blog", headers=EN).get_data(as_text=True)
    assert "No database matches these filters" in html
    assert f'href="{DATABASES}/?name=blog">Clear “Engine: redis”' in html
    assert f'href="{DATABASES}/?type=redis">Clear “Name contains: blog”' in html


def test_a_wrong_filter_value_is_pointed_out_and_not_sent(admin_client: FlaskClient) -> None:
    html = admin_client.get(DATABASES + "/?type=oracle", headers=EN).get_data(as_text=True)
    assert "Choose an engine from the list." in html
    assert "example.mysql.db" in html


def test_the_details_page_shows_every_field_and_what_can_be_done(
    admin_client: FlaskClient,
) -> None:
    html = admin_client.get(DATABASES + "/example.mysql.db/", headers=EN).get_data(as_text=True)
    for words in ("example.mysql.db", "MySQL", "8.0", "3306", "Classic", "Connection details"):
        assert words in html
    # Host, port, user and name, each with its copy button.
    for key, value in (("host", "example.mysql.db"), ("port", "3306"), ("user", "example")):
        cell = html.split(f'data-connection="{key}"', 1)[1].split("</dd>", 1)[0]
        assert f'data-copy-text="{value}"' in cell
    # Only what the panel itself offers, never OVH's capabilities it has no page for.
    assert "Optimise it" not in html and "(not available)" not in html
    assert "Change the password" in html and "Delete" in html and "Import an SQL file" in html
    assert "OVH is working on this database" not in html
    # The backups OVH keeps: last night's, last Sunday's and one made on request.
    backups = html.split('class="table table-sm align-middle table-stack backups"', 1)[1]
    assert backups.count("data-backup=") == 3
    assert "Nightly (kept by OVH)" in backups and "Weekly (kept by OVH)" in backups
    assert "Made on request" in backups and "Restore" in backups


def test_the_status_fragment_follows_a_database_until_it_is_gone(
    admin_client: FlaskClient,
) -> None:
    html = admin_client.get(DATABASES + "/example.mysql.db/status", headers=EN).get_data(
        as_text=True
    )
    assert 'data-status="created"' in html and "data-poll-url" not in html
    html = admin_client.get(DATABASES + "/nothere.mysql.db/status", headers=EN).get_data(
        as_text=True
    )
    assert 'data-status="gone"' in html and "Deleted" in html


def test_changing_a_password_follows_its_task(admin_client: FlaskClient) -> None:
    page = admin_client.get(DATABASES + "/example.mysql.db/password", headers=EN)
    assert "8 to 30 characters" in page.get_data(as_text=True)
    answer = submit(
        admin_client,
        DATABASES + "/example.mysql.db/password",
        password="Newpass123",
        confirm="Newpass123",
    )
    assert answer.status_code == 302 and "/tasks/" in answer.location
    task = admin_client.get(answer.location, headers=EN).get_data(as_text=True)
    assert "Changing the password of the database example.mysql.db" in task
    assert 'data-status="done"' in task


def test_a_password_refused_by_the_rules_stays_on_the_form(admin_client: FlaskClient) -> None:
    answer = submit(
        admin_client,
        DATABASES + "/example.mysql.db/password",
        password="short1",
        confirm="short1",
    )
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert "The password must be 8 to 30 characters long (it has 6)." in html
    assert "short1" not in html


def test_deleting_asks_for_the_name_and_says_the_data_is_gone_for_good(
    admin_client: FlaskClient,
) -> None:
    url = DATABASES + "/exampleblog.mysql.db/delete"
    page = admin_client.get(url, headers=EN).get_data(as_text=True)
    assert "Everything in this database will be gone for good." in page
    wrong = submit(admin_client, url, confirm_name="exampleblog")
    assert "Type the database name exactly as shown, “exampleblog.mysql.db”" in wrong.get_data(
        as_text=True
    )
    answer = submit(admin_client, url, confirm_name="exampleblog.mysql.db")
    assert answer.status_code == 302
    task = admin_client.get(answer.location, headers=EN).get_data(as_text=True)
    assert "Deleting the database exampleblog.mysql.db" in task
    html = admin_client.get(DATABASES + "/", headers=EN).get_data(as_text=True)
    assert "exampleblog.mysql.db" not in html


def test_deleting_is_recorded_in_the_audit_trail(admin_client: FlaskClient, app: Any) -> None:
    from sqlalchemy import select

    from app.extensions import db
    from app.models import AuditEntry

    submit(
        admin_client,
        DATABASES + "/exampleblog.mysql.db/delete",
        confirm_name="exampleblog.mysql.db",
    )
    with app.app_context():
        entry = db.session.execute(
            select(AuditEntry).where(AuditEntry.action == "database.delete")
        ).scalar_one()
        assert (entry.target, entry.outcome) == ("exampleblog.mysql.db", "accepted")
        assert entry.task_id is not None


def test_operate_staff_may_create_and_change_passwords_and_ask_to_delete(
    staff_client: Callable[[str], FlaskClient],
) -> None:
    client = staff_client("operate")
    html = client.get(DATABASES + "/example.mysql.db/", headers=EN).get_data(as_text=True)
    assert "Change the password" in html
    assert "/delete" in html
    assert client.get(DATABASES + "/new", headers=EN).status_code == 200
    delete = client.get(DATABASES + "/example.mysql.db/delete", headers=EN)
    assert "Ask an administrator" in delete.get_data(as_text=True)


def test_view_staff_see_the_list_but_no_way_to_change_it(
    staff_client: Callable[[str], FlaskClient],
) -> None:
    client = staff_client("view")
    html = client.get(DATABASES + "/", headers=EN).get_data(as_text=True)
    assert "example.mysql.db" in html and "Create a database" not in html
    assert client.get(DATABASES + "/new", headers=EN).status_code == 403
    assert client.get(DATABASES + "/versions?type=mysql", headers=EN).status_code == 403
    assert client.get(DATABASES + "/example.mysql.db/password", headers=EN).status_code == 403


def test_staff_without_a_grant_do_not_see_the_service(
    staff_client: Callable[[str], FlaskClient],
) -> None:
    client = staff_client("view")
    other = "/hosting/example2.cluster02.hosting.ovh.net/databases/"
    assert client.get(other, headers=EN).status_code == 404

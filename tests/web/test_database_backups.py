"""A database's backups through the real pages: back up now, download, restore with the safety
net, delete a backup, import a file through OVH's document upload, copy into another database,
delete a database with a backup first, the plan's backups of deleted databases; who may do which,
and the audit trail of each."""

from __future__ import annotations

import gzip
import io
import re
from collections.abc import Callable
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from app.extensions import db
from app.models import AuditEntry
from tests.support.forms import csrf_token, submit
from tests.support.panel_data import GRANTED_SERVICE

BASE = f"/hosting/{GRANTED_SERVICE}/databases"
SHOP = f"{BASE}/example.mysql.db"
EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr-FR,fr;q=0.9"}


def page(client: FlaskClient, url: str, headers: dict[str, str] = EN) -> str:
    answer = client.get(url, headers=headers)
    assert answer.status_code == 200, answer.status_code
    return answer.get_data(as_text=True)


def backup_ids(html: str) -> list[int]:
    table = html.split("table-stack backups", 1)[1].split("</table>", 1)[0]
    return [int(part.split('"', 1)[0]) for part in table.split('data-backup="')[1:]]


def backup_of_kind(html: str, label: str) -> int:
    table = html.split("table-stack backups", 1)[1].split("</table>", 1)[0]
    row = next(row for row in table.split('data-backup="')[1:] if label in row.split("</tr>")[0])
    return int(row.split('"', 1)[0])


def actions_of(app: Flask, action: str) -> list[AuditEntry]:
    with app.app_context():
        found = db.session.query(AuditEntry).filter_by(action=action).all()
        db.session.expunge_all()
        return found


def test_back_up_now_is_one_click_and_followed_to_its_end(
    app: Flask, admin_client: FlaskClient
) -> None:
    before = backup_ids(page(admin_client, SHOP + "/"))
    answer = submit(admin_client, SHOP + "/back-up")
    assert answer.status_code == 302 and "/tasks/" in answer.location
    task = page(admin_client, answer.location)
    assert "Saving a backup of the database example.mysql.db" in task
    assert 'data-status="done"' in task
    assert f"{SHOP}/" in task  # "See the result" opens the database
    after = backup_ids(page(admin_client, SHOP + "/"))
    assert len(after) == len(before) + 1
    [entry] = actions_of(app, "database.back_up")
    assert entry.target == "example.mysql.db" and entry.outcome == "accepted"


def test_a_backup_downloads_from_ovhs_own_address(admin_client: FlaskClient) -> None:
    first = backup_ids(page(admin_client, SHOP + "/"))[0]
    answer = admin_client.get(f"{SHOP}/backups/{first}/download")
    assert answer.status_code == 302
    assert answer.location.startswith("http://127.0.0.1") and answer.location.endswith(".sql.gz")


def test_restoring_backs_up_first_then_restores_and_says_so(
    app: Flask, admin_client: FlaskClient
) -> None:
    html = page(admin_client, SHOP + "/")
    weekly = backup_of_kind(html, "Weekly")
    confirm = page(admin_client, f"{SHOP}/backups/{weekly}/restore")
    assert "Everything written to the database since" in confirm
    assert "What it holds now" in confirm
    assert re.search(r'<input[^>]* checked [^>]*name="back_up_first"', confirm)  # ticked
    count = len(backup_ids(html))
    answer = submit(admin_client, f"{SHOP}/backups/{weekly}/restore", back_up_first="y")
    assert answer.status_code == 302 and "/operations/" in answer.location
    operation = page(admin_client, answer.location)
    assert "First a safety copy of the database is made (about a minute)" in operation
    assert "Safety copy of example.mysql.db" in operation  # each part followed on one page
    assert "Restore example.mysql.db from the backup you chose" in operation
    assert "Done: the database is restored. The safety copy is at the top" in operation
    assert len(backup_ids(page(admin_client, SHOP + "/"))) == count + 1
    [safety] = actions_of(app, "database.back_up")
    assert safety.parameters == {"reason": "safety"}
    [restore] = actions_of(app, "database.restore")
    assert restore.parameters["backup"] == weekly and restore.parameters["reason"] == "weekly.1"


def test_restoring_without_the_safety_net_makes_no_backup(
    app: Flask, admin_client: FlaskClient
) -> None:
    first = backup_ids(page(admin_client, SHOP + "/"))[0]
    answer = submit(admin_client, f"{SHOP}/backups/{first}/restore")
    assert answer.status_code == 302
    assert actions_of(app, "database.back_up") == []
    assert len(actions_of(app, "database.restore")) == 1


def test_a_backup_that_fails_stops_the_restore(app: Flask, admin_client: FlaskClient) -> None:
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
    answer = submit(admin_client, broken + "/back-up")
    assert 'data-status="cancelled"' in page(admin_client, answer.location)
    copy = submit(
        admin_client, f"{SHOP}/copy", target="examplebroken.mysql.db", flush="y", back_up_first="y"
    )
    assert copy.status_code == 302
    operation = page(admin_client, copy.location)
    assert "The safety copy could not be made, so nothing was changed" in operation
    assert 'data-part="pour" data-part-state="waiting"' in operation
    assert actions_of(app, "database.copy") == [] == actions_of(app, "database.copy_restore")


def test_only_a_backup_made_on_request_can_be_deleted(
    app: Flask, admin_client: FlaskClient
) -> None:
    html = page(admin_client, SHOP + "/")
    ids = backup_ids(html)
    rows = html.split("table-stack backups", 1)[1].split('data-backup="')[1:]
    deletable = [i for i, row in zip(ids, rows, strict=True) if "/delete" in row.split("</tr>")[0]]
    assert len(deletable) == 1  # the nightly and weekly ones are OVH's to keep
    answer = submit(admin_client, f"{SHOP}/backups/{deletable[0]}/delete")
    assert answer.status_code == 302
    assert "Deleting a database backup" in page(admin_client, answer.location)
    assert deletable[0] not in backup_ids(page(admin_client, SHOP + "/"))
    assert len(actions_of(app, "database.delete_backup")) == 1


def send_file(client: FlaskClient, name: str, content: bytes, **fields: Any) -> Any:
    token = csrf_token(page(client, SHOP + "/import"))
    data = {"csrf_token": token, "file": (io.BytesIO(content), name), **fields}
    return client.post(SHOP + "/import", data=data, headers=EN, content_type="multipart/form-data")


def test_an_sql_file_is_sent_to_ovh_and_imported(
    app: Flask, admin_client: FlaskClient, sandbox: Any
) -> None:
    sandbox.clear_stats()
    answer = send_file(admin_client, "shop.sql.gz", gzip.compress(b"CREATE TABLE t (id INT);"))
    assert answer.status_code == 302
    task = page(admin_client, answer.location)
    assert "Importing data into the database example.mysql.db" in task
    assert 'data-status="done"' in task
    routes = sandbox.stats()["by_route"]
    assert routes["POST /me/document"] == 1
    assert routes["POST /hosting/web/{serviceName}/database/{name}/import"] == 1
    [entry] = actions_of(app, "database.import")
    assert entry.parameters == {"file": "shop.sql.gz", "flush": False}
    assert actions_of(app, "database.back_up") == []  # nothing emptied: no backup needed


def test_an_import_that_empties_the_database_backs_it_up_first(
    app: Flask, admin_client: FlaskClient
) -> None:
    answer = send_file(admin_client, "shop.sql", b"SELECT 1;", flush="y", back_up_first="y")
    assert answer.status_code == 302
    assert len(actions_of(app, "database.back_up")) == 1
    assert actions_of(app, "database.import")[0].parameters["flush"] is True


def test_a_wrong_or_missing_file_is_said_beside_the_field(admin_client: FlaskClient) -> None:
    html = send_file(admin_client, "photo.png", b"\x89PNG").get_data(as_text=True)
    assert "Choose a file ending in .sql or .sql.gz" in html.split('id="file-errors"', 1)[1]
    html = send_file(admin_client, "empty.sql", b"").get_data(as_text=True)
    assert "This file is empty." in html
    token = csrf_token(page(admin_client, SHOP + "/import"))
    html = admin_client.post(SHOP + "/import", data={"csrf_token": token}, headers=EN).get_data(
        as_text=True
    )
    assert "Choose the file to import." in html


def test_ovh_refusing_the_file_is_a_sentence_with_its_reference(
    admin_client: FlaskClient,
) -> None:
    html = send_file(admin_client, "shop.sql.gz", b"not gzip at all").get_data(as_text=True)
    assert "Reference for support" in html or "OVH" in html


def test_a_copy_goes_into_another_database_with_the_safety_net(
    app: Flask, admin_client: FlaskClient
) -> None:
    form = page(admin_client, f"{SHOP}/copy")
    assert '<option value="exampleblog.mysql.db">' in form  # MariaDB reads MySQL's content
    answer = submit(
        admin_client, f"{SHOP}/copy", target="exampleblog.mysql.db", flush="y", back_up_first="y"
    )
    assert answer.status_code == 302
    operation = page(admin_client, answer.location)
    assert "then OVH copies example.mysql.db (a few minutes)" in operation
    assert "Done: the copy is poured into exampleblog.mysql.db." in operation
    [copy] = actions_of(app, "database.copy")
    assert copy.target == "example.mysql.db"
    [poured] = actions_of(app, "database.copy_restore")
    assert poured.target == "exampleblog.mysql.db" and poured.parameters["flush"] is True
    [safety] = actions_of(app, "database.back_up")
    assert safety.target == "exampleblog.mysql.db"


def test_deleting_a_database_backs_it_up_first_and_its_backups_stay(
    admin_client: FlaskClient,
) -> None:
    blog = f"{BASE}/exampleblog.mysql.db"
    confirm = page(admin_client, blog + "/delete")
    assert "Its newest backup was made on" in confirm  # last night's
    answer = submit(
        admin_client, blog + "/delete", confirm_name="exampleblog.mysql.db", back_up_first="y"
    )
    assert answer.status_code == 302
    operation = page(admin_client, answer.location)
    assert "Done: the database is deleted. Its safety copy is listed" in operation
    plan = page(admin_client, f"{BASE}/backups")
    assert plan.count("Database deleted") == 3  # nightly, weekly and the one made just before
    row = plan.split("Database deleted", 1)[1].split("</tr>", 1)[0]
    download = re.search(r'href="([^"]+/download)"', row)
    assert download is not None
    answer = admin_client.get(download.group(1))
    assert answer.status_code == 302 and answer.location.endswith(".sql.gz")


def test_staff_may_back_up_and_import_and_ask_to_restore(
    staff_client: Callable[[str], FlaskClient],
) -> None:
    client = staff_client("operate")
    html = page(client, SHOP + "/")
    assert "Back up now" in html and "Download" in html and "Import an SQL file" in html
    assert '/copy"' not in html
    assert "Restoring or deleting a backup is for the panel's administrators" in html
    first = backup_ids(html)[0]
    assert f"/backups/{first}/restore" in html  # it asks an administrator (Approvals)
    assert "Ask an administrator" in page(client, f"{SHOP}/backups/{first}/restore")
    assert submit(client, SHOP + "/back-up").status_code == 302


def test_viewers_see_backups_without_a_download(staff_client: Callable[[str], FlaskClient]) -> None:
    client = staff_client("view")
    html = page(client, SHOP + "/")
    assert backup_ids(html) and "Download" not in html and "Back up now" not in html
    first = backup_ids(html)[0]
    assert client.get(f"{SHOP}/backups/{first}/download").status_code == 403


def test_the_backups_speak_french(admin_client: FlaskClient) -> None:
    html = page(admin_client, SHOP + "/", FR)
    assert "Sauvegardes" in html and "Sauvegarder maintenant" in html
    first = backup_ids(html)[0]
    confirm = page(admin_client, f"{SHOP}/backups/{first}/restore", FR)
    assert "sera perdu" in confirm


def test_the_history_tells_each_step_in_plain_words(admin_client: FlaskClient) -> None:
    weekly = backup_of_kind(page(admin_client, SHOP + "/"), "Weekly")
    submit(admin_client, f"{SHOP}/backups/{weekly}/restore", back_up_first="y")
    history = page(admin_client, "/hosting/history")
    assert "Backed up a database" in history and "safety net, before a change" in history
    assert "Restored a database backup" in history and "weekly backup" in history

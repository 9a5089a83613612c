"""Backups in the sandbox: the seeded nightly and weekly dumps, back up now, delete, restore,
import through /me/document and its upload address, copy and copyRestore, and the trigger inputs
that make each fail as OVH ends a failed task."""

from __future__ import annotations

import gzip
from typing import Any

import ovh
import pytest
import requests
from ovh.exceptions import BadParametersError, ResourceNotFoundError

from tests.support.sandbox_control import EXAMPLE, EXAMPLE3

DATABASE = f"/hosting/web/{EXAMPLE}/database/example.mysql.db"


def dumps(client: ovh.Client, path: str = DATABASE) -> list[dict[str, Any]]:
    return [client.get(f"{path}/dump/{dump_id}") for dump_id in client.get(f"{path}/dump")]


def test_every_database_has_last_nights_and_last_sundays_backup(client: ovh.Client) -> None:
    for service in (EXAMPLE, EXAMPLE3):
        for name in client.get(f"/hosting/web/{service}/database"):
            path = f"/hosting/web/{service}/database/{name}"
            kinds = sorted(dump["type"] for dump in dumps(client, path))
            assert {"daily.1", "weekly.1"} <= set(kinds)
            assert client.get(path)["dumps"] == len(kinds)
    seeded = dumps(client)
    assert sorted(d["type"] for d in seeded) == ["daily.1", "now", "weekly.1"]
    daily = next(d for d in seeded if d["type"] == "daily.1")
    assert daily["creationDate"].endswith("T03:00:00+00:00") and daily["url"].endswith(".sql.gz")
    assert client.get(f"{DATABASE}/dump", type="weekly.1") == [
        d["id"] for d in seeded if d["type"] == "weekly.1"
    ]


def test_back_up_now_is_a_task_then_a_backup_ready_to_download(client: ovh.Client) -> None:
    task = client.post(f"{DATABASE}/dump", date="now")
    assert task["function"] == "dump/create" and task["objectId"] == "example.mysql.db"
    made = max(dumps(client), key=lambda d: d["id"])
    assert made["type"] == "now" and made["status"] == "created"
    assert client.get(DATABASE)["dumps"] == 4
    answer = requests.get(made["url"], timeout=5)
    assert gzip.decompress(answer.content).startswith(b"-- OVH sandbox backup")


def test_only_now_can_be_asked_for(client: ovh.Client) -> None:
    with pytest.raises(BadParametersError, match="date=now"):
        client.post(f"{DATABASE}/dump", date="daily.1")
    with pytest.raises(BadParametersError, match="date"):
        client.post(f"{DATABASE}/dump", date="yesterday")


def test_a_restore_is_a_task_on_the_database(client: ovh.Client) -> None:
    first = dumps(client)[0]["id"]
    task = client.post(f"{DATABASE}/dump/{first}/restore")
    assert task["function"] == "database/restore" and task["objectId"] == "example.mysql.db"
    other = f"/hosting/web/{EXAMPLE}/database/exampleblog.mysql.db"
    with pytest.raises(ResourceNotFoundError):
        client.post(f"{other}/dump/{first}/restore")  # a backup of another database


def test_deleting_a_backup_removes_it_and_its_count(client: ovh.Client) -> None:
    on_demand = next(d for d in dumps(client) if d["type"] == "now")
    task = client.delete(f"{DATABASE}/dump/{on_demand['id']}")
    assert task["function"] == "dump/delete"
    with pytest.raises(ResourceNotFoundError):
        client.get(f"{DATABASE}/dump/{on_demand['id']}")
    assert client.get(DATABASE)["dumps"] == 2


def test_a_broken_database_fails_its_backups_imports_and_copies(client: ovh.Client) -> None:
    """Trigger input: a database whose user ends in ``broken``."""
    client.post(
        f"/hosting/web/{EXAMPLE}/database",
        capabilitie="sqlPerso",
        type="mysql",
        user="examplebroken",
        password="Secret123",
    )
    broken = f"/hosting/web/{EXAMPLE}/database/examplebroken.mysql.db"
    assert client.get(broken)["status"] == "created"
    before = client.get(f"{broken}/dump")
    assert client.post(f"{broken}/dump", date="now")["status"] == "cancelled"
    assert [d["id"] for d in dumps(client, broken)] == before  # nothing kept
    assert client.get(broken)["dumps"] == len(before)
    document = upload(client, "shop.sql", b"CREATE TABLE t (id INT);")
    assert client.post(f"{broken}/import", documentId=document)["status"] == "cancelled"
    assert client.post(f"{broken}/copy")["status"] == "error"


def test_the_plan_lists_backups_of_deleted_databases_as_orphans(client: ovh.Client) -> None:
    client.delete(f"/hosting/web/{EXAMPLE}/database/exampleblog.mysql.db")
    plan = f"/hosting/web/{EXAMPLE}/dump"
    orphans = [client.get(f"{plan}/{i}") for i in client.get(plan, orphan=True)]
    assert orphans and {d["databaseName"] for d in orphans} == {"exampleblog.mysql.db"}
    assert all(d["orphan"] for d in orphans)
    kept = client.get(plan, databaseName="example.mysql.db")
    assert len(kept) == 3


def upload(client: ovh.Client, name: str, content: bytes) -> str:
    document = client.post("/me/document", name=name)
    assert document["size"] == 0 and document["putUrl"].startswith("http://127.0.0.1")
    answer = requests.put(document["putUrl"], data=content, timeout=5)
    assert answer.status_code == 201
    return str(document["id"])


def test_a_file_sent_to_its_document_is_imported(client: ovh.Client) -> None:
    document = upload(client, "shop.sql.gz", gzip.compress(b"CREATE TABLE t (id INT);"))
    task = client.post(f"{DATABASE}/import", documentId=document, flushDatabase=True)
    assert task["function"] == "database/import" and task["status"] == "done"


def test_an_import_needs_the_file_first_and_a_gz_must_be_gzip(client: ovh.Client) -> None:
    document = client.post("/me/document", name="empty.sql")
    with pytest.raises(BadParametersError, match="send it first"):
        client.post(f"{DATABASE}/import", documentId=document["id"])
    document = client.post("/me/document", name="shop.sql.gz")
    answer = requests.put(document["putUrl"], data=b"not gzip", timeout=5)
    assert answer.status_code == 400
    wrong = requests.put(document["putUrl"].split("?")[0] + "?token=x", data=b"", timeout=5)
    assert wrong.status_code == 403


def test_a_file_named_fail_is_not_imported(client: ovh.Client) -> None:
    document = upload(client, "fail-shop.sql", b"CREATE TABLE t (id INT);")
    task = client.post(f"{DATABASE}/import", documentId=document)
    assert task["status"] == "cancelled"


def test_a_copy_is_poured_into_another_database_once_ready(client: ovh.Client) -> None:
    copy = client.post(f"{DATABASE}/copy")
    assert copy["status"] == "done"  # task_seconds=0
    assert client.get(f"{DATABASE}/copy") == [copy["id"]]
    other = f"/hosting/web/{EXAMPLE}/database/exampleblog.mysql.db"
    task = client.post(f"{other}/copyRestore", copyId=copy["id"], flushDatabase=True)
    assert task["function"] == "database/copyRestore" and task["objectId"] == "exampleblog.mysql.db"
    with pytest.raises(ResourceNotFoundError):
        client.post(f"{other}/copyRestore", copyId="00000000-0000-4000-8000-000000000000")

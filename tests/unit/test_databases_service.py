"""The databases service against the sandbox: filters, offers, versions, writes."""

from __future__ import annotations

from typing import Any

import pytest

from app.services import databases
from app.services.client import OvhGateway
from app.services.databases import DatabaseFilters, NewDatabase

SERVICE = "example.cluster01.hosting.ovh.net"
EXHAUSTED = "example2.cluster02.hosting.ovh.net"
AGENCY = "example3.cluster03.hosting.ovh.net"


@pytest.fixture
def sent_urls(gateway: OvhGateway, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs the gateway asks OVH for, as they leave the panel."""
    urls: list[str] = []
    real = gateway.client.raw_call

    def spy(method: str, path: str, *args: Any, **kwargs: Any) -> Any:
        urls.append(f"{method} {path}")
        return real(method, path, *args, **kwargs)

    monkeypatch.setattr(gateway.client, "raw_call", spy)
    return urls


def test_filters_travel_to_ovh_as_query_parameters(
    gateway: OvhGateway, sent_urls: list[str]
) -> None:
    found = databases.list_databases(
        gateway, AGENCY, DatabaseFilters(type="mysql", mode="classic", user="wp", name="example3")
    )
    assert [database.name for database in found] == ["example3wp.mysql.db"]
    assert sent_urls == [
        f"GET /hosting/web/{AGENCY}/database?type=mysql&mode=classic&name=example3&user=wp"
    ]


def test_empty_filters_are_not_sent(gateway: OvhGateway, sent_urls: list[str]) -> None:
    found = databases.list_databases(gateway, SERVICE, DatabaseFilters(type="", server=None))
    assert len(found) == 2
    assert sent_urls == [f"GET /hosting/web/{SERVICE}/database"]


def test_a_database_reads_with_its_disk_use_and_support_state(gateway: OvhGateway) -> None:
    database = databases.get_database(gateway, SERVICE, "exampleblog.mysql.db")
    assert (database.engine, database.version, database.version_support) == (
        "mariadb",
        "10.11",
        "stable",
    )
    assert database.disk.level == "danger"
    assert (database.port, database.dumps, database.busy) == (
        3306,
        2,
        False,
    )  # last night's and last Sunday's


@pytest.mark.parametrize(
    ("engine", "default", "versions"),
    [
        ("mysql", "8.0", ("5.7", "8.0")),
        ("mariadb", "10.11", ("10.6", "10.11")),
        ("postgresql", "15", ("12", "13", "15")),
        ("redis", "7.0", ("6.0", "7.0")),
    ],
)
def test_each_engine_has_its_own_versions_and_default(
    gateway: OvhGateway, engine: str, default: str, versions: tuple[str, ...]
) -> None:
    found = databases.get_versions(gateway, SERVICE, engine)
    assert (found.default, found.versions) == (default, versions)


def test_offers_say_how_many_databases_are_left(gateway: OvhGateway) -> None:
    offers = {offer.offer: offer for offer in databases.list_creation_offers(gateway, AGENCY)}
    assert offers["sqlPerso"].available == 2
    assert offers["extraSqlPerso"].available == 1
    assert offers["extraSqlPerso"].quota_choices == (25, 100, 200, 256, 400, 512, 800, 1024)
    assert offers["sqlPerso"].quota_choices == ()


def test_the_exhausted_plan_has_no_room_left(gateway: OvhGateway) -> None:
    offers = databases.list_creation_offers(gateway, EXHAUSTED)
    assert offers and all(offer.available == 0 for offer in offers)


def test_a_quota_is_sent_as_a_number_only_for_offers_that_take_one() -> None:
    extra = NewDatabase("extraSqlPerso", "redis", "example3x", "Abc12345", "7.0", 256)
    assert extra.to_ovh()["quota"] == 256
    included = NewDatabase("sqlPerso", "mysql", "examplex", "Abc12345", None, None)
    assert "quota" not in included.to_ovh() and "version" not in included.to_ovh()


def test_creating_a_database_starts_a_task_and_shows_it_creating(
    gateway: OvhGateway, sandbox_config: Any
) -> None:
    new = NewDatabase("sqlPerso", "postgresql", "examplenew", "Abc12345", "13", None)
    task = databases.create_database(gateway, SERVICE, new)
    assert (task.function, task.object_id) == ("database/create", "examplenew.postgres.db")
    assert databases.database_name("examplenew", "postgresql") == "examplenew.postgres.db"
    created = databases.get_database(gateway, SERVICE, "examplenew.postgres.db", fresh=True)
    assert created.version == "13"


def test_a_deleted_database_is_no_longer_found(gateway: OvhGateway) -> None:
    task = databases.delete_database(gateway, SERVICE, "example.mysql.db")
    assert task.function == "database/delete"
    assert databases.find_database(gateway, SERVICE, "example.mysql.db") is None

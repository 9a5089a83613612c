"""Databases: list filters, creation rules and slots, delete, password, offers and versions."""

from __future__ import annotations

from typing import Any

import ovh
import pytest
from ovh.exceptions import BadParametersError, ResourceConflictError, ResourceNotFoundError

from tests.support.sandbox_control import EXAMPLE, EXAMPLE2, EXAMPLE3

DATABASES = f"/hosting/web/{EXAMPLE}/database"


def create(client: ovh.Client, **overrides: Any) -> dict[str, Any]:
    body = {
        "capabilitie": "sqlPerso",
        "type": "mysql",
        "user": "exampleshop",
        "password": "Secret123",
        **overrides,
    }
    task: dict[str, Any] = client.post(DATABASES, **body)
    return task


def test_list_filters_by_type_and_name(client: ovh.Client) -> None:
    assert client.get(DATABASES) == ["example.mysql.db", "exampleblog.mysql.db"]
    assert client.get(DATABASES, type="mariadb") == ["exampleblog.mysql.db"]
    assert client.get(DATABASES, name="BLOG") == ["exampleblog.mysql.db"]
    assert client.get(DATABASES, mode="classic", user="example%") == [
        "example.mysql.db",
        "exampleblog.mysql.db",
    ]


def test_list_rejects_an_unknown_type(client: ovh.Client) -> None:
    with pytest.raises(BadParametersError, match="type"):
        client.get(DATABASES, type="oracle")


def test_seed_has_a_database_near_its_quota(client: ovh.Client) -> None:
    database = client.get(f"{DATABASES}/exampleblog.mysql.db")
    assert database["quotaUsed"]["value"] / database["quotaSize"]["value"] > 0.95


def test_create_answers_a_task_and_names_the_database_per_engine(client: ovh.Client) -> None:
    task = create(client)
    assert (task["function"], task["objectType"]) == ("database/create", "Database")
    assert task["objectId"] == "exampleshop.mysql.db"
    database = client.get(f"{DATABASES}/exampleshop.mysql.db")
    assert (database["status"], database["user"], database["version"]) == (
        "created",
        "exampleshop",
        "8.0",
    )
    pg = client.post(
        f"/hosting/web/{EXAMPLE3}/database",
        capabilitie="sqlPerso",
        type="postgresql",
        user="example3pg",
        password="Secret123",
        version="13",
    )
    assert pg["objectId"] == "example3pg.postgres.db"


@pytest.mark.parametrize(
    ("user", "message"),
    [
        ("shop", "begin with your hosting login"),
        ("exampleShop", "lowercase letters and digits"),
        ("example_shop", "lowercase letters and digits"),
        ("exampleverylongname", "16 characters"),
    ],
)
def test_create_checks_the_user(client: ovh.Client, user: str, message: str) -> None:
    with pytest.raises(BadParametersError, match=message):
        create(client, user=user)


@pytest.mark.parametrize(
    "password",
    [
        "short1",
        "onlyletters",
        "12345678",
        "with space 123",
        "x1" * 16,
        "lowercase123",  # no capital
        "UPPERCASE123",  # no lower-case letter
        "Xy1" * 11,  # 33 characters
    ],
)
def test_create_checks_the_password_policy(client: ovh.Client, password: str) -> None:
    with pytest.raises(BadParametersError, match="8 to 30 letters and digits"):
        create(client, password=password)


def test_create_needs_a_password(client: ovh.Client) -> None:
    with pytest.raises(BadParametersError, match="password"):
        client.post(DATABASES, capabilitie="sqlPerso", type="mysql", user="exampleshop")


@pytest.mark.parametrize(
    ("field", "value"),
    [("capabilitie", "bigSql"), ("type", "oracle"), ("version", "99"), ("quota", 333)],
)
def test_create_rejects_unknown_enum_values(client: ovh.Client, field: str, value: Any) -> None:
    with pytest.raises(BadParametersError, match=field):
        create(client, **{field: value})


def test_create_rejects_a_version_of_another_engine(client: ovh.Client) -> None:
    with pytest.raises(BadParametersError, match="not available for mysql"):
        create(client, version="15")


def test_create_an_existing_database_is_a_conflict(client: ovh.Client) -> None:
    with pytest.raises(ResourceConflictError):
        create(client, user="example")


def test_no_slot_left_is_refused(client: ovh.Client) -> None:
    capabilities = client.get(f"/hosting/web/{EXAMPLE2}/databaseCreationCapabilities")
    assert {c["available"] for c in capabilities} == {0}
    with pytest.raises(ovh.exceptions.APIError, match="no database available") as caught:
        client.post(
            f"/hosting/web/{EXAMPLE2}/database",
            capabilitie="sqlPerso",
            type="mysql",
            user="example2wp",
            password="Secret123",
        )
    assert caught.value.response.status_code == 403


def test_creation_uses_a_slot(client: ovh.Client) -> None:
    def available() -> int:
        offers = client.get(f"/hosting/web/{EXAMPLE}/databaseCreationCapabilities")
        return next(int(c["available"]) for c in offers if c["type"] == "sqlPerso")

    assert available() == 1
    create(client)
    assert available() == 0


@pytest.mark.parametrize(
    ("user", "status"), [("examplecancel", "cancelled"), ("examplefail", "cancelled")]
)
def test_trigger_users_end_their_task_without_a_database(
    client: ovh.Client, user: str, status: str
) -> None:
    task = create(client, user=user)
    assert client.get(f"/hosting/web/{EXAMPLE}/tasks/{task['id']}")["status"] == status
    with pytest.raises(ResourceNotFoundError):
        client.get(f"{DATABASES}/{user}.mysql.db")


def test_delete_answers_a_task_and_removes_the_database(client: ovh.Client) -> None:
    task = client.delete(f"{DATABASES}/example.mysql.db")
    assert task["function"] == "database/delete"
    assert client.get(DATABASES) == ["exampleblog.mysql.db"]


def test_change_password_runs_a_task_and_checks_the_policy(client: ovh.Client) -> None:
    task = client.post(f"{DATABASES}/example.mysql.db/changePassword", password="NewSecret42")
    assert task["function"] == "database/changePassword"
    with pytest.raises(BadParametersError):
        client.post(f"{DATABASES}/example.mysql.db/changePassword", password="weak")


def test_capabilities_types_and_versions(client: ovh.Client) -> None:
    assert client.get(f"{DATABASES}/example.mysql.db/capabilities")["changePassword"] is True
    assert client.get(f"/hosting/web/{EXAMPLE}/databaseAvailableType") == [
        "mariadb",
        "mysql",
        "postgresql",
        "redis",
    ]
    versions = client.get(f"/hosting/web/{EXAMPLE}/databaseAvailableVersion", type="mysql")
    assert versions == {"default": "8.0", "list": ["5.7", "8.0"]}
    with pytest.raises(BadParametersError):
        client.get(f"/hosting/web/{EXAMPLE}/databaseAvailableVersion", type="mongodb")
    with pytest.raises(BadParametersError):
        client.get(f"/hosting/web/{EXAMPLE}/databaseAvailableVersion")


def test_unknown_database_is_not_found(client: ovh.Client) -> None:
    with pytest.raises(ResourceNotFoundError):
        client.get(f"{DATABASES}/nope.mysql.db")

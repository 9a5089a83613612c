"""One-click modules: OVH's catalogue, and installing, reading, removing and a new admin password,
each a task, with OVH's refusals and the trigger inputs."""

from __future__ import annotations

from typing import Any

import ovh
import pytest
from ovh.exceptions import BadParametersError, ResourceConflictError, ResourceNotFoundError

from tests.support.sandbox_control import EXAMPLE

MODULES = f"/hosting/web/{EXAMPLE}/module"
WORDPRESS = 1842
NO_SERVER = {"type": "mysql", "name": "example", "user": "example", "password": "Secret123"}


def ready_database(client: ovh.Client, user: str = "examplewp") -> str:
    client.post(
        f"/hosting/web/{EXAMPLE}/database",
        capabilitie="sqlPerso",
        type="mysql",
        user=user,
        password="Secret123",
    )
    return f"{user}.mysql.db"


def install(client: ovh.Client, **overrides: Any) -> dict[str, Any]:
    database = overrides.pop("database", None) or "example.mysql.db"
    user = database.split(".")[0]
    body = {
        "moduleId": WORDPRESS,
        "domain": "blog.example.com",
        "path": "wp",
        "language": "fr",
        "adminName": "marie",
        "adminPassword": "long enough",
        "dependencies": [
            {  # as OVH's control panel sends it (hosting-module-add.controller.js)
                "type": "mysql",
                "name": user,
                "user": user,
                "password": "Secret123",
                "server": database,
                "port": 3306,
                "prefix": "wp_",
            }
        ],
        **overrides,
    }
    task: dict[str, Any] = client.post(MODULES, **body)
    return task


def test_the_catalogue_lists_versions_and_filters_like_ovh(client: ovh.Client) -> None:
    everything = client.get("/hosting/web/moduleList")
    latest = client.get("/hosting/web/moduleList", latest=True, active=True)
    assert WORDPRESS in latest and 1801 in everything and 1801 not in latest
    assert client.get("/hosting/web/moduleList", branch="old") == [1801]
    wordpress = client.get(f"/hosting/web/moduleList/{WORDPRESS}")
    assert wordpress["name"] == "wordpress" and wordpress["upgradeFrom"] == [1801]
    assert wordpress["languageRequirement"] == {"unit": "PHP", "value": "7.4"}
    with pytest.raises(BadParametersError, match="branch"):
        client.get("/hosting/web/moduleList", branch="beta")
    with pytest.raises(ResourceNotFoundError):
        client.get("/hosting/web/moduleList/9")


def test_an_install_is_a_task_and_the_module_is_ready_when_it_ends(client: ovh.Client) -> None:
    task = install(client, database=ready_database(client))
    assert task["function"] == "module/install" and task["objectType"] == "Module"
    assert task["status"] == "done"  # the test sandbox's tasks end at once
    installed = client.get(MODULES)
    assert 1500000 in installed and len(installed) == 2
    module = client.get(f"{MODULES}/{max(installed)}")
    assert module["status"] == "created" and module["path"] == "wp"
    assert module["dependencies"] == [
        {"type": "mysql", "name": "examplewp", "server": "examplewp.mysql.db", "user": "examplewp",
         "port": 3306, "prefix": "wp_", "password": None}  # never shown back
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("overrides", "error", "words"),
    [
        ({"moduleId": 9}, BadParametersError, "not available"),
        ({"database": "nothing.mysql.db"}, BadParametersError, "does not exist"),
        ({"dependencies": [NO_SERVER]}, BadParametersError, "does not exist"),
        (
            {"language": "fi", "moduleId": 1843, "adminName": "a@b.fr"},
            BadParametersError,
            "language",
        ),
        ({"domain": "nowhere.example.org"}, BadParametersError, "not attached"),
        ({"path": "../up"}, BadParametersError, "home folder"),
        ({"moduleId": 1843, "language": "fr"}, BadParametersError, "email"),
        ({"adminPassword": "short"}, BadParametersError, "8 characters"),
        ({"dependencies": []}, BadParametersError, "MySQL database"),
        ({"dependencies": [{"type": "redis", "name": "x"}]}, BadParametersError, "mysql"),
    ],
)
def test_ovh_refuses_what_it_cannot_install(
    client: ovh.Client, overrides: dict[str, Any], error: type[Exception], words: str
) -> None:
    with pytest.raises(error, match=words):
        install(client, **overrides)


def test_a_folder_holds_one_module(client: ovh.Client) -> None:
    with pytest.raises(ResourceConflictError, match="already installed"):
        install(client, path="blog")


def test_trigger_inputs_fail_an_install_always_or_only_the_first_time(client: ovh.Client) -> None:
    client.post(f"/hosting/web/{EXAMPLE}/attachedDomain", domain="flaky-shop.example.org", path="f")
    assert install(client, adminName="adminfail")["status"] == "cancelled"
    assert client.get(MODULES) == [1500000]  # the failed install left nothing behind
    database = ready_database(client, "exampleflaky")
    first = install(client, domain="flaky-shop.example.org", path="f", database=database)
    assert first["status"] == "cancelled"
    again = install(client, domain="flaky-shop.example.org", path="f", database=database)
    assert again["status"] == "done"


def test_removing_and_a_new_password_are_tasks(client: ovh.Client) -> None:
    password = client.post(f"{MODULES}/1500000/changePassword")
    assert password["function"] == "module/changePassword"
    removed = client.delete(f"{MODULES}/1500000", purgeData=False)
    assert removed["function"] == "module/delete"
    assert 1500000 not in client.get(MODULES)
    with pytest.raises(ResourceNotFoundError):
        client.get(f"{MODULES}/1500000")


def test_an_install_with_a_wrong_database_password_is_accepted_then_fails(
    client: ovh.Client,
) -> None:
    """As OVH's installer: the call is accepted, the install cannot connect and ends cancelled."""
    database = ready_database(client)
    dependency = {"type": "mysql", "name": "examplewp", "user": "examplewp", "server": database,
                  "port": 3306, "password": "Wrong1234"}  # fmt: skip
    task = install(client, dependencies=[dependency])
    assert task["function"] == "module/install" and task["status"] == "cancelled"
    assert client.get(MODULES) == [1500000]


@pytest.mark.parametrize(
    "changed",
    [
        {"name": "examplewp.mysql.db"},  # OVH's name of the database, not the schema inside it
        {"name": "example"},  # another database's schema
        {"port": 3307},
    ],
)
def test_an_install_that_cannot_open_its_database_is_accepted_then_fails(
    client: ovh.Client, changed: dict[str, Any]
) -> None:
    """OVH's installer opens schema ``name`` on ``server``:``port`` when it runs: a dependency
    designating no schema of the database fails like a wrong password (the task, not the call)."""
    database = ready_database(client)
    dependency = {"type": "mysql", "name": "examplewp", "user": "examplewp", "server": database,
                  "port": 3306, "password": "Secret123", **changed}  # fmt: skip
    assert install(client, dependencies=[dependency])["status"] == "cancelled"
    assert client.get(MODULES) == [1500000]


def test_a_changed_database_password_is_the_one_an_install_needs(client: ovh.Client) -> None:
    database = ready_database(client)
    client.post(f"/hosting/web/{EXAMPLE}/database/{database}/changePassword", password="Newer2024")
    assert install(client, database=database)["status"] == "cancelled"  # the old one
    dependency = {"type": "mysql", "name": "examplewp", "user": "examplewp", "server": database,
                  "port": 3306, "password": "Newer2024"}  # fmt: skip
    assert install(client, dependencies=[dependency])["status"] == "done"


def test_an_install_fills_its_database(client: ovh.Client) -> None:
    database = ready_database(client)
    assert client.get(f"/hosting/web/{EXAMPLE}/database/{database}")["quotaUsed"]["value"] == 0
    install(client, database=database)
    used = client.get(f"/hosting/web/{EXAMPLE}/database/{database}")["quotaUsed"]
    assert used == {"unit": "MB", "value": 2.4}  # WordPress's tables

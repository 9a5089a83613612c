"""Which of the plan's databases a launch may install an application into, read from the
sandbox through the service layer, and the steps a launch into one of them takes."""

from __future__ import annotations

from dataclasses import replace

from app.launch import plans
from app.services import databases, modules
from app.services.client import OvhGateway
from app.services.databases import NewDatabase
from app.services.units import Quantity, Usage

SERVICE = "example.cluster01.hosting.ovh.net"


def test_only_empty_ready_mysql_databases_used_by_no_application_are_offered(
    gateway: OvhGateway,
) -> None:
    new = NewDatabase("sqlPerso", "mysql", "exampledata", "Data2024pass", None, None)
    databases.create_database(gateway, SERVICE, new)
    found = databases.list_databases(gateway, SERVICE)
    installed = modules.list_installed(gateway, SERVICE)
    # example.mysql.db holds 112 MB; exampleblog.mysql.db is MariaDB and WordPress's database.
    assert [d.name for d in plans.empty_databases(found, installed)] == ["exampledata.mysql.db"]
    empty = next(d for d in found if d.name == "exampledata.mysql.db")
    assert empty.disk.used == Quantity(0.0, "MB")

    def offered(database: databases.Database) -> bool:
        return bool(plans.empty_databases([database], installed))

    assert offered(replace(empty, disk=Usage(Quantity(0.9, "MB"), empty.disk.size)))
    assert not offered(replace(empty, disk=Usage(Quantity(1.0, "MB"), empty.disk.size)))
    assert not offered(replace(empty, disk=Usage(None, empty.disk.size)))  # never measured
    assert not offered(replace(empty, disk=Usage(Quantity(1.0, "furlongs"), None)))
    assert not offered(replace(empty, engine="mariadb"))
    assert not offered(replace(empty, state="readonly"))  # OVH's "insufficient rights"
    assert not offered(replace(empty, status="updating"))


def test_a_database_is_in_use_by_its_name_or_by_the_mysql_name_inside_it(
    gateway: OvhGateway,
) -> None:
    blog = modules.list_installed(gateway, SERVICE)[0]
    database = next(
        d for d in databases.list_databases(gateway, SERVICE) if d.name == "exampleblog.mysql.db"
    )
    assert plans.uses(blog, database)
    as_ovh_manager_sends = modules.Dependency("exampleblog", "exampleblog.mysql.db", "exampleblog")
    assert plans.uses(replace(blog, dependencies=(as_ovh_manager_sends,)), database)
    other = modules.Dependency("exampleshop", "exampleshop.mysql.db", "exampleshop")
    assert not plans.uses(replace(blog, dependencies=(other,)), database)


def test_an_existing_database_takes_no_creation_step_and_a_new_password_only_when_asked() -> None:
    base = {"content": plans.APPLICATION, "module_title": "WordPress 6.5.2", "ssl": True,
            "database": "exampledata.mysql.db", "existing_database": True}  # fmt: skip
    known = plans.planned_steps({**base, "password_way": plans.KNOWN_PASSWORD}, "a.example.org")
    assert [s.kind for s in known] == [plans.ATTACH, plans.INSTALL, plans.HTTPS]
    reset = plans.planned_steps({**base, "password_way": plans.RESET_PASSWORD}, "a.example.org")
    assert [(s.kind, s.target) for s in reset][1] == (plans.NEW_PASSWORD, "exampledata.mysql.db")
    new = plans.planned_steps({**base, "existing_database": False}, "a.example.org")
    assert [s.kind for s in new] == [plans.ATTACH, plans.DATABASE, plans.INSTALL, plans.HTTPS]


def test_an_install_sends_the_database_as_ovh_s_control_panel_does_and_is_linked_back(
    gateway: OvhGateway,
) -> None:
    """OVH's control panel (hosting-module-add.controller.js) sends the schema, which is named
    after the user, as ``name`` and the database as ``server``; the installer opens that schema."""
    new = NewDatabase("sqlPerso", "mysql", "exampledata", "Data2024pass", None, None)
    databases.create_database(gateway, SERVICE, new)
    install = modules.Install(
        1842, "example.com", "data", "en", "admin", "long enough admin",
        "exampledata.mysql.db", "exampledata", "Data2024pass", "wp_",
    )  # fmt: skip
    assert install.to_ovh()["dependencies"] == [
        {"type": "mysql", "name": "exampledata", "server": "exampledata.mysql.db",
         "user": "exampledata", "password": "Data2024pass", "port": 3306, "prefix": "wp_"}
    ]  # fmt: skip
    assert modules.install_module(gateway, SERVICE, install).status == "done"
    installed = next(m for m in modules.list_installed(gateway, SERVICE) if m.path == "data")
    assert installed.database == "exampledata.mysql.db"
    found = databases.list_databases(gateway, SERVICE)
    data = next(d for d in found if d.name == "exampledata.mysql.db")
    assert [d.name for d in found if plans.uses(installed, d)] == [data.name]

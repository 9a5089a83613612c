"""Reseeding the sandbox account: the default demo account and the large benchmark one.

The three demo services follow OVH's own guide (``example.cluster01.hosting.ovh.net``,
``example2.cluster02.hosting.ovh.net``) plus ``example3.cluster03.hosting.ovh.net``; ovh_sandbox/
README.md describes what each one shows. ``reset(config, services=N)`` with N > 3 adds generated
services so there are N in all.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing

from ovh_sandbox import credentials, db, faults, stats
from ovh_sandbox.config import SandboxConfig
from ovh_sandbox.seed_data import (
    FIRST_DUMP_ID,
    Account,
    Plan,
    certificate,
    database,
    domain,
    installed_module,
    seeded_dumps,
    service,
)
from ovh_sandbox.seed_settings import add_settings

FIRST_TASK_ID = 4_200_000
DATACENTERS = ("gra", "sbg", "rbx")
OFFERS = ("hosting-perso", "hosting-pro", "hosting-performance-1")


def _example(account: Account) -> None:
    sn = "example.cluster01.hosting.ovh.net"
    plan = Plan(
        sn,
        "hosting-pro",
        1,
        "gra",
        "example",
        123,
        display_name="Example shop",
        slots={"sqlPerso": 3, "extraSqlPerso": 0},
    )
    account.add("service", sn, "", service(plan, has_ssl=True))
    for doc in (
        domain(sn, "www", ssl=False),
        domain("example.com", "www", ssl=True),
        domain("www.example.com", "www", ssl=True),
        domain("blog.example.com", "blog", ssl=True),
        domain("xn--caf-dma.example.com", "cafe", ssl=False, dns="elsewhere"),
        domain("shop.example.com", "shop", ssl=True, firewall="active"),
    ):
        account.add("domain", sn, doc["domain"], doc)
    covered = ["example.com", "www.example.com", "blog.example.com"]
    account.add("ssl", sn, "", certificate("LETSENCRYPT", covered))
    for doc in (
        database("example", "mysql", quota_mb=400, used_mb=112.4, dumps=3),
        database("exampleblog", "mariadb", quota_mb=400, used_mb=391.7, dumps=1),
    ):
        account.add("database", sn, doc["name"], doc)
    # WordPress in the blog's folder, one version behind: the Websites tab shows an upgrade.
    blog = installed_module(1500000, 1801, "blog", "blog.example.com", "exampleblog", "mariadb",
                            days=58)  # fmt: skip
    account.add("module", sn, "1500000", blog)
    for function, object_type, object_id, days, outcome in (
        ("attachedDomain/create", "AttachedDomain", "example.com", 120, "done"),
        ("attachedDomain/create", "AttachedDomain", "www.example.com", 120, "done"),
        ("database/create", "Database", "example.mysql.db", 119, "done"),
        ("hostedssl/create", "Hostedssl", sn, 100, "done"),
        ("attachedDomain/create", "AttachedDomain", "blog.example.com", 60, "done"),
        ("database/create", "Database", "exampleblog.mysql.db", 59, "done"),
        ("attachedDomain/create", "AttachedDomain", "promo.example.com", 30, "cancelled"),
        ("attachedDomain/create", "AttachedDomain", "xn--caf-dma.example.com", 20, "done"),
        ("database/changePassword", "Database", "example.mysql.db", 10, "done"),
        ("attachedDomain/create", "AttachedDomain", "shop.example.com", 2, "done"),
    ):
        account.past_task(sn, function, object_type, object_id, days, outcome)


def _example2(account: Account) -> None:
    sn = "example2.cluster02.hosting.ovh.net"
    plan = Plan(
        sn,
        "hosting-perso",
        2,
        "sbg",
        "example2",
        456,
        slots={"sqlPerso": 1, "extraSqlPerso": 0},
        # Paid by hand and due soon: the daily watch has a renewal to point at.
        expires_in_days=12,
        automatic_renewal=False,
    )
    account.add("service", sn, "", service(plan, has_ssl=False))
    for doc in (
        domain(sn, "www", ssl=False),
        domain("example.org", "www", ssl=False),
        domain("www.example.org", "www", ssl=False),
        domain("legacy.example.org", "legacy", ssl=False, dns="none"),
        domain("old.example.net", "old", ssl=False, dns="elsewhere"),
    ):
        account.add("domain", sn, doc["domain"], doc)
    doc = database("example2", "mysql", quota_mb=200, used_mb=45.0, version="5.7")
    account.add("database", sn, doc["name"], doc)
    for function, object_type, object_id, days, outcome in (
        ("attachedDomain/create", "AttachedDomain", "example.org", 300, "done"),
        ("database/create", "Database", "example2.mysql.db", 299, "done"),
        ("attachedDomain/create", "AttachedDomain", "legacy.example.org", 200, "done"),
        ("attachedDomain/delete", "AttachedDomain", "test.example.org", 90, "done"),
        ("attachedDomain/create", "AttachedDomain", "old.example.net", 5, "done"),
    ):
        account.past_task(sn, function, object_type, object_id, days, outcome)


def _example3(account: Account, domains: int = 0) -> None:
    """The multi-certificate plan; ``domains`` > 5 adds generated domains up to that many."""
    sn = "example3.cluster03.hosting.ovh.net"
    plan = Plan(
        sn,
        "hosting-performance-1",
        3,
        "rbx",
        "example3",
        789,
        multiple_ssl=True,
        display_name="Agency sites",
        slots={"sqlPerso": 4, "extraSqlPerso": 2},
    )
    account.add("service", sn, "", service(plan, has_ssl=True))
    for doc in (
        domain(sn, "www", ssl=False),
        domain("example.net", "www", ssl=True),
        domain("www.example.net", "www", ssl=True),
        domain("app.example.net", "app", ssl=True),
        domain("api.example.net", "api", ssl=False, dns="none"),
    ):
        account.add("domain", sn, doc["domain"], doc)
    for name in ("example.net", "www.example.net"):
        account.add("domainssl", sn, name, certificate("LETSENCRYPT", [name]))
    for index in range(max(0, domains - 5)):
        name = f"{('', 'www.', 'shop.')[index % 3]}client{index // 3 + 1}.example.net"
        doc = domain(name, f"client{index // 3 + 1}", ssl=index % 2 == 0,
                     dns=("hosting", "hosting", "elsewhere", "none")[index % 4])  # fmt: skip
        account.add("domain", sn, name, doc)
        if index % 4 == 0:
            account.add("domainssl", sn, name, certificate("LETSENCRYPT", [name]))
    for doc in (
        database("example3", "postgresql", quota_mb=1024, used_mb=310.0, dumps=2),
        database("example3wp", "mysql", quota_mb=1024, used_mb=88.2),
        database("example3cache", "redis", quota_mb=256, used_mb=12.0, capabilitie="extraSqlPerso"),
    ):
        account.add("database", sn, doc["name"], doc)
    for function, object_type, object_id, days, outcome in (
        ("attachedDomain/create", "AttachedDomain", "example.net", 50, "done"),
        ("hostedssl/create", "Hostedssl", "example.net", 49, "done"),
        ("database/create", "Database", "example3.postgres.db", 48, "done"),
        ("database/create", "Database", "example3cache.redis.db", 40, "done"),
        ("attachedDomain/create", "AttachedDomain", "app.example.net", 3, "done"),
    ):
        account.past_task(sn, function, object_type, object_id, days, outcome)


def _generated(account: Account, number: int) -> None:
    login = f"example{number}"
    sn = f"{login}.cluster{number % 30 + 1:02d}.hosting.ovh.net"
    plan = Plan(
        sn,
        OFFERS[number % 3],
        number % 30 + 1,
        DATACENTERS[number % 3],
        login,
        100 + number,
        slots={"sqlPerso": 8, "extraSqlPerso": 0},
    )
    account.add("service", sn, "", service(plan, has_ssl=False))
    names = [sn] + [
        f"{prefix}site{number}.example.com"
        for prefix in ("", "www.", "blog.", "shop.", "api.", "docs.", "m.", "cdn.", "old.")
    ]
    for index, name in enumerate(names):
        account.add(
            "domain",
            sn,
            name,
            domain(
                name,
                f"site{index}",
                ssl=index % 2 == 1,
                dns=("hosting", "elsewhere", "none")[index % 3],
            ),
        )
    for index, engine in enumerate(("mysql", "mariadb", "postgresql", "mysql", "redis")):
        doc = database(f"{login}db{index}", engine, quota_mb=400, used_mb=20.0 * index)
        account.add("database", sn, doc["name"], doc)
    for index in range(20):
        account.past_task(
            sn,
            "attachedDomain/create",
            "AttachedDomain",
            names[index % 10],
            days_ago=200 - index * 9,
            outcome="cancelled" if index == 7 else "done",
        )


# The database with a backup made on demand too, and how many days ago.
ON_DEMAND_BACKUPS = {"example.mysql.db": 5.0}


def _backups(account: Account) -> None:
    """Every database has last night's and last Sunday's backup, as OVH keeps them."""
    next_id = FIRST_DUMP_ID
    databases = [(sn, doc) for kind, sn, _key, doc in account.docs if kind == "database"]
    for sn, doc in databases:
        made = seeded_dumps(doc["name"], next_id, ON_DEMAND_BACKUPS.get(doc["name"]))
        next_id += 3
        for one in made:
            account.add("dump", sn, str(one["id"]), one)
        doc["dumps"] = len(made)


def build_account(services: int, domains: int = 0) -> Account:
    account = Account()
    for builder in (_example, _example2)[:services]:
        builder(account)
    if services >= 3:
        _example3(account, domains)
    for number in range(4, services + 1):
        _generated(account, number)
    add_settings(account)
    _backups(account)
    return account


def _fill(conn: sqlite3.Connection, config: SandboxConfig, services: int, domains: int = 0) -> None:
    # OAuth2 tokens outlive a reset: a panel holding one keeps working (python-ovh only fetches
    # a new token when its own copy expires, not when OVH refuses it).
    for table in ("docs", "tasks", "credentials", "list_cache"):
        conn.execute(f"DELETE FROM {table}")
    stats.clear(conn)
    faults.reset(conn, config)
    credentials.add_demo(conn, config)
    account = build_account(services, domains)
    db.Store(conn).put_many(account.docs)
    conn.executemany(
        "INSERT INTO tasks (id, service, function, object_type, object_id, start, step, outcome, "
        "settled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
        [
            (FIRST_TASK_ID + index, *task)
            for index, task in enumerate(sorted(account.tasks, key=lambda task: task[4]))
        ],
    )


def reset(config: SandboxConfig, services: int = 3, domains: int = 0) -> None:
    """Drop everything and seed ``services`` services, the demo credential, no faults, no stats.

    ``domains`` > 5 gives the multi-certificate plan (example3) that many attached domains.
    """
    db.ensure_schema(config.db_path)
    with closing(db.connect(config.db_path)) as conn, db.transaction(conn):
        _fill(conn, config, services, domains)


def is_seeded(config: SandboxConfig) -> bool:
    db.ensure_schema(config.db_path)
    with closing(db.connect(config.db_path)) as conn:
        return conn.execute("SELECT count(*) FROM credentials").fetchone()[0] > 0


def seed_if_empty(config: SandboxConfig) -> None:
    """Seed the default account once, even when several processes start together."""
    db.ensure_schema(config.db_path)
    with closing(db.connect(config.db_path)) as conn, db.transaction(conn):
        if conn.execute("SELECT count(*) FROM credentials").fetchone()[0] == 0:
            _fill(conn, config, 3)

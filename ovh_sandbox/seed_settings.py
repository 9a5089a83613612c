"""The everyday settings of the demo plans: FTP/SSH users, PHP configurations (``.ovhconfig``)
and scheduled jobs, in the shapes the API shows (``hosting.web.user``, ``hosting.web.ovhConfig``,
``hosting.web.Cron``).

Kept apart from ``seed.py`` so that the account's other objects and these grow independently;
``seed.build_account`` calls :func:`add_settings` once for every service it made.
"""

from __future__ import annotations

from typing import Any

from ovh_sandbox import clock
from ovh_sandbox.seed_data import DAY, Account

# The PHP versions a plan can choose, with the container images each can run on
# (``hosting.web.OvhConfigCapabilities``).
PHP_CAPABILITIES: list[dict[str, Any]] = [
    {"containerImage": ["legacy", "jessie.i386", "stable"], "version": "7.0"},
    {"containerImage": ["stable", "stable64"], "version": "7.4"},
    {"containerImage": ["stable64"], "version": "8.0"},
    {"containerImage": ["stable64"], "version": "8.1"},
    {"containerImage": ["stable64"], "version": "8.2"},
    {"containerImage": ["stable64"], "version": "8.3"},
]
PHP_RECOMMENDED: dict[str, Any] = {
    "container": "stable64",
    "engineName": "php",
    "engineVersion": "8.3",
    "environment": "production",
    "httpFirewall": "none",
}
# What ``cronAvailableLanguage`` lists (``hosting.web.LanguagesEnum``).
CRON_LANGUAGES = ["node14", "php7.4", "php8.0", "php8.1", "php8.2", "php8.3", "python3", "other"]
# Offers with a single FTP login (OVH's guide: only Pro and Performance plans have several).
SINGLE_LOGIN_OFFERS = frozenset({"hosting-perso", "hosting-starter", "hosting-start"})


def user(
    service: dict[str, Any], login: str, home: str, *, ssh: str = "none", primary: bool = False
) -> dict[str, Any]:
    access = service["serviceManagementAccess"]
    return {
        "home": home,
        "isPrimaryAccount": primary,
        "login": login,
        "serviceManagementCredentials": {
            "ftp": {"port": access["ftp"]["port"], "url": access["ftp"]["url"], "user": login},
            "ssh": {"port": access["ssh"]["port"], "url": access["ssh"]["url"], "user": login},
        },
        "sshState": ssh,
        "state": "rw",
        "status": "created",
        "taskId": None,
    }


def ovh_config(
    number: int,
    version: str,
    *,
    path: str = "",
    historical: bool = False,
    environment: str = "production",
    container: str = "stable64",
    days_ago: float = 30,
) -> dict[str, Any]:
    return {
        "container": container,
        "creationDate": clock.iso(clock.now() - days_ago * DAY),
        "engineName": "php",
        "engineVersion": version,
        "environment": environment,
        "fileExist": True,
        "historical": historical,
        "httpFirewall": "none",
        "id": number,
        "path": path,
        "status": "created",
        "taskId": None,
    }


def cron(
    number: int,
    command: str,
    frequency: str,
    language: str,
    *,
    description: str | None = None,
    email: str | None = "no",
    status: str = "enabled",
) -> dict[str, Any]:
    return {
        "command": command,
        "description": description,
        "email": email,
        "frequency": frequency,
        "id": number,
        "language": language,
        "state": "created",
        "status": status,
    }


def add_settings(account: Account) -> None:
    """Users, PHP configurations and jobs for every service the account holds."""
    services = [doc for kind, _sn, _key, doc in list(account.docs) if kind == "service"]
    for index, service in enumerate(services):
        sn, login = service["serviceName"], service["primaryLogin"]
        base = 1000 * (index + 1)
        account.add("user", sn, login, user(service, login, "/", ssh="active", primary=True))
        configs = [
            ovh_config(base + 1, "8.1", days_ago=40),
            ovh_config(base + 2, "7.4", historical=True, container="stable", days_ago=400),
        ]
        jobs: list[dict[str, Any]] = []
        if sn.startswith("example.cluster01"):
            account.add("user", sn, f"{login}-agency", user(service, f"{login}-agency", "./www"))
            configs.append(
                ovh_config(base + 3, "7.4", path="blog", container="stable", days_ago=90)
            )
            jobs = [
                cron(
                    base + 1,
                    "./www/cron/sitemap.php",
                    "0 3 * * *",
                    "php8.1",
                    description="Rebuild the sitemap",
                    email="nic-admin",
                ),
                cron(
                    base + 2,
                    "./www/cron/newsletter.php",
                    "0 8 * * 1",
                    "php8.1",
                    description="Weekly newsletter",
                    status="disabled",
                ),
            ]
        elif sn.startswith("example3."):
            jobs = [cron(base + 1, "./api/tasks/cleanup.py", "0 * * * *", "python3", email=None)]
        for doc in configs:
            account.add("ovhconfig", sn, str(doc["id"]), doc)
        for doc in jobs:
            account.add("cron", sn, str(doc["id"]), doc)

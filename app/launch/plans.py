"""What a launch will do: its steps in order, what each changes and how long it usually takes,
built from the form's choices; and the names it gives what it creates."""

from __future__ import annotations

import re
import secrets
import string
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from app.services.databases import CreationOffer, Database, database_name
from app.services.modules import DEPENDENCY_ENGINE, InstalledModule

# The steps, in the order they run: each waits for the one before it to end. An existing
# database gets NEW_PASSWORD instead of DATABASE when the person asks the panel for one.
ATTACH, ATTACH_WWW, DATABASE, NEW_PASSWORD, INSTALL, HTTPS = (
    "attach",
    "attach_www",
    "database",
    "db_password",
    "install",
    "https",
)
ORDER = (ATTACH, ATTACH_WWW, DATABASE, NEW_PASSWORD, INSTALL, HTTPS)
# What each step changes, and how long OVH usually takes, for the summary page.
WHAT: dict[str, Any] = {
    ATTACH: _l("The hosting starts answering for %(target)s, showing the folder %(path)s."),
    ATTACH_WWW: _l("%(target)s shows the same site."),
    DATABASE: _l("A MySQL database %(target)s is created for the site."),
    NEW_PASSWORD: _l(
        "The database %(target)s gets a new password that the panel makes. Anything else using "
        "this database will stop connecting."
    ),
    INSTALL: _l("%(target)s is installed in the folder %(path)s, using the new database."),
    HTTPS: _l(
        "The free certificate is renewed to include the addresses, once their DNS points here."
    ),
}
TITLES: dict[str, Any] = {
    ATTACH: _l("Attach %(target)s"),
    ATTACH_WWW: _l("Attach %(target)s"),
    DATABASE: _l("Create the database %(target)s"),
    NEW_PASSWORD: _l("Give the database %(target)s a new password"),
    INSTALL: _l("Install %(target)s"),
    HTTPS: _l("Secure with HTTPS"),
}
USUALLY: dict[str, Any] = {
    ATTACH: _l("about a minute"),
    ATTACH_WWW: _l("about a minute"),
    DATABASE: _l("a few minutes"),
    NEW_PASSWORD: _l("about a minute"),
    INSTALL: _l("5 to 15 minutes"),
    HTTPS: _l("a few minutes"),
}
# What the install step says when the application goes into a database that was already there.
INSTALL_EXISTING = _l(
    "%(target)s is installed in the folder %(path)s, using the existing database %(database)s."
)
NOTHING, APPLICATION, DATABASE_ONLY = "nothing", "application", "database"
# An application's database: a new one, or an existing empty one; for an existing one, the
# password the person knows, or a new one the panel makes (with its own step).
NEW_DATABASE, EXISTING_DATABASE = "new", "existing"
RESET_PASSWORD, KNOWN_PASSWORD = "reset", "known"
PASSWORD_WAYS = (RESET_PASSWORD, KNOWN_PASSWORD)
DB_ENGINE = DEPENDENCY_ENGINE
# "Empty": OVH keeps no table count, only the space used (``quotaUsed``, measured now and then,
# see ``lastCheck``). An empty MySQL database measures 0; a fresh WordPress install's tables
# alone take more than this. A database OVH has not measured (no quotaUsed) is not offered.
EMPTY_BELOW_BYTES = 1024**2
USER_MAX = 16
TABLE_PREFIXES = {"wordpress": "wp_", "prestashop": "ps_", "joomla": "jos_", "drupal": "dr_"}


@dataclass(frozen=True)
class PlannedStep:
    kind: str
    target: str


def planned_steps(choices: dict[str, Any], domain: str) -> list[PlannedStep]:
    steps = [PlannedStep(ATTACH, domain)]
    if choices.get("www"):
        steps.append(PlannedStep(ATTACH_WWW, f"www.{domain}"))
    if choices.get("existing_database"):
        if choices.get("password_way") == RESET_PASSWORD:
            steps.append(PlannedStep(NEW_PASSWORD, str(choices["database"])))
    elif choices.get("content") in (APPLICATION, DATABASE_ONLY):
        steps.append(PlannedStep(DATABASE, str(choices["database"])))
    if choices.get("content") == APPLICATION:
        steps.append(PlannedStep(INSTALL, str(choices["module_title"])))
    if choices.get("ssl"):
        steps.append(PlannedStep(HTTPS, domain))
    return steps


def database_offer(offers: Sequence[CreationOffer]) -> CreationOffer | None:
    """The plan's offer a new MySQL database goes on: the included one first, when it has room."""
    usable = [o for o in offers if o.available > 0 and DB_ENGINE in o.engines]
    return min(usable, key=lambda o: (o.takes_quota, o.offer), default=None)


def empty_databases(
    existing: Sequence[Database], installed: Sequence[InstalledModule]
) -> list[Database]:
    """The plan's databases an application can be installed into: MySQL (the one engine of
    OVH's module dependencies; OVH's own control panel lists ``?type=mysql``), ready (status
    ``created``, state ``ok``: a ``readonly`` one refuses the install's tables), used by no
    installed application, and empty by the space OVH measured."""
    return [
        d
        for d in existing
        if d.engine == DB_ENGINE
        and d.status == "created"
        and d.state == "ok"
        and not any(uses(module, d) for module in installed)
        and is_empty(d)
    ]


def is_empty(database: Database) -> bool:
    used = database.disk.used.bytes if database.disk.used is not None else None
    return used is not None and used < EMPTY_BELOW_BYTES


def uses(module: InstalledModule, database: Database) -> bool:
    """Whether the module's dependency is this database: by OVH's name of it (``x.mysql.db``,
    also its server), or by the MySQL name inside it (its user's, as OVH's control panel sends)."""
    return any(
        database.name in (d.name, d.server) or (d.name == database.user and d.user == database.user)
        for d in module.dependencies
    )


def database_user(login: str, domain: str, taken: Sequence[str]) -> str:
    """OVH's rule: the plan's login, then letters and digits, 16 characters in all; named after
    the site (``exampleshop`` for ``shop.example.org``), numbered when taken."""
    label = re.sub(r"[^a-z0-9]", "", domain.split(".")[0].lower()) or "site"
    room = max(USER_MAX - len(login), 0)
    user = login + label[:room]
    number = 2
    while user in taken or database_name(user, DB_ENGINE) in taken:
        suffix = str(number)
        user = login + label[: max(room - len(suffix), 0)] + suffix
        number += 1
    return user


def database_password() -> str:
    """A password OVH's database rule accepts: 20 letters and digits, each kind present."""
    alphabet = string.ascii_letters + string.digits
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(20))
        if (
            any(c.isupper() for c in password)
            and any(c.islower() for c in password)
            and any(c.isdigit() for c in password)
        ):
            return password

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

from app.services.databases import CreationOffer, database_name

# The steps, in the order they run: each waits for the one before it to end.
ATTACH, ATTACH_WWW, DATABASE, INSTALL, HTTPS = (
    "attach",
    "attach_www",
    "database",
    "install",
    "https",
)
ORDER = (ATTACH, ATTACH_WWW, DATABASE, INSTALL, HTTPS)
# Added before the install only when a failed launch is tried again after its passwords were
# erased while its database already existed: the database gets a new one to install with.
DB_PASSWORD = "db_password"
# What each step changes, and how long OVH usually takes, for the summary page.
WHAT: dict[str, Any] = {
    ATTACH: _l("The hosting starts answering for %(target)s, showing the folder %(path)s."),
    ATTACH_WWW: _l("%(target)s shows the same site."),
    DATABASE: _l("A MySQL database %(target)s is created for the site."),
    INSTALL: _l("%(target)s is installed in the folder %(path)s, using the new database."),
    DB_PASSWORD: _l("The database %(target)s gets a new password, for the application to use."),
    HTTPS: _l(
        "The free certificate is renewed to include the addresses, once their DNS points here."
    ),
}
TITLES: dict[str, Any] = {
    ATTACH: _l("Attach %(target)s"),
    ATTACH_WWW: _l("Attach %(target)s"),
    DATABASE: _l("Create the database %(target)s"),
    INSTALL: _l("Install %(target)s"),
    DB_PASSWORD: _l("Give the database %(target)s a new password"),
    HTTPS: _l("Secure with HTTPS"),
}
USUALLY: dict[str, Any] = {
    ATTACH: _l("about a minute"),
    ATTACH_WWW: _l("about a minute"),
    DATABASE: _l("a few minutes"),
    INSTALL: _l("5 to 15 minutes"),
    DB_PASSWORD: _l("a few minutes"),
    HTTPS: _l("a few minutes"),
}
NOTHING, APPLICATION, DATABASE_ONLY = "nothing", "application", "database"
DB_ENGINE = "mysql"
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
    if choices.get("content") in (APPLICATION, DATABASE_ONLY):
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

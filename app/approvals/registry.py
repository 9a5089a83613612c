"""The actions staff may ask an administrator for: one entry each. An entry says what the request
is in words, what it will change, and how it runs once approved: it reads the object again from
OVH (it must still exist, be idle, and be the one asked about), then calls the panel's own action,
whose task is followed like any other. Adding an approvable action is one :class:`Approvable` in
:data:`APPROVABLE` and the route's ``respond_or_ask``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l

from app.actions import Started
from app.approvals import words
from app.approvals.models import ApprovalRequest
from app.approvals.words import BACK_UP_FIRST, BACKUP, DATABASE, Detail
from app.extensions import ovh_api
from app.services import backups, databases, domains, modules, ssl
from app.services.errors import NotFound


class Stale(Exception):
    """What was asked no longer holds on OVH (gone, busy, or changed): not run."""


@dataclass(frozen=True)
class Approvable:
    title: Any  # lazy string with %(target)s
    effect: Any  # what approving will change, in plain words
    run: Callable[[ApprovalRequest], Started]
    page: str  # the endpoint of the object's tab
    details: tuple[Detail, ...] = field(default=())  # its values, each named in plain words

    def describe(self, request: ApprovalRequest) -> list[tuple[str, str]]:
        """The request's values as (label, words) lines, in the reader's language."""
        return words.described(self.details, request.values or {})


def _delete_database(request: ApprovalRequest) -> Started:
    from app.databases import actions

    name = str(request.values["name"])
    found = databases.find_database(ovh_api.gateway, request.service_name, name)
    if found is None:
        raise Stale(_l("The database no longer exists."))
    if found.busy:
        raise Stale(_l("OVH is working on this database right now. Try again in a moment."))
    return actions.delete(request.service_name, name, bool(request.values.get("back_up_first")))


def _detach_domain(request: ApprovalRequest) -> Started:
    from app.domains import actions

    name = str(request.values["domain"])
    try:
        found = domains.get_domain(ovh_api.gateway, request.service_name, name)
    except NotFound:
        raise Stale(_l("The domain is no longer attached to this plan.")) from None
    if found.busy:
        raise Stale(_l("OVH is working on this domain right now. Try again in a moment."))
    return actions.detach(request.service_name, found.domain, bool(request.values["leave_dns"]))


def _delete_certificate(request: ApprovalRequest) -> Started:
    from app.ssl import actions

    scope = request.values.get("domain")
    found = ssl.get_certificate(ovh_api.gateway, request.service_name, scope)
    if found is None:
        raise Stale(_l("There is no certificate to delete any more."))
    if found.provider != request.values.get("provider"):
        raise Stale(_l("The certificate was replaced since the request: ask again if needed."))
    if found.busy:
        raise Stale(_l("OVH is working on this certificate right now. Try again in a moment."))
    return actions.delete(request.service_name, found)


def _backup_asked(request: ApprovalRequest) -> tuple[str, backups.Backup]:
    """The database and the backup the request names, read from OVH now: both still there and
    idle, or :class:`Stale`."""
    name, dump_id = str(request.values["name"]), int(request.values["dump_id"])
    database = databases.find_database(ovh_api.gateway, request.service_name, name)
    if database is None:
        raise Stale(_l("The database no longer exists."))
    if database.busy:
        raise Stale(_l("OVH is working on this database right now. Try again in a moment."))
    found = backups.list_backups(ovh_api.gateway, request.service_name, name)
    backup = next((b for b in found if b.id == dump_id), None)
    if backup is None:
        raise Stale(_l("The backup no longer exists (OVH keeps each backup a limited time)."))
    if backup.busy:
        raise Stale(_l("OVH is working on this backup right now. Try again in a moment."))
    return name, backup


def _restore_backup(request: ApprovalRequest) -> Started:
    from app.databases import backup_actions

    name, backup = _backup_asked(request)
    back_up_first = bool(request.values.get("back_up_first"))
    return backup_actions.restore(request.service_name, name, backup, back_up_first)


def _delete_backup(request: ApprovalRequest) -> Started:
    from app.databases import backup_actions

    name, backup = _backup_asked(request)
    return backup_actions.delete_backup(request.service_name, name, backup)


def _remove_application(request: ApprovalRequest) -> Started:
    from app.websites.actions import remove

    install_id = int(request.values["install_id"])
    try:
        found = modules.get_installed(ovh_api.gateway, request.service_name, install_id, True)
    except NotFound:
        raise Stale(_l("The application is no longer installed.")) from None
    if found.path != request.values.get("path"):
        raise Stale(_l("The application was moved or replaced since the request: ask again."))
    if found.busy:
        raise Stale(_l("OVH is working on this application right now. Try again in a moment."))
    return remove(request.service_name, found)


APPROVABLE: dict[str, Approvable] = {
    "database.delete": Approvable(
        _l("Delete the database %(target)s"),
        _l("The database and all its data are erased for good. Websites using it stop working."),
        _delete_database,
        "databases.index",
        (DATABASE, BACK_UP_FIRST),
    ),
    "domain.detach": Approvable(
        _l("Detach %(target)s"),
        _l("The domain stops showing this plan's website."),
        _detach_domain,
        "domains.index",
        (
            Detail("domain", _l("Domain"), words.domain),
            Detail("leave_dns", _l("DNS zone"), words.dns_zone),
        ),
    ),
    "database.restore_backup": Approvable(
        _l("Restore a backup of the database %(target)s"),
        _l(
            "Everything written to the database since the backup was made is lost: its whole "
            "content is replaced by the backup's."
        ),
        _restore_backup,
        "databases.index",
        (DATABASE, BACKUP, BACK_UP_FIRST),
    ),
    "database.delete_backup": Approvable(
        _l("Delete a backup of the database %(target)s"),
        _l("The backup is deleted for good: it can no longer be downloaded or restored."),
        _delete_backup,
        "databases.index",
        (DATABASE, BACKUP),
    ),
    "module.remove": Approvable(
        _l("Remove the application in %(target)s"),
        _l("OVH removes the application's files from its folder. Its database stays."),
        _remove_application,
        "websites.index",
        (Detail("path", _l("Folder")), Detail("install_id", _l("Installation number"))),
    ),
    "ssl.delete": Approvable(
        _l("Delete the SSL certificate %(target)s"),
        _l("Visitors of the domains it covers see a security warning until a new one is made."),
        _delete_certificate,
        "ssl.index",
        (
            Detail("domain", _l("Certificate"), words.certificate),
            Detail("provider", _l("Issued by"), words.ssl_provider),
            Detail("domains", _l("Domains it covers"), words.domains),
        ),
    ),
}


def title_of(request: ApprovalRequest) -> str:
    return str(APPROVABLE[request.action].title) % {"target": request.target}


def details_of(request: ApprovalRequest) -> list[tuple[str, str]]:
    return APPROVABLE[request.action].describe(request)

"""The actions staff may ask an administrator for: one entry each. An entry says what the request
is in words, what it will change, and how it runs once approved: it reads the object again from
OVH (it must still exist, be idle, and be the one asked about), then calls the panel's own action,
whose task is followed like any other. Adding an approvable action (a backup's restore, deleting
an application…) is one :class:`Approvable` in :data:`APPROVABLE` and the route's
``respond_or_ask``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from app.actions import Started
from app.approvals.models import ApprovalRequest
from app.extensions import ovh_api
from app.services import databases, domains, ssl
from app.services.errors import NotFound


class Stale(Exception):
    """What was asked no longer holds on OVH (gone, busy, or changed): not run."""


@dataclass(frozen=True)
class Approvable:
    title: Any  # lazy string with %(target)s
    effect: Any  # what approving will change, in plain words
    run: Callable[[ApprovalRequest], Started]
    page: str  # the endpoint of the object's tab


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


APPROVABLE: dict[str, Approvable] = {
    "database.delete": Approvable(
        _l("Delete the database %(target)s"),
        _l("The database and all its data are erased for good. Websites using it stop working."),
        _delete_database,
        "databases.index",
    ),
    "domain.detach": Approvable(
        _l("Detach %(target)s"),
        _l("The domain stops showing this plan's website."),
        _detach_domain,
        "domains.index",
    ),
    "ssl.delete": Approvable(
        _l("Delete the SSL certificate %(target)s"),
        _l("Visitors of the domains it covers see a security warning until a new one is made."),
        _delete_certificate,
        "ssl.index",
    ),
}


def title_of(request: ApprovalRequest) -> str:
    return str(APPROVABLE[request.action].title) % {"target": request.target}

"""Changes on the Domains tab: attach (with its www pair), modify and detach, each audited."""

from __future__ import annotations

from flask_babel import gettext as _

from app.actions import Started
from app.audit import recorded
from app.extensions import ovh_api
from app.forms import explain
from app.services import domains
from app.services.domain_names import DomainName, is_registrable
from app.services.errors import Conflict, InvalidInput

TAB = "domains.index"


def attach(
    service_name: str,
    name: DomainName,
    settings: domains.DomainSettings,
    with_www: bool,
    attached: list[domains.AttachedDomain],
) -> Started:
    """Attach ``name``, then its www pair when asked: a refused pair is said, never an error."""
    task_id = _attach(service_name, name.ascii, settings)
    also, notes = [], []
    www = f"www.{name.ascii}"
    if with_www and is_registrable(name.ascii):
        names = {"www": www, "domain": name.unicode}
        if www in {domain.domain for domain in attached}:
            only = _("%(www)s was already attached, so only %(domain)s was added.", **names)
            notes.append(("info", only))
        else:
            try:
                also.append(_attach(service_name, www, settings))
            except (InvalidInput, Conflict) as error:
                why = explain(error) + _reference(error)
                refused = _(
                    "%(domain)s is being attached, but OVH refused %(www)s: %(why)s",
                    why=why,
                    **names,
                )
                notes.append(("warning", refused))
    return Started(service_name, task_id, TAB, also=tuple(t for t in also if t), notes=tuple(notes))


def modify(
    service_name: str,
    current: domains.AttachedDomain,
    wanted: domains.DomainSettings,
    changes: list[domains.Change],
) -> Started:
    """Send the new settings; with nothing changed, nothing is sent."""
    if not changes:
        same = _("Nothing was changed: the settings are the same as before.")
        return Started(service_name, None, TAB, notes=(("info", same),))
    task_id = recorded(
        "domain.modify",
        service_name,
        target=current.domain,
        parameters=wanted.to_ovh(),
        call=lambda: domains.update_domain(ovh_api.gateway, service_name, current.domain, wanted),
    )
    sent = _("The new settings of %(domain)s were sent to OVH.", domain=current.unicode)
    return Started(service_name, task_id, TAB, notes=() if task_id else (("success", sent),))


def detach(service_name: str, domain: str, leave_dns: bool) -> Started:
    task_id = recorded(
        "domain.detach",
        service_name,
        target=domain,
        parameters={"bypassDNSConfiguration": leave_dns},
        call=lambda: domains.detach_domain(ovh_api.gateway, service_name, domain, leave_dns),
    )
    return Started(service_name, task_id, TAB)


def _attach(service_name: str, name: str, settings: domains.DomainSettings) -> int | None:
    return recorded(
        "domain.attach",
        service_name,
        target=name,
        parameters={"domain": name, **settings.to_ovh()},
        call=lambda: domains.attach_domain(ovh_api.gateway, service_name, name, settings),
    )


def _reference(error: InvalidInput | Conflict) -> str:
    return " " + _("Reference for support: %(id)s.", id=error.query_id) if error.query_id else ""

"""Changes on the Domains tab: attach (with its www pair), modify and detach, each audited."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from flask_babel import gettext as _

from app.actions import Started, change
from app.forms import explain
from app.services import domains
from app.services.domain_names import DomainName, is_registrable
from app.services.errors import Conflict, InvalidInput

_change = partial(change, "domains.index")


def attach(
    service_name: str,
    name: DomainName,
    settings: domains.DomainSettings,
    with_www: bool,
    attached: list[domains.AttachedDomain],
    auto_dns: bool = True,
) -> Started:
    """Attach ``name``, then its www pair when asked: a refused pair is said, never an error."""
    started = _attach(service_name, name.ascii, settings, auto_dns)
    www = f"www.{name.ascii}"
    words = {"www": www, "domain": name.unicode}
    if with_www and not is_registrable(name.ascii):
        alone = _("%(domain)s is a subdomain: it has no www. version, so it was attached alone.",
                  domain=name.unicode)  # fmt: skip
        return replace(started, notes=(("info", alone),))
    if not with_www:
        return started
    if www in {domain.domain for domain in attached}:
        only = _("%(www)s was already attached, so only %(domain)s was added.", **words)
        return replace(started, notes=(("info", only),))
    try:
        pair = _attach(service_name, www, settings, auto_dns)
    except (InvalidInput, Conflict) as error:
        why = explain(error, reference=True)
        refused = _(
            "%(domain)s is being attached, but OVH refused %(www)s: %(why)s", why=why, **words
        )
        return replace(started, notes=(("warning", refused),))
    return replace(started, also=(pair.task_id,) if pair.task_id else ())


def modify(
    service_name: str,
    current: domains.AttachedDomain,
    wanted: domains.DomainSettings,
    changes: list[domains.Change],
) -> Started:
    """Send the new settings; with nothing changed, nothing is sent."""
    if not changes:
        same = _("Nothing was changed: the settings are the same as before.")
        return Started(service_name, None, "domains.index", notes=(("info", same),))
    sent = _("The new settings of %(domain)s were sent to OVH.", domain=current.unicode)
    body = domains.update_body(current, wanted)  # only what changed
    send = partial(domains.update_domain, domain=current.domain, body=body)
    untracked = ("success", sent)
    return _change(
        "domain.modify", current.domain, send, service_name, parameters=body, untracked=untracked
    )


def detach(service_name: str, domain: str, leave_dns: bool) -> Started:
    send = partial(domains.detach_domain, domain=domain, leave_dns=leave_dns)
    parameters = {"bypassDNSConfiguration": leave_dns}
    return _change("domain.detach", domain, send, service_name, parameters=parameters)


def _attach(
    service_name: str, name: str, settings: domains.DomainSettings, auto_dns: bool
) -> Started:
    send = partial(domains.attach_domain, domain=name, settings=settings, auto_dns=auto_dns)
    parameters = {"domain": name, **settings.to_ovh(), "bypassDNSConfiguration": not auto_dns}
    return _change("domain.attach", name, send, service_name, parameters=parameters)

"""The Domains tab: the attached domains with their DNS diagnosis, and attach, modify, detach."""

from __future__ import annotations

from functools import partial
from typing import Any

from flask import jsonify, render_template, request
from werkzeug.wrappers import Response

from app import loaders
from app.access import Action, requires
from app.actions import Started, follow, respond
from app.approvals.ask import asking_form, must_ask, respond_or_ask
from app.domains import actions, bp
from app.domains.forms import AttachDomainForm, DetachDomainForm, ModifyDomainForm
from app.forms import retried
from app.services import domains
from app.services.domain_names import (
    DomainNameError,
    is_registrable,
    parse_domain,
    pasted_host,
    proposed_folder,
)


@bp.get("/")
@requires(Action.VIEW)
def index(service_name: str) -> str:
    """The list in one round trip to OVH; the DNS diagnosis follows through :func:`dns`, fetched
    by the page's script, or inline with ``?dns=all`` without JavaScript. Diagnoses are kept and
    shared (a few are asked per view); ``fresh=1`` is "Check again"."""
    with_dns = request.args.get("dns") == "all"
    page = loaders.index_page(service_name, with_dns, fresh=request.args.get("fresh") == "1")
    return render_template("domains/index.html", **page)


@bp.get("/dns")
@requires(Action.VIEW)
def dns(service_name: str) -> str:
    """Each attached domain's DNS diagnosis, as fragments the list page slots in; ``?fresh=1``
    ("Check again") asks OVH anew instead of using the last minute's answers."""
    service, attached = loaders.service_and_domains(service_name)  # ovhcontrol records' token
    report = loaders.dns_of(service_name, request.args.get("fresh") == "1", attached)
    return render_template(
        "domains/_dns.html", service=service, service_name=service_name, dns=report
    )


@bp.route("/attach", methods=["GET", "POST"])
@requires(Action.OPERATE)
def attach(service_name: str) -> str | Response:
    service, attached = loaders.service_and_domains(service_name)
    form = AttachDomainForm(**retried())
    form.offer_choices(attached)

    def attach() -> Started:
        www = bool(form.with_www.data or form.www_for_subdomain)
        auto_dns = bool(form.auto_dns.data)
        return actions.attach(service_name, form.parsed, form.settings(), www, attached, auto_dns)

    page = {"service": service, "folders": form.folders}
    return respond(form, attach, "domains/attach.html", page)


@bp.get("/name")
@requires(Action.OPERATE)
def name(service_name: str) -> Response:
    """What the attach and launch forms' script needs as an address is typed: the name as OVH
    will have it, the folder proposed for it and whether it is a subdomain. No OVH call."""
    try:
        parsed = parse_domain(pasted_host(request.args.get("domain", "")))
    except DomainNameError:
        return jsonify({})
    return jsonify(
        ascii=parsed.ascii,
        unicode=parsed.unicode,
        folder=proposed_folder(parsed.ascii),
        subdomain=not is_registrable(parsed.ascii),
    )


@bp.route("/<domain>/modify", methods=["GET", "POST"])
@requires(Action.OPERATE)
def modify(service_name: str, domain: str) -> str | Response:
    service, attached = loaders.service_and_domains(service_name)
    current = domains.find(attached, domain)
    form = ModifyDomainForm.editing(current, attached)
    page = {"service": service, "form": form, "domain": current}
    if not form.validate_on_submit():
        return render_template("domains/modify.html", **page)
    changes = domains.changes_between(current, form.settings())
    if changes and not form.confirm.data:
        warning = loaders.https_without_dns(service_name, current, form.settings())
        return render_template(
            "domains/confirm_modify.html", changes=changes, dns_warning=warning, **page
        )
    started = form.send(lambda: actions.modify(service_name, current, form.settings(), changes))
    return follow(started) if started else render_template("domains/modify.html", **page)


@bp.route("/<domain>/detach", methods=["GET", "POST"])
@requires(Action.OPERATE)  # staff who may operate ask an administrator (Approvals)
def detach(service_name: str, domain: str) -> str | Response:
    page = loaders.detach_page(service_name, domain)
    name = page["domain"].domain  # OVH's own spelling
    form = (asking_form(DetachDomainForm) if must_ask(service_name) else DetachDomainForm)()
    detach = partial(actions.detach, service_name, name)

    def values() -> dict[str, Any]:
        return {"domain": name, "leave_dns": bool(form.leave_dns.data)}

    asked = ("domain.detach", service_name, name, values)
    send = lambda: detach(bool(form.leave_dns.data))  # noqa: E731
    return respond_or_ask(form, send, "domains/detach.html", page, asked)

"""The Domains tab: the attached domains with their DNS diagnosis, and attach, modify, detach."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.access import Action, requires
from app.audit import audited
from app.domains import bp
from app.domains.forms import AttachDomainForm, DetachDomainForm, ModifyDomainForm
from app.extensions import ovh_api
from app.forms import refusal_message
from app.services import domains, hosting, ssl, tasks
from app.services.domain_names import is_registrable
from app.services.errors import Conflict, InvalidInput


@bp.get("/")
@requires(Action.VIEW)
def index(service_name: str) -> str:
    """The list in one round trip to OVH; the DNS diagnosis follows through :func:`dns`, fetched
    by the page's script, or inline with ``?dns=all`` without JavaScript. Diagnoses are kept and
    shared (a few are asked per view); ``fresh=1`` is "Check again"."""
    gateway = ovh_api.gateway
    # The certificate's names too, in the same round trip: HTTPS asked for but not in the
    # certificate yet shows as pending, not as on. On offers where each domain has its own
    # certificate the SSL tab tells instead.
    service, attached, names = gateway.gather(
        lambda: hosting.get_service(gateway, service_name),
        lambda: domains.list_domains(gateway, service_name),
        lambda: ssl.certificate_names(gateway, service_name),
    )
    report = None
    if request.args.get("dns") == "all":
        report = domains.diagnose_dns(
            gateway, service_name, [d.domain for d in attached], refresh=_fresh()
        )
    pending = frozenset() if service.multiple_ssl else ssl.https_pending(names, attached)
    return render_template(
        "domains/index.html", service=service, domains=attached, dns=report, https_pending=pending
    )


@bp.get("/dns")
@requires(Action.VIEW)
def dns(service_name: str) -> str:
    """Each attached domain's DNS diagnosis, as fragments the list page slots in; ``?fresh=1``
    ("Check again") asks OVH anew instead of using the last minute's answers."""
    gateway = ovh_api.gateway
    service, attached = _service_and_domains(service_name)  # the token for ovhcontrol records
    report = domains.diagnose_dns(
        gateway, service_name, [d.domain for d in attached], refresh=_fresh()
    )
    return render_template(
        "domains/_dns.html", service=service, service_name=service_name, dns=report
    )


def _fresh() -> bool:
    return request.args.get("fresh") == "1"


@bp.context_processor
def dns_helpers() -> dict[str, Any]:
    return {"ownership_records": domains.ownership_records}


@bp.route("/attach", methods=["GET", "POST"])
@requires(Action.OPERATE)
def attach(service_name: str) -> str | Response:
    service, attached = _service_and_domains(service_name)
    form = AttachDomainForm(**_retried())
    form.offer_choices(attached)
    if form.validate_on_submit() and form.parsed is not None:
        name, settings = form.parsed.ascii, form.settings()
        try:
            task = _attach(service_name, name, settings)
        except (InvalidInput, Conflict) as error:
            form.refused_by_ovh(error)
        else:
            also = []
            www = f"www.{name}"
            if form.with_www.data and is_registrable(name):
                if www in {domain.domain for domain in attached}:
                    flash(_("%(www)s was already attached, so only %(domain)s was added.",
                            www=www, domain=form.parsed.unicode), "info")  # fmt: skip
                else:
                    try:
                        also.append(_attach(service_name, www, settings).id)
                    except (InvalidInput, Conflict) as error:
                        flash(_("%(domain)s is being attached, but OVH refused %(www)s: %(why)s",
                                domain=form.parsed.unicode, www=www,
                                why=refusal_message(error)), "warning")  # fmt: skip
            return redirect(
                url_for("tasks.show", service_name=service_name, task_id=task.id, also=also or None)
            )
    return render_template("domains/attach.html", service=service, form=form)


@bp.route("/<domain>/modify", methods=["GET", "POST"])
@requires(Action.OPERATE)
def modify(service_name: str, domain: str) -> str | Response:
    gateway = ovh_api.gateway
    service, attached = _service_and_domains(service_name)
    current = domains.find(attached, domain)
    form = ModifyDomainForm(
        obj=_form_values(current) if request.method == "GET" else None, **_retried()
    )
    form.offer_choices(attached, editing=current.domain)
    if form.validate_on_submit():
        wanted = form.settings()
        changes = domains.changes_between(current, wanted)
        if not changes:
            flash(_("Nothing was changed: the settings are the same as before."), "info")
            return redirect(url_for("domains.index", service_name=service_name))
        if form.confirm.data:
            body = domains.update_body(current, wanted)
            try:
                with audited(
                    "domain.modify",
                    service_name=service_name,
                    target=current.domain,
                    parameters=body,
                ) as entry:
                    task_id = domains.update_domain(gateway, service_name, current.domain, body)
                    entry.accepted(task_id=task_id)
            except (InvalidInput, Conflict) as error:
                form.refused_by_ovh(error)
            else:
                if task_id is None:
                    flash(
                        _(
                            "The new settings of %(domain)s were sent to OVH.",
                            domain=current.unicode,
                        ),
                        "success",
                    )
                    return redirect(url_for("domains.index", service_name=service_name))
                return redirect(url_for("tasks.show", service_name=service_name, task_id=task_id))
        else:
            return render_template(
                "domains/confirm_modify.html",
                service=service,
                form=form,
                domain=current,
                changes=changes,
                dns_warning=_https_without_dns(service_name, current, wanted),
            )
    return render_template("domains/modify.html", service=service, form=form, domain=current)


@bp.route("/<domain>/detach", methods=["GET", "POST"])
@requires(Action.DESTROY)
def detach(service_name: str, domain: str) -> str | Response:
    gateway = ovh_api.gateway
    service, current = gateway.gather(
        lambda: hosting.get_service(gateway, service_name),
        lambda: domains.get_domain(gateway, service_name, domain),
    )
    form = DetachDomainForm()
    if form.validate_on_submit():
        try:
            with audited(
                "domain.detach",
                service_name=service_name,
                target=current.domain,
                parameters={"bypassDNSConfiguration": bool(form.leave_dns.data)},
            ) as entry:
                task = domains.detach_domain(
                    gateway, service_name, current.domain, leave_dns=bool(form.leave_dns.data)
                )
                entry.accepted(task_id=task.id)
        except (InvalidInput, Conflict) as error:
            form.refused_by_ovh(error)
        else:
            return redirect(url_for("tasks.show", service_name=service_name, task_id=task.id))
    return render_template("domains/detach.html", service=service, form=form, domain=current)


def _service_and_domains(
    service_name: str,
) -> tuple[hosting.HostingService, list[domains.AttachedDomain]]:
    """The service and its attached domains, read together: one round trip."""
    gateway = ovh_api.gateway
    service, attached = gateway.gather(
        lambda: hosting.get_service(gateway, service_name),
        lambda: domains.list_domains(gateway, service_name),
    )
    return service, attached


def _attach(service_name: str, name: str, settings: domains.DomainSettings) -> tasks.Task:
    """Attach one domain, recorded in the history before OVH is asked and after it answers."""
    parameters = {"domain": name, **settings.to_ovh()}
    with audited(
        "domain.attach", service_name=service_name, target=name, parameters=parameters
    ) as entry:
        task = domains.attach_domain(ovh_api.gateway, service_name, name, settings)
        entry.accepted(task_id=task.id)
    return task


def _https_without_dns(
    service_name: str, current: domains.AttachedDomain, wanted: domains.DomainSettings
) -> domains.DnsDiagnosis | None:
    """Switching HTTPS on for a domain whose DNS points elsewhere: the certificate cannot cover
    it until it points here, so the person is told before confirming (one ``digStatus`` call)."""
    if current.ssl or not wanted.ssl:
        return None
    report = domains.diagnose_dns(ovh_api.gateway, service_name, [current.domain], checks=1)
    found = report.diagnoses.get(current.domain)
    return None if found is None or found.verdict == domains.POINTS_HERE else found


def _retried() -> dict[str, object]:
    """ "Try again" after a failed task opens the form filled in as it was sent: its values come
    in the address (``?retry=<task>&path=…``), secrets never (they are never kept)."""
    if request.method == "GET" and request.args.get("retry"):
        return {"formdata": request.args}
    return {}


def _form_values(domain: domains.AttachedDomain) -> object:
    """An object whose attributes pre-fill the modify form with the domain's current settings."""
    return domains.DomainSettings(
        path=domain.path,
        ssl=domain.ssl,
        cdn=domain.cdn,
        firewall=domain.firewall,
        ip_location=domain.ip_location or "",
        own_log=domain.own_log or "",
    )

"""The SSL tab and its actions. A ``<domain>`` in the URL means that attached domain's own
certificate (offers with ``multipleSSL``); without it, the service's certificate."""

from __future__ import annotations

from dataclasses import replace

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.access import Action, requires
from app.audit import audited
from app.extensions import ovh_api
from app.services import domains, hosting, ssl
from app.services.errors import Conflict, InvalidInput, NotAuthorized, PanelError, Refused
from app.ssl import bp
from app.ssl.budget import regeneration_budget
from app.ssl.forms import (
    DeleteCertificateForm,
    ImportCertificateForm,
    OrderCertificateForm,
    RegenerateCertificateForm,
    ReplaceCertificateForm,
)
from app.ssl.importing import check as check_texts
from app.ssl.importing import forget_key, read_texts, replace_wait_seconds, send

# Three PEM fields and three uploads of at most 64 KiB each, plus the form's overhead.
MAX_REQUEST_BYTES = 512 * 1024
EXPECTED = (InvalidInput, Conflict)


@bp.before_request
def bound_request_size() -> None:
    request.max_content_length = MAX_REQUEST_BYTES


def _follow(service_name: str, task_id: int | None) -> Response:
    """To the task's page; when OVH has not named the task yet, back to the tab."""
    if task_id is None:
        flash(_("OVH accepted the request. Its progress shows on this tab."), "info")
        return redirect(url_for("ssl.index", service_name=service_name))
    return redirect(url_for("tasks.show", service_name=service_name, task_id=task_id))


def _read(
    service_name: str, domain: str | None = None
) -> tuple[hosting.HostingService, ssl.Certificate | None, list[domains.AttachedDomain]]:
    """The service, its certificate (or a domain's own) and its attached domains, in one round
    trip; a domain's own certificate only exists on services that give each domain one (else
    404)."""
    gateway = ovh_api.gateway

    def certificate() -> ssl.Certificate | None:
        try:
            return ssl.get_certificate(gateway, service_name, domain)
        except Refused:
            if domain is None:
                raise
            return None  # OVH refuses per-domain reads on such services: answered just below

    service, found, attached = gateway.gather(
        lambda: hosting.get_service(gateway, service_name),
        certificate,
        lambda: domains.list_domains(gateway, service_name),
    )
    if domain is not None and not service.multiple_ssl:
        abort(404)
    return service, found, attached


def _refused(form: object, error: PanelError) -> PanelError:
    form.form_errors.append(error.message)  # type: ignore[attr-defined]
    if error.detail:
        form.form_errors.append(_("OVH said: “%(detail)s”", detail=error.detail))  # type: ignore[attr-defined]
    return error


@bp.get("/")
@requires(Action.VIEW)
def index(service_name: str) -> str:
    gateway = ovh_api.gateway
    service, certificate, attached = _read(service_name)
    per_domain = None
    if service.multiple_ssl:
        names = [d.domain for d in attached if d.domain != service_name]
        per_domain = ssl.list_domain_certificates(
            gateway, service_name, names, refresh=request.args.get("fresh") == "1"
        )
    return render_template(
        "ssl/index.html",
        service=service,
        certificate=certificate,
        coverage=ssl.coverage(certificate, attached),
        attached=attached,
        per_domain=per_domain,
    )


@bp.route("/order", methods=["GET", "POST"])
@bp.route("/domains/<domain>/order", methods=["GET", "POST"], endpoint="order_domain")
@requires(Action.OPERATE)
def order(service_name: str, domain: str | None = None) -> Response | str:
    gateway = ovh_api.gateway
    service, certificate, attached = _read(service_name, domain)
    if domain is not None:
        attached = [replace(d, ssl=True) for d in attached if d.domain == domain]
    readiness = ssl.check_readiness(gateway, service_name, attached)
    form = OrderCertificateForm()
    error = None
    if certificate is None and readiness.ready and form.validate_on_submit():
        try:
            with audited(
                "ssl.order",
                service_name=service_name,
                target=domain or service_name,
                parameters={"domains": list(readiness.ready)},
            ) as entry:
                task_id = ssl.order_lets_encrypt(gateway, service_name, domain)
                entry.accepted(task_id=task_id)
            return _follow(service_name, task_id)
        except EXPECTED as refused:
            error = _refused(form, refused)
    return render_template(
        "ssl/order.html",
        service=service,
        certificate=certificate,
        readiness=readiness,
        form=form,
        domain=domain,
        error=error,
    )


@bp.route("/import", methods=["GET", "POST"])
@requires(Action.OPERATE)
def import_certificate(service_name: str) -> Response | str:
    service, certificate = _read(service_name)[:2]
    form = ImportCertificateForm()
    error = None
    if certificate is None and form.validate_on_submit():
        texts = read_texts(form)
        result = texts and check_texts(form, service_name, texts)
        if texts and result and result.ok:
            try:
                return _follow(service_name, send(service_name, texts, result))
            except EXPECTED as refused:
                error = _refused(form, refused)
    forget_key(form)
    return render_template(
        "ssl/import.html", service=service, certificate=certificate, form=form, error=error
    )


@bp.route("/replace", methods=["GET", "POST"], endpoint="replace")
@requires(Action.DESTROY)
def replace_certificate(service_name: str) -> Response | str:
    gateway = ovh_api.gateway
    service, certificate = _read(service_name)[:2]
    if certificate is None:
        return redirect(url_for("ssl.import_certificate", service_name=service_name))
    form = ReplaceCertificateForm()
    error = None
    if not certificate.busy and form.validate_on_submit():
        texts = read_texts(form)
        result = texts and check_texts(form, service_name, texts)
        if texts and result and result.ok:
            try:
                removal = _remove(service_name, certificate, reason="replace")
                if removal is not None:
                    task = ssl.wait_for_task(
                        gateway, service_name, removal, timeout=replace_wait_seconds()
                    )
                    if not (task.succeeded or task.forgotten):
                        _explain_unfinished_removal(task.failed)
                        return _follow(service_name, removal)
                return _follow(service_name, send(service_name, texts, result))
            except EXPECTED as refused:
                error = _refused(form, refused)
    forget_key(form)
    return render_template(
        "ssl/import.html",
        service=service,
        certificate=certificate,
        form=form,
        error=error,
        replacing=True,
    )


def _remove(service_name: str, certificate: ssl.Certificate, reason: str) -> int | None:
    with audited(
        "ssl.delete",
        service_name=service_name,
        target=certificate.domain or service_name,
        parameters={
            "provider": certificate.provider,
            "domains": list(certificate.domains),
            "reason": reason,
        },
    ) as entry:
        task_id = ssl.delete_certificate(ovh_api.gateway, service_name, certificate.domain)
        entry.accepted(task_id=task_id)
    return task_id


def _explain_unfinished_removal(failed: bool) -> None:
    if failed:
        flash(
            _("OVH could not remove the current certificate, so yours was not imported."), "error"
        )
        return
    flash(
        _(
            "The current certificate is still being removed, so yours was not imported yet. "
            "When this operation shows “Done”, import your certificate again. You will need "
            "to paste the private key again: the panel never keeps it."
        ),
        "warning",
    )


@bp.route("/regenerate", methods=["GET", "POST"])
@bp.route("/domains/<domain>/regenerate", methods=["GET", "POST"], endpoint="regenerate_domain")
@requires(Action.OPERATE)
def regenerate(service_name: str, domain: str | None = None) -> Response | str:
    gateway = ovh_api.gateway
    service, certificate, attached = _read(service_name, domain)
    budget = regeneration_budget(service_name, domain or service_name)
    form = RegenerateCertificateForm()
    error = None
    possible = certificate is not None and certificate.lets_encrypt and not certificate.busy
    if possible and not budget.exhausted and form.validate_on_submit():
        try:
            with audited(
                "ssl.regenerate", service_name=service_name, target=domain or service_name
            ) as entry:
                task_id = ssl.regenerate_certificate(gateway, service_name, domain)
                entry.accepted(task_id=task_id)
            return _follow(service_name, task_id)
        except (*EXPECTED, NotAuthorized) as refused:
            error = _refused(form, refused)
    return render_template(
        "ssl/regenerate.html",
        service=service,
        certificate=certificate,
        budget=budget,
        coverage=ssl.coverage(certificate, attached),
        form=form,
        domain=domain,
        error=error,
        next_possible=format_datetime(budget.next_possible) if budget.next_possible else None,
    )


@bp.route("/delete", methods=["GET", "POST"])
@bp.route("/domains/<domain>/delete", methods=["GET", "POST"], endpoint="delete_domain")
@requires(Action.DESTROY)
def delete(service_name: str, domain: str | None = None) -> Response | str:
    service, certificate = _read(service_name, domain)[:2]
    if certificate is None:
        flash(_("There is no certificate to delete."), "info")
        return redirect(url_for("ssl.index", service_name=service_name))
    form = DeleteCertificateForm()
    error = None
    if not certificate.busy and form.validate_on_submit():
        try:
            return _follow(service_name, _remove(service_name, certificate, reason="delete"))
        except EXPECTED as refused:
            error = _refused(form, refused)
    return render_template(
        "ssl/delete.html",
        service=service,
        certificate=certificate,
        form=form,
        domain=domain,
        error=error,
    )

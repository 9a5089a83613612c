"""The SSL tab and its actions. A ``<domain>`` in the URL means that attached domain's own
certificate (offers with ``multipleSSL``); without it, the service's certificate."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask.blueprints import BlueprintSetupState
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.access import Action, requires
from app.actions import Started, follow, respond
from app.approvals.ask import asking_form, must_ask, respond_or_ask
from app.ssl import actions, bp, loaders
from app.ssl.forms import (
    DeleteCertificateForm,
    ImportCertificateForm,
    OrderCertificateForm,
    RegenerateCertificateForm,
    ReplaceCertificateForm,
)

# Three PEM fields and three uploads of at most 64 KiB each, plus the form's overhead.
MAX_REQUEST_BYTES = 512 * 1024


def bound_request_size() -> None:
    """The SSL tab's tighter limit, set before anything (the CSRF check first) reads the form."""
    if request.blueprint == "ssl":
        request.max_content_length = MAX_REQUEST_BYTES


@bp.record_once
def _first_of_all(state: BlueprintSetupState) -> None:
    state.app.before_request_funcs.setdefault(None, []).insert(0, bound_request_size)


@bp.get("/")
@requires(Action.VIEW)
def index(service_name: str) -> str:
    page = loaders.index_page(service_name, fresh=request.args.get("fresh") == "1")
    return render_template("ssl/index.html", **page)


@bp.route("/order", methods=["GET", "POST"])
@bp.route("/domains/<domain>/order", methods=["GET", "POST"], endpoint="order_domain")
@requires(Action.OPERATE)
def order(service_name: str, domain: str | None = None) -> Response | str:
    page = loaders.order_page(service_name, domain)
    ready = page["readiness"].ready
    order = partial(actions.order, service_name, domain, ready)
    allowed = page["certificate"] is None and bool(ready)
    return respond(OrderCertificateForm(), order, "ssl/order.html", page, allowed)


@bp.route("/import", methods=["GET", "POST"])
@requires(Action.OPERATE)
def import_certificate(service_name: str) -> Response | str:
    page = loaders.certificate_page(service_name)
    form = ImportCertificateForm.covering(service_name, page["attached"])
    send = partial(actions.import_certificate, service_name)
    allowed = page["certificate"] is None
    return checked_then_reviewed(form, lambda: send(form.pem), page, allowed)


@bp.route("/replace", methods=["GET", "POST"], endpoint="replace")
@requires(Action.DESTROY)
def replace_certificate(service_name: str) -> Response | str:
    page = loaders.certificate_page(service_name)
    if (current := page["certificate"]) is None:
        return redirect(url_for("ssl.import_certificate", service_name=service_name))
    form = ReplaceCertificateForm.covering(service_name, page["attached"])
    send = partial(actions.replace, service_name, current)
    page = {**page, "replacing": True}
    return checked_then_reviewed(form, lambda: send(form.pem), page, not current.busy)


def checked_then_reviewed(
    form: ImportCertificateForm,
    action: Callable[[], Started],
    page: Mapping[str, Any],
    allowed: bool,
) -> Response | str:
    """The form, checked; then the review page (what the certificate covers and leaves out),
    which re-posts the checked parts; its “Import” sends them to OVH."""
    if not (allowed and form.validate_on_submit()):
        return render_template("ssl/import.html", form=form, **page)
    if not form.confirmed:
        return render_template("ssl/review.html", form=form, review=form.review(), **page)
    started = form.send(action)
    return follow(started) if started else render_template("ssl/import.html", form=form, **page)


@bp.route("/regenerate", methods=["GET", "POST"])
@bp.route("/domains/<domain>/regenerate", methods=["GET", "POST"], endpoint="regenerate_domain")
@requires(Action.OPERATE)
def regenerate(service_name: str, domain: str | None = None) -> Response | str:
    page = loaders.regenerate_page(service_name, domain)
    regenerate = partial(actions.regenerate, service_name, domain)
    form = RegenerateCertificateForm()
    return respond(form, regenerate, "ssl/regenerate.html", page, page["possible"])


@bp.route("/delete", methods=["GET", "POST"])
@bp.route("/domains/<domain>/delete", methods=["GET", "POST"], endpoint="delete_domain")
@requires(Action.OPERATE)  # staff who may operate ask an administrator (Approvals)
def delete(service_name: str, domain: str | None = None) -> Response | str:
    page = loaders.certificate_page(service_name, domain)
    if (certificate := page["certificate"]) is None:
        flash(_("There is no certificate to delete."), "info")
        return redirect(url_for("ssl.index", service_name=service_name))
    delete = partial(actions.delete, service_name, certificate)
    form = (
        asking_form(DeleteCertificateForm) if must_ask(service_name) else DeleteCertificateForm
    )()
    values = {
        "domain": domain,
        "provider": certificate.provider,
        "domains": list(certificate.domains),
    }
    asked = ("ssl.delete", service_name, domain or service_name, lambda: values)
    return respond_or_ask(form, delete, "ssl/delete.html", page, asked, not certificate.busy)

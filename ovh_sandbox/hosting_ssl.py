"""``/1.0/hosting/web/{serviceName}/ssl`` and the per-domain ``…/attachedDomain/{domain}/ssl``.

A certificate is a document of kind ``ssl`` (the service's) or ``domainssl`` (one per attached
domain, only on services with ``multipleSSL``). Mutations answer ``hosting.web.SSL`` with a
``taskId``; the certificate sits in ``creating``/``importing``/``regenerating``/``deleting`` until
the task ends.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request

from ovh_sandbox import api, clock, pem
from ovh_sandbox.db import public
from ovh_sandbox.errors import ApiError, bad_request, conflict, forbidden, not_found
from ovh_sandbox.hosting_domains import domain_doc
from ovh_sandbox.seed_data import DAY, certificate

bp = Blueprint("hosting_ssl", __name__, url_prefix="/1.0/hosting/web/<serviceName>")

REGENERATIONS_PER_WEEK = 5


def _no_certificate() -> ApiError:
    return not_found("There is no SSL certificate on this hosting or domain")


def _existing(kind: str, service: str, key: str) -> dict[str, Any]:
    doc = api.store().get(kind, service, key)
    if doc is None:
        raise _no_certificate()
    return doc


def _start(
    kind: str, service: str, key: str, doc: dict[str, Any], function: str, status: str
) -> Response:
    """Record ``doc`` in ``status`` under a new task and answer it as ``hosting.web.SSL``."""
    api.start_task(
        service,
        kind,
        key,
        function=function,
        object_type="Hostedssl",
        object_id=key or service,
        doc=doc,
        status=status,
    )
    return api.answer(public(doc))


def _require_idle(doc: dict[str, Any]) -> None:
    if doc["status"] != "created":
        raise conflict(
            f"An operation is already in progress on this certificate "
            f"(status {doc['status']}, task {doc['taskId']})"
        )


def _order_lets_encrypt(kind: str, service: str, key: str) -> Response:
    if api.store().get(kind, service, key) is not None:
        raise conflict("A certificate already exists; delete it before ordering another one")
    return _start(
        kind, service, key, certificate("LETSENCRYPT", []), "hostedssl/create", "creating"
    )


def _regenerate(kind: str, service: str, key: str) -> Response:
    doc = _existing(kind, service, key)
    if doc["provider"] != "LETSENCRYPT":
        raise forbidden("Only a Let's Encrypt certificate can be regenerated")
    _require_idle(doc)
    now = clock.now()
    recent = [at for at in doc["_regenerations"] if at > now - 7 * DAY]
    if len(recent) >= REGENERATIONS_PER_WEEK:
        raise forbidden(
            f"This certificate was already regenerated {REGENERATIONS_PER_WEEK} times "
            f"in the last 7 days; try again after {clock.iso(min(recent) + 7 * DAY)}"
        )
    doc["_regenerations"] = [*recent, now]
    return _start(kind, service, key, doc, "hostedssl/regenerate", "regenerating")


def _delete(kind: str, service: str, key: str) -> Response:
    doc = _existing(kind, service, key)
    _require_idle(doc)
    return _start(kind, service, key, doc, "hostedssl/delete", "deleting")


def _report(kind: str, service: str, key: str) -> Response:
    doc = _existing(kind, service, key)
    dcv = "completed" if doc["provider"] == "LETSENCRYPT" else "not-applicable"
    return api.answer(
        {
            "certificateSigningRequestStatus": dcv,
            "domainControlValidationStatus": dcv,
            "organizationValidationStatus": "non-required",
            "phoneCallApprovalStatus": "non-required",
            "providerOrderId": f"{doc['provider'].lower()}-{service}-{key or 'main'}",
            "termsAndConditionsAcceptanceStatus": "non-required",
            "tradeNameVerificationStatus": "non-required",
        }
    )


@bp.get("/ssl")
def get_certificate(serviceName: str) -> Response:
    api.service_doc(serviceName)
    return api.answer(public(_existing("ssl", serviceName, "")))


@bp.post("/ssl")
def create_certificate(serviceName: str) -> Response:
    api.service_doc(serviceName)
    values = api.body("POST /hosting/web/{serviceName}/ssl")
    if not values:
        return _order_lets_encrypt("ssl", serviceName, "")
    if not values.get("certificate") or not values.get("key"):
        raise bad_request("To import a certificate, send both certificate and key (and chain)")
    names = pem.covered_names(values["certificate"], values["key"], values.get("chain"))
    if api.store().get("ssl", serviceName) is not None:
        raise conflict("A certificate already exists; delete it before importing another one")
    return _start(
        "ssl", serviceName, "", certificate("CUSTOM", names), "hostedssl/import", "importing"
    )


@bp.delete("/ssl")
def delete_certificate(serviceName: str) -> Response:
    api.service_doc(serviceName)
    return _delete("ssl", serviceName, "")


@bp.post("/ssl/regenerate")
def regenerate_certificate(serviceName: str) -> Response:
    api.service_doc(serviceName)
    return _regenerate("ssl", serviceName, "")


@bp.get("/ssl/domains")
def certificate_domains(serviceName: str) -> Response:
    api.service_doc(serviceName)
    return api.answer(_existing("ssl", serviceName, "")["_domains"])


@bp.get("/ssl/report")
def certificate_report(serviceName: str) -> Response:
    api.service_doc(serviceName)
    return _report("ssl", serviceName, "")


def _domain_gate(service: str, domain: str) -> None:
    """Per-domain certificates exist only on offers with ``multipleSSL``; elsewhere 403."""
    domain_doc(service, domain)
    if not api.service_doc(service)["multipleSSL"]:
        raise forbidden(
            "This hosting manages a single certificate (multipleSSL is false): "
            "use /hosting/web/{serviceName}/ssl"
        )


@bp.route("/attachedDomain/<domain>/ssl", methods=["GET", "POST", "PUT", "DELETE"])
def domain_certificate(serviceName: str, domain: str) -> Response:
    _domain_gate(serviceName, domain)
    if request.method == "POST":
        return _order_lets_encrypt("domainssl", serviceName, domain)
    if request.method == "DELETE":
        return _delete("domainssl", serviceName, domain)
    if request.method == "PUT":
        values = api.body("PUT /hosting/web/{serviceName}/attachedDomain/{domain}/ssl")
        if values.get("regenerate"):
            return _regenerate("domainssl", serviceName, domain)
    return api.answer(public(_existing("domainssl", serviceName, domain)))


@bp.post("/attachedDomain/<domain>/ssl/regenerate")
def regenerate_domain_certificate(serviceName: str, domain: str) -> Response:
    _domain_gate(serviceName, domain)
    return _regenerate("domainssl", serviceName, domain)


@bp.get("/attachedDomain/<domain>/ssl/report")
def domain_certificate_report(serviceName: str, domain: str) -> Response:
    _domain_gate(serviceName, domain)
    return _report("domainssl", serviceName, domain)

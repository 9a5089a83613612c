"""``/1.0/hosting/web/{serviceName}/attachedDomain``: list, attach, read, update, detach, DNS."""

from __future__ import annotations

import re
from typing import Any

import idna
from flask import Blueprint, Response, request

from ovh_sandbox import api, tasks
from ovh_sandbox.db import public
from ovh_sandbox.errors import bad_request, conflict, forbidden, not_found
from ovh_sandbox.validation import query_bool

bp = Blueprint("hosting_domains", __name__, url_prefix="/1.0/hosting/web/<serviceName>")

LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
DEFAULT_PATH = "www"
WRITABLE = ("cdn", "firewall", "ipLocation", "ownLog", "path", "runtimeId", "ssl")
DNS_TRIGGERS = {"elsewhere-": "elsewhere", "nodns-": "none"}
# The DNS zones managed in the sandbox's OVH account: attaching a domain of one of them points it
# here (OVH's automatic configuration) unless the request says ``bypassDNSConfiguration: true``.
ACCOUNT_ZONES = ("example.com", "example.net", "example.org")


def _dns_after_attach(name: str, bypass: bool) -> str:
    first_label = name.split(".", 1)[0]
    for prefix, state in DNS_TRIGGERS.items():
        if first_label.startswith(prefix):
            return state
    in_account = any(name == zone or name.endswith("." + zone) for zone in ACCOUNT_ZONES)
    if in_account and bypass:
        return "none"  # OVH left the account's zone alone: no record points the name anywhere
    return "hosting"


def domain_doc(service: str, domain: str) -> dict[str, Any]:
    api.service_doc(service)
    doc = api.store().get("domain", service, domain)
    if doc is None:
        raise not_found(f"The requested object (domain = {domain}) does not exist")
    return doc


def normalized_domain(raw: Any) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise bad_request("Missing parameter: domain")
    try:
        name = idna.encode(raw.strip().rstrip(".").lower(), uts46=True).decode()
    except idna.IDNAError:
        raise bad_request(f"Invalid domain name: {raw}") from None
    labels = name.split(".")
    if len(labels) < 2 or not all(LABEL.fullmatch(label) for label in labels):
        raise bad_request(f"Invalid domain name: {raw}")
    return name


def checked_path(path: str) -> str:
    """A folder relative to the hosting's home that does not climb out of it."""
    if path.startswith("/"):
        raise bad_request("Invalid path: it must be relative to your home folder, e.g. 'www'")
    if ".." in path.split("/"):
        raise bad_request("Invalid path: it must stay inside your home folder ('..' is refused)")
    return path


def _require_idle(doc: dict[str, Any]) -> None:
    if doc["status"] != "created":
        raise conflict(
            f"An operation is already in progress on {doc['domain']} (task {doc['taskId']})"
        )


@bp.get("/attachedDomain")
def list_domains(serviceName: str) -> Response:
    api.service_doc(serviceName)
    docs = {
        d["domain"]: public(d)
        for d in api.store().all("domain", serviceName)
        if api.like(d["domain"], request.args.get("domain"))
        and api.like(d["path"], request.args.get("path"))
    }
    return api.listing(list(docs), docs.__getitem__)


@bp.post("/attachedDomain")
def attach(serviceName: str) -> Response:
    api.service_doc(serviceName)
    values = api.body("POST /hosting/web/{serviceName}/attachedDomain")
    name = normalized_domain(values.get("domain"))
    path = checked_path(values.get("path") or DEFAULT_PATH)
    holder = (
        api.conn()
        .execute("SELECT service FROM docs WHERE kind='domain' AND key=?", (name,))
        .fetchone()
    )
    if holder is not None:
        where = "this hosting" if holder["service"] == serviceName else "another hosting"
        raise conflict(f"The domain {name} is already attached to {where}")
    dns = _dns_after_attach(name, values.get("bypassDNSConfiguration") is True)
    task = api.start_task(
        serviceName,
        "domain",
        name,
        function="attachedDomain/create",
        object_type="AttachedDomain",
        outcome=tasks.outcome_for_domain(name),
    )
    api.store().put(
        "domain",
        serviceName,
        name,
        {
            "capabilities": [],
            "cdn": values.get("cdn") or "none",
            "domain": name,
            "firewall": values.get("firewall") or "none",
            "ipLocation": values.get("ipLocation"),
            "isFlushable": False,
            "ownLog": values.get("ownLog"),
            "path": path,
            "runtimeId": values.get("runtimeId"),
            "ssl": bool(values.get("ssl")),
            "status": "creating",
            "taskId": task["id"],
            "vcsStatus": "disabled",
            "_dns": dns,
        },
    )
    return api.answer(task)


@bp.get("/attachedDomain/<domain>")
def get_domain(serviceName: str, domain: str) -> Response:
    return api.answer(public(domain_doc(serviceName, domain)))


@bp.put("/attachedDomain/<domain>")
def update_domain(serviceName: str, domain: str) -> Response:
    doc = domain_doc(serviceName, domain)
    values = api.body("PUT /hosting/web/{serviceName}/attachedDomain/{domain}")
    _require_idle(doc)
    changes = {key: values[key] for key in WRITABLE if values.get(key) is not None}
    if "path" in changes:
        checked_path(changes["path"])
    api.start_task(
        serviceName,
        "domain",
        domain,
        function="attachedDomain/update",
        object_type="AttachedDomain",
        outcome=tasks.outcome_for_domain(domain),
        doc=doc,
        status="updating",
        changes=changes,
    )
    return api.void()


@bp.delete("/attachedDomain/<domain>")
def detach(serviceName: str, domain: str) -> Response:
    doc = domain_doc(serviceName, domain)
    query_bool(request.args, "bypassDNSConfiguration")
    if domain == serviceName:
        raise forbidden("The default attached domain of a hosting cannot be detached")
    _require_idle(doc)
    task = api.start_task(
        serviceName,
        "domain",
        domain,
        function="attachedDomain/delete",
        object_type="AttachedDomain",
        doc=doc,
        status="deleting",
    )
    return api.answer(task)


@bp.get("/attachedDomain/<domain>/digStatus")
def dig_status(serviceName: str, domain: str) -> Response:
    doc = domain_doc(serviceName, domain)
    service = api.service_doc(serviceName)
    records: dict[str, dict[str, Any]] = {}
    if doc["_dns"] != "none":
        points_here = doc["_dns"] == "hosting"
        records = {
            kind: {"dnsConfigured": points_here, "isOvhIp": points_here, "type": kind}
            for kind in ("A", "AAAA")
        }
    return api.answer(
        {
            "domain": domain,
            "recommendedIps": {
                "recommendedIpV4": [service["hostingIp"]],
                "recommendedIpV6": [service["hostingIpv6"]],
            },
            "records": records,
        }
    )

"""What a task that did not succeed means for the person reading its page: the item it was
about, why it stopped (OVH's own words when it gives any, else the likely cause), what to do next
("Try again" with the form filled in as it was) and, for an administrator, what to check.

Secrets are never kept (the audit trail scrubs them), so a retried form asks for them again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app import audit
from app.access import Action, can
from app.accounts.users import all_users
from app.models import AuditEntry
from app.services import databases, domains, hosting
from app.services.client import OvhGateway
from app.services.domain_names import display_name
from app.services.errors import NotFound, PanelError
from app.services.tasks import Task

# The likely cause, by OVH task function, when OVH says nothing more.
LIKELY_CAUSES: dict[str, Any] = {
    "attachedDomain/create": _l(
        "Most often the domain is already attached to another hosting plan (in this OVH account "
        "or another one), or OVH could not confirm that the domain is yours."
    ),
    "attachedDomain/update": _l(
        "Most often another change to this domain was running at the same time, or an option "
        "(CDN, firewall) is not included in the plan."
    ),
    "attachedDomain/delete": _l(
        "Most often another operation on this domain was running at the same time."
    ),
    "database/create": _l(
        "Most often the plan has no database left to create, or the user name is already taken."
    ),
    "database/changePassword": _l(
        "Most often the database was busy with another operation (a backup or an import)."
    ),
    "database/delete": _l("Most often the database was busy with another operation."),
    "hostedssl/create": _l(
        "Most often Let's Encrypt could not reach one of the domains with HTTPS switched on: "
        "its DNS does not point to this hosting."
    ),
    "hostedssl/regenerate": _l(
        "Most often Let's Encrypt could not reach one of the domains with HTTPS switched on: "
        "its DNS does not point to this hosting."
    ),
    "user/create": _l(
        "Most often the login was taken meanwhile, or the plan allows no more logins."
    ),
    "user/changePassword": _l(
        "Most often another change to this login was running at the same time."
    ),
    "ovhConfig/update": _l(
        "Most often the chosen PHP version or system image is no longer offered on the plan's "
        "servers. The site keeps its previous PHP settings."
    ),
    "ovhConfig/rollback": _l(
        "Most often the earlier settings are no longer offered on the plan's servers. The site "
        "keeps its current PHP settings."
    ),
    "cron/create": _l("Most often the script path or the language does not suit OVH's job runner."),
}
DEFAULT_CAUSE = _l("OVH did not say why. It may have been busy with another operation.")

# What an administrator can check, by function.
ADMIN_CHECKS: dict[str, Any] = {
    "attachedDomain/create": _l(
        "Check in OVH's control panel whether the domain is attached to another hosting plan, "
        "and, for a domain managed outside this OVH account, its ovhcontrol TXT record."
    ),
    "attachedDomain/update": _l(
        "Check the plan's options (CDN, firewall) and whether another operation on the domain "
        "is still running on the Tasks tab."
    ),
    "database/create": _l(
        "Check the number of databases the plan includes on the Databases tab, and whether "
        "the user name is used by a database being deleted."
    ),
    "hostedssl/create": _l(
        "Check the DNS column of the Domains tab: every domain with HTTPS switched on must "
        "point to this hosting."
    ),
    "hostedssl/regenerate": _l(
        "Check the DNS column of the Domains tab: every domain with HTTPS switched on must "
        "point to this hosting."
    ),
}
DEFAULT_CHECK = _l(
    "Check the item and the hosting plan's other running tasks, then try again. If it fails "
    "again, contact OVH support with the reference below."
)

# The item's state as OVH shows it after the failure, in plain words.
NOT_THERE = {
    "attachedDomain/create": _l("%(item)s is not attached: OVH removed it."),
    "database/create": _l("The database %(item)s was not created."),
}
STILL_THERE = {
    "attachedDomain/update": _l("%(item)s keeps its previous settings (OVH shows it “%(state)s”)."),
    "attachedDomain/delete": _l("%(item)s is still attached (OVH shows it “%(state)s”)."),
    "database/changePassword": _l("%(item)s keeps its old password (OVH shows it “%(state)s”)."),
    "database/delete": _l("The database %(item)s is still there (OVH shows it “%(state)s”)."),
}


@dataclass(frozen=True)
class Failure:
    item: str | None
    ovh_said: str | None  # OVH's own words (a task comment), when it gives any
    state: str | None  # the item as OVH shows it now, in words
    cause: str  # the likely cause, when OVH says nothing
    check: str  # what an administrator can check
    retry_url: str | None
    helpers: tuple[str, ...]  # who a staff member can ask


def explain(gateway: OvhGateway, task: Task) -> Failure | None:
    """The failure, for the task's page; None when the task did not fail."""
    if not task.failed:
        return None
    entry = audit.entry_for_task(task.service_name, task.id)
    target = entry.target if entry is not None else None
    item = display_name(target) if target else None
    state = _state(gateway, task, target, item)
    return Failure(
        item=item,
        ovh_said=task.comment,
        state=state,
        cause=str(LIKELY_CAUSES.get(task.function, DEFAULT_CAUSE)),
        check=str(ADMIN_CHECKS.get(task.function, DEFAULT_CHECK)),
        retry_url=retry_url(gateway, task.service_name, entry),
        helpers=_administrators(),
    )


def _state(gateway: OvhGateway, task: Task, target: str | None, item: str | None) -> str | None:
    """Read the item again: what OVH shows now says what the failure left behind."""
    if not target or not (task.function in NOT_THERE or task.function in STILL_THERE):
        return None
    try:
        if task.function.startswith("attachedDomain/"):
            status = domains.get_domain(gateway, task.service_name, target).status
        else:
            status = databases.get_database(gateway, task.service_name, target, fresh=True).status
    except NotFound:
        template = NOT_THERE.get(task.function)
        return str(template) % {"item": item} if template else None
    except PanelError:
        return None
    template = STILL_THERE.get(task.function)
    return str(template) % {"item": item, "state": status} if template else None


def retry_url(gateway: OvhGateway, service_name: str, entry: AuditEntry | None) -> str | None:
    """The form that started the operation, filled in as it was; None when the reader may not
    make changes or the panel did not start it."""
    if entry is None or not can(current_user, service_name, Action.OPERATE):
        return None
    parameters: dict[str, Any] = dict(entry.parameters or {})
    target = entry.target or ""
    retry: dict[str, Any] = {"service_name": service_name, "retry": entry.task_id}
    if entry.action == "domain.attach":
        return url_for("domains.attach", **retry, **_domain_fields(parameters), domain=target,
                       with_www="y")  # fmt: skip
    if entry.action == "domain.modify":
        try:
            current = domains.get_domain(gateway, service_name, target)
        except PanelError:
            return url_for("domains.modify", service_name=service_name, domain=target)
        merged = {**current.to_ovh(), **parameters}
        return url_for("domains.modify", **retry, domain=target, **_domain_fields(merged))
    if entry.action == "database.create":
        login = hosting.get_service(gateway, service_name).primary_login
        user = str(parameters.get("user") or "").removeprefix(login)
        fields: dict[str, Any] = {
            name: parameters.get(name) for name in ("capabilitie", "type", "version")
        }
        return url_for("databases.create", **retry, **fields, quota=parameters.get("quota"),
                       user=user)  # fmt: skip
    pages: dict[str, tuple[str, dict[str, Any]]] = {
        "domain.detach": ("domains.detach", {"domain": target}),
        "database.change_password": ("databases.change_password", {"name": target}),
        "database.delete": ("databases.delete", {"name": target}),
        "ssl.order": ("ssl.order", {}),
        "ssl.regenerate": ("ssl.regenerate", {}),
        "ftp_user.create": ("ftp.create", {}),
        "ftp_user.change_password": ("ftp.change_password", {"login": target}),
        "php.change": ("php.index", {}),
        "php.rollback": ("php.index", {}),
        "cron.create": ("cron.create", {}),
    }
    if entry.action not in pages:
        return None
    endpoint, arguments = pages[entry.action]
    try:
        return url_for(endpoint, service_name=service_name, **arguments)
    except Exception:
        return None


def _domain_fields(body: dict[str, Any]) -> dict[str, Any]:
    """A domain's settings as OVH names them, as the attach and modify forms name them."""
    fields: dict[str, Any] = {"path": body.get("path") or "www"}
    for name in ("ssl",):
        if body.get(name) is True:
            fields[name] = "y"
    for name in ("cdn", "firewall"):
        if body.get(name) == "active":
            fields[name] = "y"
    fields["ip_location"] = body.get("ipLocation") or ""
    fields["own_log"] = body.get("ownLog") or ""
    return fields


def _administrators() -> tuple[str, ...]:
    """Who a staff member can ask: the panel's active administrators, by name."""
    if current_user.is_authenticated and current_user.is_admin:
        return ()
    return tuple(user.name for user in all_users() if user.is_admin and user.active)

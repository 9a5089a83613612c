"""``flask ovh check --deep``: the panel's reads on the real account, each answer checked.

No test here can reach a real OVH account; this lets its owner check one. It runs the panel's own
service-layer reads (so the answers also go through the panel's own parsing into its dataclasses)
over a client that refuses anything but GET, records every answer, validates each against OVH's
schema files shipped with the panel, and prints a report with no keys, no account identifiers
(service names, domains, nichandle, emails, IPs): paths are shown as the panel's rule table writes
them (``/hosting/web/*/attachedDomain``), and any text from the account is replaced by a
placeholder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import ovh
import requests

from app.services import (
    access_rules,
    account,
    backups,
    crons,
    databases,
    domains,
    ftp_users,
    hosting,
    modules,
    php,
    ssl,
    statistics,
    tasks,
)
from app.services.answer_checks import CallResult, Recorded, Scrubber, check
from app.services.cache import MemoryStore, ResponseCache
from app.services.client import OvhGateway
from app.services.errors import NotAuthorized, PanelError
from app.services.oauth2 import is_oauth2

DEFAULT_SERVICES = 2
# Reads of what only a write makes (a database copy exists only once the panel asks for one): a
# read-only check never finds one to read.
ONLY_AFTER_A_WRITE = frozenset({("GET", "/hosting/web/*/database/*/copy/*")})


class WriteRefused(RuntimeError):
    """The deep check only reads; a write reaching its client is a bug, and is never sent."""


@dataclass(frozen=True)
class Step:
    name: str
    problem: str | None = None
    refused: bool = False


@dataclass
class DeepReport:
    endpoint: str
    oauth2: bool
    services_read: int = 0
    services_total: int = 0
    calls: list[CallResult] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    not_tried: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(call.ok for call in self.calls) and not any(
            step.problem and not step.refused for step in self.steps
        )

    def text(self) -> str:
        lines = [
            "OVH deep check (flask ovh check --deep); no keys or account identifiers below.",
            f"Endpoint: {self.endpoint if '/' not in self.endpoint else '<url>'}",
            "Access: " + ("OAuth2 service account" if self.oauth2 else "consumer key"),
            f"Hosting plans read: {self.services_read} of {self.services_total}",
            "Calls (GET only; paths as the panel's rule table writes them):",
        ]
        for call in self.calls:
            size = f"{call.items} items" if call.items is not None else ""
            head = f"  {'ok  ' if call.ok else 'FAIL'}  {call.method} {call.shown_path}"
            lines.append(f"{head}  {call.status or '-'} {size} {call.note}".rstrip())
            lines.extend(f"          {problem}" for problem in call.problems)
        lines.append("Panel reading (its own parsing of those answers):")
        for step in self.steps:
            if step.problem is None:
                lines.append(f"  ok    {step.name}")
            else:
                label = "DENY" if step.refused else "FAIL"
                lines.append(f"  {label}  {step.name}: {step.problem}")
        if self.not_tried:
            lines.append("Not tried (nothing of that kind on the plans read):")
            lines.extend(f"  {rule}" for rule in self.not_tried)
        problems = sum(not call.ok for call in self.calls) + sum(
            step.problem is not None for step in self.steps
        )
        lines.append(f"Result: {len(self.calls)} calls, {problems} problems.")
        return "\n".join(lines)


class _ReadOnlyRecorder:
    """Wraps ``client.raw_call``: refuses writes, keeps every answer."""

    def __init__(self, client: ovh.Client) -> None:
        self.recorded: list[Recorded] = []
        self._real = client.raw_call
        client.raw_call = self

    def __call__(self, method: str, path: str, *args: Any, **kwargs: Any) -> requests.Response:
        if method.upper() != "GET":
            raise WriteRefused(f"the deep check never writes ({method})")
        headers = kwargs.get("headers") or (args[2] if len(args) > 2 else None) or {}
        response: requests.Response = self._real(method, path, *args, **kwargs)
        try:
            body = response.json() if response.content else None
        except ValueError:
            body = "<not JSON>"
        self.recorded.append(
            Recorded(
                method.upper(),
                urlsplit(path).path,
                "X-Pagination-Mode" in headers,
                response.status_code,
                body,
            )
        )
        return response


def run(client: ovh.Client, endpoint: str, services: list[str] | None = None) -> DeepReport:
    recorder = _ReadOnlyRecorder(client)
    gateway = OvhGateway(client, ResponseCache(MemoryStore(), ttl=0), max_workers=2)
    report = DeepReport(endpoint=endpoint, oauth2=is_oauth2(client))
    scrub = Scrubber()

    def step(name: str, call: Callable[[], Any]) -> Any:
        try:
            result = call()
        except PanelError as error:
            text = f"{type(error).__name__}: {error.message} ({error.detail})"
            report.steps.append(Step(name, text, refused=isinstance(error, NotAuthorized)))
            return None
        except Exception as error:
            report.steps.append(Step(name, f"{type(error).__name__}: {error}"))
            return None
        report.steps.append(Step(name))
        return result

    step("account.connection_info", lambda: account.connection_info(gateway, endpoint))
    plans = step("hosting.list_services", lambda: hosting.list_services(gateway)) or []
    names = sorted(plan.service_name for plan in plans)
    if services:
        chosen = [name for name in names if name in services]
    else:
        chosen = names[:DEFAULT_SERVICES]
        # One plan with several certificates, when there is one, so the per-domain SSL routes
        # are read too.
        several = [plan.service_name for plan in plans if plan.multiple_ssl]
        if several and not set(several) & set(chosen):
            chosen = [*chosen[: DEFAULT_SERVICES - 1], several[0]]
    step("modules.list_catalogue", lambda: modules.list_catalogue(gateway))
    report.services_total, report.services_read = len(names), len(chosen)
    for service_name in chosen:
        _read_service(gateway, service_name, step)
    try:
        for recorded in recorder.recorded:
            scrub.learn(recorded.body)
        report.calls = [check(recorded) for recorded in recorder.recorded]
        called = {(r.method, r.shown_path) for r in report.calls}
        report.not_tried = [
            f"{rule.method} {rule.path}"
            for rule in access_rules.PANEL_RULES
            if not rule.writes
            and (rule.method, rule.path) not in called
            and (rule.method, rule.path) not in ONLY_AFTER_A_WRITE
            and not (report.oauth2 and rule.path == "/auth/currentCredential")
        ]
    finally:
        client.raw_call = recorder._real
    report.steps = [
        Step(s.name, scrub(s.problem) if s.problem else None, s.refused) for s in report.steps
    ]
    return report


def _read_service(
    gateway: OvhGateway, service_name: str, step: Callable[[str, Callable[[], Any]], Any]
) -> None:
    service = step("hosting.get_service", lambda: hosting.get_service(gateway, service_name))
    step("hosting.get_renewal", lambda: hosting.get_renewal(gateway, service_name))
    attached = step("domains.list_domains", lambda: domains.list_domains(gateway, service_name))
    first = [attached[0].domain] if attached else []
    if first:
        step("domains.get_domain", lambda: domains.get_domain(gateway, service_name, first[0]))
        step("domains.diagnose_dns", lambda: domains.diagnose_dns(gateway, service_name, first))
    step("ssl.get_certificate", lambda: ssl.get_certificate(gateway, service_name))
    step(
        "statistics.hosting_statistics",
        lambda: statistics.hosting_statistics(gateway, service_name, "daily", "in.httpHits"),
    )
    if first and service is not None and service.multiple_ssl:
        step(
            "ssl.get_certificate (per domain)",
            lambda: ssl.get_certificate(gateway, service_name, first[0]),
        )
    found = step(
        "databases.list_databases", lambda: databases.list_databases(gateway, service_name)
    )
    if found:
        name = found[0].name
        step("databases.get_database", lambda: databases.get_database(gateway, service_name, name))
        step(
            "databases.get_capabilities",
            lambda: databases.get_capabilities(gateway, service_name, name),
        )
        step(
            "statistics.database_statistics",
            lambda: statistics.database_statistics(
                gateway, service_name, name, "daily", "statement"
            ),
        )
        _read_backups(gateway, service_name, name, step)
    step(
        "databases.list_creation_offers",
        lambda: databases.list_creation_offers(gateway, service_name),
    )
    engines = step("databases.list_engines", lambda: databases.list_engines(gateway, service_name))
    if engines:
        step(
            "databases.get_versions",
            lambda: databases.get_versions(gateway, service_name, engines[0]),
        )
    _read_settings(gateway, service_name, step)
    installed = step(
        "modules.list_installed", lambda: modules.list_installed(gateway, service_name)
    )
    if installed:
        install_id = installed[0].id
        step(
            "modules.get_installed",
            lambda: modules.get_installed(gateway, service_name, install_id),
        )
    page = step("tasks.list_tasks", lambda: tasks.list_tasks(gateway, service_name))
    if page is not None and page.tasks:
        task_id = page.tasks[0].id
        step("tasks.get_task", lambda: tasks.get_task(gateway, service_name, task_id))


def _read_settings(
    gateway: OvhGateway, service_name: str, step: Callable[[str, Callable[[], Any]], Any]
) -> None:
    """FTP/SSH logins, PHP configurations and scheduled jobs: each list, and its first item."""
    logins = step("ftp_users.list_users", lambda: ftp_users.list_users(gateway, service_name))
    if logins:
        login = logins[0].login
        step("ftp_users.get_user", lambda: ftp_users.get_user(gateway, service_name, login))
    configs = step("php.list_configs", lambda: php.list_configs(gateway, service_name))
    if configs:
        config_id = configs[0].id
        step("php.get_config", lambda: php.get_config(gateway, service_name, config_id))
    step("php.list_earlier_configs", lambda: php.list_earlier_configs(gateway, service_name))
    step("php.version_choices", lambda: php.version_choices(gateway, service_name))
    step("php.recommended", lambda: php.recommended(gateway, service_name))
    jobs = step("crons.list_crons", lambda: crons.list_crons(gateway, service_name))
    if jobs:
        cron_id = jobs[0].id
        step("crons.get_cron", lambda: crons.get_cron(gateway, service_name, cron_id))
    step("crons.available_languages", lambda: crons.available_languages(gateway, service_name))


def _read_backups(
    gateway: OvhGateway,
    service_name: str,
    name: str,
    step: Callable[[str, Callable[[], Any]], Any],
) -> None:
    """A database's backups and the plan's, each one's download address read once (checked,
    never shown: the report names no address)."""
    kept = step("backups.list_backups", lambda: backups.list_backups(gateway, service_name, name))
    if kept:
        first = kept[0].id
        step(
            "backups.download_address",
            lambda: backups.download_address(gateway, service_name, name, first),
        )
    plan = step(
        "backups.list_plan_backups", lambda: backups.list_plan_backups(gateway, service_name)
    )
    if plan:
        one = plan[0].id
        step(
            "backups.plan_download_address",
            lambda: backups.plan_download_address(gateway, service_name, one),
        )

"""The plan's scheduled jobs (OVH's "crons"): list, read, create, change, delete, and the
languages a job can run in.

OVH's rules, written down once for the forms: the script is a path inside the home (sent as
``./www/job.php``, 100 characters at most); the schedule a crontab line whose minutes OVH ignores
(a job runs at most once an hour, within the hour); the error email ``no``, the account's admin
or tech contact, or an address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app.services.client import OvhGateway, path
from app.services.errors import NotFound
from app.services.ftp_users import newest_task
from app.services.tasks import Task, task_from_ovh

COMMAND_MAX_LENGTH = 100
# hosting.web.cron.StatusEnum: ``suspended`` is set by OVH, never chosen.
STATUSES = ("enabled", "disabled", "suspended")
EMAIL_CHOICES = ("no", "nic-admin", "nic-tech")


@dataclass(frozen=True)
class Cron:
    id: int
    command: str
    frequency: str
    language: str
    description: str
    email: str | None
    status: str
    state: str

    @property
    def busy(self) -> bool:
        return self.state != "created"

    @property
    def script(self) -> str:
        """The script path as people write it: relative to the home, without ``./``."""
        return script_of(self.command)


@dataclass(frozen=True)
class CronSettings:
    """Everything a job is made of, as the form gives it."""

    script: str
    frequency: str
    language: str
    description: str
    email: str
    enabled: bool

    def to_ovh(self) -> dict[str, Any]:
        return {
            "command": command_for(self.script),
            "frequency": self.frequency,
            "language": self.language,
            "description": self.description,
            "email": self.email,
            "status": "enabled" if self.enabled else "disabled",
        }


def command_for(script: str) -> str:
    """The command as OVH's control panel sends it: ``./`` and the path inside the home."""
    return "./" + script.strip().removeprefix("./").lstrip("/")


def script_of(command: str) -> str:
    return command.strip().removeprefix("./")


def _base(service_name: str, *segments: str | int) -> str:
    return path("/hosting/web", service_name, *segments)


def list_crons(gateway: OvhGateway, service_name: str) -> list[Cron]:
    raw = gateway.get_objects(_base(service_name, "cron"), scope=service_name)
    return sorted((_cron(item) for item in raw), key=lambda cron: cron.id)


def get_cron(gateway: OvhGateway, service_name: str, cron_id: int, fresh: bool = False) -> Cron:
    raw = gateway.get(_base(service_name, "cron", cron_id), scope=service_name, cache=not fresh)
    return _cron(raw)


def find_cron(gateway: OvhGateway, service_name: str, cron_id: int) -> Cron | None:
    try:
        return get_cron(gateway, service_name, cron_id, fresh=True)
    except NotFound:
        return None


def available_languages(gateway: OvhGateway, service_name: str) -> list[str]:
    raw = gateway.get(_base(service_name, "cronAvailableLanguage"), scope=service_name)
    return [str(language) for language in raw or ()]


def create_cron(gateway: OvhGateway, service_name: str, cron: CronSettings) -> Task:
    raw = gateway.post(_base(service_name, "cron"), scope=service_name, **cron.to_ovh())
    return task_from_ovh(service_name, raw)


def update_cron(
    gateway: OvhGateway, service_name: str, cron_id: int, cron: CronSettings
) -> int | None:
    """Send the job's settings (OVH's PUT takes the whole job); the task applying them. OVH
    answers with a sentence, not a task: a number in it is taken as the task, else the newest
    ``cron/update`` task about this job."""
    sent_at = datetime.now(UTC)
    answer = gateway.put(_base(service_name, "cron", cron_id), scope=service_name, **cron.to_ovh())
    if isinstance(answer, int) or (isinstance(answer, str) and answer.strip().isdigit()):
        return int(answer)
    return newest_task(gateway, service_name, "cron/update", str(cron_id), sent_at)


def set_cron_status(
    gateway: OvhGateway, service_name: str, cron_id: int, enabled: bool
) -> int | None:
    """Switch a job on or off, keeping everything else as OVH has it."""
    current = get_cron(gateway, service_name, cron_id, fresh=True)
    settings = CronSettings(
        script=current.script,
        frequency=current.frequency,
        language=current.language,
        description=current.description,
        email=current.email or "no",
        enabled=enabled,
    )
    return update_cron(gateway, service_name, cron_id, settings)


def delete_cron(gateway: OvhGateway, service_name: str, cron_id: int) -> Task:
    raw = gateway.delete(_base(service_name, "cron", cron_id), scope=service_name)
    return task_from_ovh(service_name, raw)


def _cron(raw: dict[str, Any]) -> Cron:
    return Cron(
        id=int(raw["id"]),
        command=str(raw.get("command") or ""),
        frequency=str(raw.get("frequency") or ""),
        language=str(raw.get("language") or ""),
        description=str(raw.get("description") or ""),
        email=raw.get("email") or None,
        status=str(raw.get("status") or "unknown"),
        state=str(raw.get("state") or "unknown"),
    )

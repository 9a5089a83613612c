"""Changes on the Jobs tab, each audited with the job's settings."""

from __future__ import annotations

from functools import partial
from typing import Any

from flask_babel import lazy_gettext as _l

from app.actions import Started, change
from app.services import crons
from app.services.crons import Cron, CronSettings

_change = partial(change, "cron.index")
UNTRACKED = ("info", _l("OVH accepted the change; it will show on the list within a few minutes."))


def _target(settings: CronSettings | Cron) -> str:
    return settings.description or settings.script


def _parameters(settings: CronSettings) -> dict[str, Any]:
    return settings.to_ovh()


def create(service_name: str, settings: CronSettings) -> Started:
    send = partial(crons.create_cron, cron=settings)
    return _change(
        "cron.create", _target(settings), send, service_name, parameters=_parameters(settings)
    )


def update(service_name: str, cron_id: int, settings: CronSettings) -> Started:
    return _change(
        "cron.update",
        _target(settings),
        crons.update_cron,
        service_name,
        cron_id,
        settings,
        parameters={"id": cron_id, **_parameters(settings)},
        untracked=UNTRACKED,
    )


def switch(service_name: str, cron: Cron) -> Started:
    enabled = cron.status == "disabled"
    return _change(
        "cron.switch",
        _target(cron),
        crons.set_cron_status,
        service_name,
        cron.id,
        enabled,
        parameters={"id": cron.id, "status": "enabled" if enabled else "disabled"},
        untracked=UNTRACKED,
    )


def delete(service_name: str, cron: Cron) -> Started:
    return _change(
        "cron.delete",
        _target(cron),
        crons.delete_cron,
        service_name,
        cron.id,
        parameters={"id": cron.id, "command": cron.command},
    )

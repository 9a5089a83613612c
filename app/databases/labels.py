"""Plain words and badge colours for what OVH says about databases, in English and French."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from app.databases import bp

ENGINE_NAMES = {
    "mariadb": "MariaDB",
    "mongodb": "MongoDB",
    "mysql": "MySQL",
    "postgresql": "PostgreSQL",
    "redis": "Redis",
}

OFFER_NAMES: dict[str, Any] = {
    "sqlPerso": _l("Databases included with the plan"),
    "extraSqlPerso": _l("Extra database (paid option)"),
    "privateDatabase": _l("Private SQL server"),
    "sqlPro": _l("SQL Pro"),
    "local": _l("Local database"),
    "sqlLocal": _l("Local database"),
}

MODE_NAMES: dict[str, Any] = {
    "classic": _l("Classic"),
    "besteffort": _l("Best effort"),
    "module": _l("Ready-made website"),
}

# hosting.web.database.DatabaseServiceTypeEnum: how the database comes with the plan.
SERVICE_TYPE_NAMES: dict[str, Any] = {
    "included": _l("Included with the plan"),
    "extra": _l("Extra option"),
    "optional": _l("Optional"),
}

# hosting.web.database.StatusEnum; "gone" is the panel's own word for a database OVH deleted.
STATUS_BADGES: dict[str, tuple[str, Any]] = {
    "created": ("success", _l("Ready")),
    "creating": ("primary", _l("Being created")),
    "deleting": ("warning", _l("Being deleted")),
    "updating": ("primary", _l("Being updated")),
    "checking": ("primary", _l("Measuring its size")),
    "dumping": ("primary", _l("Saving a backup")),
    "importing": ("primary", _l("Importing data")),
    "optimizing": ("primary", _l("Being optimised")),
    "restoring": ("primary", _l("Being restored")),
    "locked": ("danger", _l("Locked")),
    "gone": ("secondary", _l("Deleted")),
}

# hosting.web.database.StateEnum.
STATE_BADGES: dict[str, tuple[str, Any]] = {
    "ok": ("success", _l("Working")),
    "readonly": ("warning", _l("Read-only")),
    "close": ("danger", _l("Closed")),
}

# hosting.web.database.SupportedVersionEnum.
SUPPORT_BADGES: dict[str, tuple[str, Any]] = {
    "stable": ("success", _l("Supported")),
    "deprecated": ("warning", _l("Outdated")),
    "beta": ("info", _l("Beta")),
}


def engine_name(engine: str) -> str:
    return ENGINE_NAMES.get(engine, engine)


def offer_name(offer: str) -> Any:
    return OFFER_NAMES.get(offer, offer)


def mode_name(mode: str) -> Any:
    return MODE_NAMES.get(mode, mode)


@bp.app_context_processor
def database_helpers() -> dict[str, Any]:
    return {
        "engine_name": engine_name,
        "offer_name": offer_name,
        "mode_name": mode_name,
        "service_type_name": lambda value: SERVICE_TYPE_NAMES.get(value, value),
    }

"""Request checks, as OVH makes them: body field types and enum values, enum query parameters.

The specs below are copied from the operations' request schemas in OVH's own description of
``/hosting/web`` and ``/auth`` (tests/sandbox check that they still match). Fields a spec does not
list are ignored, as read-only fields sent back in a ``PUT`` body are.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ovh_sandbox.errors import bad_request

COUNTRIES = ("BE", "CA", "CZ", "DE", "ES", "FI", "FR", "IE", "IT", "LT", "NL", "PL", "PT", "UK")
ACTIVE_OR_NONE = ("active", "none")
DATABASE_CAPABILITIES = (
    "extraSqlPerso",
    "local",
    "privateDatabase",
    "sqlLocal",
    "sqlPerso",
    "sqlPro",
)
DATABASE_CREATION_TYPES = ("mariadb", "mysql", "postgresql", "redis")
DATABASE_TYPES = ("mariadb", "mongodb", "mysql", "postgresql", "redis")
DATABASE_MODES = ("besteffort", "classic", "module")
EXTRA_SQL_QUOTAS = (25, 100, 200, 256, 400, 512, 800, 1024)
DATABASE_VERSIONS = (
    "10",
    "10.1",
    "10.11",
    "10.2",
    "10.3",
    "10.4",
    "10.5",
    "10.6",
    "11",
    "12",
    "13",
    "15",
    "3.2",
    "3.4",
    "4.0",
    "5.1",
    "5.5",
    "5.6",
    "5.7",
    "6.0",
    "7.0",
    "8.0",
    "8.4",
    "9.4",
    "9.5",
    "9.6",
)
TASK_STATUSES = ("cancelled", "doing", "done", "init", "todo")
HTTP_METHODS = ("DELETE", "GET", "POST", "PUT")


@dataclass(frozen=True)
class Field:
    type: str
    enum: tuple[Any, ...] | None = None
    nullable: bool = True


@dataclass(frozen=True)
class Body:
    fields: dict[str, Field]
    required: tuple[str, ...] = ()


ATTACHED_DOMAIN = Body(
    {
        "bypassDNSConfiguration": Field("boolean"),
        "cdn": Field("string", ACTIVE_OR_NONE),
        "domain": Field("string"),
        "firewall": Field("string", ACTIVE_OR_NONE),
        "ipLocation": Field("string", COUNTRIES),
        "ownLog": Field("string"),
        "path": Field("string"),
        "runtimeId": Field("integer"),
        "ssl": Field("boolean"),
    }
)

BODIES: dict[str, Body] = {
    "PUT /hosting/web/{serviceName}": Body({"displayName": Field("string")}),
    "POST /hosting/web/{serviceName}/attachedDomain": ATTACHED_DOMAIN,
    "PUT /hosting/web/{serviceName}/attachedDomain/{domain}": ATTACHED_DOMAIN,
    "POST /hosting/web/{serviceName}/ssl": Body(
        {
            "certificate": Field("string", nullable=False),
            "chain": Field("string", nullable=False),
            "key": Field("string", nullable=False),
        }
    ),
    "PUT /hosting/web/{serviceName}/attachedDomain/{domain}/ssl": Body(
        {"regenerate": Field("boolean", nullable=False)}
    ),
    "POST /hosting/web/{serviceName}/database": Body(
        {
            "capabilitie": Field("string", DATABASE_CAPABILITIES),
            "password": Field("string"),
            "quota": Field("integer", EXTRA_SQL_QUOTAS),
            "type": Field("string", DATABASE_CREATION_TYPES),
            "user": Field("string"),
            "version": Field("string", DATABASE_VERSIONS),
        },
        required=("capabilitie", "type", "user"),
    ),
    "POST /hosting/web/{serviceName}/database/{name}/changePassword": Body(
        {"password": Field("string")}, required=("password",)
    ),
    "POST /auth/credential": Body(
        {
            "accessRules": Field("array"),
            "allowedIPs": Field("array"),
            "redirection": Field("string"),
        },
        required=("accessRules",),
    ),
}

PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "boolean": (bool,),
    "integer": (int,),
    "array": (list,),
}


def parse_json_object(raw: bytes) -> dict[str, Any]:
    """The request body as a JSON object; an empty body counts as ``{}``."""
    if not raw.strip():
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        raise bad_request("Invalid JSON in request body") from None
    if not isinstance(value, dict):
        raise bad_request("The request body must be a JSON object")
    return value


def check_value(name: str, value: Any, field: Field) -> None:
    if value is None:
        if not field.nullable:
            raise bad_request(f"Invalid value for parameter {name}: null is not allowed")
        return
    is_bool = isinstance(value, bool)
    if not isinstance(value, PYTHON_TYPES[field.type]) or (field.type == "integer" and is_bool):
        raise bad_request(f"Invalid type for parameter {name}: expected {field.type}")
    if field.enum is not None and value not in field.enum:
        allowed = ", ".join(str(v) for v in field.enum)
        raise bad_request(f"Invalid value for parameter {name}: '{value}' is not one of {allowed}")


def validated_body(operation: str, raw: bytes) -> dict[str, Any]:
    """Parse and check the body of ``operation``, e.g. ``"POST /hosting/web/{serviceName}/ssl"``."""
    body = BODIES[operation]
    values = parse_json_object(raw)
    for name in body.required:
        if values.get(name) is None:
            raise bad_request(f"Missing parameter: {name}")
    for name, value in values.items():
        if name in body.fields:
            check_value(name, value, body.fields[name])
    return values


def query_enum(args: dict[str, str], name: str, allowed: tuple[str, ...]) -> str | None:
    value = args.get(name)
    if value is not None and value not in allowed:
        raise bad_request(
            f"Invalid value for parameter {name}: '{value}' is not one of " + ", ".join(allowed)
        )
    return value


def query_bool(args: dict[str, str], name: str) -> bool | None:
    """python-ovh sends booleans as ``true`` / ``false``."""
    value = args.get(name)
    if value is None:
        return None
    if value not in ("true", "false"):
        raise bad_request(f"Invalid value for parameter {name}: expected true or false")
    return value == "true"

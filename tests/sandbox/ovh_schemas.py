"""OVH's schema files (shipped with the panel in ``app/ovh_schemas``) as strict JSON Schema,
for the conformance tests: the conversions are the panel's own (:mod:`app.services.schemas`)."""

from __future__ import annotations

from typing import Any

import jsonschema

from app.services.schemas import (
    SCHEMAS,
    auth_model,
    component,
    hosting_schema,
    load,
    openapi_node,
    raw_model,
)

__all__ = [
    "SCHEMAS",
    "auth_model",
    "check",
    "component",
    "hosting_schema",
    "load",
    "openapi_node",
    "raw_model",
]


def check(value: Any, schema: Any) -> None:
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(value), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])

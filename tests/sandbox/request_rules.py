"""Generate ``ovh_sandbox/request_rules.json``: what OVH accepts in each operation's query string
and body, taken from OVH's schema files in ``app/ovh_schemas`` (never written by hand).

``python -m tests.sandbox.request_rules`` rewrites the file, and
``test_request_rules_match_the_schemas`` fails when it is out of date.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.services.schemas import SCHEMAS

RULES_FILE = Path(__file__).resolve().parents[2] / "ovh_sandbox" / "request_rules.json"
SOURCES = (
    "hosting-web.schema.json",
    "hosting-web.attachedDomain-ssl.json",
    "auth.schema.json",
    "me-document.schema.json",
)

SCALARS = {
    "string": "string",
    "password": "string",
    "text": "string",
    "datetime": "string",
    "date": "string",
    "ip": "string",
    "ipv4": "string",
    "ipv6": "string",
    "ipBlock": "string",
    "uuid": "string",
    "boolean": "boolean",
    "long": "integer",
    "int": "integer",
    "double": "number",
}


def _documents() -> list[dict[str, Any]]:
    return [json.loads((SCHEMAS / name).read_text()) for name in SOURCES]


def _models() -> dict[str, Any]:
    models: dict[str, Any] = {}
    for document in _documents():
        models.update(document["models"])
    return models


def value_rule(full_type: str, models: dict[str, Any], nullable: bool) -> dict[str, Any]:
    """How one value of ``full_type`` is checked: JSON type, and enum values when it has some."""
    if full_type.endswith("[]"):
        return {"type": "array", "nullable": nullable}
    if full_type in SCALARS:
        return {"type": SCALARS[full_type], "nullable": nullable}
    model = models.get(full_type)
    if model is not None and "enum" in model:
        enum_type = SCALARS.get(model.get("enumType", "string"), "string")
        values = [int(v) if enum_type == "integer" else v for v in model["enum"]]
        return {"type": enum_type, "enum": values, "nullable": nullable}
    return {"type": "object", "nullable": nullable}


def operation_rules(operation: dict[str, Any], models: dict[str, Any]) -> dict[str, Any]:
    query: dict[str, Any] = {}
    fields: dict[str, Any] = {}
    required_fields: list[str] = []
    body_required = False
    has_body = False
    for parameter in operation["parameters"]:
        kind = parameter["paramType"]
        if kind == "query":
            rule = value_rule(
                parameter.get("fullType") or parameter["dataType"], models, nullable=False
            )
            query[parameter["name"]] = {**rule, "required": bool(parameter["required"])}
        elif kind == "body" and parameter.get("name"):
            # Named body parameters are top-level keys of the JSON body (POST …/database).
            has_body = True
            body_required = body_required or bool(parameter["required"])
            fields[parameter["name"]] = value_rule(
                parameter.get("fullType") or parameter["dataType"], models, nullable=True
            )
            if parameter["required"]:
                required_fields.append(parameter["name"])
        elif kind == "body":
            # A nameless body parameter is the whole body, one of the models.
            has_body = True
            body_required = bool(parameter["required"])
            for name, spec in models[parameter["fullType"]]["properties"].items():
                if spec.get("readOnly"):
                    continue
                fields[name] = value_rule(spec["fullType"], models, bool(spec["canBeNull"]))
                if spec.get("required"):
                    required_fields.append(name)
    body = (
        {"required": body_required, "fields": fields, "requiredFields": sorted(required_fields)}
        if has_body
        else None
    )
    return {"query": query, "body": body}


def generate() -> dict[str, Any]:
    models = _models()
    rules: dict[str, Any] = {}
    for document in _documents():
        for api in document["apis"]:
            for operation in api["operations"]:
                key = f"{operation['httpMethod']} {api['path']}"
                rules[key] = operation_rules(operation, models)
    return dict(sorted(rules.items()))


def render() -> str:
    return json.dumps(generate(), indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    RULES_FILE.write_text(render())
    print(f"wrote {RULES_FILE}")

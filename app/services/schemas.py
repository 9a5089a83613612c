"""OVH's own API schema files, shipped with the panel (``app/ovh_schemas``), as strict JSON Schema.

``flask ovh check --deep`` validates real answers with them, and the conformance tests validate
the sandbox's. Response schemas are made strict: properties that are not nullable are required and
no other property is allowed, so a missing or misspelt field shows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

SCHEMAS = Path(__file__).resolve().parents[1] / "ovh_schemas"


class SchemaMissing(RuntimeError):
    pass


@cache
def load(name: str) -> dict[str, Any]:
    path = SCHEMAS / name
    if not path.is_file():
        raise SchemaMissing(f"OVH schema file missing: {path} (see ovh_schemas/SOURCE.md)")
    document: dict[str, Any] = json.loads(path.read_text())
    return document


def openapi_node(node: Any, strict: bool) -> Any:
    """An OpenAPI 3.0 schema node as plain JSON Schema: refs inlined, ``nullable`` honoured."""
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        name = node["$ref"].removeprefix("#/components/schemas/")
        return openapi_node(
            load("hosting-web.openapi3.json")["components"]["schemas"][name], strict
        )
    node = dict(node)
    nullable = node.pop("nullable", False)
    for key in ("description", "readOnly", "example"):
        node.pop(key, None)
    if "allOf" in node and len(node["allOf"]) == 1:
        node = {**openapi_node(node.pop("allOf")[0], strict), **node}
    if "items" in node:
        node["items"] = openapi_node(node["items"], strict)
    if isinstance(node.get("additionalProperties"), dict):
        node["additionalProperties"] = openapi_node(node["additionalProperties"], strict)
    if "properties" in node:
        properties = node["properties"]
        node["properties"] = {k: openapi_node(v, strict) for k, v in properties.items()}
        if strict:
            node["required"] = [k for k, v in properties.items() if not v.get("nullable")]
            node["additionalProperties"] = False
    return {"anyOf": [node, {"type": "null"}]} if nullable else node


def hosting_schema(method: str, template: str) -> Any:
    operation = load("hosting-web.openapi3.json")["paths"][template][method.lower()]
    content = operation["responses"]["200"].get("content")
    if content is None:
        return {"type": "null"}
    return openapi_node(content["application/json"]["schema"], strict=True)


def component(name: str) -> Any:
    return openapi_node({"$ref": f"#/components/schemas/{name}"}, strict=True)


AUTH_TYPES = {
    "string": "string",
    "password": "string",
    "datetime": "string",
    "ipBlock": "string",
    "long": "integer",
    "boolean": "boolean",
    "uuid": "string",
}


def auth_model(full_type: str) -> Any:
    """A model of ``auth.schema.json`` (raw OVH format) as strict JSON Schema."""
    return raw_model("auth.schema.json", full_type)


def raw_model(file_name: str, full_type: str) -> Any:
    """A model of a raw-format schema file (``auth``, ``me-document``) as strict JSON Schema;
    a generic (``complexType.SafeKeyValue<string>``) is checked as an object."""
    if full_type.endswith("[]"):
        return {"type": "array", "items": raw_model(file_name, full_type[:-2])}
    if full_type in AUTH_TYPES:
        return {"type": AUTH_TYPES[full_type]}
    if "<" in full_type:
        return {"type": "object"}
    model = load(file_name)["models"][full_type]
    if "enum" in model:
        return {"enum": model["enum"]}
    properties = {}
    for name, spec in model["properties"].items():
        schema = raw_model(file_name, spec["fullType"])
        properties[name] = {"anyOf": [schema, {"type": "null"}]} if spec["canBeNull"] else schema
    return {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "required": [n for n, s in model["properties"].items() if not s["canBeNull"]],
    }


def problems(value: Any, schema: Any, limit: int = 5) -> list[str]:
    """What in ``value`` breaks ``schema``, as field paths and rules, never the values themselves
    (they may be names of the account's services, domains or people)."""
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(_expanded(validator.iter_errors(value)), key=lambda e: str(e.absolute_path))
    return [f"{_where(error) or '(answer)'}: {_rule(error)}" for error in errors[:limit]]


def _expanded(errors: Iterable[jsonschema.ValidationError]) -> Iterable[jsonschema.ValidationError]:
    """A nullable field's error is "neither null nor …": say instead what broke the non-null
    shape."""
    for error in errors:
        inner = [
            sub
            for sub in error.context or ()
            if not (sub.validator == "type" and sub.validator_value == "null")
        ]
        if error.validator == "anyOf" and inner:
            yield from _expanded(inner)
        else:
            yield error


def _where(error: jsonschema.ValidationError) -> str:
    """The field path, with the keys of free-form maps (e.g. IAM tags, named by the customer)
    shown as ``<key>``: only names the schema itself lists are shown."""
    instance_path = list(error.absolute_path)
    schema_path = list(error.absolute_schema_path)
    parts = []
    for index, step in enumerate(schema_path):
        if not instance_path:
            break
        if step == "properties" and index + 1 < len(schema_path):
            parts.append(f".{instance_path.pop(0)}")
        elif step == "items":
            parts.append(f"[{instance_path.pop(0)}]")
        elif step in ("additionalProperties", "patternProperties"):
            instance_path.pop(0)
            parts.append(".<key>")
    return "".join(parts)


def _rule(error: jsonschema.ValidationError) -> str:
    expected = error.validator_value
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = set(error.schema.get("properties") or {})
        unknown = sorted(str(k) for k in error.instance if k not in known)
        return "fields not in OVH's schema: " + ", ".join(unknown)
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [str(k) for k in expected if k not in error.instance]
        return "missing fields: " + ", ".join(missing)
    if error.validator in {"type", "enum", "format"}:
        return f"{error.validator} should be {expected}"
    if error.validator == "anyOf":
        return "neither null nor the expected shape"
    return f"breaks {error.validator}"

"""Every call the panel makes in a test, and every answer the sandbox gives it, checked against
OVH's own schema files while the test runs.

The sandbox reports each ``/1.0`` call to its observers (``ovh_sandbox.protocol.OBSERVERS``), so
what is checked is what the service layer really sent, not a list kept by hand. The request is
checked against OVH's OpenAPI description (``hosting-web.openapi3.json``, 2025), independent of the
rules the sandbox itself enforces (generated from the 2024 raw schema): the operation exists, each
query parameter is declared and of its type, the body is there exactly when OVH expects one and
matches its model. Each 200 answer is checked against its response model, made strict. The
per-domain SSL routes, missing from both vendored hosting files, are taken from
``hosting-web.attachedDomain-ssl.json`` (OVH's current schema); ``/auth`` from ``auth.schema.json``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from functools import cache
from typing import Any

import jsonschema
import pytest

from ovh_sandbox.protocol import OBSERVERS, ObservedCall
from tests.sandbox.ovh_schemas import (
    auth_model,
    component,
    hosting_schema,
    load,
    openapi_node,
    raw_model,
)

NO_SCHEMA = frozenset({"GET /me"})  # /me is outside the vendored files (see schemas/SOURCE.md)


@cache
def _raw_operations() -> dict[str, dict[str, Any]]:
    """Operations of the raw-format files the OpenAPI file lacks: per-domain SSL, /auth, and the
    2024 schema's operations the 2025 OpenAPI copy no longer lists (a module's new admin
    password: README, UNCONFIRMED)."""
    found: dict[str, dict[str, Any]] = {}
    for name in (
        "hosting-web.attachedDomain-ssl.json",
        "auth.schema.json",
        "me-document.schema.json",
    ):
        for api in load(name)["apis"]:
            for operation in api["operations"]:
                found[f"{operation['httpMethod']} {api['path']}"] = operation
    for api in load("hosting-web.schema.json")["apis"]:
        if api["path"] in OLDER_ONLY:
            for operation in api["operations"]:
                found[f"{operation['httpMethod']} {api['path']}"] = operation
    return found


OLDER_ONLY = frozenset({"/hosting/web/{serviceName}/module/{id}/changePassword"})


def _errors(value: Any, schema: Any) -> list[str]:
    validator = jsonschema.Draft7Validator(schema)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(value)][:3]


def _query_value(raw: str, schema: dict[str, Any]) -> Any:
    kind = schema.get("type")
    if kind == "boolean":
        return {"true": True, "false": False}.get(raw, raw)
    if kind == "integer" and raw.lstrip("-").isdigit():
        return int(raw)
    return raw


def _openapi_request(call: ObservedCall, operation: dict[str, Any]) -> list[str]:
    problems = []
    declared = {
        p["name"]: openapi_node(p["schema"], strict=False)
        for p in operation.get("parameters", [])
        if p["in"] == "query"
    }
    for name, raw in call.query.items():
        if name not in declared:
            problems.append(f"query parameter {name} is not OVH's")
            continue
        problems += [
            f"query {name}: {e}" for e in _errors(_query_value(raw, declared[name]), declared[name])
        ]
    request_body = operation.get("requestBody")
    if request_body is None:
        if call.body.strip():
            problems.append("a body where OVH expects none")
        return problems
    if not call.body.strip():
        if request_body.get("required"):
            problems.append("no body where OVH requires one")
        return problems
    schema = openapi_node(request_body["content"]["application/json"]["schema"], strict=False)
    body = json.loads(call.body)
    unknown = set(body) - set(schema.get("properties", {}))
    if unknown:
        problems.append(f"body fields OVH does not know: {sorted(unknown)}")
    return problems + [f"body {e}" for e in _errors(body, schema)]


def _raw_request(call: ObservedCall, operation: dict[str, Any]) -> list[str]:
    body_parameters = [p for p in operation["parameters"] if p["paramType"] == "body"]
    queries = {p["name"] for p in operation["parameters"] if p["paramType"] == "query"}
    problems = [f"query parameter {n} is not OVH's" for n in call.query if n not in queries]
    if not body_parameters and call.body.strip():
        problems.append("a body where OVH expects none")
    if body_parameters and body_parameters[0]["required"] and not call.body.strip():
        problems.append("no body where OVH requires one")
    return problems


def _answer_schema(call: ObservedCall) -> Any | None:
    method, template = call.route.split(" ", 1)
    paths = load("hosting-web.openapi3.json")["paths"]
    if "CachedObjectList" in call.headers.get("X-Pagination-Mode", ""):
        details = [
            p
            for p in paths
            if p.startswith(template + "/{") and p.count("/") == template.count("/") + 1
        ]
        return {"type": "array", "items": hosting_schema("GET", details[0])}
    if template in paths:
        return hosting_schema(method, template)
    operation = _raw_operations().get(call.route)
    if operation is None:
        return None
    response_type = operation["responseType"]
    if template.startswith("/auth"):
        return {"type": "integer"} if response_type == "long" else auth_model(response_type)
    if template.startswith("/me/"):
        return raw_model("me-document.schema.json", response_type)
    return component(response_type)


def check_call(call: ObservedCall) -> list[str]:
    """What in this call, or in its answer, does not follow OVH's schema."""
    if call.route in NO_SCHEMA:
        return []
    method, template = call.route.split(" ", 1)
    paths = load("hosting-web.openapi3.json")["paths"]
    if template in paths and method.lower() in paths[template]:
        problems = _openapi_request(call, paths[template][method.lower()])
    elif call.route in _raw_operations():
        problems = _raw_request(call, _raw_operations()[call.route])
    else:
        return [f"{call.route}: not an operation of OVH's schema"]
    if call.status == 200:
        try:
            answer = json.loads(call.answer)
        except ValueError:
            answer = None  # the sandbox's "invalid JSON" fault, asked for by the test
        schema = _answer_schema(call)
        if answer is not None and schema is not None:
            problems += [f"answer {e}" for e in _errors(answer, schema)]
    return [f"{call.route}: {problem}" for problem in problems]


@pytest.fixture(autouse=True)
def schema_conformance() -> Iterator[list[str]]:
    """Fails the test if any call it made, or any answer it got, strays from OVH's schema."""
    problems: list[str] = []
    lock = threading.Lock()

    def observe(call: ObservedCall) -> None:
        found = check_call(call)
        with lock:
            problems.extend(found)

    OBSERVERS.append(observe)
    yield problems
    OBSERVERS.remove(observe)
    assert not problems, "calls outside OVH's schema:\n" + "\n".join(problems[:10])

"""Checking one recorded OVH answer for ``flask ovh check --deep``: which schema model it should
match, what breaks it (said by field, never by value), and the scrubber that keeps the account's
names out of the report."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from app.services import access_rules, schemas

PUBLIC_PATHS = {"/auth/time"}
_IP = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b|\b(?:[0-9a-fA-F]{1,4}:){2,7}[0-9a-fA-F]{0,4}\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass
class Recorded:
    method: str
    path: str
    expanded: bool
    status: int | None
    body: Any


@dataclass(frozen=True)
class CallResult:
    method: str
    shown_path: str
    status: int | None
    items: int | None
    problems: tuple[str, ...]
    note: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


def check(recorded: Recorded) -> CallResult:
    rule = access_rules.panel_rule_for(recorded.method, recorded.path)
    shown = rule.path if rule else recorded.path if recorded.path in PUBLIC_PATHS else "<other>"
    items = len(recorded.body) if isinstance(recorded.body, list) else None
    status = recorded.status
    if status is None or status >= 400:
        message = recorded.body.get("errorCode") if isinstance(recorded.body, dict) else None
        note = f"refused ({message})" if message else "error answer"
        # "Not found" on an optional read (no certificate) is an answer, not a problem.
        problem = () if status == 404 else (note,)
        return CallResult(recorded.method, shown, status, None, problem)
    schema, note = _schema_for(recorded)
    found = tuple(schemas.problems(recorded.body, schema)) if schema is not None else ()
    return CallResult(recorded.method, shown, status, items, found, note)


def _schema_for(recorded: Recorded) -> tuple[Any, str]:
    path = recorded.path
    if path.startswith("/auth/"):
        return _auth_schema(path)
    if not path.startswith("/hosting/web"):
        return None, "(no schema file shipped for this route)"
    template = _hosting_template(path)
    if template is None:
        newer = re.sub(r"/attachedDomain/[^/]+/ssl", "/{serviceName}/ssl", path)
        newer = re.sub(r"^/hosting/web/[^/]+/\{serviceName\}", "/hosting/web/{serviceName}", newer)
        if newer != path and newer in _templates():
            # The per-domain SSL routes came after the shipped copy; OVH gives them the models
            # of the service-wide ones (hosting.web.SSL, hosting.web.ssl.Report).
            return schemas.hosting_schema("GET", newer), "(model of the service-wide route)"
        return None, "(not in the shipped schema: newer than its copy)"
    if recorded.expanded and isinstance(recorded.body, list):
        detail = _detail_template(template)
        if detail is None:
            return None, "(no item model in the schema)"
        return {"type": "array", "items": schemas.hosting_schema("GET", detail)}, ""
    return schemas.hosting_schema("GET", template), ""


def _auth_schema(path: str) -> tuple[Any, str]:
    for api in schemas.load("auth.schema.json")["apis"]:
        if api["path"] == path:
            for operation in api["operations"]:
                if operation["httpMethod"] == "GET":
                    return schemas.auth_model(operation["responseType"]), ""
    return None, "(no schema file shipped for this route)"


def _templates() -> list[str]:
    paths = schemas.load("hosting-web.openapi3.json")["paths"]
    return [template for template, ops in paths.items() if "get" in ops]


def _hosting_template(path: str) -> str | None:
    matches = [
        template
        for template in _templates()
        if re.fullmatch(re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)), path)
    ]
    # A literal segment beats a parameter (/hosting/web/attachedDomain vs /{serviceName}).
    return max(matches, key=lambda t: len(re.sub(r"\{[^}]+\}", "", t)), default=None)


def _detail_template(template: str) -> str | None:
    for candidate in _templates():
        rest = candidate.removeprefix(template + "/")
        if candidate != rest and re.fullmatch(r"\{[^}/]+\}", rest):
            return candidate
    return None


# Keeping the account out of the report ------------------------------------------------------


class Scrubber:
    """Replaces every text the account's answers contained (names, domains, logins…), emails
    and IP addresses by placeholders."""

    def __init__(self) -> None:
        self.values: set[str] = set()

    def learn(self, body: Any) -> None:
        for value in _strings(body):
            if len(value) >= 3:
                self.values.add(value)

    def __call__(self, text: str) -> str:
        for value in sorted(self.values, key=len, reverse=True):
            text = text.replace(value, "<value>")
        return _IP.sub("<ip>", _EMAIL.sub("<email>", text))


def _strings(body: Any) -> Iterable[str]:
    if isinstance(body, str):
        yield body
    elif isinstance(body, dict):
        for value in body.values():
            yield from _strings(value)
    elif isinstance(body, list):
        for value in body:
            yield from _strings(value)

"""Conformance: every answer of every implemented route validates against OVH's own schemas.

Hosting routes are checked against ``hosting-web.openapi3.json`` (OpenAPI 3.0) and auth routes
against the models of ``auth.schema.json``, both read from ``app/ovh_schemas`` and made
strict by ``ovh_schemas``.
"""

from __future__ import annotations

from typing import Any

import ovh
import pytest
import requests
from ovh_schemas import (
    auth_model,
    check,
    component,
    hosting_schema,
    load,
    openapi_node,
    raw_model,
)
from request_rules import RULES_FILE, generate, render

from tests.support.sandbox_control import EXAMPLE, EXAMPLE2, EXAMPLE3

PAGES = {"X-Pagination-Mode": "CachedObjectList-Pages"}


SN, DOMAIN, DB, ID = "{serviceName}", "{domain}", "{name}", "{id}"
LOGIN = "{login}"
# (method, template, service, domain or database, body, query string)
CALLS: list[tuple[str, str, str, str, dict[str, Any] | None, str]] = [
    ("GET", "/hosting/web", "", "", None, ""),
    ("GET", "/hosting/web/{serviceName}", EXAMPLE, "", None, ""),
    ("PUT", "/hosting/web/{serviceName}", EXAMPLE, "", {"displayName": "Shop"}, ""),
    ("GET", "/hosting/web/{serviceName}/attachedDomain", EXAMPLE, "", None, "?domain=example"),
    (
        "POST",
        "/hosting/web/{serviceName}/attachedDomain",
        EXAMPLE,
        "",
        {"domain": "new.example.com", "path": "new", "ssl": True, "cdn": "none"},
        "",
    ),
    ("GET", "/hosting/web/{serviceName}/attachedDomain/{domain}", EXAMPLE, "example.com", None, ""),
    (
        "PUT",
        "/hosting/web/{serviceName}/attachedDomain/{domain}",
        EXAMPLE,
        "example.com",
        {"ssl": False},
        "",
    ),
    (
        "DELETE",
        "/hosting/web/{serviceName}/attachedDomain/{domain}",
        EXAMPLE,
        "blog.example.com",
        None,
        "?bypassDNSConfiguration=false",
    ),
    (
        "GET",
        "/hosting/web/{serviceName}/attachedDomain/{domain}/digStatus",
        EXAMPLE,
        "example.com",
        None,
        "",
    ),
    ("GET", "/hosting/web/{serviceName}/ssl", EXAMPLE, "", None, ""),
    ("POST", "/hosting/web/{serviceName}/ssl", EXAMPLE2, "", {}, ""),
    ("DELETE", "/hosting/web/{serviceName}/ssl", EXAMPLE, "", None, ""),
    ("POST", "/hosting/web/{serviceName}/ssl/regenerate", EXAMPLE, "", None, ""),
    ("GET", "/hosting/web/{serviceName}/ssl/domains", EXAMPLE, "", None, ""),
    ("GET", "/hosting/web/{serviceName}/ssl/report", EXAMPLE, "", None, ""),
    ("GET", "/hosting/web/{serviceName}/database", EXAMPLE, "", None, "?type=mysql"),
    (
        "POST",
        "/hosting/web/{serviceName}/database",
        EXAMPLE,
        "",
        {
            "capabilitie": "sqlPerso",
            "type": "mariadb",
            "user": "exampleshop",
            "password": "Secret123",
            "version": "10.6",
        },
        "",
    ),
    ("GET", "/hosting/web/{serviceName}/database/{name}", EXAMPLE, "example.mysql.db", None, ""),
    ("DELETE", "/hosting/web/{serviceName}/database/{name}", EXAMPLE, "example.mysql.db", None, ""),
    (
        "POST",
        "/hosting/web/{serviceName}/database/{name}/changePassword",
        EXAMPLE,
        "example.mysql.db",
        {"password": "NewSecret42"},
        "",
    ),
    (
        "GET",
        "/hosting/web/{serviceName}/database/{name}/capabilities",
        EXAMPLE,
        "example.mysql.db",
        None,
        "",
    ),
    ("GET", "/hosting/web/{serviceName}/databaseAvailableType", EXAMPLE, "", None, ""),
    (
        "GET",
        "/hosting/web/{serviceName}/databaseAvailableVersion",
        EXAMPLE,
        "",
        None,
        "?type=postgresql",
    ),
    ("GET", "/hosting/web/{serviceName}/databaseCreationCapabilities", EXAMPLE3, "", None, ""),
    ("GET", "/hosting/web/{serviceName}/tasks", EXAMPLE, "", None, "?status=done"),
    ("GET", "/hosting/web/{serviceName}/user", EXAMPLE, "", None, "?home=www"),
    (
        "POST",
        "/hosting/web/{serviceName}/user",
        EXAMPLE,
        "",
        {"login": "example-marie", "home": "./shop", "password": "Secret123", "sshState": "none"},
        "",
    ),
    ("GET", "/hosting/web/{serviceName}/user/{login}", EXAMPLE, "example-agency", None, ""),
    (
        "PUT",
        "/hosting/web/{serviceName}/user/{login}",
        EXAMPLE,
        "example-agency",
        {"sshState": "sftponly"},
        "",
    ),
    ("DELETE", "/hosting/web/{serviceName}/user/{login}", EXAMPLE, "example-agency", None, ""),
    (
        "POST",
        "/hosting/web/{serviceName}/user/{login}/changePassword",
        EXAMPLE,
        "example-agency",
        {"password": "NewSecret42"},
        "",
    ),
    ("GET", "/hosting/web/{serviceName}/ovhConfig", EXAMPLE, "", None, "?historical=false"),
    ("GET", "/hosting/web/{serviceName}/ovhConfig/{id}", EXAMPLE, "1001", None, ""),
    (
        "POST",
        "/hosting/web/{serviceName}/ovhConfig/{id}/changeConfiguration",
        EXAMPLE,
        "1001",
        {"engineVersion": "8.3", "environment": "development", "httpFirewall": "security"},
        "",
    ),
    (
        "POST",
        "/hosting/web/{serviceName}/ovhConfig/{id}/rollback",
        EXAMPLE,
        "1001",
        {"rollbackId": 1002},
        "",
    ),
    ("GET", "/hosting/web/{serviceName}/ovhConfigCapabilities", EXAMPLE, "", None, ""),
    ("GET", "/hosting/web/{serviceName}/ovhConfigRecommendedValues", EXAMPLE, "", None, ""),
    ("GET", "/hosting/web/{serviceName}/cron", EXAMPLE, "", None, "?language=php8.1"),
    (
        "POST",
        "/hosting/web/{serviceName}/cron",
        EXAMPLE,
        "",
        {
            "command": "./www/cron/backup.php",
            "frequency": "0 2 * * *",
            "language": "php8.2",
            "description": "Nightly backup",
            "email": "no",
            "status": "enabled",
        },
        "",
    ),
    ("GET", "/hosting/web/{serviceName}/cron/{id}", EXAMPLE, "1001", None, ""),
    (
        "PUT",
        "/hosting/web/{serviceName}/cron/{id}",
        EXAMPLE,
        "1001",
        {"frequency": "0 4 * * *", "command": "./www/cron/sitemap.php", "language": "php8.2"},
        "",
    ),
    ("DELETE", "/hosting/web/{serviceName}/cron/{id}", EXAMPLE, "1002", None, ""),
    ("GET", "/hosting/web/{serviceName}/cronAvailableLanguage", EXAMPLE, "", None, ""),
    ("GET", "/hosting/web/moduleList", "", "", None, "?active=true&latest=true"),
    ("GET", "/hosting/web/moduleList/{id}", "", "1842", None, ""),
    ("GET", "/hosting/web/{serviceName}/module", EXAMPLE, "", None, ""),
    (
        "POST",
        "/hosting/web/{serviceName}/module",
        EXAMPLE,
        "",
        {
            "moduleId": 1842,
            "domain": "example.com",
            "path": "wp",
            "language": "fr",
            "adminName": "marie",
            "adminPassword": "a long password",
            "dependencies": [
                {
                    "type": "mysql",
                    "name": "example",
                    "user": "example",
                    "password": "Secret123",
                    "server": "example.mysql.db",
                    "port": 3306,
                }
            ],
        },
        "",
    ),
    ("GET", "/hosting/web/{serviceName}/module/{id}", EXAMPLE, "1500000", None, ""),
    (
        "DELETE",
        "/hosting/web/{serviceName}/module/{id}",
        EXAMPLE,
        "1500000",
        None,
        "?purgeData=false",
    ),
    (
        "GET",
        "/hosting/web/{serviceName}/statistics",
        EXAMPLE,
        "",
        None,
        "?period=daily&type=in.httpHits",
    ),
    (
        "GET",
        "/hosting/web/{serviceName}/database/{name}/statistics",
        EXAMPLE,
        "example.mysql.db",
        None,
        "?period=weekly&type=statementMeanTime",
    ),
]
DOMAIN_SSL = "/hosting/web/{serviceName}/attachedDomain/{domain}/ssl"
DOMAIN_SSL_CALLS: list[tuple[str, str, str, dict[str, Any] | None, str]] = [
    ("GET", DOMAIN_SSL, "example.net", None, "hosting.web.SSL"),
    ("POST", DOMAIN_SSL, "app.example.net", None, "hosting.web.SSL"),
    ("PUT", DOMAIN_SSL, "example.net", {"regenerate": True}, "hosting.web.SSL"),
    ("DELETE", DOMAIN_SSL, "example.net", None, "hosting.web.SSL"),
    ("POST", DOMAIN_SSL + "/regenerate", "www.example.net", None, "hosting.web.SSL"),
    ("GET", DOMAIN_SSL + "/report", "example.net", None, "hosting.web.ssl.Report"),
]
LISTS = [
    ("/hosting/web", "", "hosting.web.ServiceWithIAM"),
    (
        "/hosting/web/{serviceName}/attachedDomain",
        EXAMPLE,
        "hosting.web.attachedDomain.PublicAttachedDomain",
    ),
    ("/hosting/web/{serviceName}/database", EXAMPLE3, "hosting.web.database"),
    ("/hosting/web/{serviceName}/tasks", EXAMPLE, "hosting.web.PublicTask"),
    ("/hosting/web/{serviceName}/user", EXAMPLE, "hosting.web.user"),
    ("/hosting/web/{serviceName}/ovhConfig", EXAMPLE, "hosting.web.ovhConfig"),
    ("/hosting/web/{serviceName}/cron", EXAMPLE, "hosting.web.Cron"),
    ("/hosting/web/{serviceName}/module", EXAMPLE, "hosting.web.module"),
]


BACKUP_ROUTES = {
    "/hosting/web/{serviceName}/database/{name}/dump",
    "/hosting/web/{serviceName}/database/{name}/import",
    "/hosting/web/{serviceName}/database/{name}/copyRestore",
}
IMPLEMENTED = {call[1] for call in CALLS} | BACKUP_ROUTES
# Values OVH's 2025 file adds to enums of the 2024 one the sandbox's checks come from: PHP 8.4.
# The sandbox refuses them (stricter than OVH) and never offers them (capabilities, languages).
ADDED_SINCE_2024 = {"php8.4", "8.4"}


def concrete(template: str, service: str, item: str) -> str:
    concrete = template.replace(SN, service)
    for name in (DOMAIN, DB, LOGIN, ID):
        concrete = concrete.replace(name, item)
    return concrete


@pytest.mark.parametrize(
    ("method", "template", "service", "item", "body", "query"),
    CALLS,
    ids=[f"{c[0]} {c[1]}" for c in CALLS],
)
def test_hosting_answer_matches_the_openapi_schema(
    client: ovh.Client,
    method: str,
    template: str,
    service: str,
    item: str,
    body: dict[str, Any] | None,
    query: str,
) -> None:
    response = client.raw_call(method, concrete(template, service, item) + query, data=body)
    assert response.status_code == 200, response.text
    check(response.json(), hosting_schema(method, template))


def test_task_detail_matches_the_openapi_schema(client: ovh.Client) -> None:
    for service in (EXAMPLE, EXAMPLE2, EXAMPLE3):
        for task_id in client.get(f"/hosting/web/{service}/tasks"):
            task = client.get(f"/hosting/web/{service}/tasks/{task_id}")
            check(task, hosting_schema("GET", "/hosting/web/{serviceName}/tasks/{id}"))


@pytest.mark.parametrize(
    ("method", "template", "item", "body", "model"),
    DOMAIN_SSL_CALLS,
    ids=[f"{c[0]} {c[1]}" for c in DOMAIN_SSL_CALLS],
)
def test_per_domain_ssl_answer_matches_its_component(
    client: ovh.Client,
    method: str,
    template: str,
    item: str,
    body: dict[str, Any] | None,
    model: str,
) -> None:
    response = client.raw_call(method, concrete(template, EXAMPLE3, item), data=body)
    assert response.status_code == 200, response.text
    check(response.json(), component(model))


@pytest.mark.parametrize(("template", "service", "model"), LISTS, ids=[c[0] for c in LISTS])
def test_expanded_list_items_match_their_model(
    client: ovh.Client, template: str, service: str, model: str
) -> None:
    response = client.raw_call("GET", concrete(template, service, ""), headers=PAGES)
    check(response.json(), {"type": "array", "items": component(model)})


def test_a_modules_new_password_answers_a_task(client: ovh.Client) -> None:
    """In OVH's 2024 schema only (``hosting-web.schema.json``): the 2025 copy has no such route,
    so its answer is checked against the raw model (README, UNCONFIRMED)."""
    answer = client.post(f"/hosting/web/{EXAMPLE}/module/1500000/changePassword")
    check(answer, component("hosting.web.task"))


def test_every_seeded_object_matches_its_model(client: ovh.Client) -> None:
    for service in client.get("/hosting/web"):
        check(client.get(f"/hosting/web/{service}"), component("hosting.web.ServiceWithIAM"))
        for domain in client.get(f"/hosting/web/{service}/attachedDomain"):
            check(
                client.get(f"/hosting/web/{service}/attachedDomain/{domain}"),
                component("hosting.web.attachedDomain.PublicAttachedDomain"),
            )
            check(
                client.get(f"/hosting/web/{service}/attachedDomain/{domain}/digStatus"),
                component("hosting.web.attachedDomain.DigStatus"),
            )
        for install in client.get(f"/hosting/web/{service}/module"):
            check(
                client.get(f"/hosting/web/{service}/module/{install}"),
                component("hosting.web.module"),
            )
        for name in client.get(f"/hosting/web/{service}/database"):
            check(
                client.get(f"/hosting/web/{service}/database/{name}"),
                component("hosting.web.database"),
            )
        for login in client.get(f"/hosting/web/{service}/user"):
            check(client.get(f"/hosting/web/{service}/user/{login}"), component("hosting.web.user"))
        for number in client.get(f"/hosting/web/{service}/ovhConfig"):
            check(
                client.get(f"/hosting/web/{service}/ovhConfig/{number}"),
                component("hosting.web.ovhConfig"),
            )
        for number in client.get(f"/hosting/web/{service}/cron"):
            check(
                client.get(f"/hosting/web/{service}/cron/{number}"), component("hosting.web.Cron")
            )


def test_auth_answers_match_the_auth_models(client: ovh.Client) -> None:
    check(client.get("/auth/currentCredential"), auth_model("auth.ApiCredential"))
    check(client.get("/auth/details"), auth_model("auth.Details"))
    check(client.get("/auth/time", _need_auth=False), {"type": "integer"})
    check(
        client.request_consumerkey([{"method": "GET", "path": "/me"}]),
        auth_model("auth.ApiCredentialRequest"),
    )


def test_request_rules_match_the_schemas() -> None:
    """The sandbox's request checks are generated from the schema files, never edited by hand."""
    assert RULES_FILE.read_text() == render(), (
        "ovh_sandbox/request_rules.json is out of date: run python -m tests.sandbox.request_rules"
    )


def test_request_rules_agree_with_the_openapi_request_bodies() -> None:
    """The 2024 raw schema and OVH's 2025 OpenAPI file give the same body fields and enums."""
    paths = load("hosting-web.openapi3.json")["paths"]
    for operation, rule in generate().items():
        method, template = operation.split(" ", 1)
        body = rule["body"]
        if body is None or template not in IMPLEMENTED or method.lower() not in paths[template]:
            continue
        request_body = paths[template][method.lower()].get("requestBody")
        if request_body is None:
            continue
        schema = openapi_node(request_body["content"]["application/json"]["schema"], strict=False)
        assert set(body["fields"]) <= set(schema["properties"]), operation
        for name, field in body["fields"].items():
            spec = schema["properties"][name]
            expected_enum = spec.get("anyOf", [spec])[0].get("enum")
            if expected_enum and field["type"] == "string":
                added = set(expected_enum) - set(field["enum"])
                assert set(field["enum"]) <= set(expected_enum), (operation, name)
                assert added <= ADDED_SINCE_2024, (operation, name, added)


def test_backup_import_and_copy_answers_match_the_openapi_schema(client: ovh.Client) -> None:
    """Every backup route the sandbox serves, in an order that makes each one possible."""
    base = "/hosting/web/{serviceName}/database/{name}"
    database = concrete(base, EXAMPLE, "example.mysql.db")
    other = concrete(base, EXAMPLE, "exampleblog.mysql.db")

    def call(method: str, template: str, path: str, body: dict[str, Any] | None = None) -> Any:
        response = client.raw_call(method, path, data=body)
        assert response.status_code == 200, (template, response.text)
        check(response.json(), hosting_schema(method, template))
        return response.json()

    dump_ids = call("GET", base + "/dump", database + "/dump")
    call("GET", base + "/dump/{id}", f"{database}/dump/{dump_ids[0]}")
    call("POST", base + "/dump", database + "/dump", {"date": "now", "sendEmail": False})
    call("POST", base + "/dump/{id}/restore", f"{database}/dump/{dump_ids[0]}/restore")
    call("DELETE", base + "/dump/{id}", f"{database}/dump/{dump_ids[-1]}")
    plan = f"/hosting/web/{EXAMPLE}/dump"
    plan_ids = call("GET", "/hosting/web/{serviceName}/dump", plan)
    call("GET", "/hosting/web/{serviceName}/dump/{id}", f"{plan}/{plan_ids[0]}")
    copy = call("POST", base + "/copy", database + "/copy")
    call("GET", base + "/copy", database + "/copy")
    call("GET", base + "/copy/{id}", f"{database}/copy/{copy['id']}")
    body = {"copyId": copy["id"], "flushDatabase": True}
    call("POST", base + "/copyRestore", other + "/copyRestore", body)
    document = client.post("/me/document", name="shop.sql")
    check(document, raw_model("me-document.schema.json", "nichandle.document.Document"))
    assert requests.put(document["putUrl"], data=b"SELECT 1;", timeout=5).status_code == 201
    body = {"documentId": document["id"], "flushDatabase": False, "sendEmail": False}
    call("POST", base + "/import", database + "/import", body)
    call("DELETE", base + "/copy/{id}", f"{database}/copy/{copy['id']}")

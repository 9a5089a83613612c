"""The accessibility check: the panel's pages found from its URL map, and axe-core run on each in
the browser. Pages are found as a person finds them (the links of the pages, from the hosting
list, the administration and the profile); every GET page of the URL map must be among them, so
a page added later is checked without anyone listing it here."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.exceptions import HTTPException

from tests.support.crawl import read_page

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
STARTS = [
    "/hosting/",
    "/admin/",
    "/admin/users",
    "/auth/profile",
    "/tasks/",
    # A plan's pages are opened once per plan: these are the ones whose links lead further (a
    # login that is not the plan's own has Switch off and Delete; a database with a backup made
    # on demand has its Delete; a database's Back up is a button whose page shows OVH's refusal).
    "/hosting/example.cluster01.hosting.ovh.net/access/example-agency/",
    "/hosting/example.cluster01.hosting.ovh.net/databases/example.mysql.db/",
    "/hosting/example.cluster01.hosting.ovh.net/databases/example.mysql.db/back-up",
]
# Pages only a sent form leads to; ``after_forms`` in the test opens each and says so.
AFTER_FORMS = {
    "launch.show": "the launch's summary, after the launch form",
    "approvals.show": "a request to an administrator, after staff ask to delete a database",
    "inventory.prepared": "a prepared inventory, after Prepare the inventory",
    "operations.show": "an operation in parts, after restoring a backup with the safety net",
}
# GET endpoints that are not pages a person reads (files, fragments for scripts, redirects).
NOT_PAGES = {
    "static": "files",
    "bootstrap.static": "files",
    "health.healthz": "a health check for the load balancer",
    "i18n.switch_language": "a redirect back to the page the person was on",
    "index": "a redirect to the hosting list",
    "admin.audit_csv": "a CSV file",
    "databases.versions": "JSON for the create form's script",
    "databases.status": "a fragment the database page's script puts in place",
    "tasks.status": "a fragment the task page's script puts in place",
    "domains.dns": "a fragment the Domains tab's script puts in place",
    "inventory.xlsx": "a spreadsheet file",
    "inventory.json": "a JSON file",
    "inventory.csv": "a CSV file",
    "inventory.prepared_xlsx": "a spreadsheet file",
    "inventory.prepared_json": "a JSON file",
    "inventory.prepared_csv": "a CSV file",
    "inventory.progress": "a fragment the prepared inventory's page puts in place",
    "domains.name": "JSON for the attach and launch forms' script",
    "ftp.status": "a fragment the FTP tab's script puts in place",
    "launch.progress": "a fragment the launch page's script puts in place",
    "operations.progress": "a fragment the operation page's script puts in place",
    # Not yet checked by axe: its form is reached only after a failed launch's passwords expired.
    "launch.retry": "a redirect to the launch's page (a form only once its passwords expired)",
    "databases.download_backup": "a redirect to OVH's address of a backup file",
    "databases.download_plan_backup": "a redirect to OVH's address of a backup file",
}
# Pages seen before signing in (the first one only while the panel has no user).
ANONYMOUS = ["/auth/welcome", "/auth/sign-in", "/auth/set-password"]
# Pages no link leads to that people still meet.
ERRORS = ["/hosting/unknown.cluster09.hosting.ovh.net/"]
# What one page's violations are reported with: the rule, its impact and where it failed.
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 3).map(n => n.target.join(" ")), count: v.nodes.length,
  }));
}"""


def axe_source() -> str:
    body = AXE.read_bytes()
    assert hashlib.sha256(body).hexdigest() == AXE_SHA256, "axe.min.js is not the vendored one"
    return body.decode()


@dataclass(frozen=True)
class Page:
    endpoint: str
    path: str


def endpoint_of(app: Flask, path: str) -> str | None:
    return _match(app, path)[0]


def html_endpoints(app: Flask) -> set[str]:
    """Every endpoint of the URL map answering GET, pages and otherwise."""
    return {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "GET" in (rule.methods or ()) and rule.endpoint not in NOT_PAGES
    }


def pages(app: Flask, client: FlaskClient, starts: list[str] = STARTS) -> list[Page]:
    """One page per endpoint, found by following links from ``starts`` as a person would. Each
    endpoint is opened once per hosting plan (a plan with a certificate links to pages one
    without does not), never twice for the same plan: a filter or a page number adds nothing."""
    queue, opened = list(starts), set()
    found: dict[str, Page] = {}
    while queue:
        path = _local(queue.pop(0))
        if path is None:
            continue
        endpoint, arguments = _match(app, path)
        visit = (endpoint, arguments.get("service_name"))
        if endpoint is None or endpoint in NOT_PAGES or visit in opened:
            continue
        opened.add(visit)
        answer = client.get(path, headers={"Accept-Language": "en"})
        if answer.status_code != 200 or answer.mimetype != "text/html":
            continue
        found.setdefault(endpoint, Page(endpoint, path))
        links, _ = read_page("http://localhost" + path, answer.get_data(as_text=True))
        queue.extend(links)
    return list(found.values())


def _local(link: str) -> str | None:
    parts = urlsplit(link)
    if parts.netloc not in ("", "localhost"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _match(app: Flask, path: str) -> tuple[str | None, Mapping[str, Any]]:
    try:
        endpoint, arguments = app.url_map.bind("localhost").match(urlsplit(path).path, "GET")
    except HTTPException:
        return None, {}
    return str(endpoint), arguments


def violations(page: Any, path: str) -> list[dict[str, Any]]:
    """axe-core's violations on ``path`` (the page loaded as a person would open it)."""
    page.goto(path)
    page.wait_for_load_state("load")
    return list(page.evaluate(AXE_RUN))


def summary(found: dict[str, list[dict[str, Any]]]) -> str:
    lines = []
    for path, problems in found.items():
        for v in problems:
            lines.append(f"{path}: {v['id']} ({v['impact']}, {v['count']}×) {v['targets']}")
    return "\n".join(lines)

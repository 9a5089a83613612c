"""The panel's rule table: every call its service layer makes is in it, nothing more, no broad
write rule; and a key's rules read back as features the panel can and cannot use."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

import pytest

import app.services
from app.services import (
    access_rules,
    domains,
    schemas,
)
from app.services.access_rules import PANEL_RULES, PanelRule, covers, feature_access
from app.services.backups import Copy
from app.services.client import OvhGateway
from app.services.crons import CronSettings
from app.services.databases import DatabaseFilters, NewDatabase
from app.services.domains import DomainSettings
from app.services.errors import Conflict, InvalidInput, NotAuthorized, NotFound, PanelError
from app.services.ftp_users import NewAccessUser, UserChanges
from app.services.modules import Install


def _service_modules() -> list[ModuleType]:
    """Every module of the service layer: a new one is walked without being listed here."""
    return [
        importlib.import_module(f"app.services.{info.name}")
        for info in pkgutil.iter_modules(app.services.__path__)
    ]


SERVICE = "example.cluster01.hosting.ovh.net"
MULTI_SSL = "example3.cluster03.hosting.ovh.net"
# What OVH may refuse about the walk's made-up data; an access refusal is never one of them.
DATA_REFUSALS = (InvalidInput, NotFound, Conflict)
DOMAIN = {SERVICE: "blog.example.com", MULTI_SSL: "example.net"}
SETTINGS = DomainSettings("/www", True, False, False, None, None)

# What each parameter of a service function gets in the walk. A new service function with a
# parameter not named here fails the walk, so its calls are checked too.
ARGUMENTS: dict[str, Callable[[str], Any]] = {
    "service_name": lambda service: service,
    "domain": lambda service: DOMAIN[service],
    "domains": lambda service: ["blog.example.com"] if service == SERVICE else ["example.net"],
    "settings": lambda service: SETTINGS,
    "body": lambda service: {"ssl": True},
    # The kept-answer reader asks what its callers give it: one of their own reads here.
    "scope": lambda service: service,
    "targets": lambda service: [f"/hosting/web/{service}/attachedDomain/{DOMAIN[service]}/ssl"],
    "target": lambda service: f"/hosting/web/{service}/attachedDomain/{DOMAIN[service]}/ssl",
    "ask_at_most": lambda service: 1,
    "leave_dns": lambda service: False,
    "name": lambda service: "example.mysql.db" if service == SERVICE else "example3wp.mysql.db",
    "engine": lambda service: "mysql",
    "new": lambda service: NewDatabase("sqlPerso", "mysql", "walked", "Abc12345", None, None),
    "password": lambda service: "Abc12345XY",
    "filters": lambda service: DatabaseFilters(type="mysql"),
    "status": lambda service: "done",
    "period": lambda service: "weekly",
    "measure": lambda service: "in.httpHits",
    "database_measure": lambda service: "statement",
    "task_id": lambda service: 1,
    "endpoint": lambda service: "sandbox",
    "certificate": lambda service: "",
    "key": lambda service: "",
    "chain": lambda service: "",
    "login": lambda service: "example-agency" if service == SERVICE else "example3-nobody",
    "new_user": lambda service: NewAccessUser("example-walked", "www", "Abc12345", "none"),
    "user_changes": lambda service: UserChanges(ssh_state="sftponly"),
    "config_id": lambda service: 1001 if service == SERVICE else 3001,
    "rollback_id": lambda service: 1002 if service == SERVICE else 3002,
    "php_changes": lambda service: {"environment": "development"},
    "cron_id": lambda service: 1001 if service == SERVICE else 3001,
    "cron": lambda service: CronSettings("www/walk.php", "0 3 * * *", "php8.2", "", "no", True),
    "enabled": lambda service: False,
    "function": lambda service: "user/update",
    "object_id": lambda service: "example-agency",
    "since": lambda service: datetime.now(UTC),
    "install_id": lambda service: 1500000,
    "install": lambda service: Install(
        1842,
        DOMAIN[service],
        "walked",
        "en",
        "admin",
        "long enough",
        "example.mysql.db",
        "example",
        "Abc12345",
    ),
    "catalogue": lambda service: [],
    "module_id": lambda service: 1801,
    "module_ids": lambda service: [1801],
    "dump_id": lambda service: 7_100_000,
    "file_name": lambda service: "walked.sql",
    "document_id": lambda service: "00000000-0000-4000-8000-000000000000",
    "flush": lambda service: False,
    "copy_id": lambda service: "00000000-0000-4000-8000-000000000000",
    "copy": lambda service: Copy("00000000-0000-4000-8000-000000000000", "doing", None, None),
    "timeout": lambda service: 0.001,
    "interval": lambda service: 0.0,
}


def _service_functions() -> list[tuple[str, Callable[..., Any]]]:
    found: list[tuple[str, Callable[..., Any]]] = []
    for module in _service_modules():
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name.startswith("_"):
                continue
            parameters = inspect.signature(function).parameters
            if "gateway" in parameters:
                found.append((f"{module.__name__}.{name}", function))
    return found


def _call(
    function: Callable[..., Any], gateway: OvhGateway, service: str, defaults: bool = False
) -> None:
    """Call ``function`` on ``service``; with ``defaults``, optional parameters keep theirs."""
    arguments: dict[str, Any] = {}
    for parameter in inspect.signature(function).parameters.values():
        if defaults and parameter.default is not inspect.Parameter.empty:
            continue
        if parameter.name == "gateway":
            arguments["gateway"] = gateway
        elif "AttachedDomain" in str(parameter.annotation):
            arguments[parameter.name] = domains.list_domains(gateway, service)
        elif parameter.name in ARGUMENTS:
            arguments[parameter.name] = ARGUMENTS[parameter.name](service)
        elif parameter.default is inspect.Parameter.empty:
            pytest.fail(f"{function.__qualname__}: no walk value for {parameter.name!r}")
    try:
        function(**arguments)
    except PanelError as error:
        # A refusal of the data (a test certificate, a bad task id) is fine: the call was made.
        # A refusal of the access is what this walk looks for, so it is never swallowed.
        if not isinstance(error, DATA_REFUSALS) or isinstance(error, NotAuthorized):
            raise


@pytest.fixture
def sent_calls(gateway: OvhGateway, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    calls: list[tuple[str, str]] = []
    real = gateway.client.raw_call

    def spy(method: str, path: str, *args: Any, **kwargs: Any) -> Any:
        calls.append((method, urlsplit(path).path))
        return real(method, path, *args, **kwargs)

    monkeypatch.setattr(gateway.client, "raw_call", spy)
    return calls


def test_every_call_of_the_service_layer_is_in_the_table_and_every_row_is_used(
    gateway: OvhGateway, sent_calls: list[tuple[str, str]]
) -> None:
    functions = _service_functions()
    assert len(functions) >= 20
    for service in (SERVICE, MULTI_SSL):
        for _name, function in functions:
            # Optional parameters change the route (service-wide or per-domain SSL): walk both.
            _call(function, gateway, service)
            _call(function, gateway, service, defaults=True)
    outside = sorted({call for call in sent_calls if access_rules.panel_rule_for(*call) is None})
    assert not outside, f"calls the panel makes outside its own rules: {outside}"
    used = {access_rules.panel_rule_for(*call) for call in sent_calls}
    unused = [(rule.method, rule.path) for rule in PANEL_RULES if rule not in used]
    assert not unused, f"rules no service call uses: {unused}"


def test_only_the_service_layer_calls_ovh() -> None:
    """The walk above covers every OVH call only if no page calls the gateway's HTTP methods
    itself."""
    root = Path(app.services.__path__[0]).parent
    direct = re.compile(
        r"\bgateway\.(get|get_objects|post|put|delete)\(|\.client\.(get|post|put|delete|call|raw_call)\("
    )
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "services" not in path.relative_to(root).parts and direct.search(path.read_text())
    ]
    assert not offenders


def test_no_write_rule_reaches_beyond_the_calls_the_panel_makes() -> None:
    dangerous = [
        ("POST", "/hosting/web/x.ovh.net/terminate"),
        ("POST", "/hosting/web/x.ovh.net/confirmTermination"),
        ("POST", "/hosting/web/x.ovh.net/restoreSnapshot"),
        # The FTP rules name the FTP/SSH login routes only: not the log users' nor a refresh.
        ("POST", "/hosting/web/x.ovh.net/ownLogs/1/userLogs/logs-login/changePassword"),
        ("POST", "/hosting/web/x.ovh.net/userLogs/logs-login/changePassword"),
        ("DELETE", "/hosting/web/x.ovh.net/userLogs/logs-login"),
        ("POST", "/hosting/web/x.ovh.net/ovhConfigRefresh"),
        ("PUT", "/hosting/web/x.ovh.net"),
        ("POST", "/hosting/web/x.ovh.net/attachedDomain/a.example/restart"),
        ("POST", "/hosting/web/x.ovh.net/database/db/restore"),
    ]
    rules = access_rules.rule_pairs()
    assert not [call for call in dangerous if access_rules.allows(rules, *call)]
    for rule in PANEL_RULES:
        if rule.writes:
            assert rule.path.rstrip("/*") != "/hosting/web", rule
            assert not rule.path.endswith("/hosting/web/*"), rule


def test_wildcards_stand_only_for_a_service_name_or_an_object() -> None:
    for rule in PANEL_RULES:
        segments = rule.path.split("/")
        for index, segment in enumerate(segments):
            if "*" in segment:
                assert segment == "*", rule
                assert segments[index - 1] in {
                    "web",
                    "attachedDomain",
                    "database",
                    "user",
                    "ovhConfig",
                    "cron",
                    "tasks",
                    "module",
                    "moduleList",
                    "dump",
                    "copy",
                }, rule


def test_every_rule_names_the_iam_action_of_ovh_schema() -> None:
    schema = schemas.load("hosting-web.schema.json")
    actions = {}
    for api in schema["apis"]:
        template = api["path"]
        for operation in api["operations"]:
            names = [action["name"] for action in operation.get("iamActions") or []]
            actions[(operation["httpMethod"], template)] = names
    checked = 0
    for rule in PANEL_RULES:
        if not rule.path.startswith("/hosting/web"):
            continue
        for (method, template), names in actions.items():
            concrete = template.replace("{serviceName}", "*")
            for name in ("{domain}", "{name}", "{id}", "{login}"):
                concrete = concrete.replace(name, "*")
            if method == rule.method and concrete == rule.path:
                assert rule.iam_action in names or (not names and rule.iam_action is None), (
                    rule,
                    names,
                )
                checked += 1
    # The per-domain SSL routes came after the vendored schema (see app/ovh_schemas/SOURCE.md).
    assert checked == len([r for r in PANEL_RULES if r.path.startswith("/hosting/web")]) - 5


def test_a_rule_covers_what_its_wildcard_reaches() -> None:
    row = PanelRule("POST", "/hosting/web/*/attachedDomain", access_rules.DOMAINS, True)
    assert covers([("POST", "/hosting/web/*")], row)
    assert covers([("POST", "/hosting/web/*/attachedDomain")], row)
    assert covers([("POST", "/*")], row)
    assert not covers([("GET", "/hosting/web/*")], row)
    assert not covers([("POST", "/hosting/web/example.ovh.net/attachedDomain")], row)
    assert not covers([("POST", "/hosting/web")], row)


def test_features_read_from_a_key_s_rules() -> None:
    reads_only = [(rule.method, rule.path) for rule in PANEL_RULES if not rule.writes]
    by_feature = {access.feature: access for access in feature_access(reads_only)}
    assert by_feature[access_rules.HOSTING].complete
    assert by_feature[access_rules.DOMAINS].read_only
    assert [r.path for r in by_feature[access_rules.DOMAINS].missing] == [
        "/hosting/web/*/attachedDomain",
        "/hosting/web/*/attachedDomain/*",
        "/hosting/web/*/attachedDomain/*",
    ]
    nothing = {access.feature: access for access in feature_access([("GET", "/me")])}
    assert not nothing[access_rules.SSL].allowed
    assert not nothing[access_rules.SSL].read_only
    everything = feature_access(None)
    assert all(access.complete for access in everything)

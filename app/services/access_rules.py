"""The one table of OVH calls the panel makes, and what a consumer key's rules allow of it.

Each row is an OVH access rule exactly as ``flask ovh connect`` asks for it: a method and a path
where ``*`` stands only for a serviceName or an object (domain, database, FTP login, PHP
configuration, job, task). There is no ``/hosting/web/*`` write rule on purpose: OVH's ``*`` also
matches slashes, so such a rule would let the key call ``terminate`` or ``restoreSnapshot``. Each
write is named: the FTP ``changePassword`` is ``POST /hosting/web/*/user/*/changePassword``, the
one FTP/SSH login password the panel changes, never the account's or a log user's.

A feature that adds an OVH call adds its row here. The tests' sandbox key carries exactly these
rules, so a call no row allows fails every test that makes it with OVH's ``NOT_GRANTED_CALL``;
and since ``GET /hosting/web/*`` alone would allow every read, a test also walks the service layer
and matches each call to its own row (``*`` read as one segment), and each row to a call.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from flask_babel import lazy_gettext as _l

# Feature keys, in the order pages and ``flask ovh check`` list them.
ACCOUNT = "account"
HOSTING = "hosting"
DOMAINS = "domains"
SSL = "ssl"
DATABASES = "databases"
FTP = "ftp"
PHP = "php"
CRON = "cron"
MODULES = "modules"
BACKUPS = "backups"
TASKS = "tasks"

FEATURE_LABELS = {
    ACCOUNT: _l("Connection page (whose account, what access)"),
    HOSTING: _l("Hosting plans"),
    DOMAINS: _l("Domains"),
    SSL: _l("SSL certificates"),
    DATABASES: _l("Databases"),
    FTP: _l("FTP and SSH logins"),
    PHP: _l("PHP settings"),
    CRON: _l("Scheduled jobs"),
    MODULES: _l("Applications (one-click modules)"),
    BACKUPS: _l("Database backups, import and copy"),
    TASKS: _l("Tasks"),
}
# English names for the command line.
FEATURE_NAMES = {
    ACCOUNT: "connection (account, access)",
    HOSTING: "hosting plans",
    DOMAINS: "domains",
    SSL: "SSL certificates",
    DATABASES: "databases",
    FTP: "FTP and SSH logins",
    PHP: "PHP settings",
    CRON: "scheduled jobs",
    MODULES: "applications (one-click modules)",
    BACKUPS: "database backups, import and copy",
    TASKS: "tasks",
}


@dataclass(frozen=True)
class PanelRule:
    method: str
    path: str
    feature: str
    writes: bool = False
    iam_action: str | None = None


def _rules(feature: str, *rows: tuple[str, str, str | None]) -> tuple[PanelRule, ...]:
    return tuple(
        PanelRule(method, path, feature, method != "GET", iam_action)
        for method, path, iam_action in rows
    )


WEB = "/hosting/web"
IAM = "webHosting:apiovh:"

PANEL_RULES: tuple[PanelRule, ...] = (
    # OVH's catalogue first: ``/hosting/web/moduleList`` is one segment, like a serviceName, so
    # this row must come before the plans' ``/hosting/web/*`` to be the one a call is matched to.
    # OVH's schema names no IAM action for the catalogue (it is the same for everyone).
    *_rules(MODULES, ("GET", f"{WEB}/moduleList", None), ("GET", f"{WEB}/moduleList/*", None)),
    *_rules(
        ACCOUNT,
        ("GET", "/me", "account:apiovh:me/get"),
        ("GET", "/auth/currentCredential", None),
        ("GET", "/auth/details", None),
    ),
    *_rules(
        HOSTING,
        ("GET", WEB, IAM + "get"),
        ("GET", f"{WEB}/*", IAM + "get"),
        ("GET", f"{WEB}/*/statistics", IAM + "statistics/get"),
        ("GET", f"{WEB}/*/serviceInfos", IAM + "serviceInfos/get"),
    ),
    *_rules(
        DOMAINS,
        ("GET", f"{WEB}/*/attachedDomain", IAM + "attachedDomain/get"),
        ("GET", f"{WEB}/*/attachedDomain/*", IAM + "attachedDomain/get"),
        ("GET", f"{WEB}/*/attachedDomain/*/digStatus", IAM + "attachedDomain/digStatus/get"),
        ("POST", f"{WEB}/*/attachedDomain", IAM + "attachedDomain/create"),
        ("PUT", f"{WEB}/*/attachedDomain/*", IAM + "attachedDomain/edit"),
        ("DELETE", f"{WEB}/*/attachedDomain/*", IAM + "attachedDomain/delete"),
    ),
    *_rules(
        SSL,
        ("GET", f"{WEB}/*/ssl", IAM + "ssl/get"),
        ("GET", f"{WEB}/*/ssl/domains", IAM + "ssl/get"),
        ("GET", f"{WEB}/*/ssl/report", IAM + "ssl/get"),
        ("POST", f"{WEB}/*/ssl", IAM + "ssl/create"),
        ("POST", f"{WEB}/*/ssl/regenerate", IAM + "ssl/regenerate"),
        ("DELETE", f"{WEB}/*/ssl", IAM + "ssl/delete"),
        ("GET", f"{WEB}/*/attachedDomain/*/ssl", IAM + "ssl/get"),
        ("GET", f"{WEB}/*/attachedDomain/*/ssl/report", IAM + "ssl/report/get"),
        ("POST", f"{WEB}/*/attachedDomain/*/ssl", IAM + "ssl/create"),
        ("PUT", f"{WEB}/*/attachedDomain/*/ssl", IAM + "ssl/edit"),
        ("DELETE", f"{WEB}/*/attachedDomain/*/ssl", IAM + "ssl/delete"),
    ),
    *_rules(
        DATABASES,
        ("GET", f"{WEB}/*/database", IAM + "database/get"),
        ("GET", f"{WEB}/*/database/*", IAM + "database/get"),
        ("GET", f"{WEB}/*/database/*/capabilities", IAM + "database/capabilities/get"),
        ("GET", f"{WEB}/*/database/*/statistics", IAM + "database/statistics/get"),
        ("GET", f"{WEB}/*/databaseAvailableType", IAM + "databaseAvailableType/get"),
        ("GET", f"{WEB}/*/databaseAvailableVersion", IAM + "databaseAvailableVersion/get"),
        ("GET", f"{WEB}/*/databaseCreationCapabilities", IAM + "databaseCreationCapabilities/get"),
        ("POST", f"{WEB}/*/database", IAM + "database/create"),
        ("POST", f"{WEB}/*/database/*/changePassword", IAM + "database/changePassword"),
        ("DELETE", f"{WEB}/*/database/*", IAM + "database/delete"),
    ),
    *_rules(
        FTP,
        ("GET", f"{WEB}/*/user", IAM + "user/get"),
        ("GET", f"{WEB}/*/user/*", IAM + "user/get"),
        ("POST", f"{WEB}/*/user", IAM + "user/create"),
        ("PUT", f"{WEB}/*/user/*", IAM + "user/edit"),
        ("POST", f"{WEB}/*/user/*/changePassword", IAM + "user/changePassword"),
        ("DELETE", f"{WEB}/*/user/*", IAM + "user/delete"),
    ),
    *_rules(
        PHP,
        ("GET", f"{WEB}/*/ovhConfig", IAM + "ovhConfig/get"),
        ("GET", f"{WEB}/*/ovhConfig/*", IAM + "ovhConfig/get"),
        ("GET", f"{WEB}/*/ovhConfigCapabilities", IAM + "ovhConfigCapabilities/get"),
        ("GET", f"{WEB}/*/ovhConfigRecommendedValues", IAM + "ovhConfigRecommendedValues/get"),
        ("POST", f"{WEB}/*/ovhConfig/*/changeConfiguration", IAM + "ovhConfig/changeConfiguration"),
        ("POST", f"{WEB}/*/ovhConfig/*/rollback", IAM + "ovhConfig/rollback"),
    ),
    *_rules(
        CRON,
        ("GET", f"{WEB}/*/cron", IAM + "cron/get"),
        ("GET", f"{WEB}/*/cron/*", IAM + "cron/get"),
        ("GET", f"{WEB}/*/cronAvailableLanguage", IAM + "cronAvailableLanguages/get"),
        ("POST", f"{WEB}/*/cron", IAM + "cron/create"),
        ("PUT", f"{WEB}/*/cron/*", IAM + "cron/edit"),
        ("DELETE", f"{WEB}/*/cron/*", IAM + "cron/delete"),
    ),
    *_rules(
        MODULES,
        ("GET", f"{WEB}/*/module", IAM + "module/get"),
        ("GET", f"{WEB}/*/module/*", IAM + "module/get"),
        ("POST", f"{WEB}/*/module", IAM + "module/create"),
        ("POST", f"{WEB}/*/module/*/changePassword", IAM + "module/changePassword"),
        ("DELETE", f"{WEB}/*/module/*", IAM + "module/delete"),
    ),
    *_rules(
        BACKUPS,
        ("GET", f"{WEB}/*/database/*/dump", IAM + "database/dump/get"),
        ("GET", f"{WEB}/*/database/*/dump/*", IAM + "database/dump/get"),
        ("POST", f"{WEB}/*/database/*/dump", IAM + "database/dump/create"),
        ("DELETE", f"{WEB}/*/database/*/dump/*", IAM + "database/dump/delete"),
        ("POST", f"{WEB}/*/database/*/dump/*/restore", IAM + "database/dump/restore"),
        ("GET", f"{WEB}/*/dump", IAM + "dump/get"),
        ("GET", f"{WEB}/*/dump/*", IAM + "dump/get"),
        # An import's file goes to OVH as a document of the account first (POST /me/document,
        # then a plain PUT to the address it returns, which is not an API call).
        ("POST", "/me/document", "account:apiovh:me/document/create"),
        ("POST", f"{WEB}/*/database/*/import", IAM + "database/import"),
        ("POST", f"{WEB}/*/database/*/copy", IAM + "database/copy/create"),
        ("GET", f"{WEB}/*/database/*/copy/*", IAM + "database/copy/get"),
        ("POST", f"{WEB}/*/database/*/copyRestore", IAM + "database/copyRestore"),
    ),
    *_rules(
        TASKS,
        ("GET", f"{WEB}/*/tasks", IAM + "tasks/get"),
        ("GET", f"{WEB}/*/tasks/*", IAM + "tasks/get"),
    ),
)


def iam_actions() -> list[str]:
    """The IAM actions an OAuth2 service account's policy must allow, for the same calls."""
    return sorted({rule.iam_action for rule in PANEL_RULES if rule.iam_action})


# The sentinel that stands for "any value" when asking whether one rule covers another: no rule's
# literal text can match it, only a ``*``.
_ANY = "\x00"


@cache
def _pattern(rule_path: str) -> re.Pattern[str]:
    """OVH's matching: ``*`` matches anything, slashes included; ``/x/*`` does not match ``/x``."""
    return re.compile(".*".join(re.escape(part) for part in rule_path.split("*")), re.DOTALL)


def rule_matches(rule_path: str, call_path: str) -> bool:
    return _pattern(rule_path).fullmatch(call_path) is not None


def allows(rules: Iterable[tuple[str, str]], method: str, call_path: str) -> bool:
    """Whether some rule allows calling ``method call_path`` (a concrete path, no query)."""
    return any(m == method and rule_matches(p, call_path) for m, p in rules)


def covers(rules: Iterable[tuple[str, str]], wanted: PanelRule) -> bool:
    """Whether ``rules`` allow every call ``wanted`` stands for (whatever its ``*`` values)."""
    concrete = wanted.path.replace("*", _ANY)
    return allows(rules, wanted.method, concrete)


@cache
def _row_pattern(rule_path: str) -> re.Pattern[str]:
    return re.compile("[^/]+".join(re.escape(part) for part in rule_path.split("*")))


def panel_rule_for(method: str, call_path: str) -> PanelRule | None:
    """The table's row for a call, reading each ``*`` as one segment (a serviceName, a domain…):
    a call the table does not name exactly has no row, even where OVH's wider ``*`` allows it."""
    for rule in PANEL_RULES:
        if rule.method == method and _row_pattern(rule.path).fullmatch(call_path):
            return rule
    return None


def rule_pairs() -> tuple[tuple[str, str], ...]:
    """The table as (method, path) pairs: what the sandbox's demo key and service account get."""
    return tuple((rule.method, rule.path) for rule in PANEL_RULES)


def as_ovh_rules() -> list[dict[str, str]]:
    """The table as ``POST /auth/credential`` takes it."""
    return [{"method": rule.method, "path": rule.path} for rule in PANEL_RULES]


@dataclass(frozen=True)
class FeatureAccess:
    feature: str
    allowed: tuple[PanelRule, ...]
    missing: tuple[PanelRule, ...]

    @property
    def label(self) -> str:
        return str(FEATURE_LABELS[self.feature])

    @property
    def name(self) -> str:
        return FEATURE_NAMES[self.feature]

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def read_only(self) -> bool:
        """Everything it reads is allowed, but not every change."""
        return bool(self.missing) and all(rule.writes for rule in self.missing)


def feature_access(rules: Sequence[tuple[str, str]] | None) -> tuple[FeatureAccess, ...]:
    """Which of the panel's features ``rules`` allow, feature by feature.

    ``None`` means the key has no route restriction (``allowedRoutes: null``): everything.
    """
    result = []
    for feature in FEATURE_LABELS:
        wanted = [rule for rule in PANEL_RULES if rule.feature == feature]
        if rules is None:
            allowed, missing = wanted, []
        else:
            allowed = [rule for rule in wanted if covers(rules, rule)]
            missing = [rule for rule in wanted if rule not in allowed]
        result.append(FeatureAccess(feature, tuple(allowed), tuple(missing)))
    return tuple(result)

"""Plain words and badge colours for every value OVH reports, by kind, in English and French:
``label_of(kind, value)`` and ``badge_of(kind, value)`` (shown by the ``badge`` macro)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

WORDS: dict[str, dict[str, Any]] = {
    "engine": {
        "mariadb": "MariaDB",
        "mongodb": "MongoDB",
        "mysql": "MySQL",
        "postgresql": "PostgreSQL",
        "redis": "Redis",
    },
    "offer": {
        "sqlPerso": _l("Databases included with the plan"),
        "extraSqlPerso": _l("Extra database (paid option)"),
        "privateDatabase": _l("Private SQL server"),
        "sqlPro": _l("SQL Pro"),
        "local": _l("Local database"),
        "sqlLocal": _l("Local database"),
    },
    "mode": {
        "classic": _l("Classic"),
        "besteffort": _l("Best effort"),
        "module": _l("Ready-made website"),
    },
    # hosting.web.database.DatabaseServiceTypeEnum: how the database comes with the plan.
    "service_type": {
        "included": _l("Included with the plan"),
        "extra": _l("Extra option"),
        "optional": _l("Optional"),
    },
    "ssl_provider": {
        "LETSENCRYPT": _l("Let's Encrypt (free, renewed automatically)"),
        "COMODO": _l("Sectigo (formerly Comodo), paid"),
        "SECTIGO": _l("Sectigo, paid"),
        "CUSTOM": _l("Imported (your own certificate)"),
    },
    # Where the inventory's certificate end date comes from (OVH's hosted SSL gives none).
    "certificate_end": {
        "renewed_by_ovh": _l("No end date: OVH renews it automatically"),
        "imported": _l("Read from the certificate when it was installed through the panel"),
        "pending": _l(
            "Not read yet: the panel asks OVH in the background; download it again later"
        ),
        "ordered": _l("Unknown: OVH's API does not give the end of a certificate bought from OVH"),
        "unknown": _l("Unknown: OVH does not give it, and it was not installed through the panel"),
    },
    "ssl_type": {
        "DV": _l("Domain validation (DV)"),
        "EV": _l("Extended validation (EV)"),
        "CUSTOM": _l("Your own certificate"),
    },
    # hosting.web.ovhConfig enums.
    "php_engine": {
        "php": _l("PHP (FastCGI, recommended)"),
        "phpcgi": _l("PHP CGI (older, slower)"),
    },
    "php_environment": {
        "production": _l("Production (pages are cached, errors hidden)"),
        "development": _l("Development (no cache, errors shown)"),
    },
    "php_firewall": {
        "none": _l("Off"),
        "security": _l("On (blocks common attacks)"),
    },
    "cron_email": {
        "no": _l("No email"),
        "nic-admin": _l("The OVH account's administrator"),
        "nic-tech": _l("The OVH account's technical contact"),
    },
    # hosting.web.database.dump.DateEnum: which backup it is.
    "backup_kind": {
        "daily.1": _l("Nightly (kept by OVH)"),
        "weekly.1": _l("Weekly (kept by OVH)"),
        "now": _l("Made on request"),
    },
    "ssl_check": {
        "certificateSigningRequestStatus": _l("Certificate request checked by the authority"),
        "domainControlValidationStatus": _l("Control of the domains checked"),
        "organizationValidationStatus": _l("Organisation checked with the registration agency"),
        "phoneCallApprovalStatus": _l("Approval by phone call"),
        "termsAndConditionsAcceptanceStatus": _l("Terms and conditions accepted"),
        "tradeNameVerificationStatus": _l("Trade name checked"),
    },
    # hosting.web.StatisticsTypeEnum and hosting.web.database.StatisticsTypeEnum.
    "statistics": {
        "in.httpHits": _l("Requests to the sites"),
        "in.httpMeanResponseTime": _l("Mean response time"),
        "sys.cpuUsage": _l("Processor use"),
        "sys.workerSpawnOverload": _l("Moments at full capacity (CPU throttling)"),
        "out.tcpConn": _l("Outgoing connections"),
        "in.ftpCommands": _l("FTP commands"),
        "statement": _l("Queries"),
        "statementMeanTime": _l("Mean query time"),
    },
    # hosting.web.StatisticsPeriodEnum.
    "period": {
        "daily": _l("Last 24 hours"),
        "weekly": _l("Last 7 days"),
        "monthly": _l("Last 30 days"),
        "yearly": _l("Last 12 months"),
    },
    # The units OVH gives a series in.
    "unit": {
        "hits": _l("requests"),
        "ms": _l("ms"),
        "%": "%",
        "spawns": _l("times"),
        "connections": _l("connections"),
        "commands": _l("commands"),
        "statements": _l("queries"),
        "MB": _l("MB"),
        "GB": _l("GB"),
    },
    # The periods of the disk and database use trends (app/trends/pages.py), in days.
    "trend_period": {
        "30": _l("Last 30 days"),
        "90": _l("Last 90 days"),
        "365": _l("Last 12 months"),
    },
}

BADGES: dict[str, dict[str, tuple[str, Any]]] = {
    "hosting": {
        "active": ("success", _l("Active")),
        "bloqued": ("danger", _l("Blocked")),
        "blocked": ("danger", _l("Blocked")),
        "hardBlocked": ("danger", _l("Blocked by OVH")),
        "hardBloqued": ("danger", _l("Blocked by OVH")),
        "maintenance": ("warning", _l("Under maintenance")),
    },
    # hosting.web.PhpVersionStateEnum: how long OVH keeps a PHP version up to date.
    "php": {
        "SUPPORTED": ("success", None),
        "SECURITY_FIXES": ("warning", None),
    },
    # hosting.web.attachedDomain.StatusEnum.
    "domain": {
        "created": ("success", _l("Ready")),
        "creating": ("primary", _l("Being attached")),
        "updating": ("primary", _l("Being changed")),
        "deleting": ("primary", _l("Being detached")),
    },
    # The panel's verdict on where a domain's DNS points (services/domains.py).
    "dns": {
        "points_here": ("success", _l("Points to this hosting")),
        "points_elsewhere": ("warning", _l("Points elsewhere")),
        "not_configured": ("secondary", _l("Not configured")),
        "pending": ("secondary", _l("Not checked yet")),
    },
    "ssl": {
        "created": ("success", _l("Active")),
        "creating": ("primary", _l("Being created")),
        "importing": ("primary", _l("Being installed")),
        "regenerating": ("primary", _l("Being regenerated")),
        "deleting": ("warning", _l("Being removed")),
    },
    "ssl_report": {
        "completed": ("success", _l("Done")),
        "in-progress": ("primary", _l("In progress")),
        "non-completed": ("danger", _l("Not done yet")),
        "non-required": ("secondary", _l("Not needed")),
        "not-applicable": ("secondary", _l("Does not apply")),
        "not-provided": ("warning", _l("Not provided")),
    },
    # hosting.web.database.StatusEnum; "gone" is the panel's own word for a database OVH deleted.
    "database": {
        "created": ("success", _l("Ready")),
        "creating": ("primary", _l("Being created")),
        "deleting": ("warning", _l("Being deleted")),
        "updating": ("primary", _l("Being updated")),
        "checking": ("primary", _l("Measuring its size")),
        "dumping": ("primary", _l("Saving a backup")),
        "importing": ("primary", _l("Importing data")),
        "optimizing": ("primary", _l("Being optimised")),
        "restoring": ("primary", _l("Being restored")),
        "locked": ("danger", _l("Locked")),
        "gone": ("secondary", _l("Deleted")),
        # hosting.web.database.StateEnum, shown when OVH is not working on it (database_status).
        "readonly": ("warning", _l("Full: read-only")),
        "close": ("danger", _l("Closed")),
    },
    # hosting.web.database.dump.StatusEnum (a ready backup shows no badge).
    "backup": {
        "created": ("success", _l("Ready")),
        "creating": ("primary", _l("Being made")),
        "deleting": ("warning", _l("Being deleted")),
    },
    # hosting.web.database.SupportedVersionEnum.
    "version_support": {
        "stable": ("success", _l("Supported")),
        "deprecated": ("warning", _l("Outdated")),
        "beta": ("info", _l("Beta")),
    },
    # hosting.web.module.StatusEnum.
    "module": {
        "created": ("success", _l("Ready")),
        "creating": ("primary", _l("Being created")),
        "updating": ("primary", _l("Being changed")),
        "deleting": ("warning", _l("Being deleted")),
    },
    # hosting.web.user.StatusEnum; "gone" is the panel's word for a login OVH deleted.
    "ftp_user": {
        "created": ("success", _l("Ready")),
        "creating": ("primary", _l("Being created")),
        "updating": ("primary", _l("Being changed")),
        "deleting": ("warning", _l("Being deleted")),
        "gone": ("secondary", _l("Deleted")),
    },
    # hosting.web.user.StateEnum.
    "ftp_state": {
        "rw": ("success", _l("On")),
        "off": ("secondary", _l("Switched off")),
    },
    # hosting.web.user.SshStateEnum.
    "ssh": {
        "none": ("secondary", _l("FTP only")),
        "sftponly": ("info", _l("FTP and SFTP")),
        "active": ("primary", _l("FTP, SFTP and SSH")),
    },
    # The panel's verdict on a PHP version (app/php/words.py).
    "php_support": {
        "supported": ("success", _l("Supported")),
        "ending": ("warning", _l("Security fixes only")),
        "beta": ("info", _l("Test version")),
        "ended": ("danger", _l("No longer maintained")),
    },
    # hosting.web.ovhConfig.StatusEnum.
    "php_config": {
        "created": ("success", _l("In use")),
        "updating": ("primary", _l("Being changed")),
        "rollbacking": ("primary", _l("Going back")),
    },
    # hosting.web.cron.StatusEnum and StateEnum.
    "cron": {
        "enabled": ("success", _l("On")),
        "disabled": ("secondary", _l("Switched off")),
        "suspended": ("danger", _l("Suspended by OVH")),
    },
    "cron_state": {
        "created": ("success", _l("Ready")),
        "creating": ("primary", _l("Being created")),
        "updating": ("primary", _l("Being changed")),
        "deleting": ("warning", _l("Being deleted")),
    },
    "task": {
        "todo": ("secondary", _l("Queued")),
        "init": ("secondary", _l("Queued")),
        "doing": ("primary", _l("In progress")),
        "done": ("success", _l("Done")),
        # How OVH ends a task that did not succeed (task.StatusEnum has no failure value).
        # Amber, not red: OVH stopped it or gave up, which is not always a fault.
        "cancelled": ("warning", _l("Not completed")),
        "error": ("danger", _l("Failed")),
        "ovhError": ("danger", _l("Failed")),
        "customerError": ("danger", _l("Failed")),
        "forgotten": ("info", _l("Finished")),
    },
}

# Grey for a value no table knows; a task's in orange, never green; a domain's as busy.
UNKNOWN_COLOURS = {"task": "warning", "domain": "primary"}


def database_status(status: str, state: str) -> str:
    """One status for a database, from OVH's two: ``status`` says what OVH is doing with it
    (``created`` once idle), ``state`` whether websites can use it (``ok``, ``readonly`` when
    full, ``close``). Work in progress comes first; an idle database is as its state says."""
    if status != "created" or state in ("", "ok", "unknown"):
        return status
    return state


def label_of(kind: str, value: str) -> Any:
    """The words for ``value`` of this kind, or the value itself when unknown."""
    return WORDS[kind].get(value, value)


def badge_of(kind: str, value: str | None) -> tuple[str, Any]:
    """The colour and words for ``value`` of this kind (the value itself when unknown)."""
    colour, label = BADGES[kind].get(value or "", (UNKNOWN_COLOURS.get(kind, "secondary"), None))
    return colour, value if label is None else label

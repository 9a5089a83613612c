"""The history in plain words: what each recorded action is called, and its details as
"Folder: shop · HTTPS: yes" rather than the JSON the audit trail keeps."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from app.admin.forms import LEVEL_NAMES, ROLE_NAMES
from app.labels import badge_of, label_of
from app.services.units import parse_datetime
from app.templating import megabytes, when

ACTIONS: dict[str, Any] = {
    "auth.sign_in": _l("Signed in to the panel"),
    "user.create": _l("Added a person"),
    "user.password": _l("Set a password"),
    "user.role": _l("Changed a role"),
    "user.activate": _l("Switched an account back on"),
    "user.deactivate": _l("Switched an account off"),
    "grant.set": _l("Gave access to a site"),
    "grant.revoke": _l("Removed access to a site"),
    "domain.attach": _l("Attached a domain"),
    "domain.modify": _l("Changed a domain's settings"),
    "domain.detach": _l("Detached a domain"),
    "ssl.order": _l("Ordered a free certificate"),
    "ssl.regenerate": _l("Renewed a certificate"),
    "ssl.import": _l("Installed a certificate of their own"),
    "ssl.delete": _l("Removed a certificate"),
    "database.create": _l("Created a database"),
    "database.change_password": _l("Changed a database password"),
    "database.delete": _l("Deleted a database"),
    "ftp_user.create": _l("Created an FTP login"),
    "ftp_user.change_password": _l("Changed an FTP login's password"),
    "ftp_user.ssh": _l("Changed how an FTP login connects"),
    "ftp_user.switch": _l("Switched an FTP login off or on"),
    "ftp_user.delete": _l("Deleted an FTP login"),
    "php.change": _l("Changed the PHP settings"),
    "php.rollback": _l("Went back to earlier PHP settings"),
    "cron.create": _l("Added a scheduled job"),
    "cron.update": _l("Changed a scheduled job"),
    "cron.switch": _l("Switched a scheduled job off or on"),
    "cron.delete": _l("Deleted a scheduled job"),
    "site.launch": _l("Launched a site"),
    "module.password": _l("Asked for an application's new admin password"),
    "module.remove": _l("Removed an application"),
    "database.back_up": _l("Backed up a database"),
    "database.delete_backup": _l("Deleted a database backup"),
    "database.restore": _l("Restored a database backup"),
    "database.import": _l("Imported a file into a database"),
    "database.copy": _l("Made a copy of a database"),
    "database.copy_restore": _l("Copied a database into another"),
}

# Sign-ins, and changes to people and their access: administrators' business only.
ACCOUNT_ACTIONS = ("auth.", "user.", "grant.")
SIGN_INS = ("auth.sign_in",)

PARAMETERS: dict[str, Any] = {
    "domain": _l("Domain"),
    "path": _l("Folder"),
    "ssl": _l("HTTPS"),
    "cdn": _l("CDN"),
    "firewall": _l("Firewall"),
    "ipLocation": _l("IP address location"),
    "ownLog": _l("Separate logs"),
    "bypassDNSConfiguration": _l("DNS left as it was"),
    "role": _l("Role"),
    "level": _l("Access"),
    "capabilitie": _l("Offer"),
    "type": _l("Database engine"),
    "version": _l("Version"),
    "quota": _l("Size"),
    "user": _l("User name"),
    "domains": _l("Domains"),
    "provider": _l("Certificate"),
    "reason": _l("Reason"),
    "subject": _l("Issued to"),
    "names": _l("Names covered"),
    "not_after": _l("Valid until"),
    "chain_certificates": _l("Certificates in the chain"),
    "fingerprint_sha256": _l("Fingerprint (SHA-256)"),
    "from": _l("From"),
    "login": _l("Login"),
    "home": _l("Folder it can reach"),
    "sshState": _l("How it connects"),
    "state": _l("State"),
    "previousVersion": _l("PHP version before"),
    "engineVersion": _l("PHP version"),
    "engineName": _l("PHP engine"),
    "environment": _l("Environment"),
    "httpFirewall": _l("Web application firewall"),
    "container": _l("System image"),
    "rollbackId": _l("Earlier configuration"),
    "id": _l("Job number"),
    "command": _l("Script"),
    "frequency": _l("Schedule"),
    "language": _l("Language"),
    "description": _l("Description"),
    "email": _l("Email when it fails"),
    "status": _l("Status"),
    "plan": _l("Launch"),
    "www": _l("With its www. version"),
    "auto_dns": _l("DNS records by OVH"),
    "content": _l("In the folder"),
    "module_title": _l("Application"),
    "admin_name": _l("Administrator"),
    "database": _l("Database"),
    "database_user": _l("Database user"),
    "offer": _l("Offer"),
    "steps": _l("Steps"),
    "backup": _l("Backup"),
    "backup_made": _l("Made on"),
    "file": _l("File"),
    "flush": _l("Emptied first"),
    "source": _l("Copied from"),
    "target": _l("Copied into"),
}
# Parameters whose values have words of their own (``label_of`` kind).
LABELLED = {
    "engineName": "php_engine",
    "environment": "php_environment",
    "httpFirewall": "php_firewall",
    "email": "cron_email",
}
# Launch parameters kept for the panel itself, not worth a line in the history.
HIDDEN = frozenset({"module_id", "module_name"})

ERRORS: dict[str, Any] = {
    "locked": _l("Too many failed attempts: signing in is paused for a while"),
    "inactive": _l("The account is switched off"),
}

FROM: dict[str, Any] = {"command line": _l("the command line")}

# Why a backup was made, or which backup a restore used (the audit trail's "reason").
REASONS: dict[str, Any] = {
    "asked": _l("asked for"),
    "safety": _l("safety net, before a change"),
    "daily.1": _l("nightly backup"),
    "weekly.1": _l("weekly backup"),
    "now": _l("backup made on request"),
}


def action_label(action: str) -> str:
    """What an action is called; an action this panel does not know keeps its code."""
    label = ACTIONS.get(action)
    return str(label) if label is not None else action


def error_text(error: str | None) -> str | None:
    if error is None:
        return None
    known = ERRORS.get(error)
    return str(known) if known is not None else error


def details(parameters: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """Each recorded parameter as (label, value) in the reader's words, in a stable order."""
    if not parameters:
        return []
    return [
        (str(PARAMETERS.get(key, key)), _value(key, value))
        for key, value in parameters.items()
        if value not in (None, "", []) and key not in HIDDEN
    ]


def _value(key: str, value: Any) -> str:
    if key == "steps" and isinstance(value, list):
        from app.launch.words import STATES

        return ", ".join(
            f"{step.get('target')}: {STATES.get(str(step.get('state')), step.get('state'))}"
            for step in value
            if isinstance(step, dict)
        )
    if key in ("cdn", "firewall"):
        return gettext("On") if value == "active" else gettext("Off")
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    if key == "role":
        return str(ROLE_NAMES.get(value, value))
    if key == "level":
        return str(LEVEL_NAMES.get(value, value))
    if key == "capabilitie":
        return str(label_of("offer", value))
    if key == "type":
        return str(label_of("engine", value))
    if key == "quota" and isinstance(value, int):
        return megabytes(value)
    if key == "reason" and value in REASONS:
        return str(REASONS[value])
    if key == "backup_made":
        moment = parse_datetime(value)
        return when(moment) if moment else str(value)
    if key == "not_after":
        moment = parse_datetime(value)
        return when(moment) if moment else str(value)
    if key == "provider":
        return str(label_of("ssl_provider", value))
    if key == "from" and isinstance(value, str):
        return str(FROM.get(value, value))
    if key == "sshState" and isinstance(value, str):
        return str(badge_of("ssh", value)[1])
    if key in LABELLED and isinstance(value, str):
        return str(label_of(LABELLED[key], value))
    if key == "home" and isinstance(value, str):
        return value.removeprefix("./") if value not in ("/", "") else gettext("Everything")
    if key == "state" and value in ("rw", "off"):
        return gettext("On") if value == "rw" else gettext("Off")
    return str(value)

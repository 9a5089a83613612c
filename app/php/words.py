"""PHP versions and configurations in plain words: how long a version is kept up to date, and an
earlier configuration as a rollback choice names it."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.labels import label_of
from app.services.php import PhpConfig, VersionChoice

NOTHING_CHANGES = _l("These are the settings in use already: change at least one of them.")


def support_sentence(choice: VersionChoice | None, version: str, today: date) -> str:
    """ "PHP 7.4 no longer gets security fixes (since 28 November 2022)." and the like."""
    if choice is None:
        return _("PHP %(version)s is not offered on this plan any more.", version=version)
    ends = format_date(choice.ends, "long") if choice.ends else None
    if choice.ended(today):
        if ends:
            return _(
                "PHP %(version)s no longer gets security fixes (since %(date)s).",
                version=version,
                date=ends,
            )
        return _("PHP %(version)s no longer gets security fixes.", version=version)
    if choice.near_end(today):
        if ends:
            return _(
                "PHP %(version)s only gets security fixes now, until %(date)s: plan the move "
                "to a newer version.",
                version=version,
                date=ends,
            )
        return _("PHP %(version)s only gets security fixes now.", version=version)
    if choice.support == "BETA":
        return _("PHP %(version)s is a test version: not for a site in use.", version=version)
    if ends:
        return _("PHP %(version)s is supported until %(date)s.", version=version, date=ends)
    return _("PHP %(version)s is supported.", version=version)


def support_level(choice: VersionChoice | None, today: date) -> str:
    """``ended``, ``ending``, ``beta`` or ``supported``: the badge's colour."""
    if choice is None or choice.ended(today):
        return "ended"
    if choice.near_end(today):
        return "ending"
    return "beta" if choice.support == "BETA" else "supported"


def describe_config(config: PhpConfig) -> Any:
    """An earlier configuration, as a rollback choice shows it."""
    when = format_date(config.created, "medium") if config.created else "?"
    return _(
        "PHP %(version)s, %(environment)s (in use from %(date)s)",
        version=config.version,
        environment=label_of("php_environment", config.environment),
        date=when,
    )

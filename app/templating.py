"""What every template can use: badges, sizes, dates, and whether the panel runs on the sandbox."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from babel import Locale
from flask import Flask, current_app, request
from flask_babel import format_datetime, format_timedelta, get_locale
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from app.access import Action, may
from app.i18n import LANGUAGE_PROMPTS, LANGUAGES
from app.labels import badge_of, database_status, label_of
from app.services import statistics
from app.services.domain_names import display_name
from app.services.domains import ownership_records
from app.services.ssl import REGENERATIONS_PER_WEEK
from app.services.units import Quantity
from app.tasks import following


@cache
def _decimal_separator(locale: str) -> str:
    return str(Locale.parse(locale).number_symbols["latn"]["decimal"])


def _number(value: float) -> str:
    """``1.5`` or ``1,5`` as the reader writes it (Babel's full formatter is slow for tables)."""
    text = f"{value:.1f}".removesuffix(".0")
    return text.replace(".", _decimal_separator(str(get_locale() or "en")))


# Unit symbols as the reader writes them: French says octets (Mo, Go), not bytes (MB, GB).
UNITS: dict[str, Any] = {
    "B": _l("B"),
    "KB": _l("KB"),
    "MB": _l("MB"),
    "GB": _l("GB"),
    "TB": _l("TB"),
}


def human_size(quantity: Quantity | None) -> str:
    """``1.5 GB`` / ``1,5 Go`` (in the reader's words and number format), or an empty string
    when unknown."""
    if quantity is None:
        return ""
    size = quantity.bytes
    if size is None:
        return f"{_number(quantity.value)} {quantity.unit}"
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024:
            return f"{_number(size)} {UNITS[unit]}"
        size /= 1024
    return f"{_number(size)} {UNITS['TB']}"


def megabytes(mb: int) -> str:
    """A size OVH counts in MB, as the reader writes it (``512 MB`` / ``512 Mo``)."""
    return f"{mb} {UNITS['MB']}"


def when(value: datetime | None) -> str:
    return format_datetime(value, "medium") if value else ""


def seconds_ago(seconds: float | None) -> str:
    """An age in the person's words: "45 seconds", "12 minutes"."""
    return format_timedelta(timedelta(seconds=math.floor(seconds or 0)), threshold=2)


def template_context() -> dict[str, Any]:
    return {
        "on_sandbox": current_app.config.get("ON_SANDBOX", False),
        "languages": LANGUAGES,
        "language_prompts": LANGUAGE_PROMPTS,
        "current_locale": str(get_locale() or "en"),
        "current_path": request.full_path.rstrip("?") if request else "/",
        "available_endpoints": current_app.view_functions.keys(),
    }


def plain_lazy_strings(value: Any) -> Any:
    """Flask-Babel's lazy strings call themselves markup (``__html__``), so one interpolated with
    what a person typed (``_l("%(version)s is not offered", version=…)``) would reach the page
    unescaped. Every printed value goes through here: a lazy string becomes a plain ``str``,
    which Jinja then escapes like any other."""
    return str(value) if isinstance(value, LazyString) else value


def init_app(app: Flask) -> None:
    # Before any template is compiled: finalize is baked into compiled templates.
    app.jinja_env.finalize = plain_lazy_strings
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.filters["size"] = human_size
    app.jinja_env.filters["when"] = when
    app.jinja_env.filters["display_name"] = display_name
    app.jinja_env.filters["age"] = seconds_ago
    # Every helper is a global, registered here only: macros imported from _macros/ see globals.
    app.jinja_env.globals.update(
        badge_of=badge_of,
        database_status=database_status,
        label_of=label_of,
        megabytes=megabytes,
        may=may,
        Action=Action,
        describe_task=following.describe,
        task_filters=following.FILTER_LABELS,
        task_object_page=following.object_page,
        task_failure_advice=following.failure_advice,
        unicode_domain=display_name,
        ownership_records=ownership_records,
        ssl_week_limit=REGENERATIONS_PER_WEEK,
        statistics_periods=statistics.PERIODS,
        hosting_statistics=statistics.HOSTING_TYPES,
        database_statistics=statistics.DATABASE_TYPES,
    )
    app.context_processor(template_context)
    from app.launch.words import init_app as launch_words

    launch_words(app)
    app.config.setdefault("BOOTSTRAP_SERVE_LOCAL", True)
    from flask_bootstrap import Bootstrap5

    Bootstrap5(app)

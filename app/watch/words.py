"""Each finding of the watch in one plain sentence, for the "Needs attention" panel and digest."""

from __future__ import annotations

from typing import Any

from flask_babel import format_date, gettext
from flask_babel import lazy_gettext as _l

from app.services.domain_names import display_name
from app.watch.models import WatchFinding

SENTENCES: dict[str, Any] = {
    "state": _l("The plan is “%(state)s”, not active: its sites may be down."),
    "billing": _l("OVH reports the plan's billing as “%(status)s”: check the invoices."),
    "renewal": _l("The plan expires on %(date)s and is not renewed automatically."),
    "renewal_deleted": _l("The plan will be deleted when it expires on %(date)s."),
    "certificate": _l("The SSL certificate is “%(state)s”: visitors may see a warning."),
    "expiry": _l(
        "The SSL certificate imported on this plan expires on %(date)s: import its renewal "
        "before then, or visitors will see a warning."
    ),
    "https": _l("%(subject)s has HTTPS on but the certificate does not cover it."),
    "dns": _l("%(subject)s no longer points to this plan: visitors do not reach it."),
    "database": _l("The database %(subject)s is %(percent)s %% full."),
    "task": _l("An operation failed: %(what)s."),
}


def sentence(finding: WatchFinding) -> str:
    detail = dict(finding.detail or {})
    kind = finding.kind
    if kind == "renewal" and detail.get("deleted"):
        kind = "renewal_deleted"
    if detail.get("date"):
        from datetime import date

        detail["date"] = format_date(date.fromisoformat(detail["date"]), "long")
    if kind == "task":
        from app.notify.messages import task_from
        from app.tasks.following import describe

        task = task_from({"id": finding.subject, "service_name": finding.service_name, **detail})
        detail["what"] = describe(task, detail.get("plan"))
    template = SENTENCES.get(kind)
    if template is None:
        return gettext("Something needs attention.")
    subject = display_name(finding.subject) if kind in ("dns", "https") else finding.subject
    return str(template) % {**detail, "subject": subject}


def plan_label(finding: WatchFinding) -> str:
    """The plan's own name as the watch read it ("Example shop"), else its short name."""
    label = (finding.detail or {}).get("plan")
    return str(label) if label else finding.service_name.removesuffix(".hosting.ovh.net")


def needs_attention(user: Any, labels: dict[str, str]) -> list[tuple[str, str, list[str]]]:
    """The "Needs attention" panel: (service name, its label, sentences), from what the last
    watch found on the plans this person may see (no OVH call)."""
    from app.watch.jobs import findings_for

    grouped: dict[str, list[str]] = {}
    for finding in findings_for(user):
        grouped.setdefault(finding.service_name, []).append(sentence(finding))
    return [(name, labels.get(name, name), lines) for name, lines in grouped.items()]

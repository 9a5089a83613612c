"""Reading the audit trail: filters, pages and the CSV export."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, Select, and_, not_, or_, select

from app.extensions import db
from app.models import AuditEntry
from app.services.tasks import FAILED

CSV_COLUMNS = (
    "when",
    "user",
    "service",
    "action",
    "target",
    "parameters",
    "outcome",
    "task_id",
    "query_id",
    "task_status",
    "error",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class AuditFilter:
    user_id: int | None = None
    service: str | None = None
    action: str | None = None
    outcome: str | None = None
    start: date | None = None
    end: date | None = None
    services: tuple[str, ...] | None = None  # only these sites (what a staff member may see)
    hidden_actions: tuple[str, ...] = ()  # actions left out, exactly
    hidden_prefixes: tuple[str, ...] = ()  # actions left out, by their start ("auth.")


def outcome_is(outcome: str) -> ColumnElement[bool]:
    """An operation OVH accepted whose task then failed (or was not completed) failed in the
    end: the Failed filter finds it, and no other filter does."""
    task_failed = AuditEntry.task_status.in_(FAILED)
    if outcome == "failed":
        return or_(AuditEntry.outcome == "failed", task_failed)
    return and_(AuditEntry.outcome == outcome, or_(AuditEntry.task_status.is_(None), ~task_failed))


def query(filters: AuditFilter) -> Select[AuditEntry]:
    """The entries matching ``filters``, newest first."""
    statement = select(AuditEntry).order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    if filters.user_id is not None:
        statement = statement.where(AuditEntry.user_id == filters.user_id)
    if filters.service:
        statement = statement.where(AuditEntry.service_name == filters.service)
    if filters.action:
        statement = statement.where(AuditEntry.action == filters.action)
    if filters.outcome:
        statement = statement.where(outcome_is(filters.outcome))
    if filters.services is not None:
        statement = statement.where(AuditEntry.service_name.in_(filters.services))
    if filters.hidden_actions:
        statement = statement.where(AuditEntry.action.not_in(filters.hidden_actions))
    for prefix in filters.hidden_prefixes:
        statement = statement.where(not_(AuditEntry.action.startswith(prefix, autoescape=True)))
    if filters.start:
        statement = statement.where(
            AuditEntry.created_at >= datetime.combine(filters.start, time())
        )
    if filters.end:
        after_end = datetime.combine(filters.end + timedelta(days=1), time())
        statement = statement.where(AuditEntry.created_at < after_end)
    return statement


def known_actions() -> list[str]:
    return sorted(db.session.scalars(select(AuditEntry.action).distinct()))


def known_services() -> list[str]:
    """Every site the history mentions (some may have left the OVH account since)."""
    names = select(AuditEntry.service_name).where(AuditEntry.service_name.is_not(None))
    return sorted(name for name in db.session.scalars(names.distinct()) if name)


def csv_lines(entries: Iterable[AuditEntry]) -> Iterator[str]:
    """The entries as CSV, line by line; cells a spreadsheet would run as formulas are quoted."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        writer.writerow(
            _safe(value)
            for value in (
                entry.created_at.isoformat(timespec="seconds"),
                entry.user_email or "",
                entry.service_name or "",
                entry.action,
                entry.target or "",
                json.dumps(entry.parameters, sort_keys=True) if entry.parameters else "",
                entry.outcome,
                entry.task_id or "",
                entry.query_id or "",
                entry.task_status or "",
                entry.error or "",
            )
        )
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _safe(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value

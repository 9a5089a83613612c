"""The inventory written out: CSV (one sheet per file), XLSX (every sheet, with XlsxWriter) and
JSON (every sheet, raw OVH values). CSV and XLSX show OVH's values as the panel's words, in the
person's language; JSON keeps OVH's own values, for scripts."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import xlsxwriter
from flask_babel import gettext as _

from app.inventory.sheets import Column, Sheet
from app.labels import BADGES, WORDS, badge_of, label_of

# Spreadsheet programs run a cell starting with these as a formula: such text gets a quote first.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def shown(column: Column, value: Any) -> Any:
    """A value as a person reads it: words for OVH's values, "Yes"/"No", empty for none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if column.words in WORDS:
        return str(label_of(column.words, value))
    if column.words in BADGES:
        return str(badge_of(column.words, value)[1])
    return value


def _safe_text(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(sheet: Sheet) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([str(column.title) for column in sheet.columns])
    for row in sheet.rows:
        writer.writerow(
            [
                _safe_text(shown(column, value))
                for column, value in zip(sheet.columns, row, strict=True)
            ]
        )
    return out.getvalue()


def to_xlsx(sheets: Sequence[Sheet]) -> bytes:
    out = io.BytesIO()
    # Text is written as text: an address or a name starting with "=" is never a formula.
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    with xlsxwriter.Workbook(out, options) as book:
        bold = book.add_format({"bold": True})
        for sheet in sheets:
            page = book.add_worksheet(_sheet_name(str(sheet.title)))
            page.freeze_panes(1, 0)
            widths = [len(str(column.title)) for column in sheet.columns]
            for col, column in enumerate(sheet.columns):
                page.write_string(0, col, str(column.title), bold)
            for number, row in enumerate(sheet.rows, start=1):
                for col, (column, value) in enumerate(zip(sheet.columns, row, strict=True)):
                    cell = shown(column, value)
                    if isinstance(cell, int | float):
                        page.write_number(number, col, cell)
                    else:
                        page.write_string(number, col, str(cell))
                    widths[col] = max(widths[col], len(str(cell)))
            for col, width in enumerate(widths):
                page.set_column(col, col, min(width + 2, 60))
            if sheet.rows:
                page.autofilter(0, 0, len(sheet.rows), len(sheet.columns) - 1)
    return out.getvalue()


def _sheet_name(title: str) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\."""
    return "".join(c for c in title if c not in "[]:*?/\\")[:31]


def to_json(sheets: Sequence[Sheet]) -> str:
    document = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        **{
            sheet.key: [
                {column.key: value for column, value in zip(sheet.columns, row, strict=True)}
                for row in sheet.rows
            ]
            for sheet in sheets
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2)

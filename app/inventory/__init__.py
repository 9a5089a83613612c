"""The inventory: everything a person may see, as CSV, a spreadsheet (XLSX) and JSON."""

from flask import Blueprint

bp = Blueprint("inventory", __name__)

from app.inventory import routes, sheets, site_sheets  # noqa: E402,F401

"""Operations in parts: a change that must wait for OVH between its parts (a safety backup before
a restore, the old certificate's removal before the new one's import) runs in the task queue, and
one page follows every part live."""

from flask import Blueprint

bp = Blueprint("operations", __name__)

from app.operations import routes  # noqa: E402,F401

"""What every panel form shares: showing OVH's refusals where the person will look for them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from flask_babel import gettext as _
from flask_wtf import FlaskForm

from app.services.errors import PanelError


class PanelForm(FlaskForm):
    # Words in OVH's own message that tell which field it is about: {"path": "path", …}.
    ovh_field_hints: ClassVar[Mapping[str, str]] = {}

    def refused_by_ovh(self, error: PanelError) -> None:
        """Put OVH's refusal beside the field it concerns, else at the top of the form."""
        message = refusal_message(error)
        detail = (error.detail or "").lower()
        for word, field_name in self.ovh_field_hints.items():
            if word in detail and field_name in self._fields:
                field = self._fields[field_name]
                field.errors = [*field.errors, message]
                return
        self.form_errors.append(message)


def refusal_message(error: PanelError) -> str:
    """The panel's sentence, OVH's own words when it gave some, and the reference for support."""
    parts = [str(error.message)]
    if error.detail:
        parts.append(_("OVH's explanation: “%(detail)s”.", detail=error.detail))
    if error.query_id:
        parts.append(_("Reference for support: %(id)s.", id=error.query_id))
    return " ".join(parts)

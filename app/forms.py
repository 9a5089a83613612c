"""What every panel form shares: the one path from OVH's refusal to the place the person looks.
A form declares the refusals it expects, its sentence per error class and the field each
concerns; the ``form_errors`` macro shows them, and OVH's reference through ``support_ref``."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar, TypeVar

from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, Form, PasswordField, SubmitField
from wtforms.validators import ValidationError

from app.passwords_rules import PasswordRules
from app.services.errors import Conflict, InvalidInput, PanelError

T = TypeVar("T")
REFUSED = _l("OVH refused this: “%(detail)s”")


def busy_or_refused(busy: Any) -> Mapping[type[PanelError], Any]:
    """The sentences of a form that changes one thing at OVH: ``busy`` when OVH is already
    working on it, OVH's own words when it refuses a value."""
    return {Conflict: busy, InvalidInput: REFUSED}


class PanelForm(FlaskForm):
    ovh_refusals: ClassVar[tuple[type[PanelError], ...]] = (InvalidInput, Conflict)
    # The panel's sentence for an error class; ``%(detail)s`` takes OVH's own words.
    ovh_sentences: ClassVar[Mapping[type[PanelError], Any]] = {}
    # The field an error class always concerns: {Conflict: "user"}.
    ovh_fields: ClassVar[Mapping[type[PanelError], str]] = {}
    # Words in OVH's own message that tell which field it is about: {"path": "path", …}.
    ovh_field_hints: ClassVar[Mapping[str, str]] = {}
    ovh_error: PanelError | None = None

    def attempt(self, action: Callable[[], T], allowed: bool = True) -> T | None:
        """``action``'s result once it is ``allowed``, the form is valid and OVH accepts; else
        ``None``, with any expected refusal shown on the form."""
        return self.send(action) if allowed and self.validate_on_submit() else None

    def send(self, action: Callable[[], T]) -> T | None:
        """``action``'s result, or ``None`` with an expected refusal shown on the form."""
        try:
            return action()
        except self.ovh_refusals as error:
            self.refused_by_ovh(error)
            return None

    def refused_by_ovh(self, error: PanelError) -> None:
        """Put OVH's refusal beside the field it concerns, else at the top of the form."""
        self.ovh_error = error
        message = explain(error, _by_class(self.ovh_sentences, error))
        name = self._refused_field(error)
        if name is None:
            self.form_errors.append(message)
        else:
            field = self._fields[name]
            field.errors = [*field.errors, message]

    def _refused_field(self, error: PanelError) -> str | None:
        name = _by_class(self.ovh_fields, error)
        if name is None:
            detail = (error.detail or "").lower()
            name = next((f for word, f in self.ovh_field_hints.items() if word in detail), None)
        return name if name in self._fields else None


def check_confirmation(form: Form, field: Field) -> None:
    """The password typed a second time, the same as the form's ``password``."""
    if not field.data:
        raise ValidationError(_l("Type the password a second time."))
    if field.data != form.password.data:
        raise ValidationError(_l("The two passwords are not the same. Type them again."))


class NewPasswordFields(PanelForm):
    """A new password for something OVH keeps (a database's, an FTP login's): typed twice, with
    OVH's refusal of it shown beside it. A subclass names its ``password_rules``
    (app/passwords_rules.py, what the ``password_field`` macro's generator makes), the
    ``password_checks`` that enforce them and the ``password_policy`` that says them under the
    field; it may give the fields other labels by declaring them again."""

    ovh_fields: ClassVar[Mapping[type[PanelError], str]] = {InvalidInput: "password"}
    password_rules: ClassVar[PasswordRules]
    password_checks: ClassVar[Sequence[Callable[[Form, Field], None]]]
    password_policy: ClassVar[Any]
    password = PasswordField(_l("New password"))
    confirm = PasswordField(_l("New password again"), validators=[check_confirmation])
    submit = SubmitField(_l("Change the password"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.password.description = self.password_policy

    def validate_password(self, field: Field) -> None:
        for check in self.password_checks:
            check(self, field)


def stripped(value: Any) -> Any:
    """A field filter: typed text without the spaces around it."""
    return value.strip() if isinstance(value, str) else value


def explain(error: PanelError, sentence: Any = None, reference: bool = False) -> str:
    """The panel's sentence (else the error's), then OVH's words unless the sentence has them,
    then, with ``reference``, OVH's request id (where no macro can show it: a flashed message)."""
    if sentence is not None and "%(detail)s" in str(sentence):
        return str(sentence) % {"detail": error.detail or error.message}
    parts = [str(sentence if sentence is not None else error.message)]
    if error.detail:
        parts.append(_("OVH's explanation: “%(detail)s”.", detail=error.detail))
    if reference and error.query_id:
        parts.append(_("Reference for support: %(id)s.", id=error.query_id))
    return " ".join(parts)


def _by_class(table: Mapping[type[PanelError], T], error: PanelError) -> T | None:
    return next((value for kind, value in table.items() if isinstance(error, kind)), None)


def retried() -> dict[str, Any]:
    """ "Try again" after a failed task opens the form filled in as it was sent: its values come
    in the address (``?retry=<task>&path=…``), secrets never (they are never kept)."""
    if request.method == "GET" and request.args.get("retry"):
        return {"formdata": request.args}
    return {}

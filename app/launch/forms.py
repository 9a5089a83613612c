"""The launch form: the attach form's address and folder checks, then what goes in the folder."""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import Field, PasswordField, RadioField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from app.domains.forms import AttachDomainForm
from app.forms import PanelForm, stripped
from app.launch import plans
from app.passwords_rules import LETTERS_AND_DIGITS, PasswordRules
from app.services.modules import CatalogueModule

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
ADMIN_PASSWORD_MIN = 12
# What the form's generator makes (20 letters and digits, each kind at least once); the form
# itself asks only for the length, since OVH documents no other rule for an application's password.
ADMIN_PASSWORD_RULES = PasswordRules(
    ADMIN_PASSWORD_MIN,
    30,
    LETTERS_AND_DIGITS,
    (string.ascii_uppercase, string.ascii_lowercase, string.digits),
)
LANGUAGES: dict[str, Any] = {
    "cz": _l("Czech"), "de": _l("German"), "en": _l("English"), "es": _l("Spanish"),
    "fi": _l("Finnish"), "fr": _l("French"), "it": _l("Italian"), "lt": _l("Lithuanian"),
    "nl": _l("Dutch"), "pl": _l("Polish"), "pt": _l("Portuguese"),
}  # fmt: skip


class LaunchForm(AttachDomainForm):
    password_rules = ADMIN_PASSWORD_RULES
    content = RadioField(
        _l("What goes in the folder"),
        choices=[
            SelectChoice(plans.NOTHING, _l("Nothing yet: I will upload my own files")),
            SelectChoice(plans.APPLICATION, _l("A ready-made application from OVH's catalogue")),
            SelectChoice(plans.DATABASE_ONLY, _l("An empty database only")),
        ],
        default=plans.APPLICATION,
    )
    module = SelectField(_l("Application"), validate_choice=False)
    language = SelectField(_l("Language of the application"), validate_choice=False)
    admin_name = StringField(
        _l("Administrator's name"),
        filters=[stripped],
        description=_l("What you will type to sign in to the application's own admin pages."),
    )
    admin_password = PasswordField(
        _l("Administrator's password"),
        description=_l(
            "At least 12 characters. The launch's page shows it to you once more when you start "
            "it; the panel forgets it as soon as the application is installed."
        ),
    )
    submit = SubmitField(_l("Review the launch"))

    database_room = True  # whether the plan has a database left to create

    def validate_content(self, field: Field) -> None:
        if field.data in (plans.APPLICATION, plans.DATABASE_ONLY) and not self.database_room:
            raise ValidationError(
                _l(
                    "This plan has no database left to create, and an application needs one. "
                    "Choose “Nothing yet”, or free a database on the Databases tab."
                )
            )

    def offer_catalogue(self, catalogue: Sequence[CatalogueModule], locale: str) -> None:
        self.catalogue = {str(m.id): m for m in catalogue}
        self.module.choices = [SelectChoice(str(m.id), f"{m.title} {m.version}") for m in catalogue]
        languages = sorted({code for m in catalogue for code in m.languages})
        self.language.choices = [
            SelectChoice(code, str(LANGUAGES.get(code, code))) for code in languages
        ]
        if not self.language.data or self.language.data not in languages:
            self.language.data = locale if locale in languages else "en"

    @property
    def chosen_module(self) -> CatalogueModule | None:
        return getattr(self, "catalogue", {}).get(self.module.data or "")

    def validate_module(self, field: Field) -> None:
        if self.content.data == plans.APPLICATION and self.chosen_module is None:
            raise ValidationError(_l("Choose one of the applications offered."))

    def validate_language(self, field: Field) -> None:
        module = self.chosen_module
        if (
            self.content.data == plans.APPLICATION
            and module is not None
            and field.data not in module.languages
        ):
            raise ValidationError(
                _l("%(module)s is not offered in this language.", module=module.title)
            )

    def validate_admin_name(self, field: Field) -> None:
        if self.content.data != plans.APPLICATION:
            return
        if not field.data:
            raise ValidationError(_l("Choose the administrator's name."))
        module = self.chosen_module
        if module is not None and module.admin_is_email and not EMAIL.fullmatch(field.data):
            raise ValidationError(
                _l(
                    "%(module)s signs its administrator in with an email address.",
                    module=module.title,
                )
            )

    def validate_admin_password(self, field: Field) -> None:
        if self.content.data == plans.APPLICATION:
            check_admin_password(field)


def check_admin_password(field: Field) -> None:
    """The one rule the launch form and the retry form apply to the application's password."""
    if len(field.data or "") < ADMIN_PASSWORD_MIN:
        raise ValidationError(
            _l("Choose a password of at least %(count)d characters.", count=ADMIN_PASSWORD_MIN)
        )


class RetryForm(PanelForm):
    """Trying a step again after the launch's passwords were erased: the application's admin
    password is chosen again (the database's is made by the panel)."""

    password_rules = ADMIN_PASSWORD_RULES
    admin_password = PasswordField(
        _l("Administrator's password"),
        description=_l(
            "At least 12 characters. Keep it somewhere safe now: the panel does not show it again "
            "and forgets it as soon as the application is installed."
        ),
    )
    submit = SubmitField(_l("Try the step again"))

    def validate_admin_password(self, field: Field) -> None:
        check_admin_password(field)

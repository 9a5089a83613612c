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

from app.databases.forms import PASSWORD_POLICY, check_password
from app.domains.forms import AttachDomainForm
from app.forms import PanelForm, stripped
from app.launch import plans
from app.passwords_rules import LETTERS_AND_DIGITS, PasswordRules
from app.services.databases import Database
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
    database_choice = RadioField(
        _l("Database"),
        choices=[
            SelectChoice(plans.NEW_DATABASE, _l("Create a new one (recommended)")),
            SelectChoice(plans.EXISTING_DATABASE, _l("Use an existing empty database")),
        ],
        default=plans.NEW_DATABASE,
    )
    existing_database = SelectField(_l("Existing database"), validate_choice=False)
    password_way = RadioField(
        _l("Its password"),
        choices=[
            SelectChoice(plans.RESET_PASSWORD, _l("Give it a new password (the panel makes one)")),
            SelectChoice(plans.KNOWN_PASSWORD, _l("I know its password")),
        ],
        default=plans.RESET_PASSWORD,
    )
    database_password = PasswordField(
        _l("Its current password, if you know it"), description=PASSWORD_POLICY
    )
    submit = SubmitField(_l("Review the launch"))

    database_room = True  # whether the plan has a database left to create
    empty_databases: Sequence[Database] = ()  # the plan's databases an application can go into

    def offer_databases(self, room: bool, empty: Sequence[Database]) -> None:
        self.database_room, self.empty_databases = room, empty
        self.existing_database.choices = [SelectChoice(d.name, d.name) for d in empty]
        if not room and empty and not self.is_submitted():
            self.database_choice.data = plans.EXISTING_DATABASE

    @property
    def into_existing(self) -> Database | None:
        """The existing database chosen for the application, when that is the choice."""
        if (
            self.content.data != plans.APPLICATION
            or self.database_choice.data != plans.EXISTING_DATABASE
        ):
            return None
        name = self.existing_database.data
        return next((d for d in self.empty_databases if d.name == name), None)

    def validate_content(self, field: Field) -> None:
        if field.data == plans.APPLICATION and not (self.database_room or self.empty_databases):
            raise ValidationError(
                _l(
                    "This plan has no database left to create and no empty one, and an "
                    "application needs one. Choose “Nothing yet”, or free a database on the "
                    "Databases tab."
                )
            )
        if field.data == plans.DATABASE_ONLY and not self.database_room:
            raise ValidationError(
                _l(
                    "This plan has no database left to create. Choose “Nothing yet”, or free a "
                    "database on the Databases tab."
                )
            )

    def validate_database_choice(self, field: Field) -> None:
        if self.content.data != plans.APPLICATION:
            return
        if not (self.database_room or self.empty_databases):
            return  # said once, by validate_content
        if field.data == plans.NEW_DATABASE and not self.database_room:
            raise ValidationError(
                _l("This plan has no database left to create: use an existing empty one.")
            )
        if field.data == plans.EXISTING_DATABASE and not self.empty_databases:
            raise ValidationError(_l("No database of this plan is free for it: create a new one."))
        if field.data not in (plans.NEW_DATABASE, plans.EXISTING_DATABASE):
            raise ValidationError(_l("Choose a new database or an existing one."))

    def validate_existing_database(self, field: Field) -> None:
        wants_existing = self.database_choice.data == plans.EXISTING_DATABASE
        if (
            self.content.data == plans.APPLICATION
            and wants_existing
            and self.empty_databases
            and self.into_existing is None
        ):
            raise ValidationError(_l("Choose one of the empty databases offered."))

    def validate_password_way(self, field: Field) -> None:
        if self.into_existing is not None and field.data not in plans.PASSWORD_WAYS:
            raise ValidationError(_l("Say whether you know its password."))

    def validate_database_password(self, field: Field) -> None:
        if self.into_existing is not None and self.password_way.data == plans.KNOWN_PASSWORD:
            check_password(self, field)

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

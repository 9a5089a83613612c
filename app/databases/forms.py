"""The forms of the Databases tab: create, change password, delete.

The create form is built from what the plan really offers, and checks OVH's own rules (user name
prefix, characters and length; password policy) so that OVH's refusals stay the exception.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from flask import request
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    Field,
    Form,
    PasswordField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional, ValidationError

from app.forms import (
    REFUSED,
    NewPasswordFields,
    PanelForm,
    busy_or_refused,
    check_confirmation,
    stripped,
)
from app.labels import label_of
from app.services.databases import (
    CREATION_ENGINES,
    PASSWORD_CHARACTERS,
    PASSWORD_MAX_LENGTH,
    PASSWORD_MIN_LENGTH,
    PASSWORD_RULES,
    USER_CHARACTERS,
    USER_MAX_LENGTH,
    AvailableVersions,
    CreationOffer,
    NewDatabase,
)
from app.services.errors import Conflict, InvalidInput, PanelError
from app.templating import megabytes

PASSWORD_POLICY = _l(
    "8 to 30 characters, only letters (a–z, A–Z) and digits (0–9), with at least one capital "
    "letter, one lower-case letter and one digit. No spaces, accents or symbols: OVH refuses them."
)


def check_password(form: Form, field: Field) -> None:
    """OVH's password policy for databases, one sentence per rule."""
    password = field.data or ""
    if not password:
        raise ValidationError(_l("Choose a password."))
    if not PASSWORD_MIN_LENGTH <= len(password) <= PASSWORD_MAX_LENGTH:
        raise ValidationError(
            _l(
                "The password must be 8 to 30 characters long (it has %(count)s).",
                count=len(password),
            )
        )
    if not PASSWORD_CHARACTERS.fullmatch(password):
        raise ValidationError(
            _l(
                "Use only letters and digits: spaces, accents and symbols such as ! or @ are "
                "refused."
            )
        )
    if not (
        any(c.isupper() for c in password)
        and any(c.islower() for c in password)
        and any(c.isdigit() for c in password)
    ):
        raise ValidationError(
            _l(
                "The password needs at least one capital letter, one lower-case letter and one "
                "digit."
            )
        )


REFUSED_VALUE = REFUSED
BUSY_DATABASE = _l(
    "OVH is already working on this database. Wait until that operation ends (see the "
    "Tasks tab), then try again."
)


class CreateDatabaseForm(PanelForm):
    ovh_sentences: ClassVar[Mapping[type[PanelError], Any]] = {
        Conflict: _l(
            "OVH says a database with this user name already exists. Choose another name."
        ),
        InvalidInput: REFUSED_VALUE,
    }
    ovh_fields: ClassVar[Mapping[type[PanelError], str]] = {Conflict: "user"}
    ovh_field_hints: ClassVar[Mapping[str, str]] = {
        "password": "password",
        "user": "user",
        "version": "version",
        "quota": "quota",
        "offer": "capabilitie",
    }

    password_rules = PASSWORD_RULES
    capabilitie = SelectField(_l("Offer"), validate_choice=False)
    type = SelectField(_l("Database engine"), validate_choice=False)
    refresh = SubmitField(_l("Update versions"))
    version = SelectField(_l("Version"), validate_choice=False)
    quota = SelectField(_l("Size"), validate_choice=False)
    user = StringField(_l("User name"), filters=[stripped])
    password = PasswordField(
        _l("Password"), validators=[check_password], description=PASSWORD_POLICY
    )
    confirm = PasswordField(_l("Password again"), validators=[check_confirmation])
    submit = SubmitField(_l("Create the database"))

    def __init__(
        self,
        *,
        prefix_login: str,
        offers: Sequence[CreationOffer],
        engines: Sequence[str],
        taken_users: Sequence[str],
    ) -> None:
        # A GET reads its choices from the address (``?type=postgresql``): the no-script round trip.
        super().__init__(**({"formdata": request.args} if request.method == "GET" else {}))
        self.login = prefix_login
        self.offers = {offer.offer: offer for offer in offers if offer.available > 0}
        self.engines = [engine for engine in engines if engine in CREATION_ENGINES]
        self.taken_users = frozenset(taken_users)
        self.available_versions = AvailableVersions(default="", versions=())
        self.capabilitie.choices = [
            SelectChoice(offer.offer, label_of("offer", offer.offer))
            for offer in self.offers.values()
        ]
        self.type.choices = [
            SelectChoice(engine, label_of("engine", engine)) for engine in self.engines
        ]
        quotas = sorted({mb for offer in self.offers.values() for mb in offer.quota_choices})
        self.quota.choices = [
            SelectChoice("", _l("Choose a size")),
            *(SelectChoice(str(mb), megabytes(mb)) for mb in quotas),
        ]
        if not self.capabilitie.data and self.offers:
            self.capabilitie.data = next(iter(self.offers))
        if not self.type.data and self.engines:
            self.type.data = "mysql" if "mysql" in self.engines else self.engines[0]

    @property
    def takes_quota(self) -> bool:
        """Whether any offer on show needs a size chosen."""
        return any(offer.takes_quota for offer in self.offers.values())

    @property
    def chosen_engine(self) -> str | None:
        return self.type.data if self.type.data in self.engines else None

    def offer_versions(self, versions: AvailableVersions, keep_choice: bool) -> None:
        """Show the versions of the chosen engine, its default preselected unless ``keep_choice``
        (a submitted version is kept, to be checked, never silently replaced)."""
        self.available_versions = versions
        self.version.choices = [SelectChoice(v) for v in versions.versions]
        if not keep_choice and self.version.data not in versions.versions:
            self.version.data = versions.default

    def validate_capabilitie(self, field: Field) -> None:
        if field.data not in self.offers:
            raise ValidationError(_l("Choose one of the offers that still has room."))

    def validate_type(self, field: Field) -> None:
        if field.data not in self.engines:
            raise ValidationError(_l("Choose an engine from the list."))
        offer = self.offers.get(self.capabilitie.data or "")
        if offer is not None and offer.engines and field.data not in offer.engines:
            raise ValidationError(
                _l(
                    "This offer does not include %(engine)s. It includes: %(engines)s.",
                    engine=label_of("engine", field.data),
                    engines=", ".join(label_of("engine", e) for e in offer.engines),
                )
            )

    def validate_version(self, field: Field) -> None:
        if self.chosen_engine is None:
            return
        if field.data not in self.available_versions.versions:
            raise ValidationError(
                _l(
                    "%(engine)s %(version)s cannot be created here. Choose one of: %(versions)s.",
                    engine=label_of("engine", self.chosen_engine),
                    version=field.data or "?",
                    versions=", ".join(self.available_versions.versions),
                )
            )

    def validate_quota(self, field: Field) -> None:
        offer = self.offers.get(self.capabilitie.data or "")
        if offer is None or not offer.takes_quota:
            return
        if not field.data:
            raise ValidationError(_l("Choose a size for the extra database."))
        if field.data not in {str(mb) for mb in offer.quota_choices}:
            raise ValidationError(
                _l(
                    "This offer allows these sizes: %(sizes)s.",
                    sizes=", ".join(megabytes(mb) for mb in offer.quota_choices),
                )
            )

    def validate_user(self, field: Field) -> None:
        rest = field.data or ""
        room = self.room
        if not USER_CHARACTERS.fullmatch(rest.lower()):
            raise ValidationError(
                _l("Use only letters a to z and digits 0 to 9: no spaces, dashes, dots or accents.")
            )
        if rest != rest.lower():
            raise ValidationError(
                _l(
                    "Use lowercase letters only: “%(lower)s”, not “%(typed)s”.",
                    lower=rest.lower(),
                    typed=rest,
                )
            )
        if len(rest) > room:
            raise ValidationError(
                _l(
                    "Too long: a database user name has at most %(max)s characters, and the fixed "
                    "part “%(login)s” takes %(used)s, so %(room)s are left.",
                    max=USER_MAX_LENGTH,
                    login=self.login,
                    used=len(self.login),
                    room=room,
                )
            )
        if self.full_user in self.taken_users:
            raise ValidationError(
                _l(
                    "A database already uses the user name “%(user)s”. Add or change a few "
                    "letters after “%(login)s”.",
                    user=self.full_user,
                    login=self.login,
                )
            )

    @property
    def room(self) -> int:
        """How many characters the user may add after the fixed prefix."""
        return max(USER_MAX_LENGTH - len(self.login), 0)

    @property
    def full_user(self) -> str:
        return self.login + (self.user.data or "")

    def new_database(self) -> NewDatabase:
        offer = self.offers[self.capabilitie.data or ""]
        return NewDatabase(
            offer=offer.offer,
            engine=self.type.data or "",
            user=self.full_user,
            password=self.password.data or "",
            version=self.version.data or None,
            quota_mb=int(self.quota.data) if offer.takes_quota and self.quota.data else None,
        )


class DatabaseChangeForm(PanelForm):
    ovh_sentences = busy_or_refused(BUSY_DATABASE)


class ChangeDatabasePasswordForm(NewPasswordFields, DatabaseChangeForm):
    password_rules = PASSWORD_RULES
    password_checks = (check_password,)
    password_policy = PASSWORD_POLICY


class DeleteDatabaseForm(DatabaseChangeForm):
    confirm_name = StringField(_l("Database name"), filters=[stripped], validators=[Optional()])
    back_up_first = BooleanField(
        _l("Back up the database first (recommended)"),
        default=True,
        description=_l(
            "OVH keeps this backup after the database is gone (see Backups of deleted "
            "databases), so the data can be imported again into a new database."
        ),
    )
    submit = SubmitField(_l("Delete the database for good"))

    def __init__(self, database_name: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.database_name = database_name

    def validate_confirm_name(self, field: Field) -> None:
        if field.data != self.database_name:
            raise ValidationError(
                _l(
                    "Type the database name exactly as shown, “%(name)s”, to confirm.",
                    name=self.database_name,
                )
            )

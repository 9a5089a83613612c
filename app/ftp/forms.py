"""The forms of the Access tab: create a login, change its password, its SSH access, switch it
on or off, delete it. OVH's rules (``app/services/ftp_users.py``) are checked here first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from flask_babel import lazy_gettext as _l
from wtforms import Field, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import Optional, ValidationError

from app.databases.forms import PASSWORD_POLICY, check_password
from app.domains.forms import check_path
from app.forms import (
    REFUSED,
    NewPasswordFields,
    PanelForm,
    busy_or_refused,
    check_confirmation,
    stripped,
)
from app.services.databases import PASSWORD_RULES
from app.services.errors import Conflict, InvalidInput, PanelError
from app.services.ftp_users import (
    LOGIN_CHARACTERS,
    LOGIN_MAX_LENGTH,
    SSH_STATES,
    NewAccessUser,
    UserChanges,
    login_room,
)

OTHER_FOLDER = "+other"
SSH_CHOICES = {
    "none": _l("FTP only"),
    "sftponly": _l("FTP and SFTP (recommended: SFTP encrypts the connection)"),
    "active": _l("FTP, SFTP and SSH (a command line on the server, for developers)"),
}
BUSY_LOGIN = _l(
    "OVH is already working on this login. Wait until that operation ends (see the Tasks tab), "
    "then try again."
)


def ssh_choices() -> list[tuple[str, Any]]:
    return [(state, SSH_CHOICES[state]) for state in SSH_STATES]


class CreateAccessUserForm(PanelForm):
    ovh_sentences: ClassVar[Mapping[type[PanelError], Any]] = {
        Conflict: _l("OVH says this login already exists. Choose another name."),
        InvalidInput: REFUSED,
    }
    ovh_fields: ClassVar[Mapping[type[PanelError], str]] = {Conflict: "login"}
    ovh_field_hints: ClassVar[Mapping[str, str]] = {
        "password": "password",
        "login": "login",
        "home": "folder",
    }

    login = StringField(_l("Login name"), filters=[stripped])
    folder = SelectField(_l("Folder it can reach"), validate_choice=False)
    other_folder = StringField(
        _l("Other folder"),
        filters=[stripped],
        validators=[Optional()],
        description=_l("A folder inside the plan's space, for example www/shop."),
    )
    ssh_state = SelectField(_l("How it connects"), default="sftponly", validate_choice=False)
    password_rules = PASSWORD_RULES  # OVH asks the same of a login's password as of a database's
    password = PasswordField(
        _l("Password"), validators=[check_password], description=PASSWORD_POLICY
    )
    confirm = PasswordField(_l("Password again"), validators=[check_confirmation])
    submit = SubmitField(_l("Create the login"))

    def __init__(
        self, *, primary_login: str, folders: Sequence[str], taken: Sequence[str], **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.primary_login = primary_login
        self.taken = frozenset(taken)
        self.folders = list(folders)
        self.folder.choices = [
            ("", _l("Everything (the whole space of the plan)")),
            *((folder, folder) for folder in self.folders),
            (OTHER_FOLDER, _l("Another folder…")),
        ]
        self.ssh_state.choices = ssh_choices()
        if not self.is_submitted() and self.folders:
            self.folder.data = self.folders[0]

    @property
    def room(self) -> int:
        return login_room(self.primary_login)

    @property
    def prefix(self) -> str:
        return self.primary_login + "-"

    @property
    def full_login(self) -> str:
        return self.prefix + (self.login.data or "")

    @property
    def chosen_folder(self) -> str:
        if self.folder.data == OTHER_FOLDER:
            return self.other_folder.data or ""
        return self.folder.data or ""

    def validate_login(self, field: Field) -> None:
        rest = field.data or ""
        if rest.startswith(self.prefix):  # pasted whole: keep what follows the fixed part
            rest = field.data = rest[len(self.prefix) :]
        if not rest:
            raise ValidationError(_l("Type a name for the login, for example marie or agency."))
        if not LOGIN_CHARACTERS.fullmatch(rest):
            raise ValidationError(
                _l("Use only letters a to z, digits and _ : no spaces, dashes, dots or accents.")
            )
        if len(rest) > self.room:
            raise ValidationError(
                _l(
                    "Too long: a login has at most %(max)s characters, and the fixed part "
                    "“%(prefix)s” takes %(used)s, so %(room)s are left.",
                    max=LOGIN_MAX_LENGTH,
                    prefix=self.prefix,
                    used=len(self.prefix),
                    room=self.room,
                )
            )
        if self.full_login in self.taken:
            raise ValidationError(
                _l(
                    "The login “%(login)s” already exists. Choose another name.",
                    login=self.full_login,
                )
            )

    def validate_folder(self, field: Field) -> None:
        allowed = {"", OTHER_FOLDER, *self.folders}
        if field.data not in allowed:
            raise ValidationError(_l("Choose a folder from the list, or “Another folder…”."))

    def validate_other_folder(self, field: Field) -> None:
        if self.folder.data != OTHER_FOLDER:
            return
        if not field.data:
            raise ValidationError(_l("Type the folder, for example www/shop."))
        check_path(self, field)
        if field.data == ".":
            raise ValidationError(_l("Type a folder, or choose “Everything” in the list above."))

    def validate_ssh_state(self, field: Field) -> None:
        if field.data not in SSH_STATES:
            raise ValidationError(_l("Choose how the login connects."))

    def new_user(self) -> NewAccessUser:
        return NewAccessUser(
            login=self.full_login,
            folder=self.chosen_folder,
            password=self.password.data or "",
            ssh_state=self.ssh_state.data or "none",
        )


class AccessChangeForm(PanelForm):
    ovh_sentences = busy_or_refused(BUSY_LOGIN)


class ChangeAccessPasswordForm(NewPasswordFields, AccessChangeForm):
    password_rules = PASSWORD_RULES  # OVH asks the same of a login's password as of a database's
    password_checks = (check_password,)
    password_policy = PASSWORD_POLICY


class AccessSshForm(AccessChangeForm):
    ssh_state = SelectField(_l("How it connects"), validate_choice=False)
    submit = SubmitField(_l("Save"))

    def __init__(self, current: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.ssh_state.choices = ssh_choices()
        self.current = current
        if not self.is_submitted():
            self.ssh_state.data = current

    def validate_ssh_state(self, field: Field) -> None:
        if field.data not in SSH_STATES:
            raise ValidationError(_l("Choose how the login connects."))
        if field.data == self.current:
            raise ValidationError(_l("This is already how it connects: choose another way."))

    def changes(self) -> UserChanges:
        return UserChanges(ssh_state=self.ssh_state.data)


class SwitchAccessForm(AccessChangeForm):
    submit = SubmitField(_l("Confirm"))


class DeleteAccessForm(AccessChangeForm):
    confirm_login = StringField(_l("Login"), filters=[stripped])
    submit = SubmitField(_l("Delete the login for good"))

    def __init__(self, login: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.login = login

    def validate_confirm_login(self, field: Field) -> None:
        if field.data != self.login:
            raise ValidationError(
                _l("Type the login exactly as shown, “%(login)s”, to confirm.", login=self.login)
            )


def folder_choices(paths: Sequence[str]) -> list[str]:
    """The plan's folders people know: those its domains are served from, top folders first."""
    found = {path.strip("/") for path in paths if path and path.strip("/") not in ("", ".")}
    return sorted(found, key=lambda folder: (folder.count("/"), folder))

"""The forms of a database's backups: back up now, restore, delete a backup, import a file, copy
into another database. Each destructive one carries the safety net: back up the database about
to be overwritten first, checked by default."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, Field, SelectField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from app.databases.forms import BUSY_DATABASE, REFUSED_VALUE, DatabaseChangeForm
from app.services.backups import IMPORT_EXTENSIONS
from app.services.databases import Database
from app.services.errors import Conflict, InvalidInput, PanelError, Refused
from app.templating import megabytes

SAFETY_NET = _l("Back up the database as it is now first (recommended)")
SAFETY_NET_HELP = _l(
    "The panel first saves a backup of the current content and waits for OVH to finish it, so "
    "you can come back to it if needed. It takes a little longer."
)
NOT_READY = _l(
    "OVH refused: the backup or the database is not ready for this yet. Wait a minute, then "
    "try again."
)


class BackUpForm(DatabaseChangeForm):
    submit = SubmitField(_l("Back up now"))


class DeleteBackupForm(DatabaseChangeForm):
    submit = SubmitField(_l("Delete this backup"))


class RestoreForm(DatabaseChangeForm):
    ovh_refusals: ClassVar[tuple[type[PanelError], ...]] = (InvalidInput, Conflict, Refused)
    ovh_sentences: ClassVar[Mapping[type[PanelError], Any]] = {
        Conflict: BUSY_DATABASE,
        InvalidInput: REFUSED_VALUE,
        Refused: NOT_READY,
    }
    back_up_first = BooleanField(SAFETY_NET, default=True, description=SAFETY_NET_HELP)
    submit = SubmitField(_l("Restore this backup"))


class ImportForm(DatabaseChangeForm):
    ovh_refusals: ClassVar[tuple[type[PanelError], ...]] = (InvalidInput, Conflict, Refused)
    ovh_sentences: ClassVar[Mapping[type[PanelError], Any]] = {
        Conflict: BUSY_DATABASE,
        InvalidInput: REFUSED_VALUE,
        Refused: NOT_READY,
    }
    ovh_fields: ClassVar[Mapping[type[PanelError], str]] = {InvalidInput: "file"}
    file = FileField(
        _l("SQL file"),
        description=_l("A .sql file, or a .sql.gz file (compressed with gzip)."),
    )
    flush = BooleanField(
        _l("Empty the database first"),
        description=_l(
            "Every table already in the database is removed before the file is imported, so "
            "the database holds exactly what the file contains. Leave it unticked to add the "
            "file's content to what is there."
        ),
    )
    back_up_first = BooleanField(SAFETY_NET, default=True, description=SAFETY_NET_HELP)
    submit = SubmitField(_l("Import the file"))

    def __init__(self, max_mb: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_mb = max_mb

    def validate_file(self, field: Field) -> None:
        upload = field.data
        name = getattr(upload, "filename", "") or ""
        if not name:
            raise ValidationError(_l("Choose the file to import."))
        if not name.lower().endswith(IMPORT_EXTENSIONS):
            raise ValidationError(
                _l("Choose a file ending in .sql or .sql.gz; “%(name)s” is neither.", name=name)
            )
        size = file_size(upload)
        if size == 0:
            raise ValidationError(_l("This file is empty."))
        if size > self.max_mb * 1024 * 1024:
            raise ValidationError(
                _l("This file is too big: at most %(size)s.", size=megabytes(self.max_mb))
            )


def file_size(upload: Any) -> int:
    stream = upload.stream
    position = stream.tell()
    stream.seek(0, 2)
    size = int(stream.tell())
    stream.seek(position)
    return size


class CopyForm(DatabaseChangeForm):
    ovh_refusals: ClassVar[tuple[type[PanelError], ...]] = (InvalidInput, Conflict, Refused)
    ovh_sentences: ClassVar[Mapping[type[PanelError], Any]] = {
        Conflict: BUSY_DATABASE,
        InvalidInput: REFUSED_VALUE,
        Refused: NOT_READY,
    }
    target = SelectField(_l("Copy into"), validate_choice=False)
    flush = BooleanField(
        _l("Empty that database first"),
        default=True,
        description=_l(
            "Recommended: the other database then holds exactly a copy of this one. Unticked, "
            "the copy is added to what it holds, and tables with the same name are replaced."
        ),
    )
    back_up_first = BooleanField(SAFETY_NET, default=True, description=SAFETY_NET_HELP)
    submit = SubmitField(_l("Copy the content"))

    def __init__(self, source: Database, targets: Sequence[Database], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.targets = {database.name: database for database in targets}
        self.target.choices = [
            SelectChoice("", _l("Choose a database")),
            *(SelectChoice(name, name) for name in self.targets),
        ]
        self.source = source

    def validate_target(self, field: Field) -> None:
        if field.data not in self.targets:
            raise ValidationError(_l("Choose one of the databases of the list."))

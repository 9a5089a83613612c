"""The Databases list's filters: what the query string asks for, checked before OVH sees it."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import Field, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, ValidationError

from app.forms import PanelForm, stripped
from app.labels import label_of
from app.services.databases import ENGINES, MODES, DatabaseFilters


class FilterDatabasesForm(PanelForm):
    """The list's filters, read from the query string so a filtered view can be bookmarked."""

    class Meta:
        csrf = False  # a GET search form: it changes nothing

    type = SelectField(
        _l("Engine"),
        choices=[
            SelectChoice("", _l("Any engine")),
            *(SelectChoice(e, label_of("engine", e)) for e in ENGINES),
        ],
        validate_choice=False,
    )
    mode = SelectField(
        _l("Mode"),
        choices=[
            SelectChoice("", _l("Any mode")),
            *(SelectChoice(m, label_of("mode", m)) for m in MODES),
        ],
        validate_choice=False,
    )
    name = StringField(_l("Name contains"), filters=[stripped], validators=[Length(max=100)])
    user = StringField(_l("User contains"), filters=[stripped], validators=[Length(max=100)])
    server = StringField(_l("Server contains"), filters=[stripped], validators=[Length(max=255)])

    def validate_type(self, field: Field) -> None:
        if field.data and field.data not in ENGINES:
            raise ValidationError(_l("Choose an engine from the list."))

    def validate_mode(self, field: Field) -> None:
        if field.data and field.data not in MODES:
            raise ValidationError(_l("Choose a mode from the list."))

    def filters(self) -> DatabaseFilters:
        """The valid filters only: a wrong value is pointed out and left out, never sent."""
        self.validate()
        values = {
            name: (self[name].data or None) if not self[name].errors else None
            for name in ("type", "mode", "name", "user", "server")
        }
        return DatabaseFilters(**values)

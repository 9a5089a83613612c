"""Forms of the administration pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, EmailField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional

ROLE_CHOICES = [
    SelectChoice("staff", _l("Staff: sees only the sites given to them")),
    SelectChoice("admin", _l("Administrator: sees and manages everything")),
]
LEVEL_CHOICES = [
    SelectChoice("view", _l("View: can look at everything about the site")),
    SelectChoice("operate", _l("Operate: can also add domains, SSL and databases")),
]
# The same, in a word, for lists and the history.
ROLE_NAMES = {"staff": _l("Staff"), "admin": _l("Administrator")}
LEVEL_NAMES = {"view": _l("View"), "operate": _l("Operate")}
OUTCOME_CHOICES = [
    SelectChoice("", _l("Any result")),
    SelectChoice("submitted", _l("Sent")),
    SelectChoice("accepted", _l("Accepted")),
    SelectChoice("rejected", _l("Refused")),
    SelectChoice("failed", _l("Failed")),
]


class AddUserForm(FlaskForm):
    email = EmailField(
        _l("Email"),
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
        description=_l("They sign in with it. No email is sent: you share the link yourself."),
    )
    display_name = StringField(_l("Name"), validators=[Optional(), Length(max=100)])
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, default="staff")
    submit = SubmitField(_l("Add the user"))


class ChangeRoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=ROLE_CHOICES)
    submit = SubmitField(_l("Change the role"))


class GrantServiceForm(FlaskForm):
    service_name = SelectField(_l("Site"), choices=[], validate_choice=True)
    level = SelectField(_l("Access"), choices=LEVEL_CHOICES, default="view")
    submit = SubmitField(_l("Give access"))


class FilterAuditForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search form: it changes nothing

    user = SelectField(_l("Person"), choices=[], default="")
    # Any name is accepted: a site may have left the account while its history stays.
    service = SelectField(_l("Site"), choices=[], default="", validate_choice=False)
    action = SelectField(_l("Action"), choices=[], default="")
    outcome = SelectField(_l("Result"), choices=OUTCOME_CHOICES, default="")
    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("Until"), validators=[Optional()])
    hide_sign_ins = BooleanField(_l("Hide sign-ins"))
    submit = SubmitField(_l("Filter"))

"""Forms of the administration pages."""

from __future__ import annotations

from typing import Any, ClassVar

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, EmailField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional

from app.forms import PanelForm

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


class AddUserForm(PanelForm):
    email = EmailField(
        _l("Email"),
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
        description=_l("They sign in with it. No email is sent: you share the link yourself."),
    )
    display_name = StringField(_l("Name"), validators=[Optional(), Length(max=100)])
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, default="staff")
    submit = SubmitField(_l("Add the user"))
    sites: ClassVar[dict[str, str]] = {}  # set per request by add_user_form()

    def site_fields(self) -> list[tuple[str, Any]]:
        """(service name, field) for each site, in the order people read them."""
        return [(name, self[site_field_name(name)]) for name in self.sites]

    def chosen_access(self) -> dict[str, str]:
        """The access chosen per site, leaving out "No access"."""
        return {name: field.data for name, field in self.site_fields() if field.data}


# What a new person may do on each site, chosen on the add-user form.
ACCESS_CHOICES = [
    SelectChoice("", _l("No access")),
    SelectChoice("view", _l("Can look")),
    SelectChoice("operate", _l("Can make changes")),
]
# How the link page sums it up: "Marie will see: Example shop, can make changes".
ACCESS_SUMMARIES = {"view": _l("can look"), "operate": _l("can make changes")}


def site_field_name(service_name: str) -> str:
    """A form field name for one site (service names hold dots, which field names cannot)."""
    return "site_" + service_name.replace("_", "_u").replace("-", "_h").replace(".", "_d")


def add_user_form(sites: dict[str, str]) -> AddUserForm:
    """The add-user form with one access choice per site of the account (``sites`` maps each
    service name to the name people know it by), so nothing is left for a second visit."""

    class WithSites(AddUserForm):
        pass

    WithSites.sites = dict(sites)

    for service_name, label in sites.items():
        setattr(
            WithSites,
            site_field_name(service_name),
            SelectField(label, choices=ACCESS_CHOICES, default=""),
        )
    return WithSites()


class ChangeRoleForm(PanelForm):
    role = SelectField(_l("Role"), choices=ROLE_CHOICES)
    submit = SubmitField(_l("Change the role"))


class GrantServiceForm(PanelForm):
    service_name = SelectField(_l("Site"), choices=[], validate_choice=True)
    level = SelectField(_l("Access"), choices=LEVEL_CHOICES, default="view")
    submit = SubmitField(_l("Give access"))


class FilterAuditForm(PanelForm):
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

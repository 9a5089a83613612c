"""Forms for signing in, setting a password and the profile page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length

from app.accounts.passwords import PASSWORD_RULES, GoodPassword
from app.forms import PanelForm

LANGUAGE_CHOICES = [
    SelectChoice("", _l("Same as my browser")),
    SelectChoice("en", "English"),
    SelectChoice("fr", "Français"),
]


class SignInForm(PanelForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)])
    remember = BooleanField(
        _l("Keep me signed in"),
        description=_l("Only on a computer that you alone use. You stay signed in for 30 days."),
    )
    submit = SubmitField(_l("Sign in"))


class NewPasswordMixin:
    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), Length(max=1024), GoodPassword()],
        description=PASSWORD_RULES,
    )
    confirm = PasswordField(
        _l("New password, again"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords differ."))],
    )


class SetPasswordForm(NewPasswordMixin, PanelForm):
    # The link's token travels in the URL's fragment (never sent to the server, so never in an
    # access log); the page's script copies it here. Without JavaScript, it is pasted by hand.
    token = StringField(
        _l("Code from your link"),
        validators=[Length(max=100)],
        description=_l("The part of the link after the # sign."),
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    submit = SubmitField(_l("Set my password"))


class ChangePasswordForm(NewPasswordMixin, PanelForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired()])
    submit = SubmitField(_l("Change my password"))


class EditProfileForm(PanelForm):
    display_name = StringField(
        _l("Your name"),
        validators=[Length(max=100)],
        description=_l("How the panel greets you and names you in the history."),
    )
    locale = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)
    submit = SubmitField(_l("Save"))

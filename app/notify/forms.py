"""The profile's Notifications form: what the person hears about, and how."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField, SubmitField
from wtforms.validators import Length, Optional, ValidationError

from app.forms import PanelForm
from app.notify.channels import check_chat_destination, valid_chat_destination
from app.notify.destinations import UNKNOWN, Refused


class NotificationsForm(PanelForm):
    my_tasks = BooleanField(_l("When an operation I started ends or fails"))
    plan_tasks = BooleanField(_l("When any operation ends on the sites I may change"))
    watch = BooleanField(_l("The daily watch: what needs attention on my sites"))
    by_email = BooleanField(_l("By email"))
    chat = StringField(
        _l("Chat or webhook destination"),
        validators=[Optional(), Length(max=2000)],
        description=_l(
            "An address in Apprise's format, such as slack://…, msteams://…, discord://… or "
            "json://… for a webhook, on a public address (the panel does not send to its own "
            "machine or a private network). It holds the service's key: it is kept encrypted and "
            "never shown again. Leave empty to keep the current one."
        ),
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    forget_chat = BooleanField(_l("Stop sending to my chat destination"))
    submit = SubmitField(_l("Save my notifications"))

    def validate_chat(self, field: Any) -> None:
        value = (field.data or "").strip()
        if not value:
            return
        if not valid_chat_destination(value):
            raise ValidationError(
                _l("This is not a destination the panel knows. Check the address's beginning.")
            )
        try:
            check_chat_destination(value)
        except Refused as refused:
            if refused.why == UNKNOWN:
                raise ValidationError(
                    _l("The panel cannot find %(host)s. Check its spelling.", host=refused.host)
                ) from None
            raise ValidationError(
                _l(
                    "The panel does not send to %(host)s: it is on the panel's own machine or a "
                    "private network. Use the service's public address; an administrator can "
                    "allow an intranet address with the NOTIFY_ALLOWED_HOSTS setting.",
                    host=refused.host,
                )
            ) from None

"""The forms of the Jobs tab: a job (create and change), switch it on or off, delete it."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from babel.dates import get_day_names
from flask import request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Field, SelectField, StringField, SubmitField
from wtforms.validators import Length, Optional, ValidationError

from app.cron import schedule
from app.domains.forms import check_path
from app.forms import PanelForm, busy_or_refused, stripped
from app.labels import label_of
from app.services.crons import COMMAND_MAX_LENGTH, EMAIL_CHOICES, Cron, CronSettings, command_for

OTHER_EMAIL = "+other"
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
KINDS = {
    schedule.HOURLY: _l("Every hour"),
    schedule.DAILY: _l("Every day at…"),
    schedule.WEEKLY: _l("Every week on…"),
    schedule.CUSTOM: _l("My own schedule (crontab)"),
}
BUSY_JOB = _l(
    "OVH is already working on this job. Wait until that operation ends (see the Tasks tab), "
    "then try again."
)


def language_label(language: str) -> str:
    """``php8.2`` → "PHP 8.2", ``node14`` → "Node.js 14", ``python3`` → "Python 3"."""
    for prefix, name in (
        ("php", "PHP"),
        ("node", "Node.js"),
        ("python", "Python"),
        ("ruby", "Ruby"),
    ):
        if language.startswith(prefix):
            return f"{name} {language[len(prefix) :]}"
    return str(_l("Other (the script's first line says what runs it)"))


class CronForm(PanelForm):
    ovh_sentences = busy_or_refused(BUSY_JOB)
    ovh_field_hints: ClassVar[Mapping[str, str]] = {
        "command": "script",
        "frequency": "raw",
        "language": "language",
        "email": "email",
    }

    script = StringField(
        _l("Script to run"),
        filters=[stripped],
        description=_l(
            "The path of the script inside the plan's space, for example www/cron/sitemap.php."
        ),
    )
    language = SelectField(_l("Language"), validate_choice=False)
    kind = SelectField(_l("When"), validate_choice=False, default=schedule.DAILY)
    hour = SelectField(_l("At"), validate_choice=False, default="3")
    weekday = SelectField(_l("Day of the week"), validate_choice=False, default="1")
    raw = StringField(
        _l("Schedule (crontab)"),
        filters=[stripped],
        validators=[Optional()],
        description=_l(
            "Minute, hour, day of the month, month, day of the week: 0 3 * * 1 is every Monday "
            "at 03:00. OVH ignores the minute: a job runs some time within the hour."
        ),
    )
    description = StringField(
        _l("Description (for you)"), filters=[stripped], validators=[Length(max=100)]
    )
    email = SelectField(_l("Email when it fails"), validate_choice=False, default="no")
    email_address = StringField(_l("Email address"), filters=[stripped], validators=[Optional()])
    enabled = BooleanField(_l("Switched on"), default=True)
    preview = SubmitField(_l("Explain this schedule"))
    submit = SubmitField(_l("Save the job"))

    def __init__(
        self, languages: Sequence[str], current: Cron | None = None, **kwargs: Any
    ) -> None:
        # The job's settings show until the person sends their own; a POST never falls back on them.
        editing = current is not None and request.method != "POST"
        super().__init__(data=_data_of(current) if editing and current else None, **kwargs)
        self.languages = list(languages)
        self.language.choices = [(lang, language_label(lang)) for lang in self.languages]
        self.kind.choices = list(KINDS.items())
        self.hour.choices = [(str(h), f"{h:02d}:00") for h in range(24)]
        names = get_day_names("wide", locale=get_locale())
        self.weekday.choices = [(str((index + 1) % 7), str(names[index])) for index in range(7)]
        self.email.choices = [
            *((choice, label_of("cron_email", choice)) for choice in EMAIL_CHOICES),
            (OTHER_EMAIL, _l("Another address…")),
        ]
        if current is None and not self.is_submitted():
            default = next(
                (lang for lang in reversed(self.languages) if lang.startswith("php")), None
            )
            self.language.data = default or (self.languages[0] if self.languages else None)

    def validate_script(self, field: Field) -> None:
        if not field.data:
            raise ValidationError(_l("Type the path of the script, for example www/cron/job.php."))
        check_path(self, field)
        if field.data == "." or field.data.endswith("/"):
            raise ValidationError(_l("Type the path of a script file, not a folder."))
        if len(command_for(field.data)) > COMMAND_MAX_LENGTH:
            raise ValidationError(
                _l(
                    "The path is too long: OVH takes at most %(max)s characters.",
                    max=COMMAND_MAX_LENGTH - 2,
                )
            )

    def validate_language(self, field: Field) -> None:
        if field.data not in self.languages:
            raise ValidationError(_l("Choose one of the languages this plan offers."))

    def validate_kind(self, field: Field) -> None:
        if field.data not in KINDS:
            raise ValidationError(_l("Choose when the job runs."))

    def validate_hour(self, field: Field) -> None:
        if not (field.data or "").isdigit() or int(field.data) > 23:
            raise ValidationError(_l("Choose an hour from the list."))

    def validate_weekday(self, field: Field) -> None:
        if field.data not in {str(n) for n in range(7)}:
            raise ValidationError(_l("Choose a day from the list."))

    def validate_raw(self, field: Field) -> None:
        if self.kind.data != schedule.CUSTOM:
            return
        if not field.data:
            raise ValidationError(_l("Type the schedule, for example 0 3 * * *."))
        try:
            field.data = schedule.check(field.data)
        except schedule.ScheduleError as error:
            raise ValidationError(str(error)) from error

    def validate_email(self, field: Field) -> None:
        if field.data not in (*EMAIL_CHOICES, OTHER_EMAIL):
            raise ValidationError(_l("Choose who gets an email from the list."))

    def validate_email_address(self, field: Field) -> None:
        if self.email.data != OTHER_EMAIL:
            return
        if not field.data or not EMAIL.fullmatch(field.data):
            raise ValidationError(_l("Type an email address, for example it@example.com."))

    @property
    def frequency(self) -> str:
        if self.kind.data == schedule.CUSTOM:
            return self.raw.data or ""
        choice = schedule.Choice(
            self.kind.data or schedule.DAILY, int(self.hour.data or 0), int(self.weekday.data or 1)
        )
        return schedule.build(choice)

    def explained(self) -> tuple[str | None, str | None]:
        """The schedule in words, or why it cannot be read: what the form shows under it."""
        try:
            frequency = schedule.check(self.frequency)
        except (schedule.ScheduleError, ValueError) as error:
            return None, str(error)
        return schedule.explain(frequency), None

    def settings(self) -> CronSettings:
        return CronSettings(
            script=self.script.data or "",
            frequency=self.frequency,
            language=self.language.data or "",
            description=self.description.data or "",
            email=(self.email_address.data if self.email.data == OTHER_EMAIL else self.email.data)
            or "no",
            enabled=bool(self.enabled.data),
        )


def _data_of(cron: Cron) -> dict[str, Any]:
    choice = schedule.recognise(cron.frequency)
    email = cron.email or "no"
    return {
        "script": cron.script,
        "language": cron.language,
        "kind": choice.kind if choice else schedule.CUSTOM,
        "hour": str(choice.hour if choice else 3),
        "weekday": str(choice.weekday if choice else 1),
        "raw": cron.frequency,
        "description": cron.description,
        "email": email if email in EMAIL_CHOICES else OTHER_EMAIL,
        "email_address": "" if email in EMAIL_CHOICES else email,
        "enabled": cron.status != "disabled",
    }


class CronChangeForm(PanelForm):
    ovh_sentences = busy_or_refused(BUSY_JOB)
    submit = SubmitField(_l("Confirm"))


class DeleteCronForm(CronChangeForm):
    submit = SubmitField(_l("Delete the job"))

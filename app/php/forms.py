"""The forms of the PHP tab: change the configuration (with a review step) and roll back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, ClassVar

from flask import request
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from wtforms import BooleanField, Field, SelectField, SubmitField
from wtforms.validators import ValidationError
from wtforms.widgets import HiddenInput

from app.forms import PanelForm, busy_or_refused
from app.labels import label_of
from app.services.php import ENGINES, ENVIRONMENTS, FIREWALLS, PhpConfig, VersionChoice

KEEP_CONTAINER = ""
FIELDS = ("engineVersion", "engineName", "environment", "httpFirewall", "container")
BUSY = _l(
    "OVH is already changing this configuration. Wait until that operation ends (see the Tasks "
    "tab), then try again."
)


class ChangePhpForm(PanelForm):
    ovh_sentences = busy_or_refused(BUSY)
    ovh_field_hints: ClassVar[Mapping[str, str]] = {
        "container": "container",
        "php": "engineVersion",
        "version": "engineVersion",
    }

    engineVersion = SelectField(_l("PHP version"), validate_choice=False)
    engineName = SelectField(_l("PHP engine"), validate_choice=False)
    environment = SelectField(_l("Environment"), validate_choice=False)
    httpFirewall = SelectField(_l("Web application firewall"), validate_choice=False)
    container = SelectField(
        _l("System image"),
        validate_choice=False,
        description=_l(
            "The server system the site runs on. Keep the suggested one unless a developer "
            "asks otherwise."
        ),
    )
    confirm = BooleanField(default=False)
    submit = SubmitField(_l("Review the changes"))

    def __init__(self, current: PhpConfig, versions: Sequence[VersionChoice]) -> None:
        values = None if request.method == "POST" else {**current.settings(), "container": ""}
        super().__init__(data=values)
        self.current = current
        self.versions = {choice.version: choice for choice in versions}
        self.engineVersion.choices = [(v.version, v.version) for v in versions]
        self.engineName.choices = [(e, label_of("php_engine", e)) for e in ENGINES]
        self.environment.choices = [(e, label_of("php_environment", e)) for e in ENVIRONMENTS]
        self.httpFirewall.choices = [(f, label_of("php_firewall", f)) for f in FIREWALLS]
        images = sorted({c for choice in versions for c in choice.containers})
        self.container.choices = [
            (KEEP_CONTAINER, _l("Suggested for the chosen version")),
            *((image, image) for image in images),
        ]

    def validate_engineVersion(self, field: Field) -> None:
        if field.data not in self.versions:
            raise ValidationError(
                _l(
                    "Choose one of the versions this plan offers: %(versions)s.",
                    versions=", ".join(self.versions),
                )
            )

    def validate_engineName(self, field: Field) -> None:
        if field.data not in ENGINES:
            raise ValidationError(_l("Choose an engine from the list."))

    def validate_environment(self, field: Field) -> None:
        if field.data not in ENVIRONMENTS:
            raise ValidationError(_l("Choose an environment from the list."))

    def validate_httpFirewall(self, field: Field) -> None:
        if field.data not in FIREWALLS:
            raise ValidationError(_l("Choose on or off."))

    def validate_container(self, field: Field) -> None:
        choice = self.versions.get(self.engineVersion.data or "")
        if field.data and choice is not None and field.data not in choice.containers:
            raise ValidationError(
                _l(
                    "PHP %(version)s runs on: %(images)s.",
                    version=choice.version,
                    images=", ".join(choice.containers),
                )
            )

    def changes(self) -> dict[str, str]:
        """Only what differs from the current configuration (OVH keeps the rest)."""
        wanted = {name: self[name].data or "" for name in FIELDS}
        current = self.current.settings()
        changed = {k: v for k, v in wanted.items() if v and v != current.get(k)}
        choice = self.versions.get(wanted["engineVersion"])
        if "container" not in changed and choice and current["container"] not in choice.containers:
            changed["container"] = choice.containers[-1]  # the current one cannot run it
        return changed

    def chosen(self) -> VersionChoice | None:
        return self.versions.get(self.engineVersion.data or "")

    def warns_end_of_life(self, today: date) -> bool:
        choice = self.chosen()
        return bool(choice and choice.ended(today) and choice.version != self.current.version)

    def confirmation(self) -> Markup:
        hidden = HiddenInput()
        inputs = [hidden(self.confirm, value="y")]
        inputs += [hidden(self[name], value=self[name].data or "") for name in FIELDS]
        return Markup("").join(inputs)


class RollbackPhpForm(PanelForm):
    ovh_sentences = busy_or_refused(BUSY)
    rollback_id = SelectField(_l("Go back to"), validate_choice=False)
    submit = SubmitField(_l("Go back to this configuration"))

    def __init__(self, earlier: Sequence[PhpConfig], describe: Any) -> None:
        super().__init__()
        self.earlier = {str(config.id): config for config in earlier}
        self.rollback_id.choices = [(key, describe(config)) for key, config in self.earlier.items()]

    def validate_rollback_id(self, field: Field) -> None:
        if field.data not in self.earlier:
            raise ValidationError(_l("Choose one of the earlier configurations listed."))

    @property
    def chosen(self) -> PhpConfig:
        return self.earlier[self.rollback_id.data or ""]

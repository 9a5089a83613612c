"""Forms to attach, modify and detach domains, with every check made before OVH sees them."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Self

from babel import Locale
from flask import request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from wtforms import BooleanField, Field, SelectField, StringField, SubmitField
from wtforms.validators import ValidationError
from wtforms.widgets import HiddenInput

from app.forms import PanelForm, retried
from app.services.domain_names import (
    DomainName,
    DomainNameError,
    display_name,
    folders_in_use,
    is_registrable,
    parse_domain,
    pasted_host,
    proposed_folder,
    same_folder,
)
from app.services.domains import IP_LOCATIONS, SETTINGS, AttachedDomain, DomainSettings

MAX_PATH_LENGTH = 200
_PATH_CHARACTERS = re.compile(r"^[A-Za-z0-9._/~+@=-]*$")

DOMAIN_ERRORS: dict[str, Any] = {
    "empty": _l("Type the address of the site, for example shop.example.com."),
    "syntax": _l(
        "This is not a valid domain name. Use letters, digits and hyphens separated by dots, "
        "for example shop.example.com, without http:// or a slash."
    ),
    "too_long": _l("This domain name is too long: at most 253 characters, 63 between two dots."),
    "idna": _l("This name contains characters that cannot be used in a domain name."),
    "public_suffix": _l(
        "This is a domain extension shared by everyone (like .com or .co.uk), not a domain. "
        "Type the full name, for example example.co.uk."
    ),
}


def normalized_path(text: str) -> str:
    """The folder as OVH wants it: relative to the home folder, no ``./``, no trailing ``/``."""
    return same_folder(text)


def check_path(form: PanelForm, field: Field) -> None:
    raw = field.data or ""
    if any(ord(char) < 32 or ord(char) == 127 for char in raw):
        raise ValidationError(_l("The folder name contains invisible control characters."))
    path = normalized_path(raw)
    if path == ".":
        # The home folder itself holds every site's folder (and more): a site shown from there
        # would show all of them. OVH would take it, written "." on the Domains tab. The form
        # comes back with the proposed folder filled in.
        field.data = getattr(form, "proposal", None) or raw
        raise ValidationError(
            _l("Choose a folder for this site, for example %(folder)s.", folder=_example(form))
        )
    if path.startswith("/") or path.startswith("~"):
        raise ValidationError(
            _l(
                "Write the folder relative to your home folder, without a leading slash: "
                "for example www or sites/shop."
            )
        )
    if ".." in path.split("/"):
        raise ValidationError(
            _l("The folder must stay inside your home folder: “..” is not allowed.")
        )
    if len(path) > MAX_PATH_LENGTH:
        raise ValidationError(
            _l("The folder name is too long: at most %(max)d characters.", max=MAX_PATH_LENGTH)
        )
    if not _PATH_CHARACTERS.match(path):
        raise ValidationError(
            _l(
                "Use only letters, digits, dots, hyphens, underscores and slashes in the folder "
                "name."
            )
        )
    field.data = path


def _example(form: PanelForm) -> str:
    proposal: str | None = getattr(form, "proposal", None)
    return proposal or "shop.example.com"


def ip_location_choices() -> list[tuple[str, str]]:
    """OVH's 14 IP locations, named in the reader's language (OVH says UK for Great Britain)."""
    territories = Locale.parse(str(get_locale() or "en")).territories
    named = [(code, territories.get("GB" if code == "UK" else code, code)) for code in IP_LOCATIONS]
    named.sort(key=lambda item: item[1])
    return [("", str(_l("Automatic (the hosting's own location)"))), *named]


class DomainSettingsForm(PanelForm):
    ovh_field_hints: ClassVar[Mapping[str, str]] = {
        "path": "path",
        "domain": "domain",
        "ownlog": "own_log",
    }

    path = StringField(
        _l("Folder"),
        validators=[check_path],
        description=_l(
            "Where this site's files live, inside your hosting space. Visitors of this address "
            "see the files of this folder. Several domains can share a folder (they show the "
            "same site)."
        ),
    )
    ssl = BooleanField(
        _l("Secure with HTTPS (SSL)"),
        default=True,
        description=_l(
            "Includes this address in the hosting's free SSL certificate, so visitors see the "
            "padlock. Recommended."
        ),
    )
    cdn = BooleanField(
        _l("Speed up with the CDN"),
        description=_l(
            "Serves the site from OVH's servers close to visitors. Only if your plan includes "
            "a CDN."
        ),
    )
    firewall = BooleanField(
        _l("Web application firewall"),
        description=_l("Filters common attacks before they reach the site."),
    )
    ip_location = SelectField(
        _l("IP address location"),
        choices=[],
        default="",
        description=_l(
            "The country the site's address appears to be in, for local search results. Leave it "
            "automatic unless you have a reason."
        ),
    )
    own_log = SelectField(
        _l("Separate statistics and logs"),
        choices=[],
        default="",
        description=_l(
            "Keep the visit statistics of this address apart, under the name of one of your "
            "domains."
        ),
    )

    def offer_choices(self, domains: Sequence[AttachedDomain], editing: str | None = None) -> None:
        self.ip_location.choices = ip_location_choices()
        self.own_log.choices = [("", str(_l("No, count them with the hosting")))] + [
            (domain.domain, domain.unicode) for domain in domains if domain.domain != editing
        ]
        self._known_domains = {domain.domain for domain in domains}
        self.folders = folders_in_use(
            (domain.domain, domain.path) for domain in domains if domain.domain != editing
        )

    def validate_own_log(self, field: Field) -> None:
        if field.data and field.data not in getattr(self, "_known_domains", set()):
            raise ValidationError(_l("Choose one of the domains attached to this hosting."))

    def settings(self) -> DomainSettings:
        """What was chosen; once validated, the folder is already written as OVH wants it."""
        return DomainSettings(**{name: _chosen(self[name]) for name in SETTINGS})


def _chosen(field: Field) -> Any:
    return bool(field.data) if field.type == "BooleanField" else (field.data or None)


class AttachDomainForm(DomainSettingsForm):
    domain = StringField(
        _l("Domain"),
        description=_l(
            "The address people will type to reach the site, for example shop.example.com. "
            "International names such as café.fr are fine, and so is an address copied from "
            "the browser."
        ),
    )
    with_www = BooleanField(
        _l("Also attach the www. version"),
        default=True,
        description=_l(
            "For a main domain such as example.com, www.example.com is attached too, so both "
            "addresses work. A subdomain such as shop.example.com has no www. version."
        ),
    )
    share_folder = BooleanField(
        _l("Show the same site as the addresses already using this folder"),
        description=_l("Tick this only if this address should show exactly the same site as them."),
    )
    auto_dns = BooleanField(
        _l("Let OVH create the DNS records"),
        default=True,
        description=_l(
            "When the domain's DNS zone is managed in this same OVH account, OVH adds the records "
            "that point it to this hosting. Untick it if you manage the domain's DNS yourself or "
            "elsewhere: you will then be shown the records to create."
        ),
    )
    submit = SubmitField(_l("Attach the domain"))
    parsed: DomainName  # set by validation
    proposal: str | None = None
    www_for_subdomain = False  # the www. box came ticked with a subdomain: said, not ignored

    def validate_domain(self, field: Field) -> None:
        try:
            self.parsed = parse_domain(pasted_host(field.data or ""))
        except DomainNameError as error:
            raise ValidationError(DOMAIN_ERRORS[error.reason]) from error
        field.data = self.parsed.unicode
        self.proposal = proposed_folder(self.parsed.ascii)
        if not is_registrable(self.parsed.ascii):
            # A subdomain has no www. version: the box comes back unticked, and the person is
            # told when it came ticked (without JavaScript nothing unticked it as they typed).
            self.www_for_subdomain = bool(self.with_www.data)
            self.with_www.data = False
        if self.parsed.ascii in getattr(self, "_known_domains", set()):
            raise ValidationError(_l("This domain is already attached to this hosting."))

    def validate_path(self, field: Field) -> None:
        users = self.folder_users(field.data or "")
        if users and not self.share_folder.data:
            raise ValidationError(
                _l(
                    "This folder already shows %(addresses)s. Choose another folder for a new "
                    "site, or tick “Show the same site” below.",
                    addresses=", ".join(display_name(name) for name in users),
                )
            )

    def folder_users(self, folder: str) -> list[str]:
        """The other addresses this folder already serves (the new name's www pair aside)."""
        parsed = getattr(self, "parsed", None)
        mine = {parsed.ascii, f"www.{parsed.ascii}"} if parsed else set()
        found = getattr(self, "folders", {}).get(same_folder(folder), [])
        return [name for name in found if name not in mine]

    def validate(self, extra_validators: Any = None) -> bool:
        # The domain first: the folder's checks speak of it (its proposed folder, its www pair).
        try:
            self.parsed = parse_domain(pasted_host(self.domain.data or ""))
            self.proposal = proposed_folder(self.parsed.ascii)
        except DomainNameError:
            self.proposal = None
        return bool(super().validate(extra_validators))


class ModifyDomainForm(DomainSettingsForm):
    confirm = BooleanField(default=False)
    submit = SubmitField(_l("Review the changes"))

    def confirmation(self) -> Markup:
        """The chosen settings as hidden inputs, confirmed: what the summary page sends back."""
        hidden = HiddenInput()
        inputs = [hidden(self.confirm, value="y")]
        for name in SETTINGS:
            field = self[name]
            if field.type != "BooleanField":
                inputs.append(hidden(field, value=field.data or ""))
            elif field.data:
                inputs.append(hidden(field, value="y"))
        return Markup("").join(inputs)

    @classmethod
    def editing(cls, current: AttachedDomain, attached: Sequence[AttachedDomain]) -> Self:
        """The form for ``current``, showing its settings until the person sends their own."""
        values = {name: "" if (v := getattr(current, name)) is None else v for name in SETTINGS}
        form = cls(data=None if request.method == "POST" else values, **retried())
        form.offer_choices(attached, editing=current.domain)
        return form


class DetachDomainForm(PanelForm):
    leave_dns = BooleanField(
        _l("Leave the DNS zone as it is"),
        description=_l(
            "Tick this if the domain's DNS is managed elsewhere or you will point it somewhere "
            "else yourself. Otherwise OVH removes the records that point it to this hosting."
        ),
    )
    submit = SubmitField(_l("Detach the domain"))

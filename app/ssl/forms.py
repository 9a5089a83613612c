"""Forms of the SSL tab. Each PEM is pasted or uploaded (the file wins when both are given), and
checked before OVH sees it. The private key lives only in this request: it is sent to OVH, never
stored, logged, audited or shown back in the form (its field never renders what was typed)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Self

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileSize
from wtforms import BooleanField, HiddenField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from app.forms import PanelForm
from app.services import certificates
from app.services.certificates import CertificateCheck, CertificateSummary
from app.services.domains import AttachedDomain
from app.services.errors import Conflict, InvalidInput, NotAuthorized
from app.ssl import sealed

COVERS_SOME = "cert_covers_some"
PARTS = (certificates.CERTIFICATE, certificates.KEY, certificates.CHAIN)
NOT_PEM = _l(
    "This file is not PEM text (it may be a binary .der or .pfx file). Convert it to PEM first, "
    "for example with “openssl x509 -inform der -in file.der -out file.pem”."
)
MISSING = {
    "certificate": _l("Paste the certificate here, or upload its file below."),
    "key": _l("Paste the private key here, or upload its file below."),
}
SEAL_EXPIRED = _l(
    "The review page was left open too long, so the private key it held has expired (the panel "
    "never keeps it). Paste the private key again."
)
MAX_PEM_BYTES = 64 * 1024
PEM_EXTENSIONS = ["pem", "crt", "cer", "key", "txt"]
# "class_" so the field macro adds it to its own classes instead of losing it.
PEM_AREA = {"rows": 6, "spellcheck": "false", "autocomplete": "off", "class_": "font-monospace"}


@dataclass(frozen=True)
class Checked:
    """A certificate that passed the panel's checks, with the key that goes with it."""

    key: str
    result: CertificateCheck


@dataclass(frozen=True)
class Review:
    """What the review page shows before “Import”: the certificate, and the domains with HTTPS
    on that it leaves uncovered (visitors of those would see a security warning)."""

    summary: CertificateSummary
    uncovered_https: tuple[str, ...]
    uncovered_others: tuple[str, ...]  # attached, not covered, HTTPS off: nothing changes for them
    notices: tuple[str, ...]
    sealed_key: str


def _upload(label: str) -> FileField:
    return FileField(
        label,
        validators=[
            FileAllowed(PEM_EXTENSIONS, _l("Choose a .pem, .crt, .cer, .key or .txt file.")),
            FileSize(MAX_PEM_BYTES, message=_l("This file is too big for a PEM file (64 KB)")),
        ],
    )


# In every PEM private key label: PRIVATE KEY, RSA PRIVATE KEY, ENCRYPTED PRIVATE KEY…
PRIVATE_KEY_MARK = "PRIVATE KEY-----"
KEY_IN_WRONG_BOX = _l(
    "This box held a private key. For your safety it is not shown again: paste the key in the "
    "Private key box, and the certificate here."
)


class SecretArea(TextAreaField):
    """A text area that never shows back what was typed: the private key stays in the request."""

    def _value(self) -> str:
        return ""


def _area(label: str, description: str, kind: type[TextAreaField] = TextAreaField) -> Any:
    return kind(
        label,
        validators=[Length(max=MAX_PEM_BYTES)],
        description=description,
        render_kw=PEM_AREA,
    )


class ImportCertificateForm(PanelForm):
    certificate = _area(
        _l("Certificate"),
        _l("The block starting with -----BEGIN CERTIFICATE-----, as your issuer sent it."),
    )
    certificate_file = _upload(_l("…or upload the certificate file"))
    key = _area(
        _l("Private key"),
        _l(
            "The block starting with -----BEGIN PRIVATE KEY----- (RSA, without passphrase). It is "
            "sent to OVH and never stored by this panel."
        ),
        SecretArea,
    )
    key_file = _upload(_l("…or upload the private key file"))
    chain = _area(
        _l("Chain (optional)"),
        _l("Your issuer's intermediate certificates, one block after the other."),
    )
    chain_file = _upload(_l("…or upload the chain file"))
    submit = SubmitField(_l("Check the certificate"))
    # Set by the review page, which re-posts the checked parts (the key sealed, see ``sealed``).
    reviewed = HiddenField()
    sealed_key = HiddenField()
    checked: Checked | None = None
    service_name = ""
    other_names: Sequence[str] = ()
    https_names: Sequence[str] = ()

    @classmethod
    def covering(cls, service_name: str, attached: Sequence[AttachedDomain]) -> Self:
        """The form for a certificate meant for ``attached`` (the hosting's own name aside)."""
        form = cls()
        form.service_name = service_name
        others = [d for d in attached if d.domain != service_name]
        form.other_names = [d.domain for d in others]
        form.https_names = [d.domain for d in others if d.ssl]
        return form

    @property
    def confirmed(self) -> bool:
        """Whether this is “Import” on the review page, not the first “Check”."""
        return self.reviewed.data == "1"

    def review(self) -> Review:
        """The review page's content (read only after validation)."""
        result = self.pem.result
        assert result.summary is not None
        uncovered = result.summary.uncovered(self.other_names)
        https = tuple(name for name in uncovered if name in self.https_names)
        others = tuple(name for name in uncovered if name not in self.https_names)
        # The review lists the uncovered domains itself, split by HTTPS on or off.
        notices = tuple(
            f.message for f in result.findings if not f.blocking and f.code != COVERS_SOME
        )
        sealed_key = sealed.seal(self.pem.key, self.service_name)
        return Review(result.summary, https, others, notices, sealed_key)

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        """The fields, then every check of the certificate itself, so that OVH only sees one
        that will pass; blocking problems go beside their field."""
        self.checked = None
        texts = [self._text(name) for name in PARTS] if super().validate(extra_validators) else []
        if texts and None not in texts:
            certificate, key, chain = (text or "" for text in texts)
            result = certificates.check_certificate(certificate, key, chain, self.other_names)
            for name in PARTS:
                self[name].errors.extend(result.blocking(name))
            self.checked = Checked(key, result) if result.ok else None
        held_a_key = self._forget_pasted_keys()
        return self.checked is not None and not held_a_key

    def _forget_pasted_keys(self) -> bool:
        """A private key pasted in the wrong box is never shown back either: the box comes back
        empty, with a word beside it."""
        held = False
        for area in (self.certificate, self.chain):
            if PRIVATE_KEY_MARK in (area.data or "").upper():
                held = True
                area.data, area.raw_data = "", []
                area.errors = [*area.errors, KEY_IN_WRONG_BOX]
        return held

    def _text(self, name: str) -> str | None:
        """The uploaded file's text when one is given, else what was pasted."""
        area, upload = self[name], self[name + "_file"]
        if upload.data:
            try:
                return str(upload.data.read().decode("ascii"))
            except UnicodeDecodeError:
                upload.errors.append(NOT_PEM)
                return None
        text = (area.data or "").strip()
        if name == certificates.KEY and not text and self.sealed_key.data:
            key = sealed.unseal(self.sealed_key.data, self.service_name)
            if key is None:
                area.errors.append(SEAL_EXPIRED)
            return key
        if name in MISSING and not text:
            area.errors.append(MISSING[name])
            return None
        return str(text)

    @property
    def pem(self) -> Checked:
        """The checked certificate and its key (read only after validation)."""
        if self.checked is None:
            raise ValueError("the certificate is read before the form is validated")
        return self.checked


class ReplaceCertificateForm(ImportCertificateForm):
    confirm = BooleanField(
        _l("Yes, remove the current certificate and install mine"),
        validators=[DataRequired(_l("Tick this box to confirm the replacement."))],
    )


class OrderCertificateForm(PanelForm):
    submit = SubmitField(_l("Order the free certificate"))


class RegenerateCertificateForm(PanelForm):
    # OVH answers some regenerations it will not do with a 403, not a 400.
    ovh_refusals = (InvalidInput, Conflict, NotAuthorized)
    submit = SubmitField(_l("Regenerate now"))


class DeleteCertificateForm(PanelForm):
    submit = SubmitField(_l("Delete the certificate"))

"""Importing a certificate: reading the pasted or uploaded PEM texts and checking them.

The private key lives only in this request: it is sent to OVH, never stored, logged, audited or
shown back in the form (its field never renders what was typed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask_babel import gettext as _
from wtforms import Field

from app.services import certificates
from app.services.certificates import CertificateCheck

if TYPE_CHECKING:
    from app.ssl.forms import ImportCertificateForm


@dataclass(frozen=True)
class PemTexts:
    certificate: str
    key: str
    chain: str


def _text(area: Field, upload: Field, required: bool, missing: str) -> str | None:
    """The uploaded file's text when one is given, else what was pasted."""
    if upload.data:
        try:
            text: str = upload.data.read().decode("ascii")
        except UnicodeDecodeError:
            upload.errors.append(
                _(
                    "This file is not PEM text (it may be a binary .der or .pfx file). Convert it "
                    "to PEM first, for example with “openssl x509 -inform der -in file.der -out "
                    "file.pem”."
                )
            )
            return None
        return text
    text = (area.data or "").strip()
    if required and not text:
        area.errors.append(missing)
        return None
    return text


def read_texts(form: ImportCertificateForm) -> PemTexts | None:
    certificate = _text(
        form.certificate,
        form.certificate_file,
        True,
        _("Paste the certificate here, or upload its file below."),
    )
    key = _text(
        form.key, form.key_file, True, _("Paste the private key here, or upload its file below.")
    )
    chain = _text(form.chain, form.chain_file, False, "")
    if certificate is None or key is None or chain is None:
        return None
    return PemTexts(certificate, key, chain)


@dataclass(frozen=True)
class Checked:
    """A certificate that passed the panel's checks, with the key that goes with it."""

    key: str
    result: CertificateCheck


def check(form: ImportCertificateForm, other_names: Sequence[str]) -> Checked | None:
    """The texts once every check passed; blocking problems go beside their field."""
    texts = read_texts(form)
    if texts is None:
        return None
    result = certificates.check_certificate(texts.certificate, texts.key, texts.chain, other_names)
    for name in (certificates.CERTIFICATE, certificates.KEY, certificates.CHAIN):
        getattr(form, name).errors.extend(result.blocking(name))
    return Checked(texts.key, result) if result.ok else None

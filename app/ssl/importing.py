"""Importing a certificate: reading the pasted or uploaded PEM texts, checking them, sending them.

The private key lives only in this request: it is sent to OVH, never stored, logged, audited or
put back into the form.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, flash
from flask_babel import gettext as _
from wtforms import Field

from app.audit import audited
from app.extensions import ovh_api
from app.services import certificates, domains, ssl
from app.services.certificates import CertificateCheck
from app.ssl.forms import ImportCertificateForm

# In every PEM private key label: PRIVATE KEY, RSA PRIVATE KEY, ENCRYPTED PRIVATE KEY…
PRIVATE_KEY_MARK = "PRIVATE KEY-----"


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


def check(form: ImportCertificateForm, service_name: str, texts: PemTexts) -> CertificateCheck:
    """Run every check; blocking problems go beside their field, the rest become notices."""
    gateway = ovh_api.gateway
    names = [
        d.domain for d in domains.list_domains(gateway, service_name) if d.domain != service_name
    ]
    result = certificates.check_certificate(texts.certificate, texts.key, texts.chain, names)
    for name in (certificates.CERTIFICATE, certificates.KEY, certificates.CHAIN):
        getattr(form, name).errors.extend(result.blocking(name))
    return result


def send(service_name: str, texts: PemTexts, result: CertificateCheck) -> int | None:
    assert result.summary is not None
    parameters = result.summary.audit_parameters(result.chain_length)
    with audited(
        "ssl.import", service_name=service_name, target=service_name, parameters=parameters
    ) as entry:
        task_id = ssl.import_certificate(
            ovh_api.gateway, service_name, result.certificate, texts.key, result.chain
        )
        entry.accepted(task_id=task_id)
    for notice in result.notices:
        flash(notice, "warning")
    return task_id


def forget_key(form: ImportCertificateForm) -> None:
    """The key field always comes back empty, and so does any other field holding a private
    key (pasted in the wrong box), with a word beside it."""
    form.key.data = ""
    form.key.raw_data = []
    for area in (form.certificate, form.chain):
        if PRIVATE_KEY_MARK in (area.data or "").upper():
            area.data = ""
            area.raw_data = []
            area.errors = [
                *area.errors,
                _(
                    "This box held a private key. For your safety it is not shown again: paste "
                    "the key in the Private key box, and the certificate here."
                ),
            ]


def replace_wait_seconds() -> float:
    return float(current_app.config["SSL_REPLACE_WAIT_SECONDS"])

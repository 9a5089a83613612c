"""The individual checks behind :func:`app.services.certificates.check_certificate`, and the
sentence a person reads for each problem. Each check adds :class:`Finding` items to a list."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa
from cryptography.x509.oid import NameOID
from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l

from app.services.domain_names import display_name

CERTIFICATE = "certificate"
KEY = "key"
CHAIN = "chain"
PEM_BLOCK = re.compile(r"-----BEGIN ([A-Z0-9 ]+)-----\n(.*?)-----END \1-----", re.DOTALL)
SPKI = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
KEY_BLOCKS = ("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY")
DECRYPT_COMMAND = "openssl pkey -in key.pem -out key-unencrypted.pem"

MESSAGES: dict[str, Any] = {
    "cert_not_pem": _l(
        "This is not a certificate in PEM format: it should start with -----BEGIN CERTIFICATE----- "
        "and end with -----END CERTIFICATE-----."
    ),
    "cert_wrong_block": _l(
        "The first block here is a “%(label)s”, not a certificate. Paste the block that starts "
        "with -----BEGIN CERTIFICATE-----."
    ),
    "cert_damaged": _l(
        "Block %(number)s (-----BEGIN %(label)s-----) cannot be read: it is damaged or "
        "incomplete. Copy it again in full."
    ),
    "cert_several": _l(
        "This field held %(count)s certificates: the first one is used as your certificate and "
        "the others are treated as its chain."
    ),
    "cert_not_rsa": _l(
        "This certificate was issued for %(kind)s key. OVH accepts RSA certificates only."
    ),
    "cert_expired": _l(
        "This certificate has expired: it was valid from %(start)s to %(end)s. Renew it with its "
        "issuer, then import the new one."
    ),
    "cert_not_yet_valid": _l(
        "This certificate is not valid yet: it is valid from %(start)s to %(end)s. Import it "
        "once that start date has passed."
    ),
    "cert_covers_none": _l(
        "This certificate covers none of the domains attached to this hosting (it is for "
        "%(names)s). Attach the domain first, or import the certificate made for it."
    ),
    "cert_covers_some": _l(
        "This certificate does not cover every attached domain. These will show a security "
        "warning over HTTPS: %(missing)s."
    ),
    "key_not_pem": _l(
        "This is not a private key in PEM format: it should start with -----BEGIN PRIVATE KEY----- "
        "(or -----BEGIN RSA PRIVATE KEY-----)."
    ),
    "key_wrong_block": _l(
        "This block is a “%(label)s”, not a private key. Paste the block that starts with "
        "-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----."
    ),
    "key_encrypted": _l(
        "This private key is protected by a passphrase, and OVH needs it unprotected. Remove the "
        "passphrase on your own computer with “%(command)s” (it asks for the passphrase), then "
        "paste the new file's content."
    ),
    "key_damaged": _l(
        "This private key cannot be read: it is damaged or incomplete. Copy it again in full."
    ),
    "key_not_rsa": _l(
        "This is %(kind)s key. OVH accepts RSA keys only: have the certificate issued for an RSA "
        "key (for example one made with “openssl genrsa 2048”)."
    ),
    "key_mismatch": _l(
        "This private key does not match the certificate: it belongs to another certificate. Use "
        "the key that was created together with this certificate's request (CSR)."
    ),
    "chain_missing": _l(
        "No chain was given. Most certificates need their issuer's intermediate certificate, or "
        "some browsers will warn visitors. Your issuer provides it."
    ),
    "chain_not_pem": _l(
        "The chain is not in PEM format: it should be one or more blocks starting with "
        "-----BEGIN CERTIFICATE-----."
    ),
    "chain_wrong_block": _l(
        "Block %(number)s of the chain is a “%(label)s”, not a certificate. The chain holds only "
        "the issuer's certificates."
    ),
    "chain_damaged": _l(
        "Certificate %(number)s of the chain cannot be read: it is damaged or incomplete. Copy it "
        "again in full."
    ),
    "chain_unrelated": _l(
        "This chain does not lead from your certificate: none of its certificates issued it. "
        "Your certificate was issued by “%(issuer)s”; use that issuer's chain."
    ),
    "chain_extra": _l(
        "This chain holds certificates that are not part of your certificate's chain: "
        "%(subjects)s. Remove them."
    ),
    "chain_reordered": _l(
        "The chain's certificates were in the wrong order; the panel put them in the right order "
        "(your certificate's issuer first)."
    ),
}
KEY_KINDS: dict[str, Any] = {
    "ec": _l("an elliptic-curve (EC)"),
    "ed": _l("an Ed25519/Ed448"),
    "dsa": _l("a DSA"),
    "other": _l("a non-RSA"),
}


@dataclass(frozen=True)
class Finding:
    """One problem (``blocking``) or one thing worth knowing, about one field."""

    field: str
    message: str
    blocking: bool = True


class Findings(list[Finding]):
    def problem(self, field: str, name: str, **values: Any) -> None:
        self.append(Finding(field, _say(name, values)))

    def notice(self, field: str, name: str, **values: Any) -> None:
        self.append(Finding(field, _say(name, values), blocking=False))


def _say(name: str, values: dict[str, Any]) -> str:
    text = str(MESSAGES[name])
    return text % {k: str(v) for k, v in values.items()} if values else text


def blocks(text: str) -> list[tuple[str, str]]:
    """Each PEM block of ``text`` as (label, whole block)."""
    return [(m.group(1), m.group(0)) for m in PEM_BLOCK.finditer(text.replace("\r\n", "\n"))]


def covered_names(cert: x509.Certificate) -> list[str]:
    """The DNS names in the certificate (its SAN), else its common name."""
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
        return [str(name).lower() for name in san.value.get_values_for_type(x509.DNSName)]
    except x509.ExtensionNotFound:
        return [
            str(attribute.value).lower()
            for attribute in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        ]


def name_covers(pattern: str, domain: str) -> bool:
    """Whether a certificate name covers ``domain``; ``*.a.b`` covers one label below ``a.b``."""
    pattern, domain = pattern.lower().rstrip("."), domain.lower().rstrip(".")
    if pattern.startswith("*."):
        head, _, rest = domain.partition(".")
        return bool(head) and rest == pattern[2:]
    return pattern == domain


def uncovered(names: Iterable[str], domains: Iterable[str]) -> list[str]:
    names = list(names)
    return [d for d in domains if not any(name_covers(name, d) for name in names)]


def read_certificate(
    text: str, found: Findings
) -> tuple[x509.Certificate | None, list[x509.Certificate]]:
    """The certificate, plus any further certificates pasted after it (taken as chain)."""
    pem_blocks = blocks(text)
    if not pem_blocks:
        found.problem(CERTIFICATE, "cert_not_pem")
        return None, []
    if pem_blocks[0][0] != "CERTIFICATE":
        found.problem(CERTIFICATE, "cert_wrong_block", label=pem_blocks[0][0])
        return None, []
    certs = []
    for number, (label, block) in enumerate(pem_blocks, start=1):
        try:
            certs.append(x509.load_pem_x509_certificate(block.encode()))
        except ValueError:
            found.problem(CERTIFICATE, "cert_damaged", number=number, label=label)
            return None, []
    if len(certs) > 1:
        found.notice(CERTIFICATE, "cert_several", count=len(certs))
    return certs[0], certs[1:]


def check_key(text: str, leaf: x509.Certificate | None, found: Findings) -> None:
    pem_blocks = blocks(text)
    if not pem_blocks:
        found.problem(KEY, "key_not_pem")
        return
    label, block = pem_blocks[0]
    if label == "ENCRYPTED PRIVATE KEY" or "ENCRYPTED" in block.split("\n", 2)[1]:
        found.problem(KEY, "key_encrypted", command=DECRYPT_COMMAND)
        return
    if label not in KEY_BLOCKS:
        found.problem(KEY, "key_wrong_block", label=label)
        return
    try:
        private_key = serialization.load_pem_private_key(block.encode(), password=None)
    except TypeError:
        found.problem(KEY, "key_encrypted", command=DECRYPT_COMMAND)
        return
    except (ValueError, UnsupportedAlgorithm):
        found.problem(KEY, "key_damaged")
        return
    if not isinstance(private_key, rsa.RSAPrivateKey):
        found.problem(KEY, "key_not_rsa", kind=key_kind(private_key))
    if leaf is not None:
        ours = private_key.public_key().public_bytes(*SPKI)
        if ours != leaf.public_key().public_bytes(*SPKI):
            found.problem(KEY, "key_mismatch")


def key_kind(key: object) -> Any:
    if isinstance(key, ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey):
        return KEY_KINDS["ec"]
    if isinstance(key, ed25519.Ed25519PrivateKey | ed448.Ed448PrivateKey):
        return KEY_KINDS["ed"]
    if isinstance(key, dsa.DSAPrivateKey | dsa.DSAPublicKey):
        return KEY_KINDS["dsa"]
    return KEY_KINDS["other"]


def check_public_key(leaf: x509.Certificate, found: Findings) -> None:
    public_key = leaf.public_key()
    if not isinstance(public_key, rsa.RSAPublicKey):
        found.problem(CERTIFICATE, "cert_not_rsa", kind=key_kind(public_key))


def check_dates(leaf: x509.Certificate, now: datetime, found: Findings) -> None:
    start, end = leaf.not_valid_before_utc, leaf.not_valid_after_utc
    dates = {"start": format_datetime(start, "medium"), "end": format_datetime(end, "medium")}
    if end <= now:
        found.problem(CERTIFICATE, "cert_expired", **dates)
    elif start > now:
        found.problem(CERTIFICATE, "cert_not_yet_valid", **dates)


def read_chain(text: str, found: Findings) -> list[x509.Certificate]:
    if not text.strip():
        return []
    pem_blocks = blocks(text)
    if not pem_blocks:
        found.problem(CHAIN, "chain_not_pem")
        return []
    certs = []
    for number, (label, block) in enumerate(pem_blocks, start=1):
        if label != "CERTIFICATE":
            found.problem(CHAIN, "chain_wrong_block", number=number, label=label)
            return []
        try:
            certs.append(x509.load_pem_x509_certificate(block.encode()))
        except ValueError:
            found.problem(CHAIN, "chain_damaged", number=number)
            return []
    return certs


def _issued(child: x509.Certificate, issuer: x509.Certificate) -> bool:
    if child.issuer != issuer.subject:
        return False
    try:
        child.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature, UnsupportedAlgorithm):
        return False
    return True


def order_chain(
    leaf: x509.Certificate, given: list[x509.Certificate], found: Findings
) -> list[x509.Certificate]:
    """The chain from the certificate's issuer upwards; reordered when given out of order."""
    if not given:
        if leaf.issuer != leaf.subject:
            found.notice(CHAIN, "chain_missing")
        return []
    remaining = list(given)
    ordered: list[x509.Certificate] = []
    current = leaf
    while (parent := next((c for c in remaining if _issued(current, c)), None)) is not None:
        ordered.append(parent)
        remaining.remove(parent)
        current = parent
    if not ordered:
        found.problem(CHAIN, "chain_unrelated", issuer=leaf.issuer.rfc4514_string())
    elif remaining:
        subjects = ", ".join(cert.subject.rfc4514_string() for cert in remaining)
        found.problem(CHAIN, "chain_extra", subjects=subjects)
    elif ordered != given:
        found.notice(CHAIN, "chain_reordered")
    return ordered


def check_names(leaf: x509.Certificate, attached: Sequence[str], found: Findings) -> None:
    if not attached:
        return
    names = covered_names(leaf)
    missing = uncovered(names, attached)
    if len(missing) == len(attached):
        shown = ", ".join(display_name(name) for name in names) or "—"
        found.problem(CERTIFICATE, "cert_covers_none", names=shown)
    elif missing:
        shown = ", ".join(display_name(name) for name in missing)
        found.notice(CERTIFICATE, "cert_covers_some", missing=shown)

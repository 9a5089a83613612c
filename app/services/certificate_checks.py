"""The individual checks behind :func:`app.services.certificates.check_certificate`. Each adds
:class:`Finding` items (their sentences are in ``certificate_messages``) to a list."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.x509.oid import NameOID
from flask_babel import format_datetime

from app.services.certificate_messages import KEY_KINDS, Finding, Findings
from app.services.domain_names import display_name

__all__ = ["CERTIFICATE", "CHAIN", "KEY", "Finding", "Findings"]

CERTIFICATE = "certificate"
KEY = "key"
CHAIN = "chain"
PEM_BLOCK = re.compile(r"-----BEGIN ([A-Z0-9 ]+)-----\n(.*?)-----END \1-----", re.DOTALL)
SPKI = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
KEY_BLOCKS = ("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY")
DECRYPT_COMMAND = "openssl pkey -in key.pem -out key-unencrypted.pem"


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


def read_key(text: str, found: Findings) -> PrivateKeyTypes | None:
    """The private key, when it is one that can be read (its kind is checked later)."""
    pem_blocks = blocks(text)
    if not pem_blocks:
        found.problem(KEY, "key_not_pem")
        return None
    label, block = pem_blocks[0]
    if label == "ENCRYPTED PRIVATE KEY" or "ENCRYPTED" in block.split("\n", 2)[1]:
        found.problem(KEY, "key_encrypted", command=DECRYPT_COMMAND)
        return None
    if label not in KEY_BLOCKS:
        found.problem(KEY, "key_wrong_block", label=label)
        return None
    try:
        return serialization.load_pem_private_key(block.encode(), password=None)
    except TypeError:
        found.problem(KEY, "key_encrypted", command=DECRYPT_COMMAND)
    except (ValueError, UnsupportedAlgorithm):
        found.problem(KEY, "key_damaged")
    return None


def check_key(private_key: PrivateKeyTypes, leaf: x509.Certificate, found: Findings) -> None:
    """An RSA key, then the certificate's own (a key of another kind cannot match it)."""
    if not isinstance(private_key, rsa.RSAPrivateKey):
        found.problem(KEY, "key_not_rsa", kind=key_kind(private_key))
    elif private_key.public_key().public_bytes(*SPKI) != leaf.public_key().public_bytes(*SPKI):
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


def self_signed(cert: x509.Certificate) -> bool:
    """Whether ``cert`` vouches for itself: browsers trust it only where someone installed it."""
    return _issued(cert, cert)


def order_chain(
    leaf: x509.Certificate, given: list[x509.Certificate], found: Findings
) -> list[x509.Certificate]:
    """The chain from the certificate's issuer upwards; reordered when given out of order."""
    if not given:
        if not self_signed(leaf):
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

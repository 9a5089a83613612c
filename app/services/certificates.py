"""Checks on a certificate someone wants to import, run before anything is sent to OVH.

OVH's own panel only checks that the fields are not empty, so its users meet raw API errors. Here
each problem becomes a sentence beside the field it concerns: the certificate, the private key or
the chain (the checks themselves are in ``certificate_checks``). The key is parsed to compare it
with the certificate and is neither kept nor returned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID

from app.services.certificate_checks import (
    CERTIFICATE,
    CHAIN,
    KEY,
    Finding,
    Findings,
    check_dates,
    check_key,
    check_names,
    check_public_key,
    covered_names,
    name_covers,
    order_chain,
    read_certificate,
    read_chain,
    read_key,
    self_signed,
    uncovered,
)

__all__ = ["CERTIFICATE", "CHAIN", "KEY", "CertificateCheck", "check_certificate", "name_covers"]


@dataclass(frozen=True)
class CertificateSummary:
    """What the panel keeps about an imported certificate: never its body, never its key."""

    subject: str
    issuer: str
    names: tuple[str, ...]
    not_before: datetime
    not_after: datetime
    fingerprint: str
    issuer_name: str
    self_signed: bool

    def uncovered(self, domains: Sequence[str]) -> list[str]:
        """Those of ``domains`` this certificate does not cover."""
        return uncovered(self.names, domains)

    def audit_parameters(self, chain_length: int) -> dict[str, object]:
        return {
            "subject": self.subject,
            "names": list(self.names),
            "fingerprint_sha256": self.fingerprint,
            "not_after": self.not_after.isoformat(),
            "chain_certificates": chain_length,
        }


@dataclass(frozen=True)
class CertificateCheck:
    """The outcome: findings per field, and the certificate and chain (reordered) to send."""

    findings: tuple[Finding, ...]
    summary: CertificateSummary | None
    certificate: str
    chain: str
    chain_length: int

    @property
    def ok(self) -> bool:
        return self.summary is not None and not any(f.blocking for f in self.findings)

    def blocking(self, field: str) -> list[str]:
        return [f.message for f in self.findings if f.blocking and f.field == field]

    @property
    def notices(self) -> list[str]:
        return [f.message for f in self.findings if not f.blocking]


def check_certificate(
    certificate: str,
    key: str,
    chain: str,
    attached_domains: Sequence[str],
    now: datetime | None = None,
) -> CertificateCheck:
    """Every check, in the order a person fixes things, one step at a time: each part readable;
    the certificate's kind, then the key's, then the key belonging to it; its dates; then its
    chain and names. A problem at one step stops the steps after it, whose findings it would
    make meaningless (a key cannot "not match" a certificate that cannot be read; the chain and
    names of an expired certificate do not matter, a new one is needed)."""
    found = Findings()
    leaf, extra = read_certificate(certificate, found)
    private_key = read_key(key, found)
    chain_certs = [*extra, *read_chain(chain, found)]
    if leaf is None:
        return CertificateCheck(tuple(found), None, "", "", 0)
    summary = summarize(leaf)
    refused = CertificateCheck(tuple(found), summary, "", "", 0)
    if private_key is None or found.blocked:
        return refused
    for step in (
        lambda: check_public_key(leaf, found),
        lambda: check_key(private_key, leaf, found),
        lambda: check_dates(leaf, now or datetime.now(UTC), found),
    ):
        step()
        if found.blocked:
            return CertificateCheck(tuple(found), summary, "", "", 0)
    ordered = order_chain(leaf, chain_certs, found)
    check_names(leaf, attached_domains, found)
    return CertificateCheck(
        findings=tuple(found),
        summary=summary,
        certificate=_pem(leaf),
        chain="".join(_pem(cert) for cert in ordered),
        chain_length=len(ordered),
    )


def summarize(cert: x509.Certificate) -> CertificateSummary:
    return CertificateSummary(
        subject=cert.subject.rfc4514_string(),
        issuer=cert.issuer.rfc4514_string(),
        names=tuple(covered_names(cert)),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        fingerprint=cert.fingerprint(hashes.SHA256()).hex(":").upper(),
        issuer_name=_readable_name(cert.issuer),
        self_signed=self_signed(cert),
    )


def _readable_name(name: x509.Name) -> str:
    """The name people know an issuer by: its common name, else its organisation."""
    for oid in (NameOID.COMMON_NAME, NameOID.ORGANIZATION_NAME):
        if values := name.get_attributes_for_oid(oid):
            return str(values[0].value)
    return name.rfc4514_string()


def _pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode()

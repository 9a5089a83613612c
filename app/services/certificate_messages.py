"""The sentence a person reads for each problem found in a certificate, and the
:class:`Finding` list the checks in ``certificate_checks`` fill."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

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
    code: str = ""  # which of MESSAGES


class Findings(list[Finding]):
    @property
    def blocked(self) -> bool:
        """Whether a problem was found: the checks that would follow it are not run."""
        return any(finding.blocking for finding in self)

    def problem(self, field: str, name: str, **values: Any) -> None:
        self.append(Finding(field, _say(name, values), code=name))

    def notice(self, field: str, name: str, **values: Any) -> None:
        self.append(Finding(field, _say(name, values), blocking=False, code=name))


def _say(name: str, values: dict[str, Any]) -> str:
    text = str(MESSAGES[name])
    return text % {k: str(v) for k, v in values.items()} if values else text

"""Sanity checks on an imported certificate, keeping only what the sandbox needs: its names.

The private key is parsed to check that it matches the certificate, then forgotten.
"""

from __future__ import annotations

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID

from ovh_sandbox.errors import bad_request

SPKI = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def covered_names(certificate: str, key: str, chain: str | None) -> list[str]:
    """The DNS names a custom certificate covers, or 400 when the PEM texts do not hold up."""
    try:
        cert = x509.load_pem_x509_certificate(certificate.encode())
    except ValueError:
        raise bad_request("Invalid certificate: a PEM certificate is expected") from None
    try:
        private_key = serialization.load_pem_private_key(key.encode(), password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise bad_request("Invalid key: an unencrypted PEM private key is expected") from None
    if private_key.public_key().public_bytes(*SPKI) != cert.public_key().public_bytes(*SPKI):
        raise bad_request("Invalid key: it does not match the certificate")
    if chain:
        try:
            x509.load_pem_x509_certificates(chain.encode())
        except ValueError:
            raise bad_request("Invalid chain: PEM certificates are expected") from None
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
        names: list[str] = san.value.get_values_for_type(x509.DNSName)
    except x509.ExtensionNotFound:
        names = [str(a.value) for a in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)]
    return names

"""The private key between the review page and “Import”, kept by no one but the person's browser.

The review page re-posts what was typed, over the same CSRF-protected form. The certificate and
chain are public and travel as they are; the private key travels sealed: encrypted and signed with
a key derived from ``SECRET_KEY``, bound to the person and the hosting, and readable for
:data:`LIFETIME` seconds only. The panel stores nothing (no session, database or log entry), and
the page never holds the key in clear.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app
from flask_login import current_user

LIFETIME = 15 * 60
PURPOSE = b"panel: private key between the certificate review and its import"


def _fernet() -> Fernet:
    secret = str(current_app.config["SECRET_KEY"]).encode()
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=PURPOSE).derive(secret)
    return Fernet(base64.urlsafe_b64encode(derived))


def _owner(service_name: str) -> str:
    return f"{current_user.get_id()}:{service_name}"


def seal(key: str, service_name: str) -> str:
    return _fernet().encrypt(f"{_owner(service_name)}\n{key}".encode()).decode("ascii")


def unseal(sealed: str, service_name: str) -> str | None:
    """The key, or ``None`` when the seal is too old, damaged or someone else's."""
    try:
        text = _fernet().decrypt(sealed.encode("ascii"), ttl=LIFETIME).decode()
    except (InvalidToken, UnicodeError):
        return None
    owner, _, key = text.partition("\n")
    return key if owner == _owner(service_name) else None

"""The passwords a launch still has to send to OVH, sealed until then (and, with their own key
and a short lifetime, the certificate an operation in parts imports once the old one is gone).

A launch's steps run over several requests (and, later, in a worker), so the admin and database
passwords must outlive the form that took them. They are encrypted (Fernet) with a key derived
from ``SECRET_KEY`` and kept on the plan only until the last step that sends them has succeeded,
or the plan is undone or discarded, and never longer than ``LAUNCH_SECRETS_HOURS``: a token older
than that is refused when read (Fernet's ``ttl``), even before the hourly job erases it
(:mod:`app.launch.keeping`). They never reach the audit trail, a log, the session, or a page other
than the one that shows the admin password once to the person who started the launch.
"""

from __future__ import annotations

import base64
import json

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

LAUNCH = b"panel launch secrets"


def _fernet(purpose: bytes) -> Fernet:
    secret = str(current_app.config["SECRET_KEY"]).encode()
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose)
    return Fernet(base64.urlsafe_b64encode(key.derive(secret)))


def seal(secrets: dict[str, str], purpose: bytes = LAUNCH) -> str:
    return _fernet(purpose).encrypt(json.dumps(secrets).encode()).decode()


def keep_seconds() -> int:
    return int(float(current_app.config["LAUNCH_SECRETS_HOURS"]) * 3600)


def unseal(sealed: str | None, purpose: bytes = LAUNCH, ttl: int | None = None) -> dict[str, str]:
    """The secrets, or nothing when they are gone, older than ``ttl`` seconds (Fernet's own
    timestamp; a launch's passwords: ``LAUNCH_SECRETS_HOURS``), or sealed with another key
    (``SECRET_KEY`` changed since, another ``purpose``)."""
    if not sealed:
        return {}
    if ttl is None and purpose == LAUNCH:
        ttl = keep_seconds()
    try:
        value: dict[str, str] = json.loads(_fernet(purpose).decrypt(sealed.encode(), ttl=ttl))
    except (InvalidToken, ValueError):
        return {}
    return value

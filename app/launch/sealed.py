"""The passwords a launch still has to send to OVH, sealed until then.

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


def _fernet() -> Fernet:
    secret = str(current_app.config["SECRET_KEY"]).encode()
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"panel launch secrets")
    return Fernet(base64.urlsafe_b64encode(key.derive(secret)))


def seal(secrets: dict[str, str]) -> str:
    return _fernet().encrypt(json.dumps(secrets).encode()).decode()


def keep_seconds() -> int:
    return int(float(current_app.config["LAUNCH_SECRETS_HOURS"]) * 3600)


def unseal(sealed: str | None) -> dict[str, str]:
    """The passwords, or nothing when they are gone, older than the time limit, or the key
    changed since."""
    if not sealed:
        return {}
    try:
        value: dict[str, str] = json.loads(_fernet().decrypt(sealed.encode(), ttl=keep_seconds()))
    except (InvalidToken, ValueError):
        return {}
    return value

"""Password rules and hashing: scrypt, at least 12 characters, nothing common or easy to guess."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash, generate_password_hash
from wtforms import Field, Form, ValidationError
from zxcvbn import zxcvbn

MIN_LENGTH = 12
# zxcvbn scores 0–4; below 2 means among the most common passwords or an easy pattern.
MIN_SCORE = 2
DEFAULT_METHOD = "scrypt"
ZXCVBN_MAX = 72
# Compared against when the email is unknown, so both cases take the same time.
_UNKNOWN_USER_HASH: dict[str, str] = {}

PASSWORD_RULES = _l(
    "At least %(count)d characters. Common passwords and easy patterns (like “password123” or "
    "“qwertyuiop”) are refused. A few unrelated words make a good password.",
    count=MIN_LENGTH,
)


def hash_password(password: str) -> str:
    method = current_app.config.get("PASSWORD_HASH_METHOD", DEFAULT_METHOD)
    return generate_password_hash(password, method=method)


def check_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        check_password_hash(_dummy_hash(), password)
        return False
    return check_password_hash(password_hash, password)


def _dummy_hash() -> str:
    method = current_app.config.get("PASSWORD_HASH_METHOD", DEFAULT_METHOD)
    if method not in _UNKNOWN_USER_HASH:
        _UNKNOWN_USER_HASH[method] = generate_password_hash("unknown user", method=method)
    return _UNKNOWN_USER_HASH[method]


def password_problem(password: str, related: Iterable[str] = ()) -> Any:
    """Why ``password`` is refused, in plain words, or ``None`` when it is fine."""
    from app.accounts.demo import DEMO_PASSWORDS

    if len(password) < MIN_LENGTH:
        return _l("Use at least %(count)d characters.", count=MIN_LENGTH)
    if password in DEMO_PASSWORDS:
        return _l("This password is published with the panel's demo. Choose another one.")
    words = [word for word in related if word]
    # zxcvbn refuses more than 72 characters; a passphrase whose first 72 are strong is strong.
    if zxcvbn(password[:ZXCVBN_MAX], user_inputs=words)["score"] < MIN_SCORE:
        return _l(
            "This password is too common or too easy to guess. Try a few unrelated words instead."
        )
    return None


class GoodPassword:
    """WTForms validator applying :func:`password_problem`."""

    def __call__(self, form: Form, field: Field) -> None:
        problem = password_problem(field.data or "")
        if problem is not None:
            raise ValidationError(str(problem))

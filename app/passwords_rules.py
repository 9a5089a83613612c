"""The rules of a password the panel asks for on OVH's behalf (a database's, an FTP user's…),
written once so the form checks them and the ``password_field`` macro's generator meets them."""

from __future__ import annotations

import string
from dataclasses import dataclass


@dataclass(frozen=True)
class PasswordRules:
    """A length range, the characters allowed, and groups of which at least one character each
    is required (OVH's database rule: a capital, a lower-case letter and a digit)."""

    min_length: int
    max_length: int
    alphabet: str
    required: tuple[str, ...] = ()

    @property
    def generated_length(self) -> int:
        """Long enough to be strong, never beyond what OVH accepts."""
        return max(self.min_length, min(self.max_length, 20))

    def data_attributes(self) -> dict[str, str]:
        """What the generator script needs, as the field's ``data-`` attributes."""
        return {
            "data-password-length": str(self.generated_length),
            "data-password-alphabet": self.alphabet,
            "data-password-required": " ".join(self.required),
        }


LETTERS_AND_DIGITS = string.ascii_letters + string.digits

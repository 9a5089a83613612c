"""Domain names as people type them, checked and converted the way DNS and OVH need them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import idna
from publicsuffixlist import PublicSuffixList

MAX_NAME_LENGTH = 253
MAX_LABEL_LENGTH = 63
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


class DomainNameError(ValueError):
    """Why a name is not usable; ``reason`` is one of the ``REASONS`` keys."""

    REASONS = ("empty", "syntax", "too_long", "public_suffix", "idna")

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class DomainName:
    ascii: str
    unicode: str


@cache
def _suffixes() -> PublicSuffixList:
    return PublicSuffixList()


def parse_domain(text: str) -> DomainName:
    """The name, lower-cased and in both forms (``xn--caf-dma.fr`` / ``café.fr``), or an error."""
    raw = (text or "").strip().rstrip(".")
    if not raw:
        raise DomainNameError("empty")
    if any(char.isspace() or char in "/:@?#*\\_" for char in raw):
        raise DomainNameError("syntax")
    try:
        ascii_name = idna.encode(raw, uts46=True, transitional=False).decode("ascii").lower()
        unicode_name = idna.decode(ascii_name)
    except idna.IDNAError as error:
        reason = "too_long" if "too long" in str(error).lower() else "syntax"
        if reason == "syntax" and not raw.isascii():
            reason = "idna"
        raise DomainNameError(reason) from error
    if len(ascii_name) > MAX_NAME_LENGTH:
        raise DomainNameError("too_long")
    labels = ascii_name.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        raise DomainNameError("syntax")
    if labels[-1].isdigit():
        raise DomainNameError("syntax")
    if _suffixes().is_public(ascii_name):
        raise DomainNameError("public_suffix")
    return DomainName(ascii=ascii_name, unicode=unicode_name)


def registrable_domain(name: str) -> str | None:
    """``example.co.uk`` for ``shop.example.co.uk``: what someone buys from a registrar."""
    return _suffixes().privatesuffix(name)


def is_registrable(name: str) -> bool:
    """Whether ``name`` is itself what a registrar sells (so ``www.<name>`` is expected too)."""
    return registrable_domain(name) == name


def display_name(ascii_name: str) -> str:
    """The Unicode form of a name OVH gives back in ASCII, or the name itself if it cannot say."""
    try:
        return idna.decode(ascii_name)
    except (idna.IDNAError, UnicodeError):
        return ascii_name


def zone_of(name: str) -> str:
    """The DNS zone a name's records live in, as a registrar sells it (``example.com``)."""
    return registrable_domain(name) or name


def relative_name(name: str) -> str:
    """``name`` as DNS editors ask for it inside its zone: ``shop`` for ``shop.example.com``,
    ``@`` for the zone itself. ASCII, like ``name``."""
    zone = zone_of(name)
    if name == zone:
        return "@"
    return name[: -len(zone) - 1] if name.endswith("." + zone) else name

"""Domain names as people type them, checked and converted the way DNS and OVH need them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

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


def pasted_host(text: str) -> str:
    """The host of an address pasted from a browser (``https://shop.example.org/page``), else the
    text as typed: people copy the address bar, not the domain."""
    raw = (text or "").strip()
    if "://" not in raw and not raw.startswith("//"):
        if "/" not in raw:
            return raw
        raw = "//" + raw  # shop.example.org/ or shop.example.org/page
    try:
        host = urlsplit(raw).hostname
    except ValueError:
        return text.strip()
    return host or text.strip()


def proposed_folder(name: str) -> str:
    """The folder proposed for a new site: named after its address (``shop.example.org``), the
    ``www.`` left out so a domain and its www pair share it. Never ``www``: that is the main
    site's folder, and a new shop put there would silently show the old site."""
    return name[4:] if name.startswith("www.") and name.count(".") > 1 else name


def folders_in_use(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Each folder with the addresses (ASCII) it serves, from ``(domain, path)`` pairs; paths as
    OVH gives them (``./www``, ``www/``) are compared as the same folder."""
    found: dict[str, list[str]] = {}
    for domain, folder in pairs:
        found.setdefault(same_folder(folder), []).append(domain)
    return dict(sorted(found.items()))


def same_folder(path: str) -> str:
    """A folder written one way: no ``./`` in front, no ``/`` at the end, ``.`` for the home."""
    path = (path or "").strip()
    while path.startswith("./"):
        path = path[2:]
    return re.sub(r"/{2,}", "/", path).rstrip("/") or "."


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

"""Domain names as people type them: IDN, public suffixes, syntax."""

from __future__ import annotations

import pytest

from app.services.domain_names import (
    DomainNameError,
    display_name,
    is_registrable,
    parse_domain,
    registrable_domain,
    relative_name,
    zone_of,
)


@pytest.mark.parametrize(
    ("typed", "ascii_name", "unicode_name"),
    [
        ("shop.example.org", "shop.example.org", "shop.example.org"),
        ("  Shop.Example.ORG. ", "shop.example.org", "shop.example.org"),
        ("café.example.com", "xn--caf-dma.example.com", "café.example.com"),
        ("xn--caf-dma.example.com", "xn--caf-dma.example.com", "café.example.com"),
        ("BÜCHER.de", "xn--bcher-kva.de", "bücher.de"),
        ("example.co.uk", "example.co.uk", "example.co.uk"),
    ],
)
def test_a_usable_name_comes_back_in_both_forms(
    typed: str, ascii_name: str, unicode_name: str
) -> None:
    name = parse_domain(typed)
    assert (name.ascii, name.unicode) == (ascii_name, unicode_name)


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("localhost", "syntax"),
        ("http://example.com", "syntax"),
        ("example.com/shop", "syntax"),
        ("exa mple.com", "syntax"),
        ("-bad.example.com", "syntax"),
        ("under_score.example.com", "syntax"),
        ("1.2.3.4", "syntax"),
        ("com", "syntax"),
        ("co.uk", "public_suffix"),
        ("github.io", "public_suffix"),
        ("a" * 64 + ".example.com", "too_long"),
        (("a" * 60 + ".") * 5 + "com", "too_long"),
    ],
)
def test_an_unusable_name_says_why(typed: str, reason: str) -> None:
    with pytest.raises(DomainNameError) as caught:
        parse_domain(typed)
    assert caught.value.reason == reason


def test_the_registrable_part_follows_the_public_suffix_list() -> None:
    assert registrable_domain("www.shop.example.co.uk") == "example.co.uk"
    assert is_registrable("example.co.uk")
    assert not is_registrable("shop.example.co.uk")


def test_an_ascii_name_is_shown_in_unicode_when_it_can_be() -> None:
    assert display_name("xn--caf-dma.example.com") == "café.example.com"
    assert display_name("xn--zz.example.com") == "xn--zz.example.com"


@pytest.mark.parametrize(
    ("name", "zone", "relative"),
    [
        ("example.com", "example.com", "@"),
        ("shop-0737.example.com", "example.com", "shop-0737"),
        ("a.b.example.co.uk", "example.co.uk", "a.b"),
        ("xn--caf-dma.example.com", "example.com", "xn--caf-dma"),
    ],
)
def test_a_record_is_named_relative_to_its_zone(name: str, zone: str, relative: str) -> None:
    assert zone_of(name) == zone
    assert relative_name(name) == relative

"""The checks run on a certificate before it is imported: each problem, beside its field."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from flask import Flask

from app import create_app
from app.services.certificate_checks import name_covers
from app.services.certificates import CERTIFICATE as CERT
from app.services.certificates import CHAIN, KEY, CertificateCheck, check_certificate
from tests.support.certificates import (
    NOW,
    Issued,
    chain_pem,
    intermediate,
    issue,
    key_pem,
    leaf,
    root,
)

ATTACHED = ["example.com", "www.example.com", "blog.example.com"]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    app: Flask = create_app({"TESTING": True, "SECRET_KEY": "x", "BABEL_DEFAULT_LOCALE": "en"})
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


@pytest.fixture(scope="module")
def good() -> Issued:
    return leaf("example.com", "www.example.com", "blog.example.com")


def check(
    cert: str, key: str, chain: str = "", domains: list[str] | None = None
) -> CertificateCheck:
    return check_certificate(cert, key, chain, ATTACHED if domains is None else domains)


def test_a_good_certificate_key_and_chain_pass_with_a_summary(good: Issued) -> None:
    result = check(good.pem, good.key_pem, chain_pem(intermediate(), root()))
    assert result.ok, result.findings
    assert result.summary is not None
    assert result.summary.names == ("example.com", "www.example.com", "blog.example.com")
    assert len(result.summary.fingerprint.split(":")) == 32
    assert result.chain_length == 2
    assert result.notices == []


def test_text_that_is_not_pem_is_refused_beside_the_certificate(good: Issued) -> None:
    result = check("hello, this is my certificate", good.key_pem)
    assert not result.ok
    assert "not a certificate in PEM format" in result.blocking(CERT)[0]


def test_a_key_pasted_as_certificate_names_the_block_found(good: Issued) -> None:
    result = check(good.key_pem, good.key_pem)
    assert "“PRIVATE KEY”, not a certificate" in result.blocking(CERT)[0]


def test_a_damaged_certificate_block_says_which_block(good: Issued) -> None:
    lines = good.pem.splitlines()
    damaged = "\n".join([lines[0], lines[1][:20] + "!!!", *lines[2:]]) + "\n"
    result = check(good.pem + damaged, good.key_pem)
    assert "Block 2 (-----BEGIN CERTIFICATE-----) cannot be read" in result.blocking(CERT)[0]


def test_an_encrypted_key_is_refused_with_the_command_to_decrypt_it(good: Issued) -> None:
    result = check(good.pem, key_pem(good.key, b"secret passphrase"))
    assert "protected by a passphrase" in result.blocking(KEY)[0]
    assert "openssl pkey -in key.pem" in result.blocking(KEY)[0]


def test_a_certificate_pasted_as_key_is_refused_beside_the_key(good: Issued) -> None:
    result = check(good.pem, good.pem)
    assert "“CERTIFICATE”, not a private key" in result.blocking(KEY)[0]


def test_an_ec_certificate_is_refused_once_not_again_for_its_key() -> None:
    ec_leaf = leaf("example.com", key=ec.generate_private_key(ec.SECP256R1()))
    result = check(ec_leaf.pem, ec_leaf.key_pem)
    assert "OVH accepts RSA certificates only" in " ".join(result.blocking(CERT))
    assert result.blocking(KEY) == []  # the same cause: the certificate must be reissued


def test_an_ec_key_for_an_rsa_certificate_is_refused_as_not_rsa_not_as_a_mismatch(
    good: Issued,
) -> None:
    result = check(good.pem, key_pem(ec.generate_private_key(ec.SECP256R1())))
    assert len(result.blocking(KEY)) == 1
    assert "OVH accepts RSA keys only" in result.blocking(KEY)[0]


def test_an_unreadable_certificate_is_the_only_thing_said_about_it(good: Issued) -> None:
    other = leaf("example.com", not_after=NOW - timedelta(days=1))
    damaged = other.pem.replace(other.pem.splitlines()[3], "A" * 10)
    result = check(damaged, good.key_pem, "not a chain")
    assert "cannot be read" in " ".join(result.blocking(CERT))
    assert result.blocking(KEY) == []  # no "does not match": there is nothing to match yet
    assert "expired" not in " ".join(f.message for f in result.findings)
    assert "not in PEM format" in result.blocking(CHAIN)[0]  # a field of its own, also unreadable


def test_an_unreadable_key_stops_before_the_dates(good: Issued) -> None:
    expired = leaf("example.com", not_after=NOW - timedelta(days=1))
    result = check(expired.pem, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")
    assert "cannot be read" in result.blocking(KEY)[0]
    assert result.blocking(CERT) == []


def test_a_mismatched_key_stops_before_the_dates_and_names(good: Issued) -> None:
    expired = leaf("elsewhere.net", not_after=NOW - timedelta(days=1))
    result = check(expired.pem, good.key_pem)
    assert [f.message for f in result.findings if f.blocking] == result.blocking(KEY)
    assert "does not match" in result.blocking(KEY)[0]


def test_an_expired_certificate_says_nothing_of_its_chain_or_names() -> None:
    expired = leaf("elsewhere.net", not_after=NOW - timedelta(days=1))
    result = check(expired.pem, expired.key_pem, chain_pem(root()))
    assert len(result.blocking(CERT)) == 1 and "expired" in result.blocking(CERT)[0]
    assert result.blocking(CHAIN) == []


def test_the_summary_names_the_issuer_and_tells_a_self_signed_certificate() -> None:
    signed = check(leaf("example.com").pem, "").summary
    assert signed is not None
    assert signed.issuer_name == "Panel Test Intermediate CA" and not signed.self_signed
    alone = issue("example.com", names=("example.com",))
    summary = check(alone.pem, alone.key_pem).summary
    assert summary is not None and summary.self_signed
    assert summary.uncovered(["example.com", "shop.example.org"]) == ["shop.example.org"]


def test_a_key_from_another_certificate_is_refused_beside_the_key(good: Issued) -> None:
    other = leaf("example.com")
    result = check(good.pem, other.key_pem)
    assert "does not match the certificate" in result.blocking(KEY)[0]
    assert result.blocking(CERT) == []


def test_an_expired_certificate_is_refused_with_its_dates() -> None:
    old = leaf(
        "example.com", not_before=NOW - timedelta(days=400), not_after=NOW - timedelta(days=5)
    )
    message = check(old.pem, old.key_pem).blocking(CERT)[0]
    assert "has expired: it was valid from" in message
    assert str((NOW - timedelta(days=5)).year) in message


def test_a_certificate_not_valid_yet_is_refused_with_its_dates() -> None:
    early = leaf("example.com", not_before=NOW + timedelta(days=3))
    assert "is not valid yet" in check(early.pem, early.key_pem).blocking(CERT)[0]


def test_a_chain_in_the_wrong_order_is_reordered_and_said(good: Issued) -> None:
    result = check(good.pem, good.key_pem, chain_pem(root(), intermediate()))
    assert result.ok
    assert "wrong order" in result.notices[0]
    assert result.chain == chain_pem(intermediate(), root())


def test_a_chain_that_does_not_parse_is_refused(good: Issued) -> None:
    result = check(
        good.pem, good.key_pem, "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n"
    )
    assert "Certificate 1 of the chain cannot be read" in result.blocking(CHAIN)[0]


def test_a_chain_not_leading_from_the_certificate_is_refused(good: Issued) -> None:
    stranger = issue("Somebody Else CA", ca=True)
    result = check(good.pem, good.key_pem, stranger.pem)
    assert "does not lead from your certificate" in result.blocking(CHAIN)[0]
    assert "Panel Test Intermediate CA" in result.blocking(CHAIN)[0]


def test_extra_certificates_in_the_chain_are_refused(good: Issued) -> None:
    stranger = issue("Somebody Else CA", ca=True)
    result = check(good.pem, good.key_pem, chain_pem(intermediate(), stranger))
    assert "not part of your certificate's chain" in result.blocking(CHAIN)[0]


def test_several_certificates_in_the_certificate_field_become_the_chain(good: Issued) -> None:
    result = check(good.pem + intermediate().pem, good.key_pem)
    assert result.ok
    assert result.chain_length == 1
    assert "first one is used as your certificate" in result.notices[0]


def test_a_certificate_covering_no_attached_domain_is_refused() -> None:
    elsewhere = leaf("other.example.org")
    message = check(elsewhere.pem, elsewhere.key_pem).blocking(CERT)[0]
    assert "covers none of the domains attached" in message
    assert "other.example.org" in message


def test_a_certificate_covering_some_domains_warns_listing_the_rest() -> None:
    partial = leaf("example.com")
    result = check(partial.pem, partial.key_pem)
    assert result.ok
    assert "warning over HTTPS: www.example.com, blog.example.com" in " ".join(result.notices)


def test_a_wildcard_covers_one_level_only() -> None:
    assert name_covers("*.example.com", "blog.example.com")
    assert not name_covers("*.example.com", "example.com")
    assert not name_covers("*.example.com", "a.b.example.com")
    wildcard = leaf("*.example.com", "example.com")
    assert not any("does not cover" in n for n in check(wildcard.pem, wildcard.key_pem).notices)


def test_messages_speak_french_to_a_french_reader(good: Issued) -> None:
    app = create_app({"TESTING": True, "SECRET_KEY": "x"})
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        result = check(good.pem, key_pem(good.key, b"pass"))
        assert "phrase secrète" in result.blocking(KEY)[0]

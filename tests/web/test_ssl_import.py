"""Importing a certificate through the real form: checks beside each field, the key never kept."""

from __future__ import annotations

import io
import logging
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import MetaData, select

from app.extensions import db
from app.models import AuditEntry
from tests.support.certificates import Issued, chain_pem, intermediate, issue, leaf, root
from tests.support.forms import csrf_token, hidden_fields
from tests.support.panel import AuthActions, UserFactory
from tests.support.panel_data import TEST_PASSWORDS

SN = "example.cluster01.hosting.ovh.net"
NO_CERT = "example2.cluster02.hosting.ovh.net"
IMPORT = f"/hosting/{NO_CERT}/ssl/import"
REPLACE = f"/hosting/{SN}/ssl/replace"
EN = {"Accept-Language": "en"}


@pytest.fixture(scope="module")
def good() -> Issued:
    return leaf("example.org", "www.example.org")


def check(client: FlaskClient, url: str, cert: str, key: str, chain: str = "", **extra: Any) -> Any:
    """The form's first step, “Check the certificate”: its review page, or the form again."""
    token = csrf_token(client.get(url, headers=EN).get_data(as_text=True))
    data = {"csrf_token": token, "certificate": cert, "key": key, "chain": chain, **extra}
    return client.post(url, data=data, headers=EN)


def send(client: FlaskClient, url: str, cert: str, key: str, chain: str = "", **extra: Any) -> Any:
    """Check, then “Import” on the review page when the checks passed."""
    answer = check(client, url, cert, key, chain, **extra)
    html = answer.get_data(as_text=True)
    if answer.status_code != 200 or 'name="reviewed"' not in html:
        return answer
    return client.post(url, data=hidden_fields(html), headers=EN)


def key_material(issued: Issued) -> list[str]:
    """Lines of the key's base64 body: long enough that no other text holds them by chance."""
    return [line for line in issued.key_pem.splitlines() if not line.startswith("-----")][1:4]


def test_a_good_certificate_is_imported_and_comes_back_as_custom(
    admin_client: FlaskClient, app: Flask, good: Issued
) -> None:
    answer = send(admin_client, IMPORT, good.pem, good.key_pem, chain_pem(intermediate()))
    assert answer.status_code == 302 and "/tasks/" in answer.location
    task_page = admin_client.get(answer.location, headers=EN).get_data(as_text=True)
    assert "Installing your own SSL certificate on example2.cluster02" in task_page
    assert 'data-status="done"' in task_page
    html = admin_client.get(f"/hosting/{NO_CERT}/ssl/", headers=EN).get_data(as_text=True)
    assert "Imported (your own certificate)" in html
    with app.app_context():
        entry = db.session.execute(
            select(AuditEntry).where(AuditEntry.action == "ssl.import")
        ).scalar_one()
        assert entry.outcome == "accepted"
        assert entry.parameters["names"] == ["example.org", "www.example.org"]
        assert entry.parameters["subject"] == "CN=example.org"
        assert set(entry.parameters) == {
            "subject",
            "names",
            "fingerprint_sha256",
            "not_after",
            "chain_certificates",
        }


def test_a_key_of_another_certificate_is_refused_beside_the_key_and_not_kept(
    admin_client: FlaskClient, good: Issued
) -> None:
    other = leaf("example.org")
    answer = send(admin_client, IMPORT, good.pem, other.key_pem)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    errors = html.split('id="key-errors"', 1)[1].split("</div></div>", 1)[0]
    assert "does not match the certificate" in errors
    assert "never keeps the private key: paste it again" in html
    assert good.pem.splitlines()[1] in html  # the certificate stays, the key does not
    assert key_material(other)[0] not in html


def test_files_can_be_uploaded_instead_of_pasted(admin_client: FlaskClient, good: Issued) -> None:
    token = csrf_token(admin_client.get(IMPORT, headers=EN).get_data(as_text=True))
    data = {
        "csrf_token": token,
        "certificate_file": (io.BytesIO(good.pem.encode()), "example.org.crt"),
        "key_file": (io.BytesIO(good.key_pem.encode()), "example.org.key"),
        "chain_file": (io.BytesIO(intermediate().pem.encode()), "chain.pem"),
    }
    review = admin_client.post(IMPORT, data=data, headers=EN, content_type="multipart/form-data")
    fields = hidden_fields(review.get_data(as_text=True))
    assert "BEGIN CERTIFICATE" in fields["chain"]
    answer = admin_client.post(IMPORT, data=fields, headers=EN)
    assert answer.status_code == 302 and "/tasks/" in answer.location


def upload(client: FlaskClient, **files: tuple[bytes, str]) -> str:
    token = csrf_token(client.get(IMPORT, headers=EN).get_data(as_text=True))
    data: dict[str, Any] = {"csrf_token": token}
    data.update({name: (io.BytesIO(body), filename) for name, (body, filename) in files.items()})
    answer = client.post(IMPORT, data=data, headers=EN, content_type="multipart/form-data")
    return str(answer.get_data(as_text=True))


def test_a_binary_file_is_refused_beside_its_field(admin_client: FlaskClient, good: Issued) -> None:
    html = upload(
        admin_client,
        certificate_file=(b"\x30\x82\x05\xff\xfe", "cert.pem"),
        key_file=(good.key_pem.encode(), "key.pem"),
    )
    assert "not PEM text" in html.split('id="certificate_file-errors"', 1)[1]


def test_a_wrong_extension_is_refused_beside_its_field(
    admin_client: FlaskClient, good: Issued
) -> None:
    html = upload(
        admin_client,
        certificate_file=(good.pem.encode(), "cert.pem"),
        key_file=(good.key_pem.encode(), "key.exe"),
    )
    assert "Choose a .pem, .crt" in html.split('id="key_file-errors"', 1)[1]


def test_empty_fields_ask_for_the_certificate_and_the_key(admin_client: FlaskClient) -> None:
    html = send(admin_client, IMPORT, "", "").get_data(as_text=True)
    assert "Paste the certificate here" in html.split('id="certificate-errors"', 1)[1]
    assert "Paste the private key here" in html.split('id="key-errors"', 1)[1]


def test_a_chain_in_the_wrong_order_is_reordered_and_said(
    admin_client: FlaskClient, good: Issued
) -> None:
    chain = chain_pem(root(), intermediate())
    html = check(admin_client, IMPORT, good.pem, good.key_pem, chain).get_data(as_text=True)
    assert "put them in the right order" in html
    assert hidden_fields(html)["chain"] == chain_pem(intermediate(), root())


def test_staff_cannot_replace_an_existing_certificate(
    client: FlaskClient, users: UserFactory, auth: AuthActions
) -> None:
    users.make("staff@example.com", "staff", TEST_PASSWORDS["staff"], {SN: "operate"})
    auth.sign_in("staff@example.com", TEST_PASSWORDS["staff"])
    html = client.get(f"/hosting/{SN}/ssl/import", headers=EN).get_data(as_text=True)
    assert "only an administrator can do it" in html
    assert 'name="key"' not in html


def test_an_admin_replaces_after_confirming_what_is_replaced(
    admin_client: FlaskClient, app: Flask
) -> None:
    html = admin_client.get(f"/hosting/{SN}/ssl/import", headers=EN).get_data(as_text=True)
    assert f"/hosting/{SN}/ssl/replace" in html and 'name="key"' not in html
    html = admin_client.get(REPLACE, headers=EN).get_data(as_text=True)
    replaced = html.split('class="alert alert-warning replaced"', 1)[1].split("</div>", 1)[0]
    assert "Let&#39;s Encrypt" in replaced
    assert "example.com, www.example.com, blog.example.com" in replaced
    mine = leaf("example.com", "www.example.com", "blog.example.com", "shop.example.com")
    unconfirmed = send(admin_client, REPLACE, mine.pem, mine.key_pem)
    assert "Tick this box" in unconfirmed.get_data(as_text=True)
    answer = send(admin_client, REPLACE, mine.pem, mine.key_pem, confirm="y")
    assert answer.status_code == 302 and "/operations/" in answer.location
    operation = admin_client.get(answer.location, headers=EN).get_data(as_text=True)
    assert "First OVH removes the current certificate (about a minute)" in operation
    assert "Done: your certificate replaces the previous one." in operation
    html = admin_client.get(f"/hosting/{SN}/ssl/", headers=EN).get_data(as_text=True)
    assert "Imported (your own certificate)" in html
    with app.app_context():
        actions = db.session.execute(select(AuditEntry.action, AuditEntry.outcome)).all()
        assert ("ssl.delete", "accepted") in actions and ("ssl.import", "accepted") in actions


def test_no_private_key_reaches_the_database_the_logs_or_a_page(
    admin_client: FlaskClient, app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    mine = leaf("example.com", "www.example.com")
    stranger = leaf("example.com")
    bodies = [
        send(admin_client, REPLACE, mine.pem, stranger.key_pem, confirm="y"),
        send(admin_client, REPLACE, mine.pem, mine.key_pem),
        check(admin_client, REPLACE, mine.pem, mine.key_pem, confirm="y"),  # the review page
        send(admin_client, REPLACE, mine.pem, mine.key_pem, confirm="y"),
    ]
    bodies.append(admin_client.get(bodies[-1].location, headers=EN))
    bodies.append(admin_client.get(f"/hosting/{SN}/ssl/", headers=EN))
    mine2 = leaf("example.org")
    bodies.append(send(admin_client, IMPORT, mine2.pem, mine2.key_pem))
    with app.app_context():
        meta = MetaData()
        meta.reflect(bind=db.engine)
        dump = "\n".join(
            str(row) for table in meta.sorted_tables for row in db.session.execute(table.select())
        )
    assert "ssl.import" in dump
    pages = "\n".join(body.get_data(as_text=True) for body in bodies)
    logs = caplog.text + "\n".join(str(record.__dict__) for record in caplog.records)
    for secret in (stranger, mine, mine2):
        for line in key_material(secret):
            assert line not in dump
            assert line not in logs
            assert line not in pages


def test_the_review_shows_what_the_certificate_covers_before_anything_is_sent(
    admin_client: FlaskClient, app: Flask
) -> None:
    """example.com, www.example.com and blog.example.com have HTTPS on, on the granted plan."""
    mine = leaf("example.com", "www.example.com")
    review = check(admin_client, REPLACE, mine.pem, mine.key_pem, confirm="y")
    html = review.get_data(as_text=True)
    assert review.status_code == 200 and "Review the certificate" in html
    assert "example.com" in html.split('data-review="names"', 1)[1].split("</dd>", 1)[0]
    assert "Panel Test Intermediate CA" in html.split('data-review="issuer"', 1)[1]
    assert str(mine.cert.not_valid_after_utc.year) in html.split('data-review="expiry"', 1)[1]
    uncovered = html.split('data-review="uncovered"', 1)[1].split("</div>", 1)[0]
    assert "blog.example.com" in uncovered and "www.example.com" not in uncovered
    assert 'data-review="self-signed"' not in html
    assert "does not cover every attached domain" not in html  # said once, split by HTTPS
    fields = hidden_fields(html)
    assert fields["reviewed"] == "1" and fields["confirm"] == "y"
    assert "BEGIN CERTIFICATE" in fields["certificate"]
    assert "PRIVATE KEY" not in html and "PRIVATE KEY" not in fields["sealed_key"]
    with app.app_context():  # nothing was sent, nothing removed: no audit entry yet
        ssl_entries = select(AuditEntry).where(AuditEntry.action.startswith("ssl."))
        assert db.session.execute(ssl_entries).first() is None


def test_a_self_signed_certificate_is_flagged_on_the_review(admin_client: FlaskClient) -> None:
    alone = issue("example.org", names=("example.org",))
    html = check(admin_client, IMPORT, alone.pem, alone.key_pem).get_data(as_text=True)
    assert 'data-review="self-signed"' in html and "self-signed" in html


def test_a_sealed_key_cannot_be_read_by_another_hosting_or_after_it_is_altered(
    admin_client: FlaskClient, good: Issued
) -> None:
    fields = hidden_fields(
        check(admin_client, IMPORT, good.pem, good.key_pem).get_data(as_text=True)
    )
    token = fields["sealed_key"]
    fields["sealed_key"] = token[:-6] + ("AAAAAA" if not token.endswith("AAAAAA") else "BBBBBB")
    html = admin_client.post(IMPORT, data=fields, headers=EN).get_data(as_text=True)
    assert "has expired" in html.split('id="key-errors"', 1)[1]
    theirs = leaf("example.com")
    other = hidden_fields(
        check(admin_client, REPLACE, theirs.pem, theirs.key_pem, confirm="y").get_data(as_text=True)
    )
    fields["sealed_key"] = other["sealed_key"]  # sealed for another hosting
    html = admin_client.post(IMPORT, data=fields, headers=EN).get_data(as_text=True)
    assert "has expired" in html.split('id="key-errors"', 1)[1]

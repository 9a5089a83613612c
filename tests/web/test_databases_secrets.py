"""Database passwords typed into the panel never reach its database, its logs or any page."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import MetaData, select

from app.extensions import db
from tests.support.forms import csrf_token

DATABASES = "/hosting/example.cluster01.hosting.ovh.net/databases"
EN = {"Accept-Language": "en"}
CREATE_SECRET = "Zephyr7Quokka91Marl"
CHANGE_SECRET = "Tangerine4Walrus58"
MISTYPED_SECRET = "Juniper3Falcon26"


def post(client: FlaskClient, url: str, bodies: list[str], **fields: str) -> Any:
    page = client.get(url, headers=EN)
    bodies.append(page.get_data(as_text=True))
    answer = client.post(url, data={"csrf_token": csrf_token(bodies[-1]), **fields}, headers=EN)
    bodies.append(answer.get_data(as_text=True))
    if answer.status_code == 302:
        bodies.append(client.get(answer.location, headers=EN).get_data(as_text=True))
    return answer


def test_database_passwords_are_never_stored_logged_or_echoed(
    admin_client: FlaskClient, app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    bodies: list[str] = []
    created = post(
        admin_client,
        DATABASES + "/new",
        bodies,
        capabilitie="sqlPerso",
        type="mysql",
        version="8.0",
        user="secret",
        password=CREATE_SECRET,
        confirm=CREATE_SECRET,
    )
    assert created.status_code == 302
    # A form re-rendered with an error must not carry the passwords back either.
    post(
        admin_client,
        DATABASES + "/examplesecret.mysql.db/password",
        bodies,
        password=MISTYPED_SECRET,
        confirm=MISTYPED_SECRET + "x",
    )
    changed = post(
        admin_client,
        DATABASES + "/examplesecret.mysql.db/password",
        bodies,
        password=CHANGE_SECRET,
        confirm=CHANGE_SECRET,
    )
    assert changed.status_code == 302
    bodies.append(admin_client.get(DATABASES + "/", headers=EN).get_data(as_text=True))
    bodies.append(admin_client.get("/admin/audit", headers=EN).get_data(as_text=True))

    with app.app_context():
        stored = []
        meta = MetaData()
        meta.reflect(bind=db.engine)
        for table in meta.sorted_tables:
            stored += [repr(tuple(row)) for row in db.session.execute(select(table))]
    for secret in (CREATE_SECRET, CHANGE_SECRET, MISTYPED_SECRET):
        assert not [row for row in stored if secret in row], "a password is in the database"
        assert secret not in caplog.text, "a password is in the logs"
        assert not [body for body in bodies if secret in body], "a password is in a page"
    assert "examplesecret.mysql.db" in bodies[-2]

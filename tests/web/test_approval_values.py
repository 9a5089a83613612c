"""A request's values in plain words on the Approvals list, the request's page and the emails,
in English and French: never the raw keys the panel stores them under."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from app.extensions import db
from app.models import User
from tests.support.approvals import admin_and_staff, only_request
from tests.support.forms import csrf_token, submit
from tests.support.mail import Inbox
from tests.support.panel import UserFactory
from tests.support.panel_data import GRANTED_SERVICE

DETACH = f"/hosting/{GRANTED_SERVICE}/domains/example.com/detach"
EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}
WHY = "The shop moved to another host."


def test_the_values_and_the_plan_are_in_plain_words_on_the_list_and_the_page(
    app: Flask, users: UserFactory
) -> None:
    admin, staff = admin_and_staff(app, users)
    assert submit(staff, DETACH, leave_dns="y", why=WHY).status_code == 302
    request = only_request(app)
    assert request.values == {"domain": "example.com", "leave_dns": True}
    for client in (admin, staff):
        for page in ("/approvals/", f"/approvals/{request.id}"):
            html = client.get(page, headers=EN).get_data(as_text=True)
            assert "Domain:</span> <span" in html and ">example.com</span>" in html
            assert "DNS zone:</span> <span" in html and ">Left as it is</span>" in html
            assert "leave_dns" not in html and "<code>domain</code>" not in html
            assert "Example shop" in html and GRANTED_SERVICE in html  # the plan, both names
            french = client.get(page, headers=FR).get_data(as_text=True)
            assert "Zone DNS :</span> <span" in french and ">Laissée telle quelle</span>" in french


def test_the_emails_name_each_value_and_the_plan(
    app: Flask, users: UserFactory, smtp: Inbox
) -> None:
    admin, staff = admin_and_staff(app, users)
    assert submit(staff, DETACH, why=WHY).status_code == 302  # the DNS zone left to OVH
    [asked] = smtp.messages
    assert asked["Subject"] == "Approval asked: Detach example.com"
    body = smtp.body()
    assert "Domain: example.com\r\n" in body
    assert "DNS zone: OVH removes the records that point the domain to this plan\r\n" in body
    assert f"Plan: Example shop (technical name, for support: {GRANTED_SERVICE})" in body
    assert "leave_dns" not in body
    with app.app_context():  # the person who asked reads French
        staff_user = db.session.scalars(select(User).where(User.email == "staff@example.com")).one()
        staff_user.locale = "fr"
        db.session.commit()
    request = only_request(app)
    url = f"/approvals/{request.id}"
    token = csrf_token(admin.get(url, headers=EN).get_data(as_text=True))
    data = {"csrf_token": token, "reason": "Keep it for now."}
    assert admin.post(url + "/decline", data=data, headers=EN).status_code == 302
    told = smtp.body()
    assert "Domaine : example.com\r\n" in told
    assert "Zone DNS : OVH supprime les enregistrements" in told
    assert f"Hébergement : Example shop (nom technique, pour le support : {GRANTED_SERVICE})" in (
        told
    )

"""``/1.0/auth/*`` and ``/1.0/me``: time, credential requests, current credential, account."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, g, request, url_for

from ovh_sandbox import api, clock, credentials
from ovh_sandbox.errors import ApiError, bad_request
from ovh_sandbox.signing import invalid_key

bp = Blueprint("auth_api", __name__, url_prefix="/1.0")

ME: dict[str, Any] = {
    "address": "2 rue Kellermann",
    "area": None,
    "birthCity": None,
    "birthDay": None,
    "city": "Roubaix",
    "companyNationalIdentificationNumber": None,
    "complementaryAddress": None,
    "corporationType": None,
    "country": "FR",
    "currency": {"code": "EUR", "symbol": "EURO"},
    "customerCode": "1234-5678-90",
    "email": "webmaster@example.com",
    "fax": None,
    "firstname": "Alex",
    "italianSDI": None,
    "kycValidated": True,
    "language": "en_GB",
    "legalform": "individual",
    "name": "Martin",
    "nationalIdentificationNumber": None,
    "nichandle": credentials.NICHANDLE,
    "organisation": "",
    "ovhCompany": "ovh",
    "ovhSubsidiary": "FR",
    "phone": "+33.123456789",
    "phoneCountry": "FR",
    "phoneType": "landline",
    "purposeOfPurchase": None,
    "sex": None,
    "spareEmail": None,
    "state": "complete",
    "vat": None,
    "zip": "59100",
}

# auth.MethodEnum, the methods an access rule may name.
HTTP_METHODS = ("DELETE", "GET", "POST", "PUT")


@bp.get("/auth/time")
def time() -> Response:
    return api.answer(int(clock.now()))


def _access_rules(values: dict[str, Any]) -> list[dict[str, str]]:
    rules = []
    for rule in values["accessRules"]:
        if (
            not isinstance(rule, dict)
            or rule.get("method") not in HTTP_METHODS
            or not isinstance(rule.get("path"), str)
            or not rule["path"].startswith("/")
        ):
            raise bad_request(
                "Invalid value for parameter accessRules: each rule needs a method "
                f"among {', '.join(HTTP_METHODS)} and a path starting with /"
            )
        rules.append({"method": rule["method"], "path": rule["path"]})
    if not rules:
        raise bad_request("Invalid value for parameter accessRules: at least one rule is needed")
    return rules


@bp.post("/auth/credential")
def credential() -> Response:
    application_key = request.headers.get("X-Ovh-Application")
    if not application_key:
        raise ApiError(
            401, {"message": "You must send your application key to request new credentials"}
        )
    if application_key != api.config().application_key:
        raise invalid_key()
    values = api.body("POST /auth/credential")
    consumer_key, token = credentials.request_new(
        api.conn(), api.config(), _access_rules(values), values.get("redirection")
    )
    return api.answer(
        {
            "consumerKey": consumer_key,
            "state": "pendingValidation",
            "validationUrl": url_for("auth_page.validation", credentialToken=token, _external=True),
        }
    )


@bp.get("/auth/currentCredential")
def current_credential() -> Response:
    row = credentials.by_consumer_key(api.conn(), g.credential["consumer_key"])
    return api.answer(credentials.as_api_credential(row or g.credential))


@bp.get("/auth/details")
def details() -> Response:
    return api.answer(
        {
            "account": credentials.NICHANDLE,
            "allowedRoutes": credentials.rules_of(g.credential),
            "description": None,
            "identities": [f"urn:v1:eu:identity:account:{credentials.NICHANDLE}"],
            "method": "account",
            "roles": None,
            "user": None,
        }
    )


@bp.post("/auth/logout")
def logout() -> Response:
    credentials.expire(api.conn(), g.credential["id"])
    return api.void()


@bp.get("/me")
def me() -> Response:
    return api.answer(ME)

"""The credential validation page, like ``https://eu.api.ovh.com/auth/?credentialToken=…``.

It lists the rules an application asks for and lets the account holder approve them for a chosen
validity, or refuse them. It is plain HTML with no sign-in: the sandbox guards nothing real. Its
form carries a token only this page gives out and is accepted from this origin only, and
approving redirects to the address given in the credential request and nowhere else.
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import urlsplit

from flask import Blueprint, make_response, redirect, render_template_string, request
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

from ovh_sandbox import api, credentials
from ovh_sandbox.control import same_origin
from ovh_sandbox.db import transaction

bp = Blueprint("auth_page", __name__)

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>OVH API sandbox: grant access</title></head>
<body>
<h1>Grant access to your OVH account (sandbox)</h1>
{% if state == "pendingValidation" %}
<p>An application asks for access to the account <strong>{{ account }}</strong>
with the following rights:</p>
<ul>{% for rule in rules %}<li><code>{{ rule.method }} {{ rule.path }}</code></li>{% endfor %}</ul>
<form method="post">
  <input type="hidden" name="form_token" value="{{ form_token }}">
  <label for="validity">Validity</label>
  <select id="validity" name="validity">
  {% for seconds, label in validities.items() %}<option value="{{ seconds }}">{{ label }}</option>
  {% endfor %}</select>
  <button type="submit" name="action" value="approve">Approve</button>
  <button type="submit" name="action" value="refuse">Refuse</button>
</form>
{% elif state == "validated" %}<p>Access granted. You can close this page.</p>
{% else %}<p>This request is {{ state }}: nothing left to decide.</p>{% endif %}
</body></html>
"""


def _page(token: str) -> str:
    row = credentials.by_token(api.conn(), token)
    if row is None:
        raise NotFound("Unknown credential token")
    return render_template_string(
        PAGE,
        state=credentials.status(row),
        rules=credentials.rules_of(row),
        account=credentials.NICHANDLE,
        validities=credentials.VALIDITY_CHOICES,
        form_token=_form_token(token),
    )


def _form_token(credential_token: str) -> str:
    key = api.config().control_token.encode()
    return hmac.new(key, credential_token.encode(), hashlib.sha256).hexdigest()


def _redirectable(url: str | None) -> bool:
    return bool(url) and urlsplit(url or "").scheme in ("http", "https")


@bp.route("/auth/", methods=["GET", "POST"])
def validation() -> Response:
    token = request.args.get("credentialToken", "")
    if request.method == "POST":
        action = request.form.get("action")
        validity = request.form.get("validity", "0")
        sent = request.form.get("form_token", "")
        if not same_origin(request) or not hmac.compare_digest(sent, _form_token(token)):
            return make_response("This form was not sent from this page.", 403)
        if action not in ("approve", "refuse") or not validity.isdigit():
            return make_response("Choose Approve or Refuse and a validity.", 400)
        row = credentials.by_token(api.conn(), token)
        if row is None:
            raise NotFound("Unknown credential token")
        with transaction(api.conn()):
            credentials.decide(
                api.conn(), token, approve=action == "approve", validity=int(validity)
            )
        if action == "approve" and _redirectable(row["redirection"]):
            return redirect(row["redirection"])
    return make_response(_page(token))

"""Sending the panel's real forms as a browser would, CSRF token included."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from flask.testing import FlaskClient

from app.services.domain_names import (
    DomainNameError,
    is_registrable,
    parse_domain,
    proposed_folder,
)
from tests.support.panel_data import GRANTED_SERVICE


def submit(client: FlaskClient, url: str, **fields: Any) -> Any:
    """Fill in and send the form of ``url`` as a browser would (CSRF token included); fields
    given as ``None`` are left out, like unticked boxes."""
    english = {"Accept-Language": "en"}
    token = csrf_token(client.get(url, headers=english).get_data(as_text=True))
    data = {
        "csrf_token": token,
        **{key: value for key, value in fields.items() if value is not None},
    }
    return client.post(url, data=data, headers=english)


CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(html: str) -> str:
    """The CSRF token of the first form in a page, as a browser would send it back."""
    match = CSRF_INPUT.search(html)
    assert match, "the page has no form with a CSRF token"
    return match.group(1)


def attach(client: FlaskClient, domain: str, **fields: Any) -> Any:
    """Attach ``domain`` to the granted service through the real form, as its defaults are: the
    folder it proposes, HTTPS, OVH's DNS records and the ``www.`` pair, unless ``fields`` say
    otherwise."""
    values: dict[str, Any] = {"domain": domain, "path": folder_for(domain), "ssl": "y"}
    values["auto_dns"] = "y"
    values["with_www"] = "y" if main_domain(domain) else None  # as the page's script leaves it
    values.update(fields)
    return submit(client, f"/hosting/{GRANTED_SERVICE}/domains/attach", **values)


def folder_for(domain: str) -> str:
    """The folder the attach form proposes for ``domain`` (any folder when it is not a name)."""
    try:
        return proposed_folder(parse_domain(domain).ascii)
    except DomainNameError:
        return "site"


def main_domain(domain: str) -> bool:
    try:
        return is_registrable(parse_domain(domain).ascii)
    except DomainNameError:
        return True


def link_token(link: str) -> str:
    """The token of a one-time link: after the ``#``, where browsers keep it to themselves."""
    assert "#" in link, link
    return link.split("#", 1)[1]


def set_password(client: FlaskClient, token: str, password: str, confirm: str | None = None) -> Any:
    """Open a one-time link and choose ``password`` through its page, as the page's script does
    (the token from the link's fragment goes into the form)."""
    return submit(
        client,
        "/auth/set-password",
        token=token,
        password=password,
        confirm=password if confirm is None else confirm,
    )


HIDDEN_INPUT = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def hidden_fields(html: str) -> dict[str, str]:
    """The hidden fields of a page's form (a review page re-posts what was checked), unescaped."""
    return {name: unescape(value) for name, value in HIDDEN_INPUT.findall(html)}

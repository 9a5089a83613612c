"""OAuth2 service accounts (python-ovh's ``oauth2`` mode): how the panel tells one from a consumer
key, and how a sandbox or proxy URL gets its token endpoint."""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit

import ovh
import requests
from ovh.oauth2 import OAuth2
from requests.adapters import HTTPAdapter


def is_oauth2(client: ovh.Client) -> bool:
    """Whether the client works as an OAuth2 service account (no consumer key)."""
    return getattr(client, "_oauth2", None) is not None


def oauth2_token_url(api_url: str) -> str:
    """Where a sandbox or proxy at ``api_url`` hands out tokens: ``/auth/oauth2/token`` at the same
    origin, the path OVH uses (``https://www.ovh.com/auth/oauth2/token``)."""
    parts = urlsplit(api_url)
    return f"{parts.scheme}://{parts.netloc}/auth/oauth2/token"


def allow_plain_http_on_loopback(api_url: str) -> None:
    """oauthlib refuses tokens over plain HTTP unless told otherwise; the sandbox on a loopback
    address is the one place the panel speaks HTTP, so only there is it told."""
    parts = urlsplit(api_url)
    if parts.scheme == "http" and parts.hostname in {"127.0.0.1", "localhost", "::1"}:
        os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = "1"


class RenewingOAuth2(OAuth2):
    """python-ovh's OAuth2 helper, plus one thing: when OVH refuses the token (401) before the
    client thinks it expired (revoked, or the service account changed), the token is fetched
    anew and the call sent once more, instead of failing until the old token runs out."""

    adapter: HTTPAdapter | None = None

    @property
    def session(self) -> Any:
        return _RenewingSession(self)

    def _base_session(self) -> Any:
        session = OAuth2.session.fget(self)
        if self.adapter is not None and not getattr(session, "panel_adapter", False):
            session.mount("https://", self.adapter)
            session.mount("http://", self.adapter)
            session.panel_adapter = True
        return session

    def forget_token(self) -> None:
        self._token = None
        self._session = None


class _RenewingSession:
    def __init__(self, oauth2: RenewingOAuth2) -> None:
        self._oauth2 = oauth2

    def request(self, *args: Any, **kwargs: Any) -> requests.Response:
        response: requests.Response = self._oauth2._base_session().request(*args, **kwargs)
        if response.status_code != 401:
            return response
        self._oauth2.forget_token()
        renewed: requests.Response = self._oauth2._base_session().request(*args, **kwargs)
        return renewed


def renew_refused_tokens(client: ovh.Client, adapter: HTTPAdapter | None = None) -> None:
    """Give an OAuth2 client the :class:`RenewingOAuth2` helper (same id, secret, token URL),
    its API calls sent through ``adapter`` when one is given (the call budget's)."""
    current = client._oauth2
    if current is not None and not isinstance(current, RenewingOAuth2):
        renewing = RenewingOAuth2(
            client_id=current.client_id,
            client_secret=current.client_secret,
            token_url=current.token_url,
        )
        renewing.adapter = adapter
        client._oauth2 = renewing

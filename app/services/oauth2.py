"""OAuth2 service accounts (python-ovh's ``oauth2`` mode): how the panel tells one from a consumer
key, and how a sandbox or proxy URL gets its token endpoint."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import ovh


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

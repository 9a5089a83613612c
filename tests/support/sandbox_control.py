"""Helpers for the sandbox's own tests: demo service names, control routes, a movable clock."""

from __future__ import annotations

import re
from typing import Any

import ovh
import pytest
import requests

from ovh_sandbox import clock
from ovh_sandbox.control import TOKEN_HEADER

FORM_TOKEN = re.compile(r'name="form_token" value="([0-9a-f]+)"')


def decide(
    http: requests.Session, validation_url: str, action: str, validity: int = 0
) -> requests.Response:
    """Open the validation page and press Approve or Refuse with its form token."""
    page = http.get(validation_url, timeout=5).text
    match = FORM_TOKEN.search(page)
    token = match.group(1) if match else ""
    return http.post(
        validation_url,
        data={"action": action, "validity": str(validity), "form_token": token},
        timeout=5,
        allow_redirects=False,
    )


EXAMPLE = "example.cluster01.hosting.ovh.net"
EXAMPLE2 = "example2.cluster02.hosting.ovh.net"
EXAMPLE3 = "example3.cluster03.hosting.ovh.net"


class Control:
    """The unsigned control routes of one running sandbox, plus its validation page."""

    def __init__(self, api_url: str, token: str):
        self.api_url = api_url
        self.base = api_url.removesuffix("/1.0")
        self.http = requests.Session()
        self.http.headers[TOKEN_HEADER] = token

    def faults(self, **changes: float) -> dict[str, Any]:
        response = self.http.post(f"{self.base}/_sandbox/faults", json=changes, timeout=5)
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result

    def stats(self) -> dict[str, Any]:
        result: dict[str, Any] = self.http.get(f"{self.base}/_sandbox/stats", timeout=5).json()
        return result

    def approve(self, validation_url: str, validity: int = 0) -> requests.Response:
        """Press Approve on the validation page (validity in seconds, 0 = unlimited)."""
        return self.decide(validation_url, "approve", validity)

    def decide(self, validation_url: str, action: str, validity: int = 0) -> requests.Response:
        """Open the validation page and press one of its buttons, as a browser would."""
        return decide(self.http, validation_url, action, validity)

    def grant(self, client: ovh.Client, rules: list[dict[str, str]], validity: int = 0) -> str:
        """Run the consumer-key flow for ``client``; returns the new, validated consumer key."""
        validation = client.request_consumerkey(rules)
        self.approve(validation["validationUrl"], validity)
        consumer_key: str = validation["consumerKey"]
        return consumer_key

    def close(self) -> None:
        self.http.close()


class MovableClock:
    """The sandbox clock, moved by hand instead of by sleeping."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.offset = 0.0
        real_now = clock.now
        monkeypatch.setattr(clock, "now", lambda: real_now() + self.offset)

    def advance(self, seconds: float) -> None:
        self.offset += seconds

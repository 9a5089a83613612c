"""The certificate form never sends a private key back, whichever box it was pasted in, and its
512 KiB limit holds before anything reads the form."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.support.certificates import Issued, leaf
from tests.support.forms import csrf_token

NO_CERT = "example2.cluster02.hosting.ovh.net"
IMPORT = f"/hosting/{NO_CERT}/ssl/import"
EN = {"Accept-Language": "en"}


@pytest.fixture(scope="module")
def good() -> Issued:
    return leaf("example.org", "www.example.org")


def _key_lines(issued: Issued) -> list[str]:
    return [line for line in issued.key_pem.splitlines() if not line.startswith("-----")][1:4]


@pytest.mark.parametrize("box", ["certificate", "chain"])
def test_a_private_key_pasted_in_another_box_is_not_sent_back(
    admin_client: FlaskClient, good: Issued, box: str
) -> None:
    token = csrf_token(admin_client.get(IMPORT, headers=EN).get_data(as_text=True))
    fields = {"certificate": good.pem, "key": "", "chain": ""}
    fields[box] = good.key_pem
    answer = admin_client.post(IMPORT, data={"csrf_token": token, **fields}, headers=EN)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    for line in _key_lines(good):
        assert line not in html
    assert "This box held a private key" in html


def test_the_512_kib_limit_holds_before_the_form_is_read(admin_client: FlaskClient) -> None:
    """600 KiB is under the panel's 1 MiB but over the SSL tab's 512 KiB: refused with 413,
    before the CSRF check (the first reader of the form) parses it."""
    token = csrf_token(admin_client.get(IMPORT, headers=EN).get_data(as_text=True))
    body = {"csrf_token": token, "certificate": "A" * (600 * 1024), "key": "", "chain": ""}
    answer = admin_client.post(IMPORT, data=body, headers=EN)
    assert answer.status_code == 413

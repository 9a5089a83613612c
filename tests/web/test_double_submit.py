"""Two identical POSTs in a row (a double click, or back and send again) start one OVH task."""

from __future__ import annotations

import re
import threading
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from tests.support.forms import csrf_token
from tests.support.panel_data import GRANTED_SERVICE
from tests.support.sandbox import SandboxControl

PASSWORD_PAGE = f"/hosting/{GRANTED_SERVICE}/databases/example.mysql.db/password"
CHANGE = "POST /hosting/web/{serviceName}/database/{name}/changePassword"
ONCE = re.compile(r'name="_once" value="([^"]+)"')
EN = {"Accept-Language": "en"}


def _filled_form(client: FlaskClient) -> dict[str, str]:
    html = client.get(PASSWORD_PAGE, headers=EN).get_data(as_text=True)
    once = ONCE.search(html)
    assert once, "every form carries its _once value"
    return {
        "csrf_token": csrf_token(html),
        "_once": once.group(1),
        "password": "Newpass123",
        "confirm": "Newpass123",
    }


def test_sending_the_same_form_twice_starts_one_task(
    admin_client: FlaskClient, sandbox: SandboxControl
) -> None:
    form = _filled_form(admin_client)
    sandbox.clear_stats()
    first = admin_client.post(PASSWORD_PAGE, data=form, headers=EN)
    again = admin_client.post(PASSWORD_PAGE, data=form, headers=EN)  # back, and send again
    assert first.status_code == again.status_code == 302
    assert again.location == first.location and "/tasks/" in first.location
    assert sandbox.stats()["by_route"].get(CHANGE) == 1


def test_a_double_click_starts_one_task(
    app: Flask, admin_client: FlaskClient, sandbox: SandboxControl
) -> None:
    """Both posts at the same moment: the second answers calmly without calling OVH."""
    form = _filled_form(admin_client)
    sandbox.faults(latency_ms=300)  # the first one is still at OVH when the second arrives
    sandbox.clear_stats()
    answers: list[Any] = []

    def send() -> None:
        answers.append(admin_client.post(PASSWORD_PAGE, data=form, headers=EN))

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    sandbox.faults(latency_ms=0)
    assert sorted(answer.status_code for answer in answers) in ([302, 302], [302, 409])
    assert sandbox.stats()["by_route"].get(CHANGE) == 1


def test_a_form_shown_again_with_errors_can_be_sent_once_corrected(
    admin_client: FlaskClient, sandbox: SandboxControl
) -> None:
    form = _filled_form(admin_client)
    wrong = admin_client.post(PASSWORD_PAGE, data={**form, "confirm": "Different123"}, headers=EN)
    assert wrong.status_code == 200
    sandbox.clear_stats()
    fixed = admin_client.post(PASSWORD_PAGE, data=form, headers=EN)
    assert fixed.status_code == 302
    assert sandbox.stats()["by_route"].get(CHANGE) == 1


def test_two_different_submissions_from_one_page_both_go(
    admin_client: FlaskClient, sandbox: SandboxControl
) -> None:
    form = _filled_form(admin_client)
    sandbox.clear_stats()
    admin_client.post(PASSWORD_PAGE, data=form, headers=EN)
    other = {**form, "password": "Otherpass456", "confirm": "Otherpass456"}
    assert admin_client.post(PASSWORD_PAGE, data=other, headers=EN).status_code == 302
    assert sandbox.stats()["by_route"].get(CHANGE) == 2

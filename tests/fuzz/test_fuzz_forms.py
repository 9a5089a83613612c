"""Every form of the panel, fed generated text through the real request path (CSRF token, form
parsing, validation, services, the real ``ovh.Client`` over HTTP to the sandbox).

For each answer: no 5xx; nothing sent comes back unescaped; and OVH receives a write only when the
panel accepted the form (a redirect) or shows OVH's own refusal (with its request id): invalid
input never reaches OVH. ``FUZZ_EXAMPLES`` sets the examples per form (default 4; ``make fuzz``
runs 150).
"""

from __future__ import annotations

import os
import re
import time
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.crawl import Field, Form, crawl
from tests.support.forms import csrf_token
from tests.support.panel import UserFactory
from tests.support.panel_data import GRANTED_SERVICE, TEST_PASSWORDS
from tests.support.sandbox import SandboxControl

TAG = re.compile(r"<[A-Za-z/!?]")
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "4"))
EN = {"Accept-Language": "en"}
# What a person (or an attacker) can type: every Unicode category but lone surrogates (no
# browser can send those), control characters included.
ANY_CHAR = st.characters(exclude_categories=["Cs"])
EDGE_NUMBERS = [
    "0", "-0", "-1", "1", "2147483647", "2147483648", "-2147483649", "9" * 40,
    "1e308", "-1e308", "NaN", "Infinity", "0x1F", "1_000", "٣", "１２",
]  # fmt: skip
MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</textarea><b>bold</b>",
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "' OR '1'='1",
]
TEMPLATES = ["{{7*7}}", "{% debug %}", "${7*7}", "%(email)s", "{0}", "#{7*7}", "<%= 7*7 %>"]
SEPARATORS = ["\x00", "\r\n", "\u202e", "\ufeff", "\u200b", "../../etc/passwd", "a" * 255 + ".com"]

VALUES = st.one_of(
    st.text(ANY_CHAR, max_size=40),
    st.just(""),
    st.sampled_from(EDGE_NUMBERS),
    st.integers().map(str),
    st.sampled_from(MARKUP),
    st.sampled_from(TEMPLATES),
    st.sampled_from(SEPARATORS),
    st.tuples(st.sampled_from(MARKUP + TEMPLATES), st.text(ANY_CHAR, max_size=10)).map("".join),
    st.builds(lambda char, n: char * n, ANY_CHAR, st.integers(200, 5000)),
)


def field_values(form: Form) -> st.SearchStrategy[dict[str, str]]:
    """A value for each field: generated, or (now and then) what the page itself offered."""

    def one(f: Field) -> st.SearchStrategy[str]:
        offered = [f.value, *f.options]
        return st.one_of(VALUES, st.sampled_from(offered)) if any(offered) else VALUES

    return st.fixed_dictionaries({f.name: one(f) for f in form.fuzzable})


class Tally:
    forms = 0
    inputs = 0
    seconds = 0.0


def _writes(stats: dict[str, Any]) -> dict[str, int]:
    return {
        route: count
        for route, count in stats.get("by_route", {}).items()
        if not route.startswith("GET ")
    }


def _fuzz(client: FlaskClient, sandbox: SandboxControl, form: Form) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=os.environ.get("FUZZ_RANDOM") is None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(values=field_values(form))
    def attempt(values: dict[str, str]) -> None:
        Tally.inputs += 1
        page = client.get(form.page.removeprefix("http://localhost"), headers=EN)
        html = page.get_data(as_text=True)
        sandbox.clear_stats()
        if form.method == "get":
            answer = client.get(form.action, query_string=values, headers=EN)
        else:
            token = csrf_token(html) if 'name="csrf_token"' in html else ""
            answer = client.post(form.action, data={"csrf_token": token, **values}, headers=EN)
        body = answer.get_data(as_text=True)
        assert answer.status_code < 500, (form.action, values, answer.status_code)
        for value in values.values():
            if TAG.search(value):  # markup that a browser would act on if it came back raw
                assert value not in body, ("sent back unescaped", form.action, value)
        writes = _writes(sandbox.stats())
        if writes and answer.status_code != 302:
            assert "EU.sandbox-1." in body, ("reached OVH unaccepted", form.action, values, writes)

    attempt()


@pytest.fixture
def signed_in(app: Flask, users: UserFactory) -> tuple[FlaskClient, FlaskClient]:
    users.make("admin@example.com", "admin", TEST_PASSWORDS["admin"])
    users.make("staff@example.com", "staff", TEST_PASSWORDS["staff"], {GRANTED_SERVICE: "operate"})
    admin, anonymous = app.test_client(), app.test_client()
    page = admin.get("/auth/sign-in").get_data(as_text=True)
    admin.post(
        "/auth/sign-in",
        data={
            "csrf_token": csrf_token(page),
            "email": "admin@example.com",
            "password": TEST_PASSWORDS["admin"],
        },
    )
    return admin, anonymous


def test_every_form_survives_generated_input(
    app: Flask, sandbox: SandboxControl, signed_in: tuple[FlaskClient, FlaskClient]
) -> None:
    # Fuzzing sign-in would pause the account for the rest of the run: slow it no more than
    # the limits allow, and keep the admin's own session out of the sign-in form's way.
    app.config["SIGN_IN_LIMIT"] = "100000 per minute"
    admin, anonymous = signed_in
    started = time.monotonic()
    _, admin_forms = crawl(admin, ["/hosting/", "/admin/users", "/admin/audit", "/auth/profile"])
    _, public_forms = crawl(anonymous, ["/auth/sign-in", "/auth/set-password"])
    forms = [f for f in admin_forms if f.fuzzable and not _ends_session(f)]
    assert len(forms) >= 10, [f.action for f in forms]
    for form in forms:
        Tally.forms += 1
        _fuzz(admin, sandbox, form)
    for form in public_forms:
        if form.fuzzable:
            Tally.forms += 1
            _fuzz(anonymous, sandbox, form)
    Tally.seconds += time.monotonic() - started
    print(  # shown with -s (make fuzz): the figures of the run
        f"\nfuzzing: {Tally.forms} forms, {Tally.inputs} inputs, {Tally.seconds:.1f} s"
    )


def _ends_session(form: Form) -> bool:
    """Forms that would sign the fuzzing admin out or take their rights away mid-run."""
    return form.action.startswith(("/auth/sign-out", "/auth/sessions/")) or (
        form.action.endswith(("/role", "/deactivate", "/delete", "/password"))
        and form.action.startswith("/admin/users/")
    )

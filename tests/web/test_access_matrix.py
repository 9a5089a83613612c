"""The authorization matrix: every route of the URL map, GET and POST, for every kind of person.

Each view declares its access with ``@requires(Action.X)``; the expected status for each person
follows from that declaration alone, so a new route is covered the moment it exists, and a route
without a declaration fails here.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from app.access import Action, access_of
from app.accounts.sessions import start_session
from app.accounts.users import issue_link
from app.extensions import db, ovh_api
from app.models import User
from app.services.client import path
from tests.support.forms import csrf_token
from tests.support.panel import UserFactory
from tests.support.panel_data import GRANTED_SERVICE, OTHER_SERVICE

ROLES = ("anonymous", "staff_without_grant", "staff_view", "staff_operate", "admin")
ALLOWED = "allowed"
SIGN_IN = 302

# What each declaration means for each person (the issue's rules, written out once).
EXPECTED: dict[Action, dict[str, int | str]] = {
    Action.ANYONE: dict.fromkeys(ROLES, ALLOWED),
    Action.SIGNED_IN: {"anonymous": SIGN_IN, **dict.fromkeys(ROLES[1:], ALLOWED)},
    Action.VIEW: {
        "anonymous": SIGN_IN,
        "staff_without_grant": 404,
        "staff_view": ALLOWED,
        "staff_operate": ALLOWED,
        "admin": ALLOWED,
    },
    Action.OPERATE: {
        "anonymous": SIGN_IN,
        "staff_without_grant": 404,
        "staff_view": 403,
        "staff_operate": ALLOWED,
        "admin": ALLOWED,
    },
    Action.DESTROY: {
        "anonymous": SIGN_IN,
        "staff_without_grant": 404,
        "staff_view": 403,
        "staff_operate": 403,
        "admin": ALLOWED,
    },
    Action.ADMIN: {"anonymous": SIGN_IN, **dict.fromkeys(ROLES[1:-1], 403), "admin": ALLOWED},
}

# What an allowed request answers: a page (200) for GET; for a POST carrying only its CSRF token,
# a redirect (302) unless listed here. Keyed by (endpoint, method), optionally by role.
ALLOWED_ANSWERS: dict[tuple[str, str], int | dict[str, int]] = {
    ("auth.sign_in", "GET"): {"anonymous": 200, "other": 302},
    ("auth.sign_in", "POST"): {"anonymous": 200, "other": 302},
    ("auth.first_admin", "GET"): 302,  # users exist, so it leads to the sign-in page
    ("auth.set_password_with_link", "POST"): 404,  # no link code: "this link no longer works"
    ("index", "GET"): 302,  # leads to the hosting list
    ("auth.profile", "POST"): 200,
    ("auth.change_password", "POST"): 200,
    ("auth.end_session", "POST"): 404,  # the sample session is someone else's
    ("admin.add_user", "POST"): 200,
    ("admin.reset_password", "POST"): 200,  # the page showing the new link
    ("domains.attach", "POST"): 200,
    ("databases.create", "POST"): 200,
    ("databases.change_password", "POST"): 200,
    ("databases.import_file", "POST"): 200,  # no file: shown again, "Choose the file"
    ("databases.copy", "POST"): 200,  # no database chosen to copy into
    ("databases.download_backup", "GET"): 302,  # to OVH's own address for the file
    ("databases.download_plan_backup", "GET"): 302,
    ("domains.modify", "POST"): 200,
    ("ssl.import_certificate", "POST"): 200,  # empty form: shown again with its errors
    ("ssl.replace", "POST"): 200,
    ("ssl.order", "POST"): 200,  # the sample service already has a certificate
    # The sample service has one certificate for all, so per-domain certificates do not exist.
    ("ssl.order_domain", "GET"): 404,
    ("ssl.order_domain", "POST"): 404,
    ("ssl.regenerate_domain", "GET"): 404,
    ("ssl.regenerate_domain", "POST"): 404,
    ("ssl.delete_domain", "GET"): 404,
    ("ssl.delete_domain", "POST"): 404,
    # Empty forms: shown again with what is missing.
    ("ftp.create", "POST"): 200,
    ("ftp.change_password", "POST"): 200,
    ("ftp.ssh", "POST"): 200,
    ("ftp.delete", "POST"): 200,
    ("php.change", "POST"): 200,
    ("php.rollback", "POST"): 200,
    ("cron.create", "POST"): 200,
    ("cron.edit", "POST"): 200,
    ("launch.new", "POST"): 200,  # empty form: shown again with its errors
    # No launch has been prepared in the sample: a plan that does not exist is not found.
    ("launch.show", "GET"): 404,
    ("launch.progress", "GET"): 404,
    ("launch.start", "POST"): 404,
    ("launch.retry", "GET"): 404,
    ("launch.retry", "POST"): 404,
    ("launch.undo", "POST"): 404,
    ("launch.discard", "POST"): 404,
    # Nor any operation in parts (tests/web/test_operations_in_parts.py opens real ones).
    ("operations.show", "GET"): 404,
    ("operations.progress", "GET"): 404,
    # The sample request and failure do not exist: the pages say so, the mark leads back.
    ("approvals.show", "GET"): 404,
    ("approvals.approve", "POST"): 404,
    ("approvals.decline", "POST"): 404,
    # No inventory has been prepared for this person in the sample: not found, whoever asks.
    ("inventory.prepared", "GET"): 404,
    ("inventory.progress", "GET"): 404,
    ("inventory.prepared_xlsx", "GET"): 404,
    ("inventory.prepared_json", "GET"): 404,
    ("inventory.prepared_csv", "GET"): 404,
    # The tests' panel has no catch-all mail server (only the demo does).
    ("notify.caught", "GET"): 404,
    ("notify.preferences", "POST"): 302,
    # Staff who may operate get the same form asking for their reason (Approvals).
    ("databases.delete", "POST"): {"staff_operate": 200, "other": 302},
    ("domains.detach", "POST"): {"staff_operate": 200, "other": 302},
    ("ssl.delete", "POST"): {"staff_operate": 200, "other": 302},
    ("databases.restore_backup", "POST"): {"staff_operate": 200, "other": 302},
    ("databases.delete_backup", "POST"): {"staff_operate": 200, "other": 302},
    ("websites.remove", "POST"): {"staff_operate": 200, "other": 302},
}


# Query strings some routes need to answer at all.
QUERIES = {"databases.versions": "?type=mysql"}


def _url_map_cases() -> list[tuple[str, str, str]]:
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "matrix", "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    )
    cases = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.endpoint):
        for method in sorted((rule.methods or set()) & {"GET", "POST"}):
            cases.append((rule.endpoint, method, rule.rule))
    return cases


CASES = _url_map_cases()


class Matrix:
    """The people, the sample URL values and a signed-in client for each person."""

    def __init__(self, app: Flask, users: UserFactory) -> None:
        self.app = app
        self.ids = {
            "staff_without_grant": users.make(
                "nogrant@example.com", grants={OTHER_SERVICE: "operate"}
            ),
            "staff_view": users.make("viewer@example.com", grants={GRANTED_SERVICE: "view"}),
            "staff_operate": users.make(
                "operator@example.com", grants={GRANTED_SERVICE: "operate"}
            ),
            "admin": users.make("boss@example.com", "admin"),
        }
        target = users.make("target@example.com", grants={GRANTED_SERVICE: "view"})
        with app.app_context():
            target_user = db.session.get_one(User, target)
            token = issue_link(target_user, "reset", by=None)
            db.session.commit()
            start_session(target_user, remember=False, user_agent="matrix", address="127.0.0.1")
            target_session = target_user.sessions[0].id
            task_ids = ovh_api.gateway.get(path("/hosting/web", GRANTED_SERVICE, "tasks"))
            databases = ovh_api.gateway.get(path("/hosting/web", GRANTED_SERVICE, "database"))
            dumps = ovh_api.gateway.get(
                path("/hosting/web", GRANTED_SERVICE, "database", databases[0], "dump")
            )
        self.values = {
            "service_name": GRANTED_SERVICE,
            "user_id": str(target),
            "session_id": str(target_session),
            "token": token,
            "domain": "blog.example.com",
            "task_id": str(task_ids[0]),
            "name": str(databases[0]),
            "dump_id": str(dumps[-1]),
            "filename": "css/bootstrap.min.css",
            "login": "example-agency",
            "config_id": "1001",
            "cron_id": "1001",
            "plan_id": "999999",
            "operation_id": "999999",
            "install_id": "1500000",  # the sample's WordPress in the blog's folder
            "sheet": "domains",
            "request_id": "9999",
            "failure_id": "9999",
            "prepared_id": "999999",
        }

    def url(self, endpoint: str, rule: str) -> str:
        if endpoint == "static":
            return "/static/css/panel.css"
        url = rule
        for name, value in self.values.items():
            for converter in ("", "int:", "path:"):
                url = url.replace(f"<{converter}{name}>", value)
        assert "<" not in url, f"add a sample value for {url} to the access matrix"
        return url + QUERIES.get(endpoint, "")

    def client(self, role: str) -> FlaskClient:
        client = self.app.test_client()
        if role != "anonymous":
            with self.app.app_context():
                user = db.session.get_one(User, self.ids[role])
                start_session(user, remember=False, user_agent="matrix", address="127.0.0.1")
                session_id = user.get_id()
            with client.session_transaction() as session:
                session["_user_id"] = session_id
                session["_fresh"] = True
        return client


@pytest.fixture
def matrix(app: Flask, users: UserFactory) -> Matrix:
    return Matrix(app, users)


def expected_status(endpoint: str, method: str, role: str, action: Action) -> int:
    expected = EXPECTED[action][role]
    if expected != ALLOWED:
        return int(expected)
    answer = ALLOWED_ANSWERS.get((endpoint, method), 200 if method == "GET" else 302)
    if isinstance(answer, dict):
        return answer.get(role, answer.get("other", 200))
    return answer


@pytest.mark.parametrize(
    ("endpoint", "method", "rule"), CASES, ids=[f"{m} {r}" for _, m, r in CASES]
)
def test_every_route_answers_each_person_as_its_declaration_says(
    matrix: Matrix, endpoint: str, method: str, rule: str
) -> None:
    action = access_of(matrix.app, endpoint)
    assert action is not None, f"{endpoint} does not declare its access with @requires(Action…)"
    url = matrix.url(endpoint, rule)
    answers: dict[str, Any] = {}
    for role in ROLES:
        client = matrix.client(role)
        if method == "GET":
            answer = client.get(url)
        else:
            form_page = "/auth/profile" if role != "anonymous" else "/auth/sign-in"
            token = csrf_token(client.get(form_page).get_data(as_text=True))
            answer = client.post(url, data={"csrf_token": token})
        answer.close()  # static files keep a file open until then
        expected = expected_status(endpoint, method, role, action)
        answers[role] = (answer.status_code, expected)
        if EXPECTED[action][role] == SIGN_IN:
            assert answer.headers["Location"].startswith("/auth/sign-in"), (role, url)
        if EXPECTED[action][role] == 403:
            assert "administrators" in answer.get_data(as_text=True), (role, url)
    wrong = {role: got for role, got in answers.items() if got[0] != got[1]}
    assert not wrong, f"{method} {url} ({action.name}): (got, expected) {wrong}"


def test_the_staff_history_is_covered_and_open_to_every_signed_in_person() -> None:
    # Staff see only their own sites' entries there (tests/web/test_history.py), so the page
    # itself is for anyone signed in.
    assert ("hosting.history", "GET", "/hosting/history") in CASES
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "matrix", "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    )
    assert access_of(app, "hosting.history") is Action.SIGNED_IN

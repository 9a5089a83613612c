"""Sign-in throttling slows whoever fails, where they fail from, and never locks the real person
out of the places they use; its counts are shared by every worker."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter
from sqlalchemy import select, update

from app.accounts import throttle
from app.accounts.signin import NOT_AN_EMAIL, UNKNOWN_RETENTION
from app.extensions import db, limiter
from app.limits_store import DatabaseStorage
from app.models import AuditEntry, SignInThrottle, User, UserSession
from tests.support.forms import csrf_token, set_password
from tests.support.panel import UserFactory, dispose, make_app
from tests.support.panel_data import TEST_PASSWORDS
from tests.support.sandbox import SandboxControl

STAFF = "staff@example.com"
WRONG = "Not-The-Password-123"
ATTACKER = "203.0.113.66"
OWNER = "198.51.100.7"


def sign_in(client: FlaskClient, email: str, password: str, address: str) -> Any:
    """A sign-in POST from ``address`` (each call fetches the form first, like a browser)."""
    environ = {"REMOTE_ADDR": address}
    page = client.get("/auth/sign-in", environ_base=environ).get_data(as_text=True)
    data = {"csrf_token": csrf_token(page), "email": email, "password": password}
    return client.post(
        "/auth/sign-in", data=data, environ_base=environ, headers={"Accept-Language": "en"}
    )


def _pass_time(app: Flask) -> None:
    """Every delay has run out (as if its seconds had passed)."""
    with app.app_context():
        db.session.execute(update(SignInThrottle).values(blocked_until=None))
        db.session.commit()


def test_failures_slow_the_address_they_come_from_not_the_real_person(
    app: Flask, users: UserFactory
) -> None:
    users.make(STAFF, password=TEST_PASSWORDS["staff"])
    attacker, owner = app.test_client(), app.test_client()
    for _ in range(throttle.PAIR_FREE + 1):
        assert sign_in(attacker, STAFF, WRONG, ATTACKER).status_code == 200
    refused = sign_in(attacker, STAFF, TEST_PASSWORDS["staff"], ATTACKER).get_data(as_text=True)
    assert "Please wait" in refused  # even the right password waits: it is not looked at
    assert sign_in(owner, STAFF, TEST_PASSWORDS["staff"], OWNER).status_code == 302


def test_delays_grow_with_each_failure(app: Flask, users: UserFactory) -> None:
    users.make(STAFF, password=TEST_PASSWORDS["staff"])
    client = app.test_client()
    for _ in range(throttle.PAIR_FREE):
        sign_in(client, STAFF, WRONG, ATTACKER)
    waits = []
    for _ in range(4):
        _pass_time(app)
        sign_in(client, STAFF, WRONG, ATTACKER)
        with app.app_context():
            verdict = throttle.before_attempt(STAFF, ATTACKER, None)
        waits.append(verdict.wait_seconds)
    assert waits == [1, 2, 4, 8]
    with app.app_context():
        assert throttle._delay(100) == throttle.MAX_DELAY


def test_unknown_emails_are_slowed_exactly_like_known_ones(app: Flask, users: UserFactory) -> None:
    users.make(STAFF, password=TEST_PASSWORDS["staff"])
    client = app.test_client()
    answers = []
    # From two addresses: each stays under the per-address limit of sign-in posts.
    for email, address in ((STAFF, ATTACKER), ("ghost@example.com", "203.0.113.67")):
        for _ in range(throttle.PAIR_FREE + 1):
            sign_in(client, email, WRONG, address)
        answers.append(sign_in(client, email, WRONG, address).get_data(as_text=True))
    known, unknown = (answer.split("Please wait")[1][:40] for answer in answers)
    assert known == unknown


@pytest.fixture
def low_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A lock after 6 failures from anywhere, with no per-place delays in the way."""
    monkeypatch.setattr(throttle, "PAIR_FREE", 1000)
    monkeypatch.setattr(throttle, "ACCOUNT_FREE", 1000)
    monkeypatch.setattr(throttle, "ACCOUNT_LOCK", 6)


@pytest.mark.usefixtures("low_lock")
def test_a_locked_account_still_opens_where_it_was_used_and_an_admin_unlocks_it(
    app: Flask, users: UserFactory, admin_client: FlaskClient
) -> None:
    staff = users.make(STAFF, password=TEST_PASSWORDS["staff"])
    owner = app.test_client()
    assert sign_in(owner, STAFF, TEST_PASSWORDS["staff"], OWNER).status_code == 302
    botnet = app.test_client()
    for n in range(6):
        sign_in(botnet, STAFF, WRONG, f"203.0.113.{n}")
    elsewhere = sign_in(app.test_client(), STAFF, TEST_PASSWORDS["staff"], "192.0.2.1")
    assert "from a computer that has signed in to it before" in elsewhere.get_data(as_text=True)
    assert sign_in(app.test_client(), STAFF, TEST_PASSWORDS["staff"], OWNER).status_code == 302
    users_page = admin_client.get("/admin/users").get_data(as_text=True)
    assert "Locked after failed sign-ins" in users_page
    page = admin_client.get(f"/admin/users/{staff}").get_data(as_text=True)
    admin_client.post(f"/admin/users/{staff}/unlock", data={"csrf_token": csrf_token(page)})
    assert "Locked after" not in admin_client.get("/admin/users").get_data(as_text=True)
    assert (
        sign_in(app.test_client(), STAFF, TEST_PASSWORDS["staff"], "192.0.2.1").status_code == 302
    )
    with app.app_context():
        actions = set(db.session.execute(select(AuditEntry.action)).scalars())
    assert {"user.sign_in_locked", "user.sign_in_unlock"} <= actions


@pytest.mark.usefixtures("low_lock")
def test_a_one_time_link_unlocks_the_account(app: Flask, users: UserFactory) -> None:
    from app.accounts.users import issue_link

    staff = users.make(STAFF, password=TEST_PASSWORDS["staff"])
    for n in range(6):
        sign_in(app.test_client(), STAFF, WRONG, f"203.0.113.{n}")
    with app.app_context():
        token = issue_link(db.session.get_one(User, staff), "reset", by=None)
        db.session.commit()
    client = app.test_client()
    new_password = "Granite-Willow-Saffron-94"
    set_password(client, token, new_password)
    with app.app_context():
        assert db.session.get_one(User, staff).sign_in_locked_at is None
    assert sign_in(client, STAFF, new_password, "192.0.2.1").status_code == 302


def test_failed_sign_ins_of_unknown_emails_are_added_up_and_expire(
    app: Flask, users: UserFactory
) -> None:
    users.make(STAFF, password=TEST_PASSWORDS["staff"])
    client = app.test_client()
    for _ in range(4):
        sign_in(client, "ghost@example.com", WRONG, f"192.0.2.{_}")
    sign_in(client, "<script>alert(1)</script>", WRONG, "192.0.2.9")
    with app.app_context():
        entries = {
            entry.target: entry.parameters["attempts"]
            for entry in db.session.execute(
                select(AuditEntry).where(AuditEntry.action == "auth.sign_in_unknown")
            ).scalars()
        }
        assert entries == {"ghost@example.com": 4, NOT_AN_EMAIL: 1}
        db.session.execute(
            update(AuditEntry).values(created_at=AuditEntry.created_at - UNKNOWN_RETENTION * 2)
        )
        db.session.execute(
            update(SignInThrottle).values(
                last_failure_at=SignInThrottle.last_failure_at - timedelta(days=2)
            )
        )
        db.session.commit()
    sign_in(client, "other@example.com", WRONG, "192.0.2.10")
    with app.app_context():
        left = list(
            db.session.execute(
                select(AuditEntry.target).where(AuditEntry.action == "auth.sign_in_unknown")
            ).scalars()
        )
        assert left == ["other@example.com"]
        assert db.session.query(SignInThrottle).count() == 2  # the new pair and account only


def test_rate_limits_are_counted_together_by_every_worker(app: Flask, database_url: str) -> None:
    """Two stores on one database, as two gunicorn workers would have, share one count."""
    with app.app_context():
        assert app.config["RATELIMIT_STORAGE_URI"] != "memory://"
        if not app.config.get("REDIS_URL"):
            assert isinstance(limiter.storage, DatabaseStorage)
    workers = [
        FixedWindowRateLimiter(storage_from_string("panel-db://", url=database_url))
        for _ in range(2)
    ]
    limit = parse("3 per minute")
    allowed = [workers[n % 2].hit(limit, "sign-in", "192.0.2.1") for n in range(5)]
    assert allowed == [True, True, True, False, False]


@pytest.mark.parametrize("proxies", [0, 1])
def test_trusted_proxies_decide_whose_address_and_scheme_count(
    request: pytest.FixtureRequest,
    sandbox: SandboxControl,
    database_url: str,
    users: UserFactory,
    proxies: int,
) -> None:
    app = make_app(sandbox.api_url, database_url, TRUSTED_PROXIES=proxies)
    request.addfinalizer(lambda: dispose(app))
    users.make(STAFF, password=TEST_PASSWORDS["staff"])
    client = app.test_client()
    forwarded = {
        "X-Forwarded-For": "203.0.113.50",
        "X-Forwarded-Proto": "https",
        # Flask-WTF asks HTTPS form posts for a same-site Referer.
        "Referer": f"{'https' if proxies else 'http'}://localhost/auth/sign-in",
    }
    page = client.get("/auth/sign-in", headers=forwarded)
    answer = client.post(
        "/auth/sign-in",
        data={
            "csrf_token": csrf_token(page.get_data(as_text=True)),
            "email": STAFF,
            "password": TEST_PASSWORDS["staff"],
        },
        headers=forwarded,
    )
    assert answer.status_code == 302
    with app.app_context():
        address = db.session.execute(select(UserSession.address)).scalar_one()
    if proxies:
        assert address == "203.0.113.50"
        assert "Strict-Transport-Security" in page.headers
    else:  # nobody vouches for these headers: a client could have written them
        assert address == "127.0.0.1"
        assert "Strict-Transport-Security" not in page.headers

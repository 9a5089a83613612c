"""A large account's inventory, prepared by the queue: the button, the progress page, the files
once ready, only the plans the person may see, private to them, removed an hour later; and a
preparation stopped by the call budget going on from where it stopped."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.extensions import db, ovh_api
from app.inventory import jobs
from app.inventory.loaders import CALLS_PER_PLAN, DNS_CHECKS, read_plans
from app.inventory.models import PreparedInventory
from app.models import utcnow
from app.services import hosting
from tests.support.forms import csrf_token
from tests.support.panel import AuthActions, UserFactory
from tests.support.panel_data import GRANTED_SERVICE, OTHER_SERVICE, TEST_PASSWORDS
from tests.support.queue import run_scheduled

EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}
SHEETS = ["plans", "domains", "certificates", "databases", "applications", "ftp"]


@pytest.fixture
def large(app: Flask) -> Flask:
    """The sandbox's three plans count as a large account."""
    app.config["INVENTORY_DIRECT_PLANS"] = 1
    return app


def prepare(client: FlaskClient) -> str:
    page = client.get("/inventory/", headers=EN).get_data(as_text=True)
    answer = client.post("/inventory/prepare", data={"csrf_token": csrf_token(page)})
    assert answer.status_code == 302
    assert re.fullmatch(r"/inventory/prepared/\d+", answer.location)
    return str(answer.location)


def rows(app: Flask) -> list[PreparedInventory]:
    with app.app_context():
        found = list(db.session.scalars(select(PreparedInventory)))
        db.session.expunge_all()
        return found


def test_a_large_account_prepares_the_inventory_then_offers_every_file(
    large: Flask, admin_client: FlaskClient
) -> None:
    page = admin_client.get("/inventory/", headers=EN).get_data(as_text=True)
    assert "Prepare the inventory" in page and "/inventory/inventory.xlsx" not in page
    assert "6 requests per plan" in page  # the help says what it costs
    direct = admin_client.get("/inventory/inventory.json")
    assert direct.status_code == 302 and direct.location.endswith("/inventory/")
    url = prepare(admin_client)  # the tests' queue runs the job at once
    shown = admin_client.get(url, headers=EN).get_data(as_text=True)
    assert 'data-status="ready"' in shown and 'data-final="true"' in shown
    assert "Every plan you may see is read (3)" in shown
    data = json.loads(admin_client.get(url + "/inventory.json").get_data(as_text=True))
    assert set(SHEETS) <= set(data)
    assert {GRANTED_SERVICE, OTHER_SERVICE} <= {plan["plan"] for plan in data["plans"]}
    assert any(a["application"] == "WordPress" for a in data["applications"])
    assert any(u["primary"] for u in data["ftp"]) and "password" not in json.dumps(data)
    book = zipfile.ZipFile(io.BytesIO(admin_client.get(url + "/inventory.xlsx").get_data()))
    names = re.findall(r'<sheet name="([^"]+)"', book.read("xl/workbook.xml").decode())
    assert len(names) == 6 and names[-2:] == ["Applications", "FTP logins"]
    for sheet in SHEETS:
        answer = admin_client.get(f"{url}/{sheet}.csv", headers=FR)
        assert answer.status_code == 200 and answer.mimetype == "text/csv"
        assert "no-store" in answer.headers["Cache-Control"]
    assert admin_client.get(url + "/nothing.csv").status_code == 404
    listed = admin_client.get("/inventory/", headers=FR).get_data(as_text=True)
    assert f'href="{url}"' in listed and "prêt" in listed


def test_the_page_shows_how_far_it_has_come_and_updates_itself(
    large: Flask, admin_client: FlaskClient, users: UserFactory
) -> None:
    with large.app_context():
        admin = db.session.scalar(select(PreparedInventory.user_id))  # none yet
        assert admin is None
        from app.models import User

        owner = db.session.scalar(select(User.id).where(User.email == "admin@example.com"))
        running = PreparedInventory(
            user_id=owner, state="running", plans_total=40, plans_done=12,
            expires_at=utcnow() + jobs.KEEP,
        )  # fmt: skip
        db.session.add(running)
        db.session.commit()
        url = f"/inventory/prepared/{running.id}"
    page = admin_client.get(url, headers=EN).get_data(as_text=True)
    assert "12 of 40 plans read." in page and 'data-final="false"' in page
    assert f'data-poll-url="{url}/progress"' in page and "js/task-status.js" in page
    assert 'aria-live="polite"' in page and f'href="{url}"' in page  # refresh without script
    assert '<progress class="w-100 mb-2" max="40" value="12"' in page
    assert admin_client.get(url + "/inventory.xlsx").status_code == 404  # not ready yet
    fragment = admin_client.get(url + "/progress", headers=FR).get_data(as_text=True)
    assert fragment.lstrip().startswith("<section") and "12 hébergements lus sur 40." in fragment


@pytest.mark.cached  # what was read before is kept: only the other plans need OVH
def test_a_preparation_stopped_by_the_budget_goes_on_from_where_it_stopped(
    large: Flask, admin_client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jobs, "PLANS_PER_STEP", 1)
    with large.app_context():
        first = hosting.list_services(ovh_api.gateway)[0]
        read_plans([first])  # the first plan's answers kept, as its pages would leave them
        budget = ovh_api.gateway.budget
        assert budget is not None
        budget.pause(60)  # as after OVH's 429: no call may go out for a minute
    url = prepare(admin_client)
    (stopped,) = rows(large)
    assert (stopped.state, stopped.plans_done, stopped.plans_total) == ("running", 1, 3)
    assert set(stopped.rows) == {first.service_name}
    page = admin_client.get(url, headers=EN).get_data(as_text=True)
    assert "1 of 3 plans read." in page and 'data-final="false"' in page
    with large.app_context():
        budget.clear()  # room again: the queue runs it again when its time comes
    run_scheduled(rounds=1)  # (its removal an hour later waits in the schedule)
    (ready,) = rows(large)
    assert (ready.state, ready.plans_done) == ("ready", 3)
    data = json.loads(admin_client.get(url + "/inventory.json").get_data(as_text=True))
    assert len(data["plans"]) == 3


def test_staff_get_only_their_plans_and_nobody_else_opens_them(
    large: Flask, client: FlaskClient, users: UserFactory, auth: AuthActions
) -> None:
    users.make("staff@example.com", "staff", TEST_PASSWORDS["staff"], {GRANTED_SERVICE: "view"})
    users.make("other@example.com", "staff", TEST_PASSWORDS["other"], {GRANTED_SERVICE: "view"})
    large.config["INVENTORY_DIRECT_PLANS"] = 0
    assert auth.sign_in("staff@example.com", TEST_PASSWORDS["staff"]).status_code == 302
    url = prepare(client)
    data = json.loads(client.get(url + "/inventory.json").get_data(as_text=True))
    for sheet in SHEETS:
        assert {row["plan"] for row in data[sheet]} <= {GRANTED_SERVICE}
    assert {row["plan"] for row in data["ftp"]} == {GRANTED_SERVICE}
    (prepared,) = rows(large)
    assert set(prepared.rows) == {GRANTED_SERVICE} and prepared.plans_total == 1
    auth.sign_out()
    assert auth.sign_in("other@example.com", TEST_PASSWORDS["other"]).status_code == 302
    assert client.get(url, headers=EN).status_code == 404
    assert client.get(url + "/inventory.json").status_code == 404
    assert client.get(url + "/progress").status_code == 404


def test_a_prepared_inventory_is_removed_an_hour_after_it_is_ready(
    large: Flask, admin_client: FlaskClient
) -> None:
    url = prepare(admin_client)
    (prepared,) = rows(large)
    assert prepared.expires_at - utcnow() <= jobs.KEEP
    assert prepared.expires_at - utcnow() > jobs.KEEP - timedelta(minutes=5)
    assert run_scheduled() >= 1  # its removal, scheduled an hour on, runs when its time comes
    assert rows(large) == []
    assert admin_client.get(url, headers=EN).status_code == 404


def test_one_past_its_time_is_refused_then_swept(large: Flask, admin_client: FlaskClient) -> None:
    url = prepare(admin_client)
    with large.app_context():
        db.session.execute(
            db.update(PreparedInventory).values(expires_at=utcnow() - timedelta(seconds=1))
        )
        db.session.commit()
    assert admin_client.get(url + "/inventory.xlsx").status_code == 404
    assert len(rows(large)) == 1
    admin_client.get("/inventory/", headers=EN)  # the page sweeps what is past its time
    assert rows(large) == []


@pytest.mark.cached  # as in production
def test_forty_plans_cost_a_few_calls_each(
    large: Flask, admin_client: FlaskClient, sandbox: Any
) -> None:
    sandbox.reset(services=40)
    large.config["INVENTORY_DIRECT_PLANS"] = 5
    page = admin_client.get("/inventory/", headers=EN).get_data(as_text=True)
    assert "Prepare the inventory" in page  # python-ovh's clock sync and the list, out of count
    sandbox.clear_stats()
    url = prepare(admin_client)
    routes = sandbox.stats()["by_route"]
    data = json.loads(admin_client.get(url + "/inventory.json").get_data(as_text=True))
    plans = len(data["plans"])
    versions = len({(a["application"], a["version"]) for a in data["applications"]})
    assert plans == 40
    assert sum(routes.values()) <= 1 + plans * (CALLS_PER_PLAN + DNS_CHECKS) + versions, routes
    print(f"\n{plans} plans: {sum(routes.values())} OVH calls: {routes}")
    sandbox.clear_stats()
    prepare(admin_client)  # again within the answers' lifetime: what was read is kept
    again = sandbox.stats()["by_route"]
    print(f"again: {sum(again.values())} OVH calls", again)
    # Only the DNS checks the first time left for later: every other answer was kept.
    assert set(again) <= {"GET /hosting/web/{serviceName}/attachedDomain/{domain}/digStatus"}
    assert sum(again.values()) <= plans * DNS_CHECKS


def test_when_ovh_keeps_failing_the_page_says_so_and_leads_back(
    large: Flask, admin_client: FlaskClient, sandbox: Any
) -> None:
    sandbox.faults(error_rate=1.0)  # every call answers 500, retries included
    try:
        url = prepare(admin_client)
    finally:
        sandbox.faults(error_rate=0.0)
    (failed,) = rows(large)
    assert failed.state == "failed" and failed.error
    page = admin_client.get(url, headers=EN).get_data(as_text=True)
    assert 'data-status="failed"' in page and 'data-final="true"' in page
    assert "could not be completed" in page and 'href="/inventory/"' in page
    assert admin_client.get(url + "/inventory.json").status_code == 404

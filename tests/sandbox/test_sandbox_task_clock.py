"""The task clock: todo → doing → final, with objects in their transitional state meanwhile."""

from __future__ import annotations

from pathlib import Path

import ovh
import pytest

from ovh_sandbox.config import SandboxConfig
from tests.support.sandbox_control import EXAMPLE, MovableClock

STEP = 10.0
DOMAINS = f"/hosting/web/{EXAMPLE}/attachedDomain"


@pytest.fixture
def sandbox_settings(tmp_path: Path) -> SandboxConfig:
    return SandboxConfig(db_path=str(tmp_path / "sandbox.db"), task_seconds=STEP)


def task_status(client: ovh.Client, task_id: int) -> str:
    status: str = client.get(f"/hosting/web/{EXAMPLE}/tasks/{task_id}")["status"]
    return status


def test_attach_moves_todo_doing_done(client: ovh.Client, movable_clock: MovableClock) -> None:
    task = client.post(DOMAINS, domain="new.example.com", path="new")
    assert task["status"] == "todo" and task["doneDate"] is None
    assert client.get(f"{DOMAINS}/new.example.com")["status"] == "creating"
    assert client.get(f"{DOMAINS}/new.example.com")["taskId"] == task["id"]
    movable_clock.advance(STEP)
    assert task_status(client, task["id"]) == "doing"
    movable_clock.advance(STEP)
    done = client.get(f"/hosting/web/{EXAMPLE}/tasks/{task['id']}")
    assert done["status"] == "done" and done["doneDate"] is not None
    assert client.get(f"{DOMAINS}/new.example.com")["status"] == "created"


def test_update_shows_updating_then_the_new_values(
    client: ovh.Client, movable_clock: MovableClock
) -> None:
    client.put(f"{DOMAINS}/blog.example.com", path="blog2")
    during = client.get(f"{DOMAINS}/blog.example.com")
    assert (during["status"], during["path"]) == ("updating", "blog")
    movable_clock.advance(2 * STEP)
    after = client.get(f"{DOMAINS}/blog.example.com")
    assert (after["status"], after["path"], after["taskId"]) == ("created", "blog2", None)


def test_detach_shows_deleting_then_the_domain_is_gone(
    client: ovh.Client, movable_clock: MovableClock
) -> None:
    client.delete(f"{DOMAINS}/blog.example.com")
    assert client.get(f"{DOMAINS}/blog.example.com")["status"] == "deleting"
    movable_clock.advance(2 * STEP)
    assert "blog.example.com" not in client.get(DOMAINS)


def test_busy_domain_refuses_another_operation(
    client: ovh.Client, movable_clock: MovableClock
) -> None:
    client.put(f"{DOMAINS}/blog.example.com", path="blog2")
    with pytest.raises(ovh.exceptions.ResourceConflictError):
        client.delete(f"{DOMAINS}/blog.example.com")


def test_database_goes_creating_then_created(
    client: ovh.Client, movable_clock: MovableClock
) -> None:
    task = client.post(
        f"/hosting/web/{EXAMPLE}/database",
        capabilitie="sqlPerso",
        type="mysql",
        user="exampleshop",
        password="Secret123",
    )
    database = client.get(f"/hosting/web/{EXAMPLE}/database/exampleshop.mysql.db")
    assert (database["status"], database["taskId"]) == ("creating", task["id"])
    movable_clock.advance(2 * STEP)
    assert client.get(f"/hosting/web/{EXAMPLE}/database/exampleshop.mysql.db")["status"] == (
        "created"
    )


def test_certificate_regeneration_shows_regenerating(
    client: ovh.Client, movable_clock: MovableClock
) -> None:
    ssl = client.post(f"/hosting/web/{EXAMPLE}/ssl/regenerate")
    assert ssl["status"] == "regenerating" and ssl["taskId"] is not None
    movable_clock.advance(2 * STEP)
    assert client.get(f"/hosting/web/{EXAMPLE}/ssl")["status"] == "created"


def test_cancel_trigger_reaches_cancelled_on_the_clock(
    client: ovh.Client, movable_clock: MovableClock
) -> None:
    task = client.post(DOMAINS, domain="cancel-x.example.com", path="x")
    movable_clock.advance(STEP)
    assert task_status(client, task["id"]) == "doing"
    assert "cancel-x.example.com" in client.get(DOMAINS)
    movable_clock.advance(STEP)
    assert task_status(client, task["id"]) == "cancelled"
    assert "cancel-x.example.com" not in client.get(DOMAINS)

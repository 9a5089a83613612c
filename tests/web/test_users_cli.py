"""``flask users …`` and the demo seed."""

from __future__ import annotations

from typing import Any

from flask import Flask

from app.extensions import db
from app.models import User
from tests.support.panel_data import TEST_PASSWORDS


def test_create_admin_reads_the_password_from_stdin_and_refuses_weak_ones(app: Flask) -> None:
    runner = app.test_cli_runner()
    weak = runner.invoke(args=["users", "create-admin", "root@example.com"], input="password1234\n")
    assert weak.exit_code != 0
    created = runner.invoke(
        args=["users", "create-admin", "root@example.com"], input=TEST_PASSWORDS["admin"] + "\n"
    )
    assert created.exit_code == 0, created.output
    listed = runner.invoke(args=["users", "list"])
    assert "root@example.com\tadmin\tactive" in listed.output
    again = runner.invoke(
        args=["users", "create-admin", "root@example.com"], input=TEST_PASSWORDS["admin"] + "\n"
    )
    assert "already exists" in again.output


def test_deactivate_switches_a_user_off(app: Flask) -> None:
    runner = app.test_cli_runner()
    runner.invoke(
        args=["users", "create-admin", "root@example.com"], input=TEST_PASSWORDS["admin"] + "\n"
    )
    assert runner.invoke(args=["users", "deactivate", "root@example.com"]).exit_code == 0
    with app.app_context():
        assert db.session.query(User).one().active is False


def test_demo_prepare_seeds_both_demo_accounts_once(app: Flask, sandbox_config: Any) -> None:
    app.config["SANDBOX"] = sandbox_config  # the test sandbox, already seeded
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo", "prepare"]).exit_code == 0
    assert runner.invoke(args=["demo", "prepare"]).exit_code == 0
    with app.app_context():
        people = {user.email: user for user in db.session.query(User)}
        assert set(people) == {"admin@example.com", "staff@example.com"}
        staff_grants = {(g.service_name, g.level) for g in people["staff@example.com"].grants}
    assert staff_grants == {
        ("example.cluster01.hosting.ovh.net", "operate"),
        ("example2.cluster02.hosting.ovh.net", "view"),
    }
    assert "demo-staff-pass" in runner.invoke(args=["demo", "sign-ins"]).output

"""The administrators' actions staff who may operate ask for (issue 17 §4): restoring a database
backup (with the safety net chosen in the request), deleting a backup made on request, removing
an application. Each request is filed without calling OVH, and on approval read again from OVH
before it runs."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from app.extensions import db, ovh_api
from app.models import AuditEntry
from app.services import backups, modules
from tests.support.approvals import admin_and_staff, approve, only_request
from tests.support.forms import submit
from tests.support.panel import UserFactory
from tests.support.panel_data import GRANTED_SERVICE
from tests.support.sandbox import SandboxControl

SHOP = "example.mysql.db"
BASE = f"/hosting/{GRANTED_SERVICE}"
EN = {"Accept-Language": "en"}
WHY = "The shop lost this morning's orders."


def actions_done(app: Flask, action: str) -> list[AuditEntry]:
    with app.app_context():
        found = db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()
        db.session.expunge_all()
        return list(found)


def shop_backups(app: Flask) -> list[backups.Backup]:
    with app.app_context():
        return backups.list_backups(ovh_api.gateway, GRANTED_SERVICE, SHOP)


def test_staff_ask_to_restore_a_backup_and_the_approval_restores_it_with_the_safety_net(
    app: Flask, users: UserFactory, sandbox: SandboxControl
) -> None:
    sandbox.reset()
    admin, staff = admin_and_staff(app, users)
    backup = next(b for b in shop_backups(app) if not b.busy)
    url = f"{BASE}/databases/{SHOP}/backups/{backup.id}/restore"
    html = staff.get(f"{BASE}/databases/{SHOP}/", headers=EN).get_data(as_text=True)
    assert f"/backups/{backup.id}/restore" in html
    form = staff.get(url, headers=EN).get_data(as_text=True)
    assert "Ask an administrator" in form and "Why is this needed?" in form
    answer = submit(staff, url, back_up_first="y", why=WHY)
    assert answer.status_code == 302 and "/approvals/" in answer.location
    request = only_request(app)
    assert (request.action, request.target) == ("database.restore_backup", SHOP)
    assert request.values == {"name": SHOP, "dump_id": backup.id, "back_up_first": True}
    assert actions_done(app, "database.restore") == []  # OVH was not asked
    assert "/operations/" in approve(admin, request.id)  # the safety copy first, then the restore
    [restored] = actions_done(app, "database.restore")
    assert restored.user_email == "admin@example.com"
    assert [e.parameters.get("reason") for e in actions_done(app, "database.back_up")] == ["safety"]


def test_staff_ask_to_delete_a_backup_and_the_approval_deletes_it(
    app: Flask, users: UserFactory, sandbox: SandboxControl
) -> None:
    sandbox.reset()
    admin, staff = admin_and_staff(app, users)
    backup = next(b for b in shop_backups(app) if b.on_demand)
    url = f"{BASE}/databases/{SHOP}/backups/{backup.id}/delete"
    assert submit(staff, url, why=WHY).status_code == 302
    request = only_request(app)
    assert request.action == "database.delete_backup"
    assert request.values == {"name": SHOP, "dump_id": backup.id}
    assert backup.id in [b.id for b in shop_backups(app)]
    approve(admin, request.id)
    assert backup.id not in [b.id for b in shop_backups(app)]
    assert len(actions_done(app, "database.delete_backup")) == 1


def test_a_backup_gone_before_the_approval_is_not_deleted_twice(
    app: Flask, users: UserFactory, sandbox: SandboxControl
) -> None:
    sandbox.reset()
    admin, staff = admin_and_staff(app, users)
    backup = next(b for b in shop_backups(app) if b.on_demand)
    submit(staff, f"{BASE}/databases/{SHOP}/backups/{backup.id}/delete", why=WHY)
    with app.app_context():  # someone deleted it meanwhile
        backups.delete_backup(ovh_api.gateway, GRANTED_SERVICE, SHOP, backup.id)
    request = only_request(app)
    page = admin.get(approve(admin, request.id), headers=EN).get_data(as_text=True)
    assert "The backup no longer exists" in page
    assert actions_done(app, "database.delete_backup") == []


def test_staff_ask_to_remove_an_application_and_the_approval_removes_it(
    app: Flask, users: UserFactory, sandbox: SandboxControl
) -> None:
    sandbox.reset()
    admin, staff = admin_and_staff(app, users)
    listed = staff.get(f"{BASE}/websites/", headers=EN).get_data(as_text=True)
    assert "/application/1500000/remove" in listed
    url = f"{BASE}/websites/application/1500000/remove"
    assert "Ask an administrator" in staff.get(url, headers=EN).get_data(as_text=True)
    assert submit(staff, url, why=WHY).status_code == 302
    request = only_request(app)
    assert request.action == "module.remove"
    with app.app_context():
        installed = modules.get_installed(ovh_api.gateway, GRANTED_SERVICE, 1500000, True)
    assert request.values == {"install_id": 1500000, "path": installed.path}
    assert actions_done(app, "module.remove") == []
    assert "/tasks/" in approve(admin, request.id)
    [removed] = actions_done(app, "module.remove")
    assert removed.target == "1500000" and removed.parameters["path"] == installed.path

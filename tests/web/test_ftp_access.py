"""The FTP and SSH tab through the real pages: the logins, creating one restricted to a folder
with its connection details, password, SSH, switching off, deleting, and who may do what."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEntry
from tests.support.forms import submit
from tests.support.panel_data import GRANTED_SERVICE

ACCESS = f"/hosting/{GRANTED_SERVICE}/access"
EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr-FR,fr;q=0.9"}
NEW = {
    "login": "marie",
    "folder": "shop",
    "ssh_state": "sftponly",
    "password": "Upload2024x",
    "confirm": "Upload2024x",
}


def test_the_list_shows_each_login_with_its_folder_and_the_main_one_says_why_it_stays(
    admin_client: FlaskClient,
) -> None:
    html = admin_client.get(ACCESS + "/", headers=EN).get_data(as_text=True)
    assert "<code>example</code>" in html and "Main login" in html
    assert "<code>example-agency</code>" in html and "<code>www</code>" in html
    assert "FTP, SFTP and SSH" in html and "FTP only" in html
    assert "cannot be deleted, moved or switched off, because OVH uses it" in html
    assert "Create a login" in html


def test_the_list_speaks_french(admin_client: FlaskClient) -> None:
    html = admin_client.get(ACCESS + "/", headers=FR).get_data(as_text=True)
    assert "Créer un identifiant" in html and "Identifiant principal" in html


def test_the_form_offers_the_plans_folders_and_says_ovhs_rules(admin_client: FlaskClient) -> None:
    html = admin_client.get(ACCESS + "/new", headers=EN).get_data(as_text=True)
    assert 'id="login-prefix">example-</span>' in html
    for folder in ("www", "blog", "shop", "cafe"):
        assert f'<option value="{folder}">{folder}</option>' in html or (
            f'<option selected value="{folder}">' in html
        )
    assert "at most 12 characters after “example-”" in html
    assert "8 to 30 characters" in html
    assert "data-password-generate" in html and "/static/js/password.js" in html


def test_creating_a_login_shows_its_connection_details_and_follows_the_task(
    admin_client: FlaskClient, app: Flask
) -> None:
    answer = submit(admin_client, ACCESS + "/new", **NEW)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert answer.location.startswith(ACCESS + "/example-marie/?task=")
    html = admin_client.get(answer.location, headers=EN).get_data(as_text=True)
    assert 'data-detail="sftp-host">ssh.cluster01.hosting.ovh.net<' in html
    assert 'data-detail="sftp-port">22<' in html
    assert 'data-detail="ftp-host">ftp.cluster01.hosting.ovh.net<' in html
    assert 'data-detail="ftp-port">21<' in html
    assert 'data-detail="ftp-user">example-marie<' in html
    assert '<code data-detail="folder">shop</code>' in html
    assert "Creating the FTP login example-marie" in html and 'data-status="done"' in html
    assert "Upload2024x" not in html
    with app.app_context():
        entry = db.session.execute(
            select(AuditEntry).where(AuditEntry.action == "ftp_user.create")
        ).scalar_one()
        assert entry.target == "example-marie" and entry.outcome == "accepted"
        assert "Upload2024x" not in str(entry.parameters)
        assert entry.parameters["home"] == "./shop"


def test_a_login_breaking_ovhs_rules_is_refused_beside_its_field(admin_client: FlaskClient) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"login": "marie-claire"}, "Use only letters a to z, digits and _"),
        ({"login": "averyverylongname"}, "so 12 are left"),
        ({"login": "agency"}, "The login “example-agency” already exists."),
        ({"folder": "+other", "other_folder": "../etc"}, "“..” is not allowed"),
        ({"folder": "+other", "other_folder": "/homez.123/example"}, "without a leading slash"),
        ({"folder": "/"}, "Choose a folder from the list"),
        ({"password": "onlylower1", "confirm": "onlylower1"}, "at least one capital letter"),
        ({"confirm": "Different123"}, "The two passwords are not the same"),
    ]
    for change, message in cases:
        answer = submit(admin_client, ACCESS + "/new", **{**NEW, **change})
        html = answer.get_data(as_text=True)
        assert answer.status_code == 200, change
        assert message in html, (change, message)
        assert NEW["password"] not in html


def test_another_folder_is_sent_relative_to_the_home(admin_client: FlaskClient, app: Flask) -> None:
    answer = submit(
        admin_client,
        ACCESS + "/new",
        **{**NEW, "folder": "+other", "other_folder": "./www/uploads/"},
    )
    assert answer.status_code == 302
    html = admin_client.get(ACCESS + "/example-marie/", headers=EN).get_data(as_text=True)
    assert '<code data-detail="folder">www/uploads</code>' in html


def test_a_plan_with_a_single_login_says_ovhs_refusal(
    admin_client: FlaskClient,
) -> None:
    other = "/hosting/example2.cluster02.hosting.ovh.net/access/new"
    answer = submit(admin_client, other, **{**NEW, "folder": ""})
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert "does not allow additional FTP users" in html
    assert "Reference for support" in html


def test_a_failed_creation_is_followed_to_its_end(admin_client: FlaskClient) -> None:
    answer = submit(admin_client, ACCESS + "/new", **{**NEW, "login": "testfail"})
    html = admin_client.get(answer.location, headers=EN).get_data(as_text=True)
    assert 'data-status="cancelled"' in html
    assert "Most often the login was taken meanwhile" in html
    assert f'href="{ACCESS}/new"' in html  # try again


def test_password_ssh_switch_and_delete_each_follow_a_task(admin_client: FlaskClient) -> None:
    login = ACCESS + "/example-agency"
    answer = submit(
        admin_client, login + "/password", password="Fresh2024ab", confirm="Fresh2024ab"
    )
    assert answer.status_code == 302 and "/tasks/" in answer.location
    task = admin_client.get(answer.location, headers=EN).get_data(as_text=True)
    assert "Changing the password of the FTP login example-agency" in task
    answer = submit(admin_client, login + "/ssh", ssh_state="active")
    assert answer.status_code == 302 and "/tasks/" in answer.location, answer.get_data(as_text=True)
    html = admin_client.get(login + "/", headers=EN).get_data(as_text=True)
    assert (
        "FTP, SFTP and SSH" in html and "ssh example-agency@ssh.cluster01.hosting.ovh.net" in html
    )
    answer = submit(admin_client, login + "/switch")
    assert answer.status_code == 302 and "/tasks/" in answer.location
    html = admin_client.get(ACCESS + "/", headers=EN).get_data(as_text=True)
    assert "Switched off" in html
    wrong = submit(admin_client, login + "/delete", confirm_login="agency")
    assert "Type the login exactly as shown, “example-agency”" in wrong.get_data(as_text=True)
    answer = submit(admin_client, login + "/delete", confirm_login="example-agency")
    assert answer.status_code == 302
    html = admin_client.get(ACCESS + "/", headers=EN).get_data(as_text=True)
    assert "example-agency" not in html


def test_the_main_login_cannot_be_deleted_or_switched_off_and_the_page_says_why(
    admin_client: FlaskClient,
) -> None:
    for action in ("delete", "switch"):
        page = admin_client.get(f"{ACCESS}/example/{action}", headers=EN).get_data(as_text=True)
        assert "because OVH uses it to run the plan" in page
        answer = submit(admin_client, f"{ACCESS}/example/{action}", confirm_login="example")
        assert answer.status_code == 200
    html = admin_client.get(ACCESS + "/example/", headers=EN).get_data(as_text=True)
    assert "Switch it off" not in html and ">Delete<" not in html


def test_operate_staff_create_and_change_but_only_admins_switch_off_or_delete(
    staff_client: Callable[[str], FlaskClient],
) -> None:
    client = staff_client("operate")
    assert client.get(ACCESS + "/new", headers=EN).status_code == 200
    html = client.get(ACCESS + "/example-agency/", headers=EN).get_data(as_text=True)
    assert "Change the password" in html and "Switch it off" not in html
    assert client.get(ACCESS + "/example-agency/delete", headers=EN).status_code == 403
    assert client.get(ACCESS + "/example-agency/switch", headers=EN).status_code == 403


def test_view_staff_read_the_logins_and_their_details_only(
    staff_client: Callable[[str], FlaskClient],
) -> None:
    viewer = staff_client("view")
    html = viewer.get(ACCESS + "/", headers=EN).get_data(as_text=True)
    assert "example-agency" in html and "Create a login" not in html
    assert viewer.get(ACCESS + "/new", headers=EN).status_code == 403
    assert re.search(
        r"ftp\.cluster01", viewer.get(ACCESS + "/example/", headers=EN).get_data(as_text=True)
    )


def test_the_history_says_what_was_done_in_words_without_the_password(
    admin_client: FlaskClient,
) -> None:
    submit(admin_client, ACCESS + "/new", **NEW)
    submit(admin_client, ACCESS + "/example-agency/ssh", ssh_state="active")
    html = admin_client.get("/admin/audit", headers=EN).get_data(as_text=True)
    assert "Created an FTP login" in html and "Changed how an FTP login connects" in html
    assert "FTP, SFTP and SSH" in html and "FTP and SFTP" in html
    assert NEW["password"] not in html


def test_a_plan_with_its_main_login_only_says_so_instead_of_offering_more(
    admin_client: FlaskClient,
) -> None:
    html = admin_client.get(
        "/hosting/example2.cluster02.hosting.ovh.net/access/", headers=EN
    ).get_data(as_text=True)
    assert "data-single-login" in html and "Pro and Performance plans" in html
    assert "Create a login" not in html

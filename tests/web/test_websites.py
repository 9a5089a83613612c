"""The Websites tab: folders as sites, with their addresses, HTTPS, application and database."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient

from tests.support.forms import submit
from tests.support.panel_data import GRANTED_SERVICE

WEBSITES = f"/hosting/{GRANTED_SERVICE}/websites"
EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr"}


def site(html: str, folder: str) -> str:
    return html.split(f'data-site="{folder}"')[1].split("</tr>")[0]


def test_each_folder_is_a_site_with_its_addresses_application_and_database(
    admin_client: FlaskClient, sandbox: Any
) -> None:
    admin_client.get(WEBSITES + "/", headers=EN)  # python-ovh's clock sync out of the count
    sandbox.clear_stats()
    html = admin_client.get(WEBSITES + "/", headers=EN).get_data(as_text=True)
    blog = site(html, "blog")
    assert "blog.example.com" in blog and "WordPress" in blog and "6.4.3" in blog
    assert "Version 6.5.2 is available." in blog
    assert f'href="/hosting/{GRANTED_SERVICE}/databases/exampleblog.mysql.db' in blog
    www = site(html, "www")
    assert "example.com" in www and "Your own files" in www
    shop = site(html, "shop")
    assert "HTTPS pending" in shop  # asked for, not in the certificate yet
    routes = sandbox.stats()["by_route"]
    assert routes["GET /hosting/web/{serviceName}/module"] == 1
    assert "GET /hosting/web/moduleList" in routes


def test_a_new_admin_password_is_an_ovh_task(admin_client: FlaskClient) -> None:
    page = admin_client.get(f"{WEBSITES}/application/1500000/password", headers=EN)
    assert "sends it by email to the OVH account's contact" in page.get_data(as_text=True)
    answer = submit(admin_client, f"{WEBSITES}/application/1500000/password")
    assert answer.status_code == 302 and "/tasks/" in answer.location


def test_removing_an_application_names_what_stays_behind(admin_client: FlaskClient) -> None:
    page = admin_client.get(f"{WEBSITES}/application/1500000/remove", headers=EN)
    html = page.get_data(as_text=True)
    assert "What stays behind: the database exampleblog.mysql.db" in html
    answer = submit(admin_client, f"{WEBSITES}/application/1500000/remove")
    assert answer.status_code == 302
    after = admin_client.get(WEBSITES + "/", headers=EN).get_data(as_text=True)
    assert "Your own files" in site(after, "blog")


def test_an_operator_may_ask_a_new_password_and_ask_to_remove(
    staff_client: Callable[[str], FlaskClient],
) -> None:
    client = staff_client("operate")
    html = client.get(WEBSITES + "/", headers=EN).get_data(as_text=True)
    assert "New admin password" in html and "Remove the application" in html
    remove = client.get(f"{WEBSITES}/application/1500000/remove", headers=EN)
    assert "Ask an administrator" in remove.get_data(as_text=True)  # Approvals


def test_the_tab_speaks_french(admin_client: FlaskClient) -> None:
    html = admin_client.get(WEBSITES + "/", headers=FR).get_data(as_text=True)
    assert "Sites web" in html and "Lancer un site" in html

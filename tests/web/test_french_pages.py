"""French pages speak French: sizes in octets (Mo, Go), no English words or OVH codes left."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.support.panel_data import GRANTED_SERVICE

FR = {"Accept-Language": "fr"}
SERVICE = f"/hosting/{GRANTED_SERVICE}"


def _french(client: FlaskClient, url: str) -> str:
    answer = client.get(url, headers=FR)
    assert answer.status_code == 200, url
    return answer.get_data(as_text=True)


def test_sizes_are_in_octets_on_french_pages(admin_client: FlaskClient) -> None:
    overview = _french(admin_client, f"{SERVICE}/")
    assert " Go sur " in overview and " GB" not in overview
    listing = _french(admin_client, f"{SERVICE}/databases/")
    assert " Mo sur " in listing and " MB" not in listing
    create = _french(admin_client, "/hosting/example3.cluster03.hosting.ovh.net/databases/new")
    assert " Mo</option>" in create and " MB" not in create


def test_no_english_word_or_code_is_left_in_french_filters(admin_client: FlaskClient) -> None:
    listing = _french(admin_client, f"{SERVICE}/databases/")
    assert "Best effort" not in listing
    tasks = _french(admin_client, f"{SERVICE}/tasks/")
    assert '<option value="">Tous les statuts</option>' in tasks  # agrees with "Statut"
    history = _french(admin_client, "/admin/audit")
    actions = history.split('name="action"')[1].split("</select>")[0]
    assert ">auth.sign_in<" not in actions and ">Connexion au panneau<" in actions
    assert "Tâche" not in history


def test_task_titles_name_the_plan_without_breaking_french_elision(
    admin_client: FlaskClient,
) -> None:
    tasks = _french(admin_client, f"{SERVICE}/tasks/")
    assert "Création du certificat SSL (Example shop)" in tasks  # not "de Example shop"
    assert "Rattachement d&#39;un domaine à Example shop" in tasks  # OVH names it by number

"""The PHP tab through the real pages: the configuration and the versions in plain words, a
change with its summary and end-of-life warning, going back, the folders' own settings."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEntry
from tests.support.forms import submit
from tests.support.panel_data import GRANTED_SERVICE

PHP = f"/hosting/{GRANTED_SERVICE}/php"
MAIN = PHP + "/1001"
EN = {"Accept-Language": "en"}
FR = {"Accept-Language": "fr-FR,fr;q=0.9"}
SETTINGS = {
    "engineVersion": "8.1",
    "engineName": "php",
    "environment": "production",
    "httpFirewall": "none",
    "container": "",
}


def test_the_tab_says_which_versions_are_maintained_in_plain_words(
    admin_client: FlaskClient,
) -> None:
    html = admin_client.get(PHP + "/", headers=EN).get_data(as_text=True)
    assert "<strong data-php-version>8.1</strong>" in html
    # OVH still says 8.1 gets security fixes; PHP's own date (31 Dec 2025) has passed.
    assert "PHP 8.1 no longer gets security fixes (since December 31, 2025)." in html
    assert "OVH recommends PHP 8.3." in html
    assert "PHP 7.4 no longer gets security fixes (since November 28, 2022)." in html
    assert "PHP 8.2 only gets security fixes now, until December 31, 2026" in html
    assert "Recommended by OVH" in html


def test_a_folder_with_its_own_settings_and_the_domains_using_it_are_shown(
    admin_client: FlaskClient,
) -> None:
    html = admin_client.get(PHP + "/", headers=EN).get_data(as_text=True)
    assert 'data-folder="blog"' in html and "Folder blog" in html
    row = html.split('data-domain="blog.example.com"', 1)[1].split("</tr>", 1)[0]
    assert "7.4" in row and "own settings" in row
    row = html.split('data-domain="shop.example.com"', 1)[1].split("</tr>", 1)[0]
    assert "8.1" in row and "own settings" not in row


def test_the_tab_speaks_french(admin_client: FlaskClient) -> None:
    html = admin_client.get(PHP + "/", headers=FR).get_data(as_text=True)
    assert "L’ensemble de l’hébergement" in html
    assert "ne reçoit plus de correctifs de sécurité" in html


def test_a_change_is_summarised_then_sent_and_followed(
    admin_client: FlaskClient, app: Flask
) -> None:
    review = submit(
        admin_client,
        MAIN + "/change",
        **{**SETTINGS, "engineVersion": "8.3", "environment": "development"},
    )
    html = review.get_data(as_text=True)
    assert review.status_code == 200 and "Confirm the new PHP settings" in html
    assert 'data-change="engineVersion"' in html and 'data-change="environment"' in html
    assert 'data-change="httpFirewall"' not in html
    assert "data-eol-warning" not in html
    answer = submit(
        admin_client,
        MAIN + "/change",
        **{**SETTINGS, "engineVersion": "8.3", "environment": "development", "confirm": "y"},
    )
    assert answer.status_code == 302 and "/tasks/" in answer.location
    task = admin_client.get(answer.location, headers=EN).get_data(as_text=True)
    assert "Changing the PHP settings of Example shop" in task and 'data-status="done"' in task
    html = admin_client.get(PHP + "/", headers=EN).get_data(as_text=True)
    assert "<strong data-php-version>8.3</strong>" in html
    with app.app_context():
        entry = db.session.execute(
            select(AuditEntry).where(AuditEntry.action == "php.change")
        ).scalar_one()
        assert entry.parameters["engineVersion"] == "8.3"
        assert entry.parameters["environment"] == "development"
        assert entry.parameters["previousVersion"] == "8.1"
        assert "httpFirewall" not in entry.parameters


def test_moving_to_a_version_past_its_end_warns_before_confirming(
    admin_client: FlaskClient,
) -> None:
    review = submit(admin_client, MAIN + "/change", **{**SETTINGS, "engineVersion": "7.0"})
    html = review.get_data(as_text=True)
    assert "data-eol-warning" in html
    assert "PHP 7.0 no longer gets security fixes (since January 10, 2019)." in html
    # 7.0 cannot run on the current 64-bit image: the one OVH offers for it comes with it.
    assert 'data-change="container"' in html and "<strong>stable</strong>" in html


def test_nothing_changed_and_wrong_values_stay_on_the_form(admin_client: FlaskClient) -> None:
    html = submit(admin_client, MAIN + "/change", **SETTINGS).get_data(as_text=True)
    assert "These are the settings in use already" in html
    html = submit(admin_client, MAIN + "/change", **{**SETTINGS, "engineVersion": "5.2"}).get_data(
        as_text=True
    )
    assert "Choose one of the versions this plan offers" in html
    html = submit(
        admin_client,
        MAIN + "/change",
        **{**SETTINGS, "engineVersion": "8.3", "container": "legacy"},
    ).get_data(as_text=True)
    assert "PHP 8.3 runs on: stable64." in html


def test_a_failed_change_is_followed_to_its_end(admin_client: FlaskClient) -> None:
    values = {**SETTINGS, "engineVersion": "7.0", "container": "jessie.i386", "confirm": "y"}
    answer = submit(admin_client, MAIN + "/change", **values)
    html = admin_client.get(answer.location, headers=EN).get_data(as_text=True)
    assert 'data-status="cancelled"' in html
    assert "The site keeps its previous PHP settings." in html
    page = admin_client.get(PHP + "/", headers=EN).get_data(as_text=True)
    assert "<strong data-php-version>8.1</strong>" in page


def test_going_back_to_an_earlier_configuration(admin_client: FlaskClient) -> None:
    page = admin_client.get(MAIN + "/rollback", headers=EN).get_data(as_text=True)
    assert "PHP 7.4, Production" in page
    answer = submit(admin_client, MAIN + "/rollback", rollback_id="1002")
    assert answer.status_code == 302 and "/tasks/" in answer.location
    task = admin_client.get(answer.location, headers=EN).get_data(as_text=True)
    assert "Restoring earlier PHP settings on Example shop" in task
    html = admin_client.get(PHP + "/", headers=EN).get_data(as_text=True)
    assert "<strong data-php-version>7.4</strong>" in html
    back = admin_client.get(MAIN + "/rollback", headers=EN).get_data(as_text=True)
    assert "PHP 8.1, Production" in back  # what was replaced can be brought back


def test_view_staff_read_the_tab_but_cannot_change_it(
    staff_client: Callable[[str], FlaskClient],
) -> None:
    client = staff_client("view")
    html = client.get(PHP + "/", headers=EN).get_data(as_text=True)
    assert "data-php-version" in html and "/change" not in html
    assert client.get(MAIN + "/change", headers=EN).status_code == 403


def test_the_history_says_which_php_version_came_before(admin_client: FlaskClient) -> None:
    submit(admin_client, MAIN + "/change", **{**SETTINGS, "engineVersion": "8.3", "confirm": "y"})
    html = admin_client.get("/admin/audit", headers=EN).get_data(as_text=True)
    assert "Changed the PHP settings" in html
    assert "PHP version before" in html and "8.1" in html and "8.3" in html

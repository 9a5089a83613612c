"""Creating a database through the real form: every rule with its message, against the sandbox's
real offers (including the plan with no room left), the versions per engine, and the task."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.support.forms import csrf_token

EXAMPLE = "/hosting/example.cluster01.hosting.ovh.net/databases"
EXHAUSTED = "/hosting/example2.cluster02.hosting.ovh.net/databases"
AGENCY = "/hosting/example3.cluster03.hosting.ovh.net/databases"
EN = {"Accept-Language": "en"}
GOOD = {
    "capabilitie": "sqlPerso",
    "type": "mysql",
    "version": "8.0",
    "user": "shop",
    "password": "Shop2024pass",
    "confirm": "Shop2024pass",
}


def create(client: FlaskClient, base: str = EXAMPLE, **changes: Any) -> Any:
    token = csrf_token(client.get(base + "/new", headers=EN).get_data(as_text=True))
    values = {**GOOD, **changes}
    data = {"csrf_token": token, **{k: v for k, v in values.items() if v is not None}}
    return client.post(base + "/new", data=data, headers=EN)


def test_the_form_offers_what_the_plan_really_has(admin_client: FlaskClient) -> None:
    html = admin_client.get(EXAMPLE + "/new", headers=EN).get_data(as_text=True)
    assert "Databases included with the plan" in html
    assert "None left" in html  # extraSqlPerso has no slot on this plan
    assert '<option value="extraSqlPerso"' not in html
    assert '<option selected value="8.0">8.0</option>' in html
    assert '<span class="input-group-text" id="user-prefix">example</span>' in html
    assert "8 to 30 characters, only letters" in html
    assert "at least one capital letter, one lower-case letter and one digit" in html
    assert 'id="quota"' not in html  # no offer here takes a size


def test_the_password_rule_is_stated_beside_the_field_in_french(
    admin_client: FlaskClient,
) -> None:
    html = admin_client.get(EXAMPLE + "/new", headers={"Accept-Language": "fr"}).get_data(
        as_text=True
    )
    assert "au moins une majuscule, une minuscule et un chiffre" in html


def test_the_size_is_asked_only_where_an_offer_takes_one(admin_client: FlaskClient) -> None:
    html = admin_client.get(AGENCY + "/new", headers=EN).get_data(as_text=True)
    assert '<option value="extraSqlPerso">Extra database (paid option)</option>' in html
    assert 'data-quota-offers="extraSqlPerso"' in html
    assert '<option value="1024">1024 MB</option>' in html


def test_a_plan_with_no_room_left_says_so_and_offers_no_form(admin_client: FlaskClient) -> None:
    html = admin_client.get(EXHAUSTED + "/new", headers=EN).get_data(as_text=True)
    assert "No database can be created on this plan right now" in html
    assert "order an extra database" in html
    assert "delete a database nobody uses any more" in html
    assert 'name="password"' not in html


@pytest.mark.parametrize(
    ("engine", "default", "others"),
    [("mysql", "8.0", ["5.7"]), ("postgresql", "15", ["12", "13"]), ("redis", "7.0", ["6.0"])],
)
def test_the_address_chooses_the_engine_and_its_versions_without_script(
    admin_client: FlaskClient, engine: str, default: str, others: list[str]
) -> None:
    html = admin_client.get(f"{EXAMPLE}/new?type={engine}", headers=EN).get_data(as_text=True)
    assert f'<option selected value="{default}">{default}</option>' in html
    for version in others:
        assert f'<option value="{version}">{version}</option>' in html


def test_update_versions_is_a_round_trip_that_keeps_values_but_not_passwords(
    admin_client: FlaskClient,
) -> None:
    answer = create(admin_client, type="postgresql", refresh="Update versions")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert '<option selected value="15">15</option>' in html
    assert 'value="shop"' in html
    assert "Shop2024pass" not in html
    assert "Choose a password" not in html  # nothing checked yet


def test_the_versions_route_answers_json_for_the_script(admin_client: FlaskClient) -> None:
    answer = admin_client.get(EXAMPLE + "/versions?type=mariadb")
    assert answer.json == {"default": "10.11", "versions": ["10.6", "10.11"]}
    assert admin_client.get(EXAMPLE + "/versions?type=oracle").status_code == 404


RULES = [
    ({"user": "Shop"}, "user", "Use lowercase letters only: “shop”, not “Shop”."),
    ({"user": "my-shop"}, "user", "Use only letters a to z and digits 0 to 9"),
    ({"user": "é"}, "user", "Use only letters a to z and digits 0 to 9"),
    (
        {"user": "abcdefghij"},
        "user",
        "Too long: a database user name has at most 16 characters, and the fixed part “example” "
        "takes 7, so 9 are left.",
    ),
    ({"user": "blog"}, "user", "A database already uses the user name “exampleblog”."),
    ({"password": "", "confirm": ""}, "password", "Choose a password."),
    (
        {"password": "Ab1", "confirm": "Ab1"},
        "password",
        "must be 8 to 30 characters long (it has 3)",
    ),
    ({"password": "A1" * 16, "confirm": "A1" * 16}, "password", "(it has 32)"),
    ({"password": "Shop 2024 pass"}, "password", "Use only letters and digits"),
    ({"password": "Shop2024pass!"}, "password", "Use only letters and digits"),
    (
        {"password": "shopshopshop", "confirm": "shopshopshop"},
        "password",
        "at least one capital letter, one lower-case letter and one digit",
    ),
    (
        {"password": "12345678", "confirm": "12345678"},
        "password",
        "at least one capital letter, one lower-case letter and one digit",
    ),
    # OVH's rule asks for a capital and a lower-case letter, not just "a letter".
    (
        {"password": "shop2024pass", "confirm": "shop2024pass"},
        "password",
        "at least one capital letter, one lower-case letter and one digit",
    ),
    (
        {"password": "SHOP2024PASS", "confirm": "SHOP2024PASS"},
        "password",
        "at least one capital letter, one lower-case letter and one digit",
    ),
    ({"confirm": ""}, "confirm", "Type the password a second time."),
    ({"confirm": "Shop2024pasS"}, "confirm", "The two passwords are not the same."),
    (
        {"capabilitie": "extraSqlPerso"},
        "capabilitie",
        "Choose one of the offers that still has room.",
    ),
    (
        {"capabilitie": "privateDatabase"},
        "capabilitie",
        "Choose one of the offers that still has room.",
    ),
    ({"type": "mongodb"}, "type", "Choose an engine from the list."),
    (
        {"version": "5.7", "type": "postgresql"},
        "version",
        "PostgreSQL 5.7 cannot be created here. Choose one of: 12, 13, 15.",
    ),
    ({"version": "9.9"}, "version", "MySQL 9.9 cannot be created here. Choose one of: 5.7, 8.0."),
]


@pytest.mark.parametrize(("changes", "field", "message"), RULES)
def test_each_rule_has_its_own_message_beside_its_field(
    admin_client: FlaskClient, changes: dict[str, str], field: str, message: str
) -> None:
    answer = create(admin_client, **changes)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    errors = html.split(f'id="{field}-errors"', 1)
    assert len(errors) == 2, f"no error beside {field}"
    assert message in errors[1].split("</div></div>", 1)[0]
    assert "Shop2024pass" not in html


def test_an_extra_database_needs_a_size_within_its_offer(admin_client: FlaskClient) -> None:
    values = {"capabilitie": "extraSqlPerso", "type": "redis", "version": "7.0", "user": "cache2"}
    html = create(admin_client, AGENCY, **values).get_data(as_text=True)
    assert "Choose a size for the extra database." in html
    html = create(admin_client, AGENCY, quota="2048", **values).get_data(as_text=True)
    assert "This offer allows these sizes: 25 MB, 100 MB" in html


def test_an_extra_database_is_created_with_its_size(admin_client: FlaskClient) -> None:
    values = {"capabilitie": "extraSqlPerso", "type": "redis", "version": "6.0", "user": "cache2"}
    answer = create(admin_client, AGENCY, quota="256", **values)
    assert answer.status_code == 302
    html = admin_client.get(AGENCY + "/example3cache2.redis.db/", headers=EN).get_data(as_text=True)
    assert "256 MB" in html and "6.0" in html


def test_creating_follows_the_task_then_shows_the_new_database(admin_client: FlaskClient) -> None:
    answer = create(admin_client, type="postgresql", version="13")
    assert answer.status_code == 302 and "/tasks/" in answer.location
    task = admin_client.get(answer.location, headers=EN).get_data(as_text=True)
    assert "Creating the database exampleshop.postgres.db" in task
    assert 'data-status="done"' in task
    assert f'href="{EXAMPLE}/"' in task  # "See the result"
    html = admin_client.get(EXAMPLE + "/", headers=EN).get_data(as_text=True)
    assert "exampleshop.postgres.db" in html and "PostgreSQL 13" in html


def test_the_last_free_place_taken_leaves_no_form(admin_client: FlaskClient) -> None:
    assert create(admin_client).status_code == 302
    html = admin_client.get(EXAMPLE + "/new", headers=EN).get_data(as_text=True)
    assert "No database can be created on this plan right now" in html


@pytest.mark.parametrize(
    ("user", "message"),
    [
        ("my-shop", "OVH refused this: “The database user may only contain lowercase letters"),
        ("blog", "OVH says a database with this user name already exists."),
    ],
)
def test_a_refusal_from_ovh_comes_back_beside_its_field_with_values_kept(
    admin_client: FlaskClient, monkeypatch: pytest.MonkeyPatch, user: str, message: str
) -> None:
    # The form knows OVH's rules; should OVH refuse anyway, its words land beside the field.
    from app.databases.forms import CreateDatabaseForm

    monkeypatch.setattr(CreateDatabaseForm, "validate_user", lambda form, field: None)
    answer = create(admin_client, user=user)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert message in html.split('id="user-errors"', 1)[1]
    assert f'value="{user}"' in html
    assert "Shop2024pass" not in html


def test_a_trigger_user_ends_the_task_cancelled(admin_client: FlaskClient) -> None:
    answer = create(admin_client, user="cancel")
    task = admin_client.get(answer.location, headers=EN).get_data(as_text=True)
    assert 'data-status="cancelled"' in task
    assert "OVH did not complete this operation" in task


def test_creating_is_recorded_without_the_password(admin_client: FlaskClient, app: Any) -> None:
    from sqlalchemy import select

    from app.extensions import db
    from app.models import AuditEntry

    create(admin_client)
    with app.app_context():
        entry = db.session.execute(
            select(AuditEntry).where(AuditEntry.action == "database.create")
        ).scalar_one()
        assert entry.target == "exampleshop.mysql.db"
        assert entry.parameters == {
            "capabilitie": "sqlPerso",
            "type": "mysql",
            "version": "8.0",
            "quota": None,
            "user": "exampleshop",
        }


def test_a_version_typed_with_markup_comes_back_escaped(admin_client: FlaskClient) -> None:
    """Found by the form fuzzing: the error beside the version repeated it as markup."""
    answer = create(admin_client, AGENCY, version="<img src=x onerror=alert(1)>")
    html = answer.get_data(as_text=True)
    assert "<img src=x onerror=alert(1)>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_create_is_not_offered_without_a_slot_and_the_list_says_why(
    admin_client: FlaskClient,
) -> None:
    html = admin_client.get(EXHAUSTED + "/", headers=EN).get_data(as_text=True)
    assert ">Create a database</a>" not in html
    assert "No new database can be created: every database this plan includes is in use." in html
    assert f'href="{EXHAUSTED}/new">What you can do</a>' in html
    assert ">Create a database</a>" in admin_client.get(EXAMPLE + "/", headers=EN).get_data(
        as_text=True
    )


def test_a_single_offer_is_said_not_asked(admin_client: FlaskClient) -> None:
    html = admin_client.get(EXAMPLE + "/new", headers=EN).get_data(as_text=True)
    assert 'class="only-offer">Offer: Databases included with the plan' in html
    assert '<select class="form-select" id="capabilitie"' not in html
    assert '<input type="hidden" name="capabilitie" value="sqlPerso">' in html


def test_every_password_field_has_the_generator_with_ovhs_rules(
    admin_client: FlaskClient,
) -> None:
    for url in (EXAMPLE + "/new", EXAMPLE + "/example.mysql.db/password"):
        html = admin_client.get(url, headers=EN).get_data(as_text=True)
        assert "data-password-generate" in html and "/static/js/password.js" in html
        assert 'data-password-length="20"' in html and 'data-password-confirm="confirm"' in html
        assert "<script>" not in html  # the CSP allows no inline script

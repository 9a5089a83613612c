"""Each approvable action's values in plain words, in English and French: the values its route
stores (as the approval tests file them), each labelled; a value no entry names is still shown."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask_babel import force_locale

from app.approvals.models import ApprovalRequest
from app.approvals.registry import APPROVABLE

SHOP = "example.mysql.db"
CASES: list[tuple[str, dict[str, Any], list[tuple[str, str]], list[tuple[str, str]]]] = [
    (
        "database.delete",
        {"name": SHOP, "back_up_first": False},
        [("Database", SHOP), ("Back up the database first", "No")],
        [("Base de données", SHOP), ("Sauvegarder d’abord la base", "Non")],
    ),
    (
        "domain.detach",
        {"domain": "xn--caf-dma.example.com", "leave_dns": True},
        [("Domain", "café.example.com"), ("DNS zone", "Left as it is")],
        [("Domaine", "café.example.com"), ("Zone DNS", "Laissée telle quelle")],
    ),
    (
        "domain.detach",
        {"domain": "shop.example.com", "leave_dns": False},
        [
            ("Domain", "shop.example.com"),
            ("DNS zone", "OVH removes the records that point the domain to this plan"),
        ],
        [
            ("Domaine", "shop.example.com"),
            (
                "Zone DNS",
                "OVH supprime les enregistrements qui dirigent le domaine vers cet hébergement",
            ),
        ],
    ),
    (
        "database.restore_backup",
        {"name": SHOP, "dump_id": 4200, "back_up_first": True},
        [("Database", SHOP), ("Backup number", "4200"), ("Back up the database first", "Yes")],
        [
            ("Base de données", SHOP),
            ("Numéro de la sauvegarde", "4200"),
            ("Sauvegarder d’abord la base", "Oui"),
        ],
    ),
    (
        "database.delete_backup",
        {"name": SHOP, "dump_id": 4200},
        [("Database", SHOP), ("Backup number", "4200")],
        [("Base de données", SHOP), ("Numéro de la sauvegarde", "4200")],
    ),
    (
        "module.remove",
        {"install_id": 1500000, "path": "www/shop"},
        [("Folder", "www/shop"), ("Installation number", "1500000")],
        [("Dossier", "www/shop"), ("Numéro d’installation", "1500000")],
    ),
    (
        "ssl.delete",
        {"domain": None, "provider": "LETSENCRYPT", "domains": ["example.com", "www.example.com"]},
        [
            ("Certificate", "The plan's own certificate"),
            ("Issued by", "Let's Encrypt (free, renewed automatically)"),
            ("Domains it covers", "example.com, www.example.com"),
        ],
        [
            ("Certificat", "Le certificat de l’hébergement"),
            ("Émis par", "Let's Encrypt (gratuit, renouvelé automatiquement)"),
            ("Domaines couverts", "example.com, www.example.com"),
        ],
    ),
]


@pytest.mark.parametrize(("action", "values", "english", "french"), CASES)
def test_each_value_is_labelled_in_both_languages(
    app: Flask,
    action: str,
    values: dict[str, Any],
    english: list[tuple[str, str]],
    french: list[tuple[str, str]],
) -> None:
    request = ApprovalRequest(action=action, service_name="s", target="t", values=values)
    with app.test_request_context("/"):
        with force_locale("en"):
            assert APPROVABLE[action].describe(request) == english
        with force_locale("fr"):
            assert APPROVABLE[action].describe(request) == french


def test_every_approvable_action_names_its_values() -> None:
    assert {case[0] for case in CASES} == set(APPROVABLE)
    for action, values, *_ in CASES:
        assert {detail.key for detail in APPROVABLE[action].details} == set(values), action


def test_a_value_no_entry_names_is_still_shown_by_its_key(app: Flask) -> None:
    values = {"name": SHOP, "back_up_first": True, "flush": None}
    request = ApprovalRequest(action="database.delete", service_name="s", target="t", values=values)
    with app.test_request_context("/"), force_locale("en"):
        lines = APPROVABLE["database.delete"].describe(request)
    assert lines[-1] == ("flush", "—")

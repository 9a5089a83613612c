"""How ``flask ovh check --deep`` words a schema mismatch: by field and rule, never by value."""

from __future__ import annotations

from app.services import schemas

SCHEMA = {
    "type": "object",
    "properties": {
        "iam": {
            "anyOf": [
                {
                    "type": "object",
                    "properties": {
                        "tags": {"type": "object", "additionalProperties": {"type": "string"}}
                    },
                },
                {"type": "null"},
            ]
        },
        "list": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"port": {"type": "integer"}, "state": {"enum": ["ok", "off"]}},
                "required": ["port"],
                "additionalProperties": False,
            },
        },
    },
}


def test_problems_name_fields_and_rules_but_no_values() -> None:
    answer = {
        "iam": {"tags": {"customer-secret-tag": 5}},
        "list": [
            {"port": "db.example.com"},
            {"port": 1, "extra": "shop.example.com"},
            {"state": "blocked"},
        ],
    }
    found = schemas.problems(answer, SCHEMA, limit=10)
    assert found == [
        ".iam.tags.<key>: type should be string",
        ".list[0].port: type should be integer",
        ".list[1]: fields not in OVH's schema: extra",
        ".list[2].state: enum should be ['ok', 'off']",
        ".list[2]: missing fields: port",
    ]
    text = "\n".join(found)
    for value in ("customer-secret-tag", "example.com", "blocked"):
        assert value not in text


def test_a_matching_answer_has_no_problem() -> None:
    assert schemas.problems({"iam": None, "list": [{"port": 3306, "state": "ok"}]}, SCHEMA) == []

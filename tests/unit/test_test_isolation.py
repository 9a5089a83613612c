"""The suite's own configuration: none of the developer's OVH settings or secret key, no file
written into the working tree (see ``tests/support/isolation.py``)."""

from __future__ import annotations

import os
from pathlib import Path

import ovh.config

from app import create_app

REPO = Path(__file__).resolve().parents[2]


def test_no_ovh_setting_or_secret_key_of_the_developer_reaches_the_suite() -> None:
    leaked = [n for n in os.environ if n.startswith(("OVH_", "SANDBOX_")) or n == "SECRET_KEY"]
    assert leaked == []
    assert ovh.config.CONFIG_PATH == []  # no ./ovh.conf, ~/.ovh.conf or /etc/ovh.conf


def test_the_panel_runs_on_the_sandbox_and_keeps_its_files_outside_the_tree() -> None:
    app = create_app({"TESTING": True})
    assert app.config["OVH"]["endpoint"] == "sandbox"
    instance = Path(app.instance_path)
    assert REPO not in instance.parents and instance != REPO / "instance"
    # The demo's key, written when SECRET_KEY is unset, went to the temporary instance folder.
    assert (instance / "demo-secret-key").is_file()

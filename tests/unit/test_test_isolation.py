"""The suite's own configuration: none of the developer's OVH settings or secret key, no file
written into the working tree (see ``tests/support/isolation.py``)."""

from __future__ import annotations

import os
import subprocess
import sys
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


HOSTILE = {
    "OVH_ENDPOINT": "ovh-eu",
    "OVH_APPLICATION_KEY": "hostile-application-key",
    "OVH_APPLICATION_SECRET": "hostile-application-secret",
    "OVH_CONSUMER_KEY": "hostile-consumer-key",
    "OVH_CLIENT_ID": "hostile-client-id",
    "OVH_CLIENT_SECRET": "hostile-client-secret",
    "OVH_SANDBOX_URL": "http://203.0.113.9/1.0",
    "SANDBOX_DB": "/nonexistent/sandbox.db",
    "SECRET_KEY": "hostile-secret-key",
}


def test_the_suite_ignores_a_hostile_shell_and_ovh_conf(tmp_path: Path) -> None:
    """These tests, run again from a folder holding an ovh.conf, in a shell full of OVH settings."""
    (tmp_path / "ovh.conf").write_text(
        "[default]\nendpoint=ovh-eu\n[ovh-eu]\napplication_key=from-conf\n"
        "application_secret=from-conf\nconsumer_key=from-conf\n"
    )
    instance_before = sorted((REPO / "instance").glob("*"))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-k", "not hostile", str(Path(__file__))],
        cwd=tmp_path,
        env={**os.environ, **HOSTILE, "HOME": str(tmp_path), "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "2 passed" in result.stdout
    assert sorted((REPO / "instance").glob("*")) == instance_before  # nothing written there

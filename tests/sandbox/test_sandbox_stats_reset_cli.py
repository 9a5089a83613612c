"""Call statistics, reseeding (control route, function, CLI), the CLI commands, the large seed."""

from __future__ import annotations

import time
from contextlib import closing
from pathlib import Path
from typing import Any

import ovh
import pytest
from flask import Flask

from ovh_sandbox import cli, db, seed
from ovh_sandbox.cli import sandbox_cli
from ovh_sandbox.config import SandboxConfig
from tests.support.sandbox_control import EXAMPLE, Control


def test_stats_count_calls_by_route_template(client: ovh.Client, control: Control) -> None:
    client.get("/hosting/web")
    client.get(f"/hosting/web/{EXAMPLE}")
    client.get("/hosting/web/example2.cluster02.hosting.ovh.net")
    stats = control.stats()
    assert stats["by_route"]["GET /hosting/web/{serviceName}"] == 2
    assert stats["by_route"]["GET /hosting/web"] == 1
    assert stats["total"] == sum(stats["by_route"].values())


def test_clearing_stats_zeroes_the_counters_only(client: ovh.Client, control: Control) -> None:
    client.put(f"/hosting/web/{EXAMPLE}", displayName="Kept")
    control.faults(latency_ms=1)
    cleared = control.http.delete(f"{control.base}/_sandbox/stats", timeout=5).json()
    assert cleared == {"total": 0, "by_route": {}, "rate_limited": 0}
    assert client.get(f"/hosting/web/{EXAMPLE}")["displayName"] == "Kept"
    assert control.faults()["latency_ms"] == 1


def test_reset_route_reseeds_and_clears_faults_and_stats(
    client: ovh.Client, control: Control
) -> None:
    client.put(f"/hosting/web/{EXAMPLE}", displayName="Changed")
    control.faults(latency_ms=1)
    response = control.http.post(f"{control.base}/_sandbox/reset", json={"services": 5}, timeout=5)
    assert response.json() == {"services": 5}
    assert control.faults()["latency_ms"] == 0
    assert control.stats() == {"total": 0, "by_route": {}, "rate_limited": 0}
    assert len(client.get("/hosting/web")) == 5
    assert client.get(f"/hosting/web/{EXAMPLE}")["displayName"] == "Example shop"


def test_reset_route_without_body_restores_the_default_seed(
    client: ovh.Client, control: Control
) -> None:
    control.http.post(f"{control.base}/_sandbox/reset", json={"services": 1}, timeout=5)
    control.http.post(f"{control.base}/_sandbox/reset", timeout=5)
    assert len(client.get("/hosting/web")) == 3


def test_is_seeded_after_reset(tmp_path: Path) -> None:
    config = SandboxConfig(db_path=str(tmp_path / "s.db"))
    assert not seed.is_seeded(config)
    seed.reset(config)
    assert seed.is_seeded(config)


def test_large_seed_is_fast_and_full(tmp_path: Path) -> None:
    config = SandboxConfig(db_path=str(tmp_path / "s.db"))
    started = time.monotonic()
    seed.reset(config, services=50)
    assert time.monotonic() - started < 5
    account = seed.build_account(50)
    services = [doc for kind, _, _, doc in account.docs if kind == "service"]
    assert len(services) == 50
    generated = services[-1]["serviceName"]
    domains = [d for kind, sn, _, d in account.docs if kind == "domain" and sn == generated]
    databases = [d for kind, sn, _, d in account.docs if kind == "database" and sn == generated]
    tasks = [t for t in account.tasks if t[0] == generated]
    assert (len(domains), len(databases), len(tasks)) == (10, 5, 20)


@pytest.fixture
def cli_app(tmp_path: Path) -> Flask:
    app = Flask(__name__)
    app.config["SANDBOX"] = SandboxConfig(db_path=str(tmp_path / "s.db"))
    app.cli.add_command(sandbox_cli)
    return app


def test_cli_reset_seeds_the_requested_number_of_services(cli_app: Flask) -> None:
    result = cli_app.test_cli_runner().invoke(args=["sandbox", "reset", "--services", "4"])
    assert result.exit_code == 0, result.output
    assert "4 hosting services" in result.output
    with closing(db.connect(cli_app.config["SANDBOX"].db_path)) as conn:
        assert len(db.Store(conn).services()) == 4


def test_cli_credentials_prints_ovh_environment_lines(cli_app: Flask) -> None:
    result = cli_app.test_cli_runner().invoke(args=["sandbox", "credentials"])
    assert result.output.splitlines() == [
        "OVH_APPLICATION_KEY=sandboxdemoappkey",
        "OVH_APPLICATION_SECRET=sandboxdemoappsecret0000000000000",
        "OVH_CONSUMER_KEY=sandboxdemoconsumerkey000000000000",
    ]


def test_cli_serve_runs_a_threaded_server(cli_app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []

    def fake_run_simple(host: str, port: int, app: Flask, **options: Any) -> None:
        calls.append({"host": host, "port": port, "app": app, **options})

    monkeypatch.setattr(cli, "run_simple", fake_run_simple)
    result = cli_app.test_cli_runner().invoke(args=["sandbox", "serve", "--port", "9099"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:9099/1.0" in result.output
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 9099
    assert calls[0]["threaded"] is True
    assert calls[0]["app"].config["SANDBOX"] is cli_app.config["SANDBOX"]

"""The sandbox is a package of its own: a panel on real credentials never loads it, and the
sandbox never imports the panel."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import ovh_sandbox

REPO = Path(__file__).resolve().parents[2]


def _run(code: str, tmp_path: Path, **env: str) -> dict[str, bool]:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("OVH_", "SANDBOX_", "PANEL_"))
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={**clean, "PYTHONPATH": str(REPO), "HOME": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    answer: dict[str, bool] = json.loads(result.stdout.strip().splitlines()[-1])
    return answer


LOADED = (
    "import json, sys\n"
    "print(json.dumps({{'sandbox': any(m.split('.')[0] == 'ovh_sandbox' for m in sys.modules),"
    " 'panel': any(m.split('.')[0] == 'app' for m in sys.modules)}}))\n"
)


def test_a_panel_on_real_credentials_loads_nothing_of_the_sandbox(tmp_path: Path) -> None:
    code = (
        "from app import create_app\n"
        "app = create_app()\n"
        "app.test_client().get('/healthz')\n"
        "app.cli.list_commands(None) if hasattr(app.cli, 'list_commands') else None\n"
    ) + LOADED.format()
    loaded = _run(
        code,
        tmp_path,
        OVH_ENDPOINT="ovh-eu",
        OVH_APPLICATION_KEY="real-looking-key",
        OVH_APPLICATION_SECRET="real-looking-secret",
        OVH_CONSUMER_KEY="real-looking-consumer-key",
        SECRET_KEY="a-long-random-secret-for-this-test",
        PANEL_URL="https://panel.example.com",
        DATABASE_URL=f"sqlite:///{tmp_path / 'panel.db'}",
    )
    assert loaded == {"sandbox": False, "panel": True}


def test_the_sandbox_imports_nothing_of_the_panel(tmp_path: Path) -> None:
    modules = [f"ovh_sandbox.{m.name}" for m in pkgutil.iter_modules(ovh_sandbox.__path__)]
    code = "".join(f"import {name}\n" for name in modules) + LOADED.format()
    assert _run(code, tmp_path) == {"sandbox": True, "panel": False}

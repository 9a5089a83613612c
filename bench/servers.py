"""Start the sandbox and the panel (gunicorn, 2 workers) on loopback ports, as `make demo` does."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

BIN = Path(sys.executable).parent
# The sandbox's control token for the benchmark's own sandbox (X-Sandbox-Token).
CONTROL_TOKEN = "bench-sandbox-control-token"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Servers:
    sandbox_api: str
    sandbox_base: str
    panel: str  # cache disabled: every page is cold
    cached_panel: str  # cache enabled: pages are warm after the first
    cached_panel_pid: int


def wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited with code {process.returncode}")
        try:
            if requests.get(url, timeout=1).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up in {seconds} s")


def environment(workdir: Path, sandbox_port: int, cache_seconds: float) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("OVH_")}
    env.update(
        FLASK_APP="app:create_app",
        PANEL_DEMO="1",
        SANDBOX_CONTROL_TOKEN=CONTROL_TOKEN,
        SECRET_KEY="bench-secret-key-not-for-production",
        DATABASE_URL=f"sqlite:///{workdir / 'panel.db'}",
        SANDBOX_DB=str(workdir / "sandbox.db"),
        SANDBOX_PORT=str(sandbox_port),
        SANDBOX_TASK_SECONDS="1",
        OVH_CACHE_SECONDS=str(cache_seconds),
        # The speed figures measure the panel, not OVH's fair use (bench/fairuse.py does).
        OVH_CALLS_PER_MINUTE="100000",
    )
    env.pop("REDIS_URL", None)
    return env


def run(command: list[str], env: dict[str, str], stdin: str | None = None) -> None:
    subprocess.run(command, env=env, input=stdin, text=True, check=True, capture_output=True)


def gunicorn(port: int, workers: int = 2, threads: int = 4) -> list[str]:
    return [
        str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--threads", str(threads), "--log-level", "warning", "app:create_app()",
    ]  # fmt: skip


@contextmanager
def processes() -> Iterator[Callable[[list[str], dict[str, str]], subprocess.Popen[bytes]]]:
    """A way to start processes that are all stopped on the way out."""
    started: list[subprocess.Popen[bytes]] = []

    def spawn(command: list[str], process_env: dict[str, str]) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            command, env=process_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        started.append(process)
        return process

    try:
        yield spawn
    finally:
        for process in started:
            process.send_signal(signal.SIGTERM)
        for process in started:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


@contextmanager
def started(workdir: Path, services: int, admin: tuple[str, str]) -> Iterator[Servers]:
    """The sandbox seeded with ``services`` hosting plans, and two panels signed up to it."""
    sandbox_port, panel_port, cached_port = free_port(), free_port(), free_port()
    env = environment(workdir, sandbox_port, cache_seconds=0)
    run([str(BIN / "flask"), "db", "upgrade"], env)
    run([str(BIN / "flask"), "sandbox", "reset", "--services", str(services)], env)
    run([str(BIN / "flask"), "users", "create-admin", admin[0]], env, stdin=admin[1] + "\n")
    with processes() as spawn:
        sandbox = spawn([str(BIN / "flask"), "sandbox", "serve", "--port", str(sandbox_port)], env)
        panel = spawn(gunicorn(panel_port), env)
        cached = spawn(gunicorn(cached_port), environment(workdir, sandbox_port, 30))
        sandbox_base = f"http://127.0.0.1:{sandbox_port}"
        wait_until_up(sandbox_base + "/1.0/auth/time", sandbox)
        wait_until_up(f"http://127.0.0.1:{panel_port}/healthz", panel)
        wait_until_up(f"http://127.0.0.1:{cached_port}/healthz", cached)
        yield Servers(
            sandbox_api=sandbox_base + "/1.0",
            sandbox_base=sandbox_base,
            panel=f"http://127.0.0.1:{panel_port}",
            cached_panel=f"http://127.0.0.1:{cached_port}",
            cached_panel_pid=cached.pid,
        )


def worker_rss_mb(master_pid: int) -> list[float]:
    """Resident memory of each gunicorn worker (the master's children), in MB."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master_pid):
            sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sorted(sizes)

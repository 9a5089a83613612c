"""The fair-use figure: ten people browse a 30-domain plan for two minutes against a sandbox that
allows 60 calls a minute per consumer key, as OVH asks. Reported: calls per minute the sandbox
saw (on average and in its busiest minute), its 429 answers, and pages that showed an error.

The panel runs as in production: OVH_CACHE_SECONDS=30, OVH_CALLS_PER_MINUTE=60, background
refreshes on; two gunicorn workers sharing the budget through Redis when ``REDIS_URL`` is set,
else one worker (the budget is then per process). ``BENCH_FAIR_USE_SECONDS`` shortens the run.
"""

from __future__ import annotations

import os
import random
import re
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from bench import measure, servers

PEOPLE = 10
SECONDS = float(os.environ.get("BENCH_FAIR_USE_SECONDS", "120"))
SANDBOX_LIMIT = 60
DOMAINS = 30
PLAN = "example3.cluster03.hosting.ovh.net"  # the multi-certificate plan, seeded with 30 domains
THINK_SECONDS = (3.0, 8.0)
DNS_POLL_SECONDS = 5.0  # as static/js/dns-diagnosis.js does while diagnoses are pending
PAGES = (
    ("hosting list", "/hosting/"),
    ("service page", f"/hosting/{PLAN}/"),
    ("domains tab", f"/hosting/{PLAN}/domains/"),
    ("ssl tab", f"/hosting/{PLAN}/ssl/"),
    ("databases tab", f"/hosting/{PLAN}/databases/"),
    ("tasks tab", f"/hosting/{PLAN}/tasks/"),
)
PENDING = re.compile(r'data-dns-pending="(\d+)"')


@dataclass
class Tally:
    pages: int = 0
    error_pages: int = 0
    stale_pages: int = 0
    errors_by_page: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def page(self, name: str, answer: requests.Response) -> None:
        with self.lock:
            self.pages += 1
            if answer.status_code >= 400:
                self.error_pages += 1
                self.errors_by_page[name] = self.errors_by_page.get(name, 0) + 1
            elif "stale-notice" in answer.text:
                self.stale_pages += 1


@contextmanager
def started(workdir: Path, admin: tuple[str, str]) -> Iterator[tuple[str, str, int]]:
    """(panel URL, sandbox base URL, workers): the sandbox limited to 60 calls a minute."""
    sandbox_port, panel_port = servers.free_port(), servers.free_port()
    env = servers.environment(workdir, sandbox_port, cache_seconds=30)
    env.update(
        SANDBOX_RATE_LIMIT_PER_MIN=str(SANDBOX_LIMIT),
        SANDBOX_LATENCY_MS="40",
        OVH_CALLS_PER_MINUTE="60",
    )
    redis_url = os.environ.get("REDIS_URL")
    workers = 2 if redis_url else 1
    if redis_url:
        env.update(REDIS_URL=redis_url, OVH_CACHE_PREFIX=f"bench-{uuid.uuid4().hex}:")
    servers.run([str(servers.BIN / "flask"), "db", "upgrade"], env)
    servers.run([str(servers.BIN / "flask"), "sandbox", "reset", "--domains", str(DOMAINS)], env)
    servers.run(
        [str(servers.BIN / "flask"), "users", "create-admin", admin[0]], env, stdin=admin[1] + "\n"
    )
    with servers.processes() as spawn:
        sandbox = spawn(
            [str(servers.BIN / "flask"), "sandbox", "serve", "--port", str(sandbox_port)], env
        )
        panel = spawn(servers.gunicorn(panel_port, workers=workers, threads=8), env)
        base = f"http://127.0.0.1:{sandbox_port}"
        servers.wait_until_up(base + "/1.0/auth/time", sandbox)
        servers.wait_until_up(f"http://127.0.0.1:{panel_port}/healthz", panel)
        yield f"http://127.0.0.1:{panel_port}", base, workers


def signed_in(base: str, admin: tuple[str, str]) -> measure.Browser:
    """A person's browser; sign-ins are limited per minute, so wait when refused."""
    for _ in range(20):
        try:
            return measure.Browser(base, *admin)
        except RuntimeError:
            time.sleep(6)
    raise RuntimeError("could not sign in")


def person(browser: measure.Browser, seed: int, until: float, tally: Tally) -> None:
    """One person clicking through the scripted mix of pages, thinking between clicks."""
    rng = random.Random(seed)
    while time.monotonic() < until:
        name, path = rng.choice(PAGES)
        tally.page(name, browser.session.get(browser.base + path, timeout=60))
        if name == "domains tab":
            dns = browser.session.get(browser.base + path + "dns", timeout=60)
            tally.page("domains tab (DNS)", dns)
            found = PENDING.search(dns.text)
            if found and int(found.group(1)) and time.monotonic() + DNS_POLL_SECONDS < until:
                time.sleep(DNS_POLL_SECONDS)
                tally.page("domains tab (DNS)", browser.session.get(dns.url, timeout=60))
        time.sleep(rng.uniform(*THINK_SECONDS))


def run(admin: tuple[str, str]) -> dict[str, Any]:
    import tempfile

    with tempfile.TemporaryDirectory() as workdir, started(Path(workdir), admin) as up:
        panel, sandbox_base, workers = up
        sandbox = measure.Sandbox(sandbox_base)
        browsers = [signed_in(panel, admin) for _ in range(PEOPLE)]
        tally = Tally()
        sandbox.clear_stats()
        started_at = time.monotonic()
        until = started_at + SECONDS
        threads = [
            threading.Thread(target=person, args=(browser, seed, until, tally))
            for seed, browser in enumerate(browsers)
        ]
        for thread in threads:
            thread.start()
        samples = [(0.0, 0)]
        while time.monotonic() < until:
            time.sleep(min(2.0, max(0.0, until - time.monotonic())))
            samples.append((time.monotonic() - started_at, sandbox.calls()))
        stats = sandbox.http.get(f"{sandbox_base}/_sandbox/stats", timeout=5).json()
        elapsed = time.monotonic() - started_at
        for thread in threads:  # a last page may still be loading: it counts in the tally
            thread.join()
    return {
        "seconds": elapsed,
        "people": PEOPLE,
        "workers": workers,
        "shared budget": "Redis" if workers > 1 else "per process",
        "calls": stats["total"],
        "calls per minute": stats["total"] * 60 / elapsed,
        "busiest minute": busiest_minute(samples),
        "429 answers": stats["rate_limited"],
        "pages": tally.pages,
        "error pages": tally.error_pages,
        "errors by page": tally.errors_by_page,
        "pages with last known answers": tally.stale_pages,
        "calls by route": stats["by_route"],
    }


def busiest_minute(samples: list[tuple[float, int]]) -> int:
    """The most calls the sandbox counted within any 60 s between two samples (2 s apart)."""
    most = 0
    for start, before in samples:
        inside = [count for at, count in samples if start < at <= start + 60]
        if inside:
            most = max(most, max(inside) - before)
    return most


def report(results: dict[str, Any]) -> list[tuple[str, str, str]]:
    prefix = f"fair use, {PEOPLE} people × {results['seconds']:.0f} s, {DOMAINS} domains"
    return [
        (f"{prefix}: calls per minute",
         f"{results['calls per minute']:.1f} on average, {results['busiest minute']} in the "
         f"busiest minute ({results['calls']} calls; {results['workers']} worker(s), budget "
         f"{results['shared budget']})", "≤ 60"),
        (f"{prefix}: 429 answers", str(results["429 answers"]), "0"),
        (f"{prefix}: pages with an error",
         f"{results['error pages']} of {results['pages']} "
         f"({results['pages with last known answers']} showed last known answers)", "0"),
    ]  # fmt: skip

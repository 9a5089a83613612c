"""The measurements: timed page loads, OVH calls per page, concurrent load, task follow-up."""

from __future__ import annotations

import http.client
import re
import shutil
import statistics
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import ovh
import requests

from bench.servers import CONTROL_TOKEN
from ovh_sandbox.config import DEMO_APPLICATION_KEY, DEMO_APPLICATION_SECRET, DEMO_CONSUMER_KEY
from ovh_sandbox.control import TOKEN_HEADER

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Sandbox:
    def __init__(self, base: str) -> None:
        self.base = base
        self.http = requests.Session()
        self.http.headers[TOKEN_HEADER] = CONTROL_TOKEN

    def latency(self, milliseconds: int) -> None:
        self.http.post(
            f"{self.base}/_sandbox/faults", json={"latency_ms": milliseconds}, timeout=5
        ).raise_for_status()

    def clear_stats(self) -> None:
        self.http.delete(f"{self.base}/_sandbox/stats", timeout=5).raise_for_status()

    def calls(self) -> int:
        return int(self.http.get(f"{self.base}/_sandbox/stats", timeout=5).json()["total"])


class Browser:
    """A signed-in session on one panel, like a person's browser."""

    def __init__(self, base: str, email: str, password: str) -> None:
        self.base = base
        self.session = requests.Session()
        page = self.session.get(f"{base}/auth/sign-in", timeout=30).text
        answer = self.session.post(
            f"{base}/auth/sign-in",
            data={"csrf_token": CSRF.search(page).group(1), "email": email, "password": password},  # type: ignore[union-attr]
            allow_redirects=False,
            timeout=30,
        )
        if answer.status_code != 302:
            raise RuntimeError(f"sign-in failed on {base}: {answer.status_code}")

    def timed(self, path: str) -> float:
        started = time.perf_counter()
        answer = self.session.get(self.base + path, timeout=60)
        elapsed = time.perf_counter() - started
        if answer.status_code != 200:
            raise RuntimeError(f"{path} answered {answer.status_code}")
        return elapsed

    def post_form(self, page_path: str, **fields: str) -> str:
        page = self.session.get(self.base + page_path, timeout=30).text
        answer = self.session.post(
            self.base + page_path,
            data={"csrf_token": CSRF.search(page).group(1), **fields},  # type: ignore[union-attr]
            allow_redirects=False,
            timeout=30,
        )
        return answer.headers.get("Location", "")

    def cookie_header(self) -> str:
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.session.cookies)


class KeepAlive:
    """One kept-open connection with the session's cookie: what a browser's next click costs,
    without the Python HTTP library's own overhead in the figure."""

    def __init__(self, base: str, cookie: str) -> None:
        parts = urlsplit(base)
        self.connection = http.client.HTTPConnection(
            parts.hostname or "127.0.0.1", parts.port, timeout=30
        )
        self.cookie = cookie

    def timed(self, path: str) -> float:
        started = time.perf_counter()
        self.connection.request("GET", path, headers={"Cookie": self.cookie})
        response = self.connection.getresponse()
        response.read()
        elapsed = time.perf_counter() - started
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")
        return elapsed

    def close(self) -> None:
        self.connection.close()


def median_of(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def sequential_script_seconds(api_url: str) -> float:
    """What an admin's own script does: list the services, then ask for each one in turn."""
    client = ovh.Client(
        endpoint="ovh-eu",
        application_key=DEMO_APPLICATION_KEY,
        application_secret=DEMO_APPLICATION_SECRET,
        consumer_key=DEMO_CONSUMER_KEY,
    )
    client._endpoint = api_url
    assert client.time_delta is not None
    started = time.perf_counter()
    for name in client.get("/hosting/web"):
        client.get(f"/hosting/web/{name}")
    return time.perf_counter() - started


@dataclass(frozen=True)
class LoadResult:
    tool: str
    requests_per_second: float
    median_ms: float
    tail_ms: float  # p95 with the Python clients, p99 with wrk (what each reports)
    errors: int


def load(base: str, path: str, cookie: str, clients: int, seconds: float) -> LoadResult:
    """``clients`` keep-alive connections asking for ``path`` as fast as it is answered: with
    wrk where installed (Debian's ``wrk``: it leaves the cores to the panel), else with Python."""
    if shutil.which("wrk"):
        return _wrk(base + path, cookie, clients, seconds)
    return _python_clients(base, path, cookie, clients, seconds)


def _wrk(url: str, cookie: str, clients: int, seconds: float) -> LoadResult:
    command = [
        "wrk",
        "-t2",
        f"-c{clients}",
        f"-d{seconds:.0f}s",
        "--latency",
        "-H",
        f"Cookie: {cookie}",
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout

    def milliseconds(label: str) -> float:
        match = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        if match is None:
            return float("nan")
        return float(match.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[match.group(2)]

    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    failed = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return LoadResult(
        tool="wrk",
        requests_per_second=float(rate.group(1)) if rate else 0.0,
        median_ms=milliseconds("50%"),
        tail_ms=milliseconds("99%"),
        errors=int(failed.group(1)) if failed else 0,
    )


def _python_clients(base: str, path: str, cookie: str, clients: int, seconds: float) -> LoadResult:
    parts = urlsplit(base)
    host = parts.hostname or "127.0.0.1"
    durations: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection(host, parts.port, timeout=30)
        mine: list[float] = []
        failures = 0
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Cookie": cookie})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failures += 1
            except (OSError, http.client.HTTPException):
                failures += 1
                connection.close()
                connection = http.client.HTTPConnection(host, parts.port, timeout=30)
            mine.append(time.perf_counter() - started)
        connection.close()
        with lock:
            durations.extend(mine)
            errors[0] += failures

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    ordered = sorted(durations)
    return LoadResult(
        tool="python",
        requests_per_second=len(ordered) / elapsed,
        median_ms=statistics.median(ordered) * 1000,
        tail_ms=ordered[int(len(ordered) * 0.95) - 1] * 1000,
        errors=errors[0],
    )


def task_follow_up(
    browser: Browser, sandbox: Sandbox, service: str, step_seconds: float
) -> dict[str, float]:
    """Attach a domain, then poll its task page's update route every 2 s as the page's script
    does: OVH calls per poll, and how long after the task ended the page showed it."""
    # Without HTTPS: with it, the page goes on to follow the certificate's renewal, a second task
    # (two calls per poll while it runs: the attach task and the certificate's).
    # A folder of its own: the attach form refuses one that already shows another site.
    location = browser.post_form(
        f"/hosting/{service}/domains/attach", domain="bench-follow.example.org", path="bench"
    )
    if not location:
        raise RuntimeError("the attach form did not start a task: nothing to follow")
    created = time.monotonic()
    status_path = urlsplit(location).path + "/status"
    calls_per_poll = []
    while True:
        sandbox.clear_stats()
        html = browser.session.get(browser.base + status_path, timeout=30).text
        calls_per_poll.append(sandbox.calls())
        if 'data-final="true"' in html:
            seen = time.monotonic()
            break
        time.sleep(2.0)
    ended = created + 2 * step_seconds
    # A worker's very first call to OVH also syncs python-ovh's clock; the median is the rule.
    return {
        "ovh_calls_per_poll": statistics.median(calls_per_poll),
        "shown_after_end_s": max(0.0, seen - ended),
    }

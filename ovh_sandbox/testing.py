"""Run the sandbox on a loopback port for the length of a ``with`` block (tests, demos)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from werkzeug.serving import WSGIRequestHandler, make_server

from ovh_sandbox import create_sandbox_app
from ovh_sandbox.config import SandboxConfig


class _QuietRequestHandler(WSGIRequestHandler):
    """No access log line per request: test output stays readable."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return None


@contextlib.contextmanager
def running_sandbox(config: SandboxConfig) -> Iterator[str]:
    """Serve the sandbox in a daemon thread; yields ``http://127.0.0.1:<port>/1.0``."""
    server = make_server(
        "127.0.0.1",
        0,
        create_sandbox_app(config),
        threaded=True,
        request_handler=_QuietRequestHandler,
    )
    # A short poll interval keeps shutdown quick: tests start one sandbox each.
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.02}, name="ovh-sandbox", daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/1.0"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()

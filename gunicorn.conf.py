"""gunicorn settings shared by the image and the demo (gunicorn reads ./gunicorn.conf.py).

The access log leaves query strings out (``%(U)s`` is the path alone), and the demo refuses to
listen beyond loopback unless ``PANEL_DEMO_PUBLIC=1`` says so.
"""

from __future__ import annotations

from typing import Any

from app.config import demo_bind_problem

access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s'


def on_starting(server: Any) -> None:
    problem = demo_bind_problem(list(server.cfg.bind))
    if problem:
        raise SystemExit(problem)

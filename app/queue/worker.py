"""``flask queue worker``: a worker process running the panel's jobs, on any machine that reaches
the same Redis (or, in the demo, the same SQLite queue file). It says it is alive every few
seconds in the panel's database, which ``/healthz`` reads, and stops cleanly on Ctrl-C/SIGTERM."""

from __future__ import annotations

import importlib
import logging
import threading

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from app.queue import JOBS, backend, huey

queue_cli = AppGroup("queue", help="The panel's task queue (Huey).")

BEAT_SECONDS = 10.0


@queue_cli.command("worker")
@click.option("--threads", default=4, show_default=True, help="Jobs run at the same time.")
def worker(threads: int) -> None:
    """Run queued jobs (and the daily watch) until stopped."""
    for module in JOBS:  # every job, and the periodic ones, registered before the first is taken
        importlib.import_module(module)
    from app.queue.failures import beat, stopped, worker_name

    if huey.immediate:
        raise click.ClickException("The queue runs jobs in-process here (QUEUE_IMMEDIATE).")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    panel: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    name = worker_name()
    done = threading.Event()

    def heartbeat() -> None:
        while not done.is_set():
            try:
                with panel.app_context():
                    beat(name)
            except Exception:  # the database may be briefly away: say so, beat again later
                logging.getLogger(__name__).exception("Heartbeat of %s not recorded", name)
            done.wait(BEAT_SECONDS)

    beater = threading.Thread(target=heartbeat, name="queue-heartbeat", daemon=True)
    beater.start()
    click.echo(f"Queue worker {name} on {backend()} ({huey.name}), {threads} threads.")
    consumer = huey.create_consumer(workers=threads, worker_type="thread", periodic=True)
    try:
        consumer.run()
    finally:
        done.set()
        beater.join(timeout=2)
        with panel.app_context():
            stopped(name)
        click.echo(f"Queue worker {name} stopped.")

"""``flask sandbox …``: serve the sandbox, reseed it, print its demo credentials.

The panel's CLI loads :data:`sandbox_cli` only when a ``flask sandbox`` command runs. The
commands use ``current_app.config["SANDBOX"]`` when the panel runs on the sandbox (tests set it
too), else the ``SANDBOX_*`` settings.
"""

from __future__ import annotations

import logging

import click
from flask import current_app
from flask.cli import AppGroup
from werkzeug.serving import run_simple

from ovh_sandbox import create_sandbox_app, seed
from ovh_sandbox.config import SandboxConfig, from_env

sandbox_cli = AppGroup("sandbox", help="The built-in OVH API sandbox.")


def _config() -> SandboxConfig:
    config: SandboxConfig | None = current_app.config.get("SANDBOX")
    return config or from_env(current_app.instance_path)


@sandbox_cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8081, show_default=True, type=int, help="Port to listen on.")
def serve(host: str, port: int) -> None:
    """Serve the sandbox API over HTTP (threaded)."""
    app = create_sandbox_app(_config())
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    click.echo(f"OVH API sandbox on http://{host}:{port}/1.0 (Ctrl+C to stop)")
    run_simple(host, port, app, threaded=True)


@sandbox_cli.command("reset")
@click.option(
    "--services",
    default=3,
    show_default=True,
    type=click.IntRange(min=0),
    help="Number of hosting services to seed (more than 3 adds generated ones).",
)
@click.option(
    "--domains",
    default=0,
    show_default=True,
    type=click.IntRange(min=0),
    help="Attached domains on the multi-certificate plan (more than 5 adds generated ones).",
)
def reset(services: int, domains: int) -> None:
    """Drop the sandbox account and seed it again."""
    seed.reset(_config(), services, domains)
    click.echo(f"Sandbox reseeded with {services} hosting services.")


@sandbox_cli.command("credentials")
def credentials() -> None:
    """Print the sandbox's demo keys as OVH_* environment lines."""
    config = _config()
    click.echo(f"OVH_APPLICATION_KEY={config.application_key}")
    click.echo(f"OVH_APPLICATION_SECRET={config.application_secret}")
    click.echo(f"OVH_CONSUMER_KEY={config.consumer_key}")

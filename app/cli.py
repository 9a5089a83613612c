"""Command-line tools: ``flask ovh`` (in :mod:`app.connection_cli`), ``flask users``, ``flask demo``
and ``flask sandbox``."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from app.accounts.cli import users_cli
from app.accounts.demo import DEMO_ACCOUNTS, seed_demo_accounts
from app.accounts.users import any_user
from app.connection_cli import ovh_cli
from app.notify.caught import mail_cli
from app.queue.worker import queue_cli


class SandboxCommands(click.Group):
    """``flask sandbox …``, loaded only when one of its commands runs: a panel worker on real
    credentials never imports the sandbox."""

    def _group(self) -> click.Group:
        from ovh_sandbox.cli import sandbox_cli

        return sandbox_cli

    def list_commands(self, ctx: click.Context) -> list[str]:
        return self._group().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._group().get_command(ctx, cmd_name)


sandbox_cli = SandboxCommands("sandbox", help="The built-in OVH API sandbox.")

demo_cli = AppGroup("demo", help="Prepare and describe the demo that runs on the sandbox.")


@demo_cli.command("prepare")
def demo_prepare() -> None:
    """Seed the sandbox, the two demo users and a made-up history of disk and database use when
    they are empty (``make demo`` runs this after the migrations)."""
    if not current_app.config["ON_SANDBOX"]:
        raise click.ClickException("The demo only runs on the built-in sandbox.")
    from ovh_sandbox import seed

    config = current_app.config["SANDBOX"]
    if not seed.is_seeded(config):
        seed.reset(config)
        click.echo("Seeded the sandbox with the demo account.")
    if not any_user():
        seed_demo_accounts()
        click.echo("Created the demo users.")
    from app.trends.demo import seed_history

    if written := seed_history(config):
        click.echo(f"Made up {written} daily snapshots of disk and database use for the trends.")


@demo_cli.command("sign-ins")
def demo_sign_ins() -> None:
    """Print how to sign in to the demo."""
    click.echo("  Sign in as:")
    for demo in DEMO_ACCOUNTS:
        click.echo(f"    {demo.role:6} {demo.email:20} password: {demo.password}")


def init_app(app: Flask) -> None:
    app.cli.add_command(ovh_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(sandbox_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(queue_cli)
    app.cli.add_command(mail_cli)

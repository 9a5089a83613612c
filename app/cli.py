"""Command-line tools: ``flask ovh``, ``flask users``, ``flask demo`` and ``flask sandbox``."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from app.accounts.cli import users_cli
from app.accounts.demo import DEMO_ACCOUNTS, seed_demo_accounts
from app.accounts.users import any_user
from app.extensions import ovh_api
from app.services import account
from app.services.client import build_client
from app.services.errors import PanelError


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

ovh_cli = AppGroup("ovh", help="Connect the panel to an OVH account and check that connection.")


@ovh_cli.command("connect")
@click.option("--redirect", default=None, help="Where OVH sends the person after approving.")
def ovh_connect(redirect: str | None) -> None:
    """Ask OVH for a consumer key with the least access the panel needs."""
    settings = dict(current_app.config["OVH"], consumer_key=None)
    client = build_client(
        settings,
        current_app.config["OVH_SANDBOX_URL"],
        (current_app.config["OVH_CONNECT_TIMEOUT"], current_app.config["OVH_READ_TIMEOUT"]),
    )
    try:
        request = account.request_credential(client, redirect)
    except PanelError as error:
        raise click.ClickException(f"{error.message} ({error.detail})") from error
    click.echo("Open this address, sign in to OVH and approve the access:")
    click.echo(f"  {request.validation_url}")
    click.echo("Then give the panel this consumer key (for example in OVH_CONSUMER_KEY):")
    click.echo(f"  {request.consumer_key}")
    click.echo("Access requested:")
    for method, path in account.PANEL_ACCESS_RULES:
        click.echo(f"  {method:6} {path}")


@ovh_cli.command("check")
def ovh_check() -> None:
    """Show whose OVH account the panel uses, what it may do, and until when."""
    endpoint = current_app.config["OVH"]["endpoint"]
    try:
        info = account.connection_info(ovh_api.gateway, endpoint)
    except PanelError as error:
        raise click.ClickException(f"{error.message} ({error.detail})") from error
    click.echo(f"Endpoint:   {info.endpoint}")
    click.echo(f"Account:    {info.nichandle}" + (f" ({info.email})" if info.email else ""))
    click.echo(f"Credential: {info.status}")
    click.echo(f"Expires:    {info.expiration.isoformat() if info.expiration else 'never'}")
    click.echo("Rules:")
    for rule in info.rules:
        click.echo(f"  {rule.method:6} {rule.path}")


demo_cli = AppGroup("demo", help="Prepare and describe the demo that runs on the sandbox.")


@demo_cli.command("prepare")
def demo_prepare() -> None:
    """Seed the sandbox and the two demo users when they are empty (``make demo`` runs this after
    the migrations)."""
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

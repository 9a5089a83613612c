"""``flask ovh connect`` and ``flask ovh check``: give the panel its OVH access, and say what that
access lets the panel do. Output is in English (the person running it is an administrator at a
terminal); the Connection page says the same in both languages."""

from __future__ import annotations

import ipaddress
from typing import Any

import click
import ovh
from flask import current_app
from flask.cli import AppGroup

from app.extensions import ovh_api
from app.services import access_rules, account, deep_check
from app.services.access_rules import PANEL_RULES
from app.services.errors import PanelError
from app.services.gateway_setup import build_client

ovh_cli = AppGroup("ovh", help="Connect the panel to an OVH account and check that connection.")

VALIDATION_TIMEOUT = 600.0


def _client(settings: dict[str, Any]) -> ovh.Client:
    return build_client(
        settings,
        current_app.config["OVH_SANDBOX_URL"],
        (current_app.config["OVH_CONNECT_TIMEOUT"], current_app.config["OVH_READ_TIMEOUT"]),
    )


def _fail(error: PanelError) -> click.ClickException:
    query = f" [OVH query id {error.query_id}]" if error.query_id else ""
    return click.ClickException(f"{error.message} ({error.detail}){query}")


def _ip_block(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> list[str]:
    blocks = []
    for value in values:
        try:
            blocks.append(str(ipaddress.ip_network(value, strict=False)))
        except ValueError:
            raise click.BadParameter(
                f"{value!r} is not an IP address or block (e.g. 203.0.113.4 or 203.0.113.0/24)"
            ) from None
    return blocks


def _print_oauth2_steps() -> None:
    click.echo("The panel is set up with an OAuth2 service account (OVH_CLIENT_ID).")
    click.echo("A service account needs no consumer key: its access is an IAM policy.")
    click.echo("In OVH's control panel, under Identity and Access Management (IAM) > Policies:")
    click.echo("  1. Create a policy whose identity is this service account.")
    click.echo("  2. Resources: the web hosting plans the panel manages (type webHosting),")
    click.echo("     and your account itself for account:apiovh:me/get.")
    click.echo("  3. Actions: exactly these (nothing wider, e.g. no webHosting:apiovh:*):")
    for action in access_rules.iam_actions():
        click.echo(f"       {action}")
    click.echo("Then run `flask ovh check` (and `flask ovh check --deep`) to confirm.")


@ovh_cli.command("connect")
@click.option("--redirect", default=None, help="Where OVH sends the person after approving.")
@click.option(
    "--allowed-ip",
    "allowed_ips",
    multiple=True,
    callback=_ip_block,
    help="Only accept the key from this IP address or block (OVH's allowedIPs). Repeatable.",
)
@click.option(
    "--wait/--no-wait",
    default=True,
    show_default=True,
    help="Wait until the access is approved (Ctrl-C stops waiting).",
)
@click.option(
    "--timeout",
    default=VALIDATION_TIMEOUT,
    show_default=True,
    type=click.FloatRange(min=0),
    help="Seconds to wait for the approval.",
)
def ovh_connect(redirect: str | None, allowed_ips: list[str], wait: bool, timeout: float) -> None:
    """Ask OVH for a consumer key with exactly the access the panel needs."""
    settings = dict(current_app.config["OVH"], consumer_key=None)
    if settings.get("client_id"):
        _print_oauth2_steps()
        return
    client = _client(settings)
    try:
        request = account.request_credential(client, redirect, allowed_ips)
    except PanelError as error:
        raise _fail(error) from error
    click.echo("Open this address, sign in to OVH and approve the access:")
    click.echo(f"  {request.validation_url}")
    click.echo(
        'On that page choose the validity "Unlimited": a key with a limited validity stops '
        "working on its expiry date, and OVH does not warn anyone."
    )
    click.echo(f"Access requested ({len(PANEL_RULES)} rules, nothing wider):")
    for rule in PANEL_RULES:
        click.echo(f"  {rule.method:6} {rule.path}")
    if allowed_ips:
        click.echo("Usable only from: " + ", ".join(allowed_ips))
    else:
        click.echo("Usable from any address (--allowed-ip limits it to the panel's servers).")
    if wait:
        _wait(client, timeout)
    click.echo("Then give the panel this consumer key (for example in OVH_CONSUMER_KEY):")
    click.echo(f"  {request.consumer_key}")


def _wait(client: ovh.Client, timeout: float) -> None:
    click.echo(f"Waiting for the approval (up to {timeout:.0f} s; Ctrl-C stops waiting)…")
    try:
        validation = account.wait_for_validation(client, timeout)
    except KeyboardInterrupt:
        click.echo("Stopped waiting. Once approved, the key below works all the same.")
        return
    except PanelError as error:
        click.echo(f"Could not follow the approval: {error.message} ({error.detail})")
        return
    if validation.status == "pendingValidation":
        click.echo("Not approved yet (or refused). The key below works once it is approved.")
    elif account.is_unlimited(validation):
        click.echo("Approved, with an unlimited validity.")
    elif validation.status == "validated" and validation.expiration is not None:
        click.echo(
            f"Approved, but it expires on {validation.expiration.isoformat()}: the panel will "
            'lose its access then. Run `flask ovh connect` again and choose "Unlimited".'
        )
    else:
        click.echo(f"The access was not granted (state: {validation.status}).")


@ovh_cli.command("check")
@click.option(
    "--deep",
    is_flag=True,
    help="Also make every read-only call the panel uses and check each answer; prints a report "
    "without keys or account identifiers, to paste into an issue.",
)
@click.option(
    "--service",
    "services",
    multiple=True,
    help="With --deep: the hosting plans to read (default: the first "
    f"{deep_check.DEFAULT_SERVICES}).",
)
def ovh_check(deep: bool, services: tuple[str, ...]) -> None:
    """Show whose OVH account the panel uses and which of its features that access allows."""
    endpoint = current_app.config["OVH"]["endpoint"]
    try:
        info = account.connection_info(ovh_api.gateway, endpoint)
    except PanelError as error:
        if not deep:
            raise _fail(error) from error
        click.echo(f"Connection check failed: {error.message} ({error.detail})")
        info = None
    if info is not None and not deep:
        _print_info(info)
    if deep:
        report = deep_check.run(
            _client(dict(current_app.config["OVH"])), endpoint, list(services) or None
        )
        click.echo(report.text())
        if not report.ok:
            raise SystemExit(1)


def _print_info(info: account.ConnectionInfo) -> None:
    click.echo(f"Endpoint:   {info.endpoint}")
    click.echo(f"Account:    {info.nichandle}" + (f" ({info.email})" if info.email else ""))
    if info.oauth2:
        click.echo("Access:     OAuth2 service account (its IAM policy decides)")
    else:
        click.echo(f"Credential: {info.status}")
        click.echo(f"Expires:    {info.expiration.isoformat() if info.expiration else 'never'}")
        click.echo(f"Allowed IPs: {', '.join(info.allowed_ips) or 'any'}")
        if info.expiration is not None:
            click.echo(
                "Warning:    this key stops working on its expiry date. Run `flask ovh connect` "
                'and choose the validity "Unlimited".'
            )
    if info.rules is None:
        click.echo("Features:   not limited by rules; the service account's IAM policy decides.")
        click.echo("            `flask ovh check --deep` tries every read the panel makes.")
        return
    click.echo("Features:")
    for access in info.features:
        if access.complete:
            click.echo(f"  can use            {access.name}")
            continue
        state = "can only read     " if access.read_only else "cannot use        "
        click.echo(f"  {state} {access.name}; missing:")
        for rule in access.missing:
            click.echo(f"      {rule.method:6} {rule.path}")
    wanted = access_rules.rule_pairs()
    extra = [rule for rule in info.rules if (rule.method, rule.path) not in wanted]
    if extra:
        click.echo("Rules beyond what the panel needs (a narrower key is safer):")
        for key_rule in extra:
            click.echo(f"  {key_rule.method:6} {key_rule.path}")

"""``flask users …``: create the first admin, list users, deactivate one, from the server."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from app.accounts.passwords import password_problem
from app.accounts.users import AccountError, all_users, create_user, find_user
from app.audit import record_event
from app.extensions import db

users_cli = AppGroup("users", help="Manage the panel's users from the server.")


@users_cli.command("create-admin")
@click.argument("email")
def create_admin(email: str) -> None:
    """Create an administrator. Asks for the password twice, or reads one line from stdin."""
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    problem = password_problem(password, [email])
    if problem is not None:
        raise click.ClickException(str(problem))
    try:
        create_user(email, "admin", password=password)
    except AccountError as error:
        raise click.ClickException(f"A user with the email {email} already exists.") from error
    click.echo(f"Created the administrator {email}. Sign in with this email and password.")


@users_cli.command("list")
def list_users() -> None:
    """Show every user with their role, state, last sign-in and grants."""
    users = all_users()
    if not users:
        click.echo("No user yet. Create the first one with: flask users create-admin EMAIL")
    for user in users:
        state = "active" if user.active else "deactivated"
        last = user.last_sign_in.strftime("%Y-%m-%d %H:%M") if user.last_sign_in else "never"
        grants = ", ".join(f"{g.service_name} ({g.level})" for g in user.grants) or "-"
        click.echo(f"{user.email}\t{user.role}\t{state}\tlast sign-in: {last}\tgrants: {grants}")


@users_cli.command("deactivate")
@click.argument("email")
def deactivate(email: str) -> None:
    """Switch a user off; they are signed out at their next click."""
    user = find_user(email)
    if user is None:
        raise click.ClickException(f"No user has the email {email}.")
    user.active = False
    user.rotate_session_token()
    record_event("user.deactivate", target=user.email, parameters={"from": "command line"})
    db.session.commit()
    click.echo(f"Deactivated {user.email}.")

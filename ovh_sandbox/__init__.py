"""The built-in OVH API sandbox: a WSGI app of its own that speaks the OVH API v1 protocol.

The official ``ovh`` client works against it unchanged, only the endpoint URL differs. See
ovh_sandbox/README.md for what it implements and how to drive it.
"""

from __future__ import annotations

from flask import Flask

from ovh_sandbox import (
    auth_api,
    auth_page,
    control,
    hosting_cron,
    hosting_databases,
    hosting_domains,
    hosting_dumps,
    hosting_modules,
    hosting_php,
    hosting_service,
    hosting_ssl,
    hosting_statistics,
    hosting_users,
    me_documents,
    oauth2,
    seed,
)
from ovh_sandbox.config import SandboxConfig
from ovh_sandbox.protocol import register_protocol


def create_sandbox_app(config: SandboxConfig) -> Flask:
    """The sandbox app over ``config.db_path``, seeded with the demo account if it is empty."""
    seed.seed_if_empty(config)
    app = Flask(__name__)
    app.config["SANDBOX"] = config
    app.json.sort_keys = False  # type: ignore[attr-defined]
    register_protocol(app)
    for blueprint in (
        auth_api.bp,
        auth_page.bp,
        control.bp,
        hosting_service.bp,
        hosting_domains.bp,
        hosting_ssl.bp,
        hosting_databases.bp,
        hosting_users.bp,
        hosting_php.bp,
        hosting_cron.bp,
        hosting_modules.bp,
        hosting_dumps.bp,
        me_documents.bp,
        hosting_statistics.bp,
        oauth2.bp,
    ):
        app.register_blueprint(blueprint)
    return app

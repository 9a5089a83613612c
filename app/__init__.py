"""The panel's application factory: a table of contents of what the app is made of."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, redirect, url_for
from werkzeug.wrappers import Response

from app.access import Action, requires
from app.config import instance_path, load_settings


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder="../templates",
        static_folder="../static",
        instance_relative_config=True,
        instance_path=instance_path(),
    )
    app.config.from_mapping(load_settings(app.instance_path))
    app.config.update(config or {})

    register_proxies(app)
    register_extensions(app)
    register_access(app)
    register_page_cache(app)
    register_once(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_security_headers(app)
    register_template_helpers(app)
    register_cli(app)
    retire_demo_accounts(app)
    return app


def register_proxies(app: Flask) -> None:
    """Behind ``TRUSTED_PROXIES`` reverse proxies, believe that many ``X-Forwarded-*`` hops for
    the client address, scheme, host and port; with none, believe no such header."""
    from werkzeug.middleware.proxy_fix import ProxyFix

    hops = int(app.config.get("TRUSTED_PROXIES") or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops
        )


def retire_demo_accounts(app: Flask) -> None:
    """A panel off the sandbox deletes the demo accounts and will not start beside one."""
    if app.config["ON_SANDBOX"]:
        return
    from app.accounts.demo import retire_demo_accounts as retire
    from app.extensions import db

    with app.app_context():
        retire()
        db.session.remove()


def register_extensions(app: Flask) -> None:
    from app import i18n, limits_store, queue
    from app.extensions import csrf, db, limiter, login_manager, migrate, ovh_api
    from app.notify.channels import mail

    if app.config.get("RATELIMIT_STORAGE_URI") == f"{limits_store.SCHEME}://":
        # The limits live in the database the app was given (tests hand it over in ``config``).
        app.config["RATELIMIT_STORAGE_OPTIONS"] = {"url": app.config["SQLALCHEMY_DATABASE_URI"]}

    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    i18n.init_app(app)
    ovh_api.init_app(app)
    queue.init_app(app)
    mail.init_app(app)


def register_access(app: Flask) -> None:
    from app import access
    from app.auth import sessions

    sessions.init_app(app)
    access.init_app(app)


def register_page_cache(app: Flask) -> None:
    from app import fairuse, pagecache

    pagecache.init_app(app)
    fairuse.init_app(app)


def register_once(app: Flask) -> None:
    from app import once

    once.init_app(app)


def register_blueprints(app: Flask) -> None:
    from app.admin import bp as admin_bp
    from app.approvals import bp as approvals_bp
    from app.auth import bp as auth_bp
    from app.cron import bp as cron_bp
    from app.databases import bp as databases_bp
    from app.domains import bp as domains_bp
    from app.ftp import bp as ftp_bp
    from app.health import bp as health_bp
    from app.hosting import bp as hosting_bp
    from app.inventory import bp as inventory_bp
    from app.launch import bp as launch_bp
    from app.notify import bp as notify_bp
    from app.operations import bp as operations_bp
    from app.php import bp as php_bp
    from app.queue.routes import bp as background_bp
    from app.ssl import bp as ssl_bp
    from app.tasks import bp as tasks_bp
    from app.websites import bp as websites_bp

    app.register_blueprint(health_bp)
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(notify_bp)
    app.register_blueprint(approvals_bp, url_prefix="/approvals")
    app.register_blueprint(background_bp, url_prefix="/admin/background")
    app.register_blueprint(hosting_bp, url_prefix="/hosting")
    app.register_blueprint(domains_bp, url_prefix="/hosting/<service_name>/domains")
    app.register_blueprint(tasks_bp, url_prefix="/hosting/<service_name>/tasks")
    app.register_blueprint(databases_bp, url_prefix="/hosting/<service_name>/databases")
    app.register_blueprint(ssl_bp, url_prefix="/hosting/<service_name>/ssl")
    app.register_blueprint(ftp_bp, url_prefix="/hosting/<service_name>/access")
    app.register_blueprint(php_bp, url_prefix="/hosting/<service_name>/php")
    app.register_blueprint(cron_bp, url_prefix="/hosting/<service_name>/cron")
    app.register_blueprint(launch_bp, url_prefix="/hosting/<service_name>/launch")
    app.register_blueprint(operations_bp, url_prefix="/hosting/<service_name>/operations")
    app.register_blueprint(websites_bp, url_prefix="/hosting/<service_name>/websites")
    app.register_blueprint(inventory_bp, url_prefix="/inventory")
    app.add_url_rule("/", "index", home)


@requires(Action.SIGNED_IN)
def home() -> Response:
    return redirect(url_for("hosting.index"))


def register_error_handlers(app: Flask) -> None:
    from app.errorpages import init_app

    init_app(app)


def register_security_headers(app: Flask) -> None:
    from app.security import init_app

    init_app(app)


def register_template_helpers(app: Flask) -> None:
    from app.templating import init_app

    init_app(app)


def register_cli(app: Flask) -> None:
    from app.cli import init_app

    init_app(app)

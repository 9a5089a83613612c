"""Flask extensions, created unbound here and bound to the app in ``create_app``."""

from __future__ import annotations

import threading
from typing import Any

from flask import Flask, current_app
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase

from app.services.client import OvhGateway
from app.services.gateway_setup import build_gateway


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


class OvhExtension:
    """Gives each app one :class:`OvhGateway` per worker process, built on first use, after any
    fork, so no connection pool or thread pool crosses a gunicorn fork."""

    def init_app(self, app: Flask) -> None:
        settings = {
            "ovh_settings": app.config["OVH"],
            "sandbox_url": app.config["OVH_SANDBOX_URL"],
            "timeout": (app.config["OVH_CONNECT_TIMEOUT"], app.config["OVH_READ_TIMEOUT"]),
            "cache_seconds": app.config["OVH_CACHE_SECONDS"],
            "max_workers": app.config["OVH_MAX_WORKERS"],
            "calls_per_minute": app.config["OVH_CALLS_PER_MINUTE"],
            "slow_seconds": app.config["OVH_SLOW_CACHE_SECONDS"],
            "keep_seconds": app.config["OVH_KEEP_SECONDS"],
            # Refreshes go to the task queue's workers, unless the app keeps them in-process.
            "refresh_dispatch": _queue_refresh if app.config["OVH_BACKGROUND_REFRESH"] else None,
            "redis_url": app.config["REDIS_URL"],
            "cache_prefix": app.config["OVH_CACHE_PREFIX"],
            "database_url": app.config["SQLALCHEMY_DATABASE_URI"],
        }
        app.extensions["ovh"] = _LazyGateway(settings)

    @property
    def gateway(self) -> OvhGateway:
        lazy: _LazyGateway = current_app.extensions["ovh"]
        return lazy.get()


def _queue_refresh(spec: tuple[str, str, float | None]) -> None:
    from app.queue.jobs import refresh_answer

    refresh_answer(*spec)


class _LazyGateway:
    def __init__(self, settings: dict[str, Any]) -> None:
        self._settings = settings
        self._gateway: OvhGateway | None = None
        self._lock = threading.Lock()

    def get(self) -> OvhGateway:
        with self._lock:
            if self._gateway is None:
                self._gateway = build_gateway(**self._settings)
            return self._gateway


ovh_api = OvhExtension()

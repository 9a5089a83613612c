"""An application's changes: removing it (also run for an administrator's approval)."""

from __future__ import annotations

from functools import partial

from app.actions import Started, change
from app.services import modules
from app.services.modules import InstalledModule


def remove(service_name: str, module: InstalledModule) -> Started:
    """OVH removes the application's files; the audit entry keeps its folder and database."""
    send = partial(modules.remove_module, install_id=module.id)
    parameters = {"path": module.path, "database": module.database}
    return change(
        "websites.index", "module.remove", str(module.id), send, service_name,
        parameters=parameters,
    )  # fmt: skip

"""Changes on the PHP tab: a new configuration, or an earlier one brought back; each audited."""

from __future__ import annotations

from functools import partial

from app.actions import Started, change
from app.services import php

_change = partial(change, "php.index")


def _target(config: php.PhpConfig) -> str:
    return f"PHP ({config.path})" if config.path else "PHP"


def change_configuration(
    service_name: str, config: php.PhpConfig, php_changes: dict[str, str]
) -> Started:
    parameters = {"path": config.path, "previousVersion": config.version, **php_changes}
    return _change(
        "php.change",
        _target(config),
        php.change_configuration,
        service_name,
        config.id,
        php_changes,
        parameters=parameters,
    )


def rollback(service_name: str, config: php.PhpConfig, earlier: php.PhpConfig) -> Started:
    parameters = {"path": config.path, "previousVersion": config.version, "rollbackId": earlier.id}
    parameters |= earlier.settings()
    return _change(
        "php.rollback",
        _target(config),
        php.rollback,
        service_name,
        config.id,
        earlier.id,
        parameters=parameters,
    )

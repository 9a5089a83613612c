"""What the PHP tab shows, read from OVH in one round trip: the service, the configurations in
use and earlier ones, the versions the plan offers, OVH's recommendation and the domains (to say
which runs with which configuration)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flask import abort

from app.loaders import with_service
from app.php import words
from app.services import domains, php
from app.services.hosting import HostingService


@dataclass(frozen=True)
class DomainRuntime:
    domain: domains.AttachedDomain
    config: php.PhpConfig | None

    @property
    def own(self) -> bool:
        """Whether it runs with a folder's own configuration rather than the plan's."""
        return self.config is not None and not self.config.for_whole_plan


def _read(service_name: str) -> dict[str, Any]:
    service, configs, earlier, raw_versions, recommended, attached = with_service(
        service_name,
        php.list_configs,
        php.list_earlier_configs,
        php.version_choices,
        php.recommended,
        domains.list_domains,
    )
    versions = _with_support(service, raw_versions)
    main = next((c for c in configs if c.for_whole_plan), configs[0] if configs else None)
    today = datetime.now(UTC).date()
    by_version = {v.version: v for v in versions}
    in_use = {config.version for config in configs} | {v.version for v in versions}
    return {
        "service": service,
        "configs": configs,
        "main": main,
        "earlier": earlier,
        "versions": versions,
        "by_version": by_version,
        "sentences": {v: words.support_sentence(by_version.get(v), v, today) for v in in_use},
        "levels": {v: words.support_level(by_version.get(v), today) for v in in_use},
        "recommended": recommended,
        "runtimes": [DomainRuntime(d, config_for(d.path, configs)) for d in attached],
        "today": today,
    }


def index_page(service_name: str) -> dict[str, Any]:
    return _read(service_name)


def config_page(service_name: str, config_id: int) -> dict[str, Any]:
    page = _read(service_name)
    config = next((c for c in page["configs"] if c.id == config_id), None)
    if config is None:
        abort(404)
    page["config"] = config
    page["earlier"] = [c for c in page["earlier"] if c.path == config.path]
    return page


def config_for(domain_path: str, configs: list[php.PhpConfig]) -> php.PhpConfig | None:
    """The configuration a domain runs with: the deepest folder's above its own, else the
    plan's."""
    folder = (domain_path or "").strip().removeprefix("./").strip("/")
    best: php.PhpConfig | None = None
    for config in configs:
        inside = (
            config.for_whole_plan or folder == config.path or folder.startswith(config.path + "/")
        )
        if inside and (best is None or len(config.path) > len(best.path)):
            best = config
    return best


def _with_support(
    service: HostingService, versions: list[php.VersionChoice]
) -> list[php.VersionChoice]:
    support = {item.version: item.support for item in service.php_versions}
    return [
        php.VersionChoice(v.version, v.containers, support.get(v.version, v.support), v.ends)
        for v in versions
    ]

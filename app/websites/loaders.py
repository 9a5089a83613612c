"""What the Websites tab shows: the plan's folders as people think of sites."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.loaders import with_service
from app.services import domains, modules, ssl
from app.services.domain_names import same_folder
from app.services.modules import CatalogueModule, InstalledModule


@dataclass(frozen=True)
class Website:
    folder: str
    addresses: tuple[domains.AttachedDomain, ...]
    module: InstalledModule | None
    application: CatalogueModule | None
    upgrade: CatalogueModule | None


def index_page(service_name: str) -> dict[str, Any]:
    """One round trip for the plan's domains, certificate names and modules; the catalogue
    (the same for every plan) is read with it and kept like any answer."""
    service, attached, names, installed, catalogue = with_service(
        service_name,
        domains.list_domains,
        ssl.certificate_names,
        modules.list_installed,
        lambda gateway, _name: modules.list_catalogue(gateway),
    )
    by_id = {m.id: m for m in catalogue}
    folders: dict[str, list[domains.AttachedDomain]] = {}
    for domain in attached:
        folders.setdefault(same_folder(domain.path), []).append(domain)
    for module in installed:
        folders.setdefault(same_folder(module.path), [])
    sites = [
        Website(
            folder=folder,
            addresses=tuple(addresses),
            module=(found := next((m for m in installed if same_folder(m.path) == folder), None)),
            application=by_id.get(found.module_id) if found else None,
            upgrade=modules.upgrade_for(catalogue, found.module_id) if found else None,
        )
        for folder, addresses in sorted(folders.items())
    ]
    pending = frozenset() if service.multiple_ssl else ssl.https_pending(names, attached)
    return {"service": service, "sites": sites, "https_pending": pending}


def module_page(service_name: str, install_id: int) -> dict[str, Any]:
    service, module, catalogue = with_service(
        service_name,
        lambda gateway, name: modules.get_installed(gateway, name, install_id),
        lambda gateway, _name: modules.list_catalogue(gateway),
    )
    application = next((m for m in catalogue if m.id == module.module_id), None)
    return {"service": service, "module": module, "application": application}

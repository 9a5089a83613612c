"""The backups service: newest first, kinds and dates read, and download addresses never kept."""

from __future__ import annotations

import json

from app.services import backups
from app.services.cache import MemoryStore
from app.services.client import OvhGateway

SERVICE = "example.cluster01.hosting.ovh.net"
SHOP = "example.mysql.db"


def test_backups_read_newest_first_with_their_kind_and_dates(gateway: OvhGateway) -> None:
    found = backups.list_backups(gateway, SERVICE, SHOP)
    assert {b.kind for b in found} == {"daily.1", "weekly.1", "now"}
    created = [b.created for b in found]
    assert created == sorted(created, reverse=True)  # type: ignore[type-var]
    assert all(b.kept_until and b.created and b.kept_until > b.created for b in found)
    assert [b.on_demand for b in found].count(True) == 1


def test_a_download_address_is_never_kept_by_the_panel(gateway: OvhGateway) -> None:
    found = backups.list_backups(gateway, SERVICE, SHOP)
    address = backups.download_address(gateway, SERVICE, SHOP, found[0].id)
    assert address and address.endswith(".sql.gz")
    plan = backups.list_plan_backups(gateway, SERVICE)
    assert backups.plan_download_address(gateway, SERVICE, plan[0].id)
    store = gateway.cache.store
    assert isinstance(store, MemoryStore)
    kept = json.dumps([value for _, value in store._data.values()], default=str)
    assert ".sql.gz" not in kept and "/dump" not in kept


def test_the_plan_list_names_each_backups_database(gateway: OvhGateway) -> None:
    plan = backups.list_plan_backups(gateway, SERVICE)
    assert {b.database for b in plan} == {SHOP, "exampleblog.mysql.db"}
    assert not any(b.orphan for b in plan)

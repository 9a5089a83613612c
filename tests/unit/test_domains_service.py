"""Attached domains through the service layer, against the sandbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.services import domains, tasks
from app.services.client import OvhGateway
from app.services.errors import Conflict, InvalidInput, NotFound

SERVICE = "example.cluster01.hosting.ovh.net"
SETTINGS = domains.DomainSettings(
    path="shop", ssl=True, cdn=False, firewall=True, ip_location="FR", own_log=None
)


def test_the_list_has_every_attached_domain_with_its_settings(gateway: OvhGateway) -> None:
    attached = {domain.domain: domain for domain in domains.list_domains(gateway, SERVICE)}
    assert {"example.com", "www.example.com", "xn--caf-dma.example.com", SERVICE} <= set(attached)
    cafe = attached["xn--caf-dma.example.com"]
    assert (cafe.unicode, cafe.path, cafe.ssl) == ("café.example.com", "cafe", False)
    assert attached["shop.example.com"].firewall is True
    assert attached["example.com"].status == "created"


def test_dns_diagnosis_tells_here_elsewhere_and_not_configured(gateway: OvhGateway) -> None:
    verdicts = domains.diagnose_dns(
        gateway,
        "example2.cluster02.hosting.ovh.net",
        ["example.org", "old.example.net", "legacy.example.org"],
    ).diagnoses
    assert verdicts["example.org"].verdict == domains.POINTS_HERE
    assert verdicts["example.org"].records_to_create == ()
    elsewhere = verdicts["old.example.net"]
    assert elsewhere.verdict == domains.POINTS_ELSEWHERE
    assert {record.type for record in elsewhere.records_to_create} == {"A", "AAAA"}
    assert all(record.name == "old.example.net" for record in elsewhere.records_to_create)
    assert all(record.relative == "old" for record in elsewhere.records_to_create)
    assert elsewhere.records_to_remove == ("A", "AAAA")
    assert verdicts["legacy.example.org"].verdict == domains.NOT_CONFIGURED
    assert verdicts["legacy.example.org"].records_to_remove == ()


def test_a_records_name_is_shown_in_unicode_inside_its_zone() -> None:
    record = domains.DnsRecord("A", "xn--caf-dma.xn--caf-dma.fr", "192.0.2.1")
    assert (record.zone, record.relative, record.relative_ascii) == (
        "café.fr",
        "café",
        "xn--caf-dma",
    )
    assert domains.DnsRecord("A", "example.com", "192.0.2.1").relative == "@"


def test_the_ownership_record_sits_at_the_top_of_the_zone() -> None:
    # OVH's guide: for a main domain, ovhcontrol.<domain>.
    (record,) = domains.ownership_records("example.co.uk", "token123")
    assert (record.type, record.name, record.value) == (
        "TXT",
        "ovhcontrol.example.co.uk",
        "token123",
    )
    assert record.relative == "ovhcontrol"


def test_a_subdomain_gets_the_guides_record_then_the_control_panels_as_a_fallback() -> None:
    # OVH's guide: ovhcontrol.example.co.uk for blog.shop.example.co.uk; OVH's newer control
    # panel: ovhcontrol.blog.shop.example.co.uk. Which one OVH checks is UNCONFIRMED.
    top, fallback = domains.ownership_records("blog.shop.example.co.uk", "token123")
    assert (top.name, top.relative) == ("ovhcontrol.example.co.uk", "ovhcontrol")
    assert (fallback.name, fallback.relative) == (
        "ovhcontrol.blog.shop.example.co.uk",
        "ovhcontrol.blog.shop",
    )
    assert top.value == fallback.value == "token123"


def test_attaching_starts_a_task_that_ends_with_the_domain_ready(gateway: OvhGateway) -> None:
    task = domains.attach_domain(gateway, SERVICE, "shop.example.org", SETTINGS)
    assert task.function == "attachedDomain/create"
    assert task.object_id is not None and task.object_id.isdigit()  # as on OVH
    assert tasks.get_task(gateway, SERVICE, task.id).succeeded
    attached = domains.get_domain(gateway, SERVICE, "shop.example.org")
    assert (attached.path, attached.firewall, attached.ip_location) == ("shop", True, "FR")


def test_attaching_a_domain_twice_is_a_conflict(gateway: OvhGateway) -> None:
    with pytest.raises(Conflict) as caught:
        domains.attach_domain(gateway, SERVICE, "example.com", SETTINGS)
    assert caught.value.query_id


def test_ovh_refuses_a_path_climbing_out_of_the_home_folder(gateway: OvhGateway) -> None:
    escaping = domains.DomainSettings("../etc", True, False, False, None, None)
    with pytest.raises(InvalidInput) as caught:
        domains.attach_domain(gateway, SERVICE, "new.example.org", escaping)
    assert "path" in (caught.value.detail or "").lower()


def test_updating_returns_the_task_applying_the_change(gateway: OvhGateway) -> None:
    current = domains.get_domain(gateway, SERVICE, "blog.example.com")
    wanted = domains.DomainSettings("blog2", current.ssl, True, current.firewall, None, None)
    assert [change.setting for change in domains.changes_between(current, wanted)] == [
        "path",
        "cdn",
    ]
    body = domains.update_body(current, wanted)
    assert body == {"path": "blog2", "cdn": "active"}
    task_id = domains.update_domain(gateway, SERVICE, "blog.example.com", body)
    # The task is over at once here, so it is found among the update tasks although OVH names
    # it by the attached domain's number, not by the domain.
    assert task_id is not None
    assert tasks.get_task(gateway, SERVICE, task_id).succeeded
    assert domains.get_domain(gateway, SERVICE, "blog.example.com").path == "blog2"


def test_attaching_with_no_ip_location_sends_no_null(gateway: OvhGateway) -> None:
    settings = domains.DomainSettings("www", True, False, False, None, None)
    assert "ipLocation" not in settings.to_ovh() and "ownLog" not in settings.to_ovh()
    task = domains.attach_domain(gateway, SERVICE, "plain.example.org", settings)
    assert tasks.get_task(gateway, SERVICE, task.id).succeeded


def test_an_update_sends_only_what_the_person_changed(gateway: OvhGateway) -> None:
    current = domains.get_domain(gateway, SERVICE, "shop.example.com")
    assert current.ip_location is None
    wanted = domains.DomainSettings(
        current.path, not current.ssl, current.cdn, current.firewall, None, None
    )
    body = domains.update_body(current, wanted)
    assert body == {"ssl": not current.ssl}
    assert domains.update_domain(gateway, SERVICE, "shop.example.com", body) is not None
    assert domains.get_domain(gateway, SERVICE, "shop.example.com").ssl is not current.ssl


def test_switching_off_a_separate_log_is_the_one_null_sent() -> None:
    current = domains.AttachedDomain(
        domain="a.example.org",
        path="www",
        ssl=True,
        cdn=False,
        firewall=False,
        ip_location="FR",
        own_log="a.example.org",
        status="created",
        task_id=None,
    )
    wanted = domains.DomainSettings("www", True, False, False, None, None)
    assert domains.update_body(current, wanted) == {"ownLog": None}


def test_the_update_task_is_found_by_name_when_ovh_names_it(gateway: OvhGateway) -> None:
    """The other possibility: tasks that name the domain in objectId (UNCONFIRMED table)."""
    now = datetime.now(UTC)
    older = tasks.task_from_ovh(
        SERVICE, {"id": 7, "objectId": "a.example.org", "startDate": now.isoformat()}
    )
    newer_other = tasks.task_from_ovh(
        SERVICE, {"id": 9, "objectId": "b.example.org", "startDate": now.isoformat()}
    )
    assert domains._update_task_of([older, newer_other], "a.example.org", now) == 7
    numeric = tasks.task_from_ovh(
        SERVICE, {"id": 11, "objectId": "30533272", "startDate": now.isoformat()}
    )
    stale = tasks.task_from_ovh(
        SERVICE,
        {"id": 3, "objectId": "30533272", "startDate": (now - timedelta(hours=1)).isoformat()},
    )
    assert domains._update_task_of([stale, numeric], "a.example.org", now) == 11


def test_detaching_removes_the_domain_once_its_task_is_done(gateway: OvhGateway) -> None:
    task = domains.detach_domain(gateway, SERVICE, "shop.example.com", leave_dns=True)
    assert task.function == "attachedDomain/delete"
    assert tasks.get_task(gateway, SERVICE, task.id).succeeded
    with pytest.raises(NotFound):
        domains.get_domain(gateway, SERVICE, "shop.example.com")


def test_a_domain_is_found_by_either_of_its_names(gateway: OvhGateway) -> None:
    attached = domains.list_domains(gateway, SERVICE)
    assert domains.find(attached, "café.example.com").domain == "xn--caf-dma.example.com"
    with pytest.raises(NotFound):
        domains.find(attached, "nope.example.com")

"""Attached domains: list filters, attach, update, detach, DNS status, business rules."""

from __future__ import annotations

import ovh
import pytest
from ovh.exceptions import APIError, BadParametersError, Forbidden, ResourceConflictError

from ovh_sandbox.tasks import attached_domain_id
from tests.support.sandbox_control import EXAMPLE, EXAMPLE2

DOMAINS = f"/hosting/web/{EXAMPLE}/attachedDomain"


def test_domain_filter_is_a_case_insensitive_substring(client: ovh.Client) -> None:
    assert client.get(DOMAINS, domain="WWW.") == ["www.example.com"]
    assert client.get(DOMAINS, path="www") == [EXAMPLE, "example.com", "www.example.com"]


def test_domain_filter_percent_is_a_wildcard(client: ovh.Client) -> None:
    assert client.get(DOMAINS, domain="%.example.com") == [
        "blog.example.com",
        "shop.example.com",
        "www.example.com",
        "xn--caf-dma.example.com",
    ]
    assert client.get(DOMAINS, domain="example%") == [EXAMPLE, "example.com"]


def test_attach_answers_a_public_task_and_creates_the_domain(client: ovh.Client) -> None:
    task = client.post(DOMAINS, domain="Shop2.Example.com", path="shop2", ssl=True, cdn="none")
    assert task["function"] == "attachedDomain/create"
    assert task["objectType"] == "AttachedDomain"
    # As on OVH: the attached domain's number, not its name.
    assert task["objectId"] == str(attached_domain_id(EXAMPLE, "shop2.example.com"))
    assert task["status"] == "done"
    domain = client.get(f"{DOMAINS}/shop2.example.com")
    assert domain["status"] == "created" and domain["taskId"] is None
    assert domain["path"] == "shop2" and domain["ssl"] is True
    assert client.get(f"/hosting/web/{EXAMPLE}/tasks/{task['id']}")["status"] == "done"


def test_attach_an_idn_domain_stores_its_punycode(client: ovh.Client) -> None:
    client.post(DOMAINS, domain="thé.example.com", path="the")
    assert "thé.example.com".encode("idna").decode() in client.get(DOMAINS)


def test_attaching_an_attached_domain_is_a_conflict(client: ovh.Client) -> None:
    with pytest.raises(ResourceConflictError, match="already attached to this hosting"):
        client.post(DOMAINS, domain="example.com", path="www")
    with pytest.raises(ResourceConflictError, match="another hosting"):
        client.post(f"/hosting/web/{EXAMPLE2}/attachedDomain", domain="example.com", path="www")


@pytest.mark.parametrize("path", ["/etc", "../other", "www/../../x"])
def test_path_outside_the_home_is_refused(client: ovh.Client, path: str) -> None:
    with pytest.raises(BadParametersError, match="path"):
        client.post(DOMAINS, domain="new.example.com", path=path)


def test_unknown_enum_value_names_the_field(client: ovh.Client) -> None:
    with pytest.raises(BadParametersError, match="firewall"):
        client.post(DOMAINS, domain="new.example.com", path="new", firewall="on")
    with pytest.raises(BadParametersError, match="ipLocation"):
        client.post(DOMAINS, domain="new.example.com", path="new", ipLocation="US")


def test_attach_needs_a_valid_domain(client: ovh.Client) -> None:
    with pytest.raises(BadParametersError, match="domain"):
        client.post(DOMAINS, path="new")
    with pytest.raises(BadParametersError, match="Invalid domain"):
        client.post(DOMAINS, domain="not a domain", path="new")


def test_update_answers_null_and_applies_the_changes(client: ovh.Client) -> None:
    assert client.put(f"{DOMAINS}/blog.example.com", path="blog2", firewall="active") is None
    domain = client.get(f"{DOMAINS}/blog.example.com")
    assert (domain["path"], domain["firewall"], domain["status"]) == ("blog2", "active", "created")
    tasks = client.get(f"/hosting/web/{EXAMPLE}/tasks", function="attachedDomain/update")
    assert len(tasks) == 1


def test_detach_answers_a_task_and_removes_the_domain(client: ovh.Client) -> None:
    task = client.delete(f"{DOMAINS}/blog.example.com", bypassDNSConfiguration=True)
    number = str(attached_domain_id(EXAMPLE, "blog.example.com"))
    assert (task["function"], task["objectId"]) == ("attachedDomain/delete", number)
    assert "blog.example.com" not in client.get(f"{DOMAINS}?domain=blog")


def test_detach_rejects_a_non_boolean_bypass(client: ovh.Client) -> None:
    with pytest.raises(BadParametersError, match="bypassDNSConfiguration"):
        client.delete(f"{DOMAINS}/blog.example.com", bypassDNSConfiguration="yes")


def test_default_domain_cannot_be_detached(client: ovh.Client) -> None:
    with pytest.raises(APIError, match="default attached domain") as caught:
        client.delete(f"{DOMAINS}/{EXAMPLE}")
    assert caught.value.response.status_code == 403
    assert not isinstance(caught.value, Forbidden)


def test_dig_status_tells_where_the_dns_points(client: ovh.Client) -> None:
    here = client.get(f"{DOMAINS}/example.com/digStatus")
    assert here["recommendedIps"] == {
        "recommendedIpV4": ["213.186.33.3"],
        "recommendedIpV6": ["2001:41d0:301::1"],
    }
    assert here["records"]["A"] == {"dnsConfigured": True, "isOvhIp": True, "type": "A"}
    elsewhere = client.get(f"{DOMAINS}/xn--caf-dma.example.com/digStatus")
    assert elsewhere["records"]["AAAA"]["dnsConfigured"] is False
    not_configured = client.get(
        f"/hosting/web/{EXAMPLE2}/attachedDomain/legacy.example.org/digStatus"
    )
    assert not_configured["records"] == {}


@pytest.mark.parametrize(
    ("name", "records"),
    [
        ("new.example.com", {"A", "AAAA"}),
        ("elsewhere-site.example.com", {"A", "AAAA"}),
        ("nodns-site.example.com", set()),
    ],
)
def test_new_domains_point_here_unless_named_as_a_trigger(
    client: ovh.Client, name: str, records: set[str]
) -> None:
    client.post(DOMAINS, domain=name, path="new")
    dig = client.get(f"{DOMAINS}/{name}/digStatus")
    assert set(dig["records"]) == records
    points_here = not name.startswith("elsewhere-")
    assert all(r["dnsConfigured"] is points_here for r in dig["records"].values())


@pytest.mark.parametrize(
    ("name", "status"),
    [("cancel-promo.example.com", "cancelled"), ("fail-promo.example.com", "cancelled")],
)
def test_trigger_domains_end_their_task_and_vanish(
    client: ovh.Client, name: str, status: str
) -> None:
    task = client.post(DOMAINS, domain=name, path="promo")
    assert client.get(f"/hosting/web/{EXAMPLE}/tasks/{task['id']}")["status"] == status
    assert name not in client.get(DOMAINS)

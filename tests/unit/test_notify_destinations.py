"""Chat and webhook destinations go to public addresses only: each address class, names that
resolve to private addresses (a small resolver given to the check, no network), the machine's own
resolver on loopback names and numeric spellings, and the administrator's exceptions."""

from __future__ import annotations

from collections.abc import Iterable

import apprise
import pytest

from app.notify.destinations import (
    PRIVATE,
    UNKNOWN,
    Allowed,
    Refused,
    Resolver,
    check_host,
    check_plugins,
    hosts_of,
    is_public,
    parse_address,
    system_resolver,
)

REFUSED_ADDRESSES = [
    "127.0.0.1",  # loopback
    "127.45.6.7",
    "10.1.2.3",  # private
    "172.16.0.1",
    "172.31.255.254",
    "192.168.1.10",
    "169.254.169.254",  # link-local: cloud metadata
    "100.64.0.1",  # shared (carrier-grade NAT)
    "0.0.0.0",  # unspecified
    "224.0.0.1",  # multicast
    "239.255.255.250",
    "240.0.0.1",  # reserved
    "255.255.255.255",
    "192.0.2.1",  # documentation
    "198.18.0.1",  # benchmarking
    "::1",
    "::",
    "fe80::1",
    "fe80::1%eth0",
    "fc00::1",  # unique local
    "fd12:3456::1",
    "fec0::1",  # site-local (deprecated)
    "ff02::1",  # multicast
    "ff0e::1",
    "::ffff:127.0.0.1",  # IPv4-mapped: refused whatever it maps to
    "::ffff:8.8.8.8",
    "::127.0.0.1",  # IPv4-compatible
    "2002:7f00:1::",  # 6to4 of 127.0.0.1
    "2002:a9fe:a9fe::1",  # 6to4 of 169.254.169.254
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
    "2001:db8::1",  # documentation
]
PUBLIC_ADDRESSES = ["8.8.8.8", "1.1.1.1", "151.101.1.69", "2606:4700:4700::1111", "2a00:1450::1"]


@pytest.mark.parametrize("address", REFUSED_ADDRESSES)
def test_non_public_addresses_are_refused(address: str) -> None:
    assert not is_public(parse_address(address))
    with pytest.raises(Refused) as refused:
        check_host("hooks.example.com", Allowed(), resolve=lambda _: [address])
    assert refused.value.why == PRIVATE


@pytest.mark.parametrize("address", PUBLIC_ADDRESSES)
def test_public_addresses_pass(address: str) -> None:
    assert is_public(parse_address(address))
    check_host("hooks.example.com", Allowed(), resolve=lambda _: [address])


def resolver(table: dict[str, list[str]]) -> Resolver:
    def resolve(host: str) -> Iterable[str]:
        if host not in table:
            raise OSError(f"no such name: {host}")
        return table[host]

    return resolve


NAMES = {
    "hooks.example.com": ["151.101.1.69"],
    "metadata.example.com": ["169.254.169.254"],
    "rebinding.example.com": ["151.101.1.69", "10.0.0.5"],  # one private among public ones
    "v6only.example.com": ["2606:4700:4700::1111"],
    "v6private.example.com": ["2606:4700:4700::1111", "fd00::5"],
    "mapped.example.com": ["::ffff:192.168.0.1"],
    "hooks.intranet.example": ["10.20.0.8"],
    "empty.example.com": [],
}


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("hooks.example.com", None),
        ("HOOKS.Example.com.", None),
        ("v6only.example.com", None),
        ("metadata.example.com", PRIVATE),
        ("rebinding.example.com", PRIVATE),
        ("v6private.example.com", PRIVATE),
        ("mapped.example.com", PRIVATE),
        ("hooks.intranet.example", PRIVATE),
        ("localhost", PRIVATE),  # refused by name, whatever it resolves to
        ("api.localhost", PRIVATE),
        ("printer.local", PRIVATE),
        ("redis.internal", PRIVATE),
        ("nas.home.arpa", PRIVATE),
        ("missing.example.com", UNKNOWN),
        ("empty.example.com", UNKNOWN),
    ],
)
def test_names_are_judged_by_every_address_they_resolve_to(host: str, expected: str | None) -> None:
    resolve = resolver(NAMES)
    if expected is None:
        check_host(host, Allowed(), resolve)
        return
    with pytest.raises(Refused) as refused:
        check_host(host, Allowed(), resolve)
    assert refused.value.why == expected


def test_the_machines_resolver_gives_loopback_for_localhost() -> None:
    found = [parse_address(address) for address in system_resolver("localhost")]
    assert found and all(address.is_loopback for address in found)


@pytest.mark.parametrize("spelling", ["127.0.0.1", "127.1", "2130706433", "0x7f.0.0.1", "[::1]"])
def test_numeric_spellings_of_loopback_are_refused_through_the_real_resolver(
    spelling: str,
) -> None:
    with pytest.raises(Refused) as refused:
        check_host(spelling, Allowed())
    assert refused.value.why == PRIVATE


def test_the_administrator_may_allow_intranet_names_and_networks() -> None:
    resolve = resolver(NAMES)
    allowed = Allowed.parse(["hooks.intranet.example", " 127.0.0.1 ", "fd00::/8", ""])
    check_host("hooks.intranet.example", allowed, resolve)
    check_host("127.0.0.1", allowed)
    check_host("v6private.example.com", allowed, resolve)
    with pytest.raises(Refused):  # 127.0.0.2 is not 127.0.0.1
        check_host("127.0.0.2", allowed)
    with pytest.raises(Refused):
        check_host("metadata.example.com", allowed, resolve)
    with pytest.raises(ValueError, match="not a network"):
        Allowed.parse(["10.0.0.0/33"])


@pytest.mark.parametrize(
    ("url", "hosts"),
    [
        ("json://hooks.example.com/path", ["hooks.example.com"]),
        ("xml://169.254.169.254/latest/meta-data", ["169.254.169.254"]),
        ("json://[::1]:8080/x", ["[::1]"]),
        ("mailtos://user:pass@example.com?smtp=10.0.0.1", ["10.0.0.1"]),  # its SMTP server
        ("mailto://user:pass@gmail.com", ["smtp.gmail.com"]),
        ("mailto://user@127.0.0.1:2525?from=panel@example.com", ["127.0.0.1"]),
        ("gotify://gotify.example.com/token", ["gotify.example.com"]),
        ("slack://T1ABCD/B1ABCD/abcdefghijklmnopqrstuvwx", []),  # always Slack's servers
        ("discord://123456/abcdef", []),
        ("ntfy://mytopic", [""]),  # ntfy.sh's own service
    ],
)
def test_the_hosts_of_each_kind_of_destination(url: str, hosts: list[str]) -> None:
    plugin = apprise.Apprise.instantiate(url)
    assert plugin is not None
    assert hosts_of(plugin) == hosts


def test_every_destination_of_a_list_is_checked() -> None:
    destinations = apprise.Apprise()
    assert destinations.add("json://hooks.example.com/a, xml://metadata.example.com/b")
    with pytest.raises(Refused) as refused:
        check_plugins(destinations, Allowed(), resolver(NAMES))
    assert refused.value.host == "metadata.example.com"


def test_the_setting_is_read_and_a_wrong_network_stops_the_panel(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.config import ConfigError, notify_allowed_hosts

    monkeypatch.setenv("NOTIFY_ALLOWED_HOSTS", " hooks.intranet , 10.20.0.0/16,,")
    assert notify_allowed_hosts() == ["hooks.intranet", "10.20.0.0/16"]
    monkeypatch.setenv("NOTIFY_ALLOWED_HOSTS", "10.20.0.0/40")
    with pytest.raises(ConfigError, match="NOTIFY_ALLOWED_HOSTS"):
        notify_allowed_hosts()

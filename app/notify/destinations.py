"""Where the panel may send a chat or webhook message: only to public addresses.

An Apprise destination is typed by a person, and the panel's worker sends to it: without a check,
``json://169.254.169.254/…`` would make the worker call the cloud's metadata service, and
``json://127.0.0.1:6379`` the panel's own Redis. So, for every kind of destination that names a
host (``json://``, ``xml://``, ``form://``, ``mailto://``, ``gotify://``… — not ``slack://``, whose
plugin always sends to Slack's own servers), the host must not be a local name (``localhost``,
``*.local``…) and every address it resolves to must be public: not loopback, private, link-local,
shared, multicast, reserved, unspecified, nor an IPv6 address carrying one of those (IPv4-mapped,
6to4, Teredo, NAT64). It is checked when the destination is saved and again before each sending,
since a name can be made to resolve elsewhere later.

An administrator may allow an intranet destination by name or network with
``NOTIFY_ALLOWED_HOSTS`` (comma-separated host names, addresses or CIDR networks).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str], Iterable[str]]

# Names that never reach a public server (RFC 6761, mDNS, common intranet suffixes).
LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")
LOCAL_SUFFIXES = (".localhost", ".local", ".localdomain", ".internal", ".intranet", ".home.arpa")
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")

PRIVATE, UNKNOWN = "private", "unknown"


class Refused(Exception):
    """The destination's ``host`` is not one the panel sends to (``why``: private or unknown)."""

    def __init__(self, host: str, why: str) -> None:
        super().__init__(f"{host}: {why}")
        self.host, self.why = host, why


@dataclass(frozen=True)
class Allowed:
    """The administrator's exceptions (``NOTIFY_ALLOWED_HOSTS``): names and networks."""

    names: frozenset[str] = frozenset()
    networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def parse(cls, entries: Iterable[str]) -> Allowed:
        """Each entry a network (``10.0.0.0/8``), an address, or a host name; a malformed
        network raises ValueError."""
        names, networks = set(), []
        for entry in (one.strip() for one in entries):
            if not entry:
                continue
            try:
                networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                if "/" in entry:
                    raise ValueError(f"{entry!r} is not a network such as 10.0.0.0/8") from None
                names.add(normal_name(entry))
        return cls(frozenset(names), tuple(networks))

    def covers(self, address: IPAddress) -> bool:
        return any(address.version == net.version and address in net for net in self.networks)


def normal_name(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()


def system_resolver(host: str) -> list[str]:
    """Every address the machine's resolver gives for ``host`` (what a connection would use)."""
    return [str(info[4][0]) for info in socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)]


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (6to4, Teredo's client, NAT64), if any."""
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public(address: IPAddress) -> bool:
    """Whether ``address`` is a public unicast address the panel may send to."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None or address.is_site_local:
            return False  # ::ffff:a.b.c.d is refused whatever it maps to
        embedded = _embedded_ipv4(address)
        if embedded is not None and not is_public(embedded):
            return False
    return address.is_global and not (
        address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or address.is_loopback
        or address.is_link_local
        or address.is_private
    )


def parse_address(text: str) -> IPAddress:
    return ipaddress.ip_address(text.split("%", 1)[0])  # fe80::1%eth0: the zone is no part


def check_host(host: str, allowed: Allowed, resolve: Resolver = system_resolver) -> None:
    """Nothing when the panel may send to ``host``; else :class:`Refused`."""
    name = normal_name(host)
    if not name:
        return  # the plugin's own service (ntfy.sh when no host is given)
    if name in allowed.names:
        return
    if name in LOCAL_NAMES or name.endswith(LOCAL_SUFFIXES):
        raise Refused(name, PRIVATE)
    try:
        found = [parse_address(name)]  # an address as such: nothing to look up
    except ValueError:
        found = []
    try:
        found = found or [parse_address(one) for one in resolve(name)]
    except (OSError, UnicodeError, ValueError):
        raise Refused(name, UNKNOWN) from None
    if not found:
        raise Refused(name, UNKNOWN)
    for address in found:
        if not is_public(address) and not allowed.covers(address):
            raise Refused(name, PRIVATE)


def hosts_of(plugin: object) -> list[str]:
    """The host an Apprise plugin connects to, for the kinds whose URL names one (their templates
    hold ``{host}``); for email, the SMTP server it uses (``?smtp=``, a known provider's, or the
    host itself), not the domain of the address."""
    templates = getattr(plugin, "templates", ())
    if not any("{host}" in template for template in templates):
        return []
    smtp = getattr(plugin, "smtp_host", None)
    return [str(smtp)] if smtp else [str(getattr(plugin, "host", "") or "")]


def check_plugins(
    plugins: Iterable[object], allowed: Allowed, resolve: Resolver = system_resolver
) -> None:
    for plugin in plugins:
        for host in hosts_of(plugin):
            check_host(host, allowed, resolve)

"""Changes on the SSL tab: order, import, replace (remove, then import), regenerate, delete.

OVH holds one certificate per hosting at a time, so a replacement is an operation in parts
(``app.operations``): the current certificate is removed, and the queue imports the new one once
OVH has finished; the new one waits sealed (private key included) until then, then is erased.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from flask_babel import lazy_gettext as _l

from app.actions import Started, change
from app.operations import parts
from app.operations.start import begin
from app.services import ssl
from app.ssl.forms import Checked

UNTRACKED = ("info", _l("OVH accepted the request. Its progress shows on this tab."))
_change = partial(change, "ssl.index", untracked=UNTRACKED)


def order(service_name: str, domain: str | None, ready: Sequence[str]) -> Started:
    send = partial(ssl.order_lets_encrypt, domain=domain)
    return _change("ssl.order", domain, send, service_name, parameters={"domains": list(ready)})


def import_certificate(service_name: str, pem: Checked) -> Started:
    """Send the checked certificate; the key goes to OVH and nowhere else (never audited)."""
    result = pem.result
    assert result.summary is not None
    send = partial(
        ssl.import_certificate, certificate=result.certificate, key=pem.key, chain=result.chain
    )
    audit = result.summary.audit_parameters(result.chain_length)
    notes = tuple(("warning", notice) for notice in result.notices)
    return _change("ssl.import", None, send, service_name, parameters=audit, notes=notes)


def replace(service_name: str, current: ssl.Certificate, pem: Checked) -> Started:
    """Remove ``current``, then (in the queue, once OVH has finished) import ``pem``."""
    result = pem.result
    assert result.summary is not None
    removal = {"provider": current.provider, "domains": list(current.domains), "reason": "replace"}
    target = current.domain or service_name
    steps = [
        parts.part(parts.SSL_REMOVE, "ssl.delete", target, **removal),
        parts.part(
            parts.SSL_IMPORT,
            "ssl.import",
            service_name,
            **result.summary.audit_parameters(result.chain_length),
        ),
    ]
    secrets = {"certificate": result.certificate, "key": pem.key, "chain": result.chain}
    notes = tuple(("warning", notice) for notice in result.notices)
    values = {"domain": current.domain}
    return begin(service_name, "ssl_replace", target, steps, values, secrets, "ssl.index", notes)


def regenerate(service_name: str, domain: str | None) -> Started:
    return _change("ssl.regenerate", domain, ssl.regenerate_certificate, service_name, domain)


def delete(service_name: str, certificate: ssl.Certificate, reason: str = "delete") -> Started:
    domains = list(certificate.domains)
    parameters = {"provider": certificate.provider, "domains": domains, "reason": reason}
    remove = partial(ssl.delete_certificate, domain=certificate.domain)
    return _change("ssl.delete", certificate.domain, remove, service_name, parameters=parameters)

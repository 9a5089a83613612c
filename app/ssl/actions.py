"""Changes on the SSL tab: order, import, replace (remove, wait, import), regenerate, delete.

OVH holds one certificate per hosting at a time, so a replacement removes the current one, waits
for OVH to finish (``SSL_REPLACE_WAIT_SECONDS``), and only then imports the new one.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from flask import current_app
from flask_babel import lazy_gettext as _l

from app.actions import Started, change
from app.extensions import ovh_api
from app.services import ssl
from app.ssl.forms import Checked

UNTRACKED = ("info", _l("OVH accepted the request. Its progress shows on this tab."))
NOT_REMOVED = (
    "error",
    _l("OVH could not remove the current certificate, so yours was not imported."),
)
STILL_REMOVING = (
    "warning",
    _l(
        "The current certificate is still being removed, so yours was not imported yet. When "
        "this operation shows “Done”, import your certificate again. You will need to paste the "
        "private key again: the panel never keeps it."
    ),
)
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
    removal = delete(service_name, current, reason="replace")
    if removal.task_id is not None:
        wait = float(current_app.config["SSL_REPLACE_WAIT_SECONDS"])
        task = ssl.wait_for_task(ovh_api.gateway, service_name, removal.task_id, timeout=wait)
        if not (task.succeeded or task.forgotten):
            unfinished = NOT_REMOVED if task.failed else STILL_REMOVING
            return Started(service_name, removal.task_id, removal.tab, notes=(unfinished,))
    return import_certificate(service_name, pem)


def regenerate(service_name: str, domain: str | None) -> Started:
    return _change("ssl.regenerate", domain, ssl.regenerate_certificate, service_name, domain)


def delete(service_name: str, certificate: ssl.Certificate, reason: str = "delete") -> Started:
    domains = list(certificate.domains)
    parameters = {"provider": certificate.provider, "domains": domains, "reason": reason}
    remove = partial(ssl.delete_certificate, domain=certificate.domain)
    return _change("ssl.delete", certificate.domain, remove, service_name, parameters=parameters)

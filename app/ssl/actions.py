"""Changes on the SSL tab: order, import, replace (remove, wait, import), regenerate, delete.

OVH holds one certificate per hosting at a time, so a replacement removes the current one, waits
for OVH to finish (``SSL_REPLACE_WAIT_SECONDS``), and only then imports the new one.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask import current_app
from flask_babel import gettext as _

from app.actions import Started
from app.audit import recorded
from app.extensions import ovh_api
from app.services import ssl
from app.ssl.importing import Checked

TAB = "ssl.index"


def order(service_name: str, domain: str | None, ready: Sequence[str]) -> Started:
    task_id = recorded(
        "ssl.order",
        service_name,
        target=domain,
        parameters={"domains": list(ready)},
        call=lambda: ssl.order_lets_encrypt(ovh_api.gateway, service_name, domain),
    )
    return _started(service_name, task_id)


def import_certificate(service_name: str, pem: Checked) -> Started:
    """Send the checked certificate; the key goes to OVH and nowhere else (never audited)."""
    checked = pem.result
    assert checked.summary is not None
    task_id = recorded(
        "ssl.import",
        service_name,
        parameters=checked.summary.audit_parameters(checked.chain_length),
        call=lambda: ssl.import_certificate(
            ovh_api.gateway, service_name, checked.certificate, pem.key, checked.chain
        ),
    )
    return _started(service_name, task_id, tuple(("warning", n) for n in checked.notices))


def replace(service_name: str, current: ssl.Certificate, pem: Checked) -> Started:
    removal = _remove(service_name, current, reason="replace")
    if removal is not None:
        wait = float(current_app.config["SSL_REPLACE_WAIT_SECONDS"])
        task = ssl.wait_for_task(ovh_api.gateway, service_name, removal, timeout=wait)
        if not (task.succeeded or task.forgotten):
            return Started(service_name, removal, TAB, notes=(_unfinished_removal(task.failed),))
    return import_certificate(service_name, pem)


def regenerate(service_name: str, domain: str | None) -> Started:
    task_id = recorded(
        "ssl.regenerate",
        service_name,
        target=domain,
        call=lambda: ssl.regenerate_certificate(ovh_api.gateway, service_name, domain),
    )
    return _started(service_name, task_id)


def delete(service_name: str, certificate: ssl.Certificate) -> Started:
    return _started(service_name, _remove(service_name, certificate, reason="delete"))


def _remove(service_name: str, certificate: ssl.Certificate, reason: str) -> int | None:
    parameters = {
        "provider": certificate.provider,
        "domains": list(certificate.domains),
        "reason": reason,
    }
    return recorded(
        "ssl.delete",
        service_name,
        target=certificate.domain,
        parameters=parameters,
        call=lambda: ssl.delete_certificate(ovh_api.gateway, service_name, certificate.domain),
    )


def _started(
    service_name: str, task_id: int | None, notes: tuple[tuple[str, str], ...] = ()
) -> Started:
    if task_id is None:
        notes = (*notes, ("info", _("OVH accepted the request. Its progress shows on this tab.")))
    return Started(service_name, task_id, TAB, notes=notes)


def _unfinished_removal(failed: bool) -> tuple[str, str]:
    if failed:
        return "error", _(
            "OVH could not remove the current certificate, so yours was not imported."
        )
    return "warning", _(
        "The current certificate is still being removed, so yours was not imported yet. "
        "When this operation shows “Done”, import your certificate again. You will need "
        "to paste the private key again: the panel never keeps it."
    )

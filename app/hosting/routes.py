"""Pages about hosting services."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from app.access import Action, requires, visible_services
from app.admin.history import history_page
from app.extensions import ovh_api
from app.hosting import bp
from app.services import domains, hosting, ssl


@bp.get("/")
@requires(Action.SIGNED_IN)
def index() -> str:
    services = visible_services(current_user, hosting.list_services(ovh_api.gateway))
    return render_template("hosting/index.html", services=services)


@bp.get("/history")
@requires(Action.SIGNED_IN)
def history() -> str:
    """What was done on the sites this person may see, and by whom (administrators get the full
    history under Users' neighbour, History)."""
    return history_page("hosting.history", staff=not current_user.is_admin)


@bp.get("/<service_name>/")
@requires(Action.VIEW)
def show(service_name: str) -> str:
    gateway = ovh_api.gateway
    service, attached, names = gateway.gather(
        lambda: hosting.get_service(gateway, service_name),
        lambda: domains.list_domains(gateway, service_name),
        lambda: ssl.certificate_names(gateway, service_name),
    )
    # Addresses whose HTTPS is asked for but not in the certificate yet: said here too, so the
    # overview never suggests every site is secure while one is not.
    pending = set() if service.multiple_ssl else ssl.https_pending(names, attached)
    https_pending = [domain for domain in attached if domain.domain in pending]
    return render_template("hosting/show.html", service=service, https_pending=https_pending)

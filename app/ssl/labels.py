"""Plain words for what OVH says about a certificate: provider, type, status, validation report."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from app.ssl import bp

PROVIDERS: dict[str, Any] = {
    "LETSENCRYPT": _l("Let's Encrypt (free, renewed automatically)"),
    "COMODO": _l("Sectigo (formerly Comodo), paid"),
    "SECTIGO": _l("Sectigo, paid"),
    "CUSTOM": _l("Imported (your own certificate)"),
}
TYPES: dict[str, Any] = {
    "DV": _l("Domain validation (DV)"),
    "EV": _l("Extended validation (EV)"),
    "CUSTOM": _l("Your own certificate"),
}
STATUSES: dict[str, tuple[str, Any]] = {
    "created": ("success", _l("Active")),
    "creating": ("primary", _l("Being created")),
    "importing": ("primary", _l("Being installed")),
    "regenerating": ("primary", _l("Being regenerated")),
    "deleting": ("warning", _l("Being removed")),
}
REPORT_CHECKS: dict[str, Any] = {
    "certificateSigningRequestStatus": _l("Certificate request checked by the authority"),
    "domainControlValidationStatus": _l("Control of the domains checked"),
    "organizationValidationStatus": _l("Organisation checked with the registration agency"),
    "phoneCallApprovalStatus": _l("Approval by phone call"),
    "termsAndConditionsAcceptanceStatus": _l("Terms and conditions accepted"),
    "tradeNameVerificationStatus": _l("Trade name checked"),
}
REPORT_STATUSES: dict[str, tuple[str, Any]] = {
    "completed": ("success", _l("Done")),
    "in-progress": ("primary", _l("In progress")),
    "non-completed": ("danger", _l("Not done yet")),
    "non-required": ("secondary", _l("Not needed")),
    "not-applicable": ("secondary", _l("Does not apply")),
    "not-provided": ("warning", _l("Not provided")),
}


def provider_label(provider: str) -> Any:
    return PROVIDERS.get(provider, provider)


def type_label(kind: str) -> Any:
    return TYPES.get(kind, kind)


def report_check(name: str) -> Any:
    return REPORT_CHECKS.get(name, name)


@bp.app_context_processor
def ssl_labels() -> dict[str, Any]:
    return {
        "ssl_provider": provider_label,
        "ssl_type": type_label,
        "ssl_report_check": report_check,
    }

"""A request's values in plain words, for the Approvals list, its page and the email: each
approvable action names its values (:class:`Detail`, in its registry entry), and
:func:`described` gives (label, words) lines in the reader's language. A value no entry names is
still shown, by its key, so the administrator always sees everything that will run."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from app.labels import label_of
from app.services.domain_names import display_name


def plain(value: Any) -> str:
    return "—" if value is None or value == "" else str(value)


def yes_no(value: Any) -> str:
    return gettext("Yes") if value else gettext("No")


def domain(value: Any) -> str:
    return display_name(str(value)) if value else "—"


def certificate(scope: Any) -> str:
    """An SSL certificate is the plan's own, or (several per plan) a domain's."""
    return display_name(str(scope)) if scope else gettext("The plan's own certificate")


def domains(value: Any) -> str:
    return ", ".join(display_name(str(name)) for name in value or ()) or "—"


def dns_zone(leave: Any) -> str:
    if leave:
        return gettext("Left as it is")
    return gettext("OVH removes the records that point the domain to this plan")


def ssl_provider(value: Any) -> str:
    return str(label_of("ssl_provider", str(value))) if value else "—"


@dataclass(frozen=True)
class Detail:
    key: str
    label: Any  # a lazy string
    words: Callable[[Any], str] = plain


DATABASE = Detail("name", _l("Database"))
BACK_UP_FIRST = Detail("back_up_first", _l("Back up the database first"), yes_no)
BACKUP = Detail("dump_id", _l("Backup number"))


def described(details: Sequence[Detail], values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Each value as (label, words), in the entry's order, then any value it does not name."""
    lines = [(str(d.label), d.words(values[d.key])) for d in details if d.key in values]
    named = {d.key for d in details}
    lines += [(key, plain(value)) for key, value in values.items() if key not in named]
    return lines

"""OVH paths and query strings, as python-ovh writes them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlencode


def path(*segments: str | int) -> str:
    """An OVH path from raw segments, each one escaped: ``path("hosting/web", name)``."""
    parts = [segments[0] if isinstance(segments[0], str) else str(segments[0])]
    parts += [quote(str(segment), safe="") for segment in segments[1:]]
    return "/" + "/".join(part.strip("/") for part in parts)


def query_string(params: Mapping[str, Any]) -> str:
    """Query parameters encoded as python-ovh encodes them (booleans as ``true``/``false``)."""

    def encode(value: Any) -> Any:
        if isinstance(value, bool):
            return "true" if value else "false"
        return "null" if value is None else value

    return urlencode({key: encode(value) for key, value in params.items()})

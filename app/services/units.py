"""Sizes (``{"unit": "MB", "value": 512}``) and dates as OVH gives them, in forms pages can use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

_FACTORS = {
    "B": 1,
    "KB": 1024,
    "MB": 1024**2,
    "GB": 1024**3,
    "TB": 1024**4,
    "KIB": 1024,
    "MIB": 1024**2,
    "GIB": 1024**3,
    "TIB": 1024**4,
}


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str

    @property
    def bytes(self) -> float | None:
        factor = _FACTORS.get(self.unit.upper())
        return self.value * factor if factor is not None else None

    @classmethod
    def from_ovh(cls, raw: Any) -> Quantity | None:
        if not isinstance(raw, dict) or raw.get("value") is None:
            return None
        return cls(value=float(raw["value"]), unit=str(raw.get("unit") or ""))


@dataclass(frozen=True)
class Usage:
    """How much of a quota is used; ``percent`` is ``None`` when it cannot be known."""

    used: Quantity | None
    size: Quantity | None

    @property
    def percent(self) -> float | None:
        used = self.used.bytes if self.used else None
        size = self.size.bytes if self.size else None
        if used is None or not size:
            return None
        return max(0.0, min(100.0, used * 100.0 / size))

    @property
    def level(self) -> str:
        """``ok`` below 70 %, ``warning`` to 90 %, ``danger`` above."""
        percent = self.percent
        if percent is None or percent < 70:
            return "ok"
        return "warning" if percent <= 90 else "danger"


def parse_datetime(value: Any) -> datetime | None:
    """An OVH ISO-8601 date, or ``None`` when absent or unreadable."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None

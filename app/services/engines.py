"""Small SQLAlchemy engines on the panel's database for the stores that live outside Flask's
request cycle (rate-limit counters, cache versions): one pool per database URL and process."""

from __future__ import annotations

import sqlalchemy as sa

_engines: dict[str, sa.Engine] = {}


def engine_for(url: str) -> sa.Engine:
    if url not in _engines:
        sizes = {} if url.startswith("sqlite") else {"pool_size": 2, "max_overflow": 4}
        _engines[url] = sa.create_engine(url, pool_pre_ping=True, **sizes)
    return _engines[url]


def dispose_engines() -> None:
    """Close every pooled connection (tests, at the end of a run)."""
    for engine in _engines.values():
        engine.dispose()
    _engines.clear()

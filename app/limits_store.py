"""A ``limits`` storage in the panel's own database, for Flask-Limiter without Redis.

Each worker process counting on its own (``memory://``) lets N workers allow N times the limit;
this store keeps one fixed-window counter per key in the table ``rate_limit_counters``, updated in
one atomic upsert, so every worker (and every machine sharing the database) counts together.
Selected as ``panel-db://`` with the database URL in ``RATELIMIT_STORAGE_OPTIONS``.
"""

from __future__ import annotations

import time
from typing import Any

import sqlalchemy as sa
from limits.storage import Storage
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from app.services.engines import engine_for

SCHEME = "panel-db"
metadata = sa.MetaData()
counters = sa.Table(
    "rate_limit_counters",
    metadata,
    sa.Column("key", sa.String(255), primary_key=True),
    sa.Column("count", sa.Integer, nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False, index=True),
)


class DatabaseStorage(Storage):
    STORAGE_SCHEME = [SCHEME]  # noqa: RUF012 (the name ``limits`` reads)

    def __init__(
        self, uri: str | None = None, wrap_exceptions: bool = False, **options: Any
    ) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions)
        self.engine = engine_for(str(options["url"]))
        self.insert = (
            postgresql.insert if self.engine.dialect.name == "postgresql" else sqlite.insert
        )

    @property
    def base_exceptions(self) -> type[Exception]:
        return SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        insert = self.insert(counters).values(key=key, count=amount, expires_at=now + expiry)
        expired = counters.c.expires_at <= now
        statement = insert.on_conflict_do_update(
            index_elements=[counters.c.key],
            set_={
                "count": sa.case((expired, amount), else_=counters.c.count + amount),
                "expires_at": sa.case((expired, now + expiry), else_=counters.c.expires_at),
            },
        ).returning(counters.c.count)
        with self.engine.begin() as connection:
            count = connection.execute(statement).scalar_one()
            if int(now) % 60 == 0:  # now and then, forget windows long gone
                connection.execute(sa.delete(counters).where(counters.c.expires_at < now - 3600))
        return int(count)

    def get(self, key: str) -> int:
        with self.engine.connect() as connection:
            count = connection.execute(
                sa.select(counters.c.count).where(
                    counters.c.key == key, counters.c.expires_at > time.time()
                )
            ).scalar_one_or_none()
        return int(count or 0)

    def get_expiry(self, key: str) -> float:
        with self.engine.connect() as connection:
            expires = connection.execute(
                sa.select(counters.c.expires_at).where(counters.c.key == key)
            ).scalar_one_or_none()
        return float(expires) if expires is not None else time.time()

    def check(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.execute(sa.select(1))
        except SQLAlchemyError:
            return False
        return True

    def reset(self) -> int | None:
        with self.engine.begin() as connection:
            return int(connection.execute(sa.delete(counters)).rowcount)

    def clear(self, key: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(sa.delete(counters).where(counters.c.key == key))

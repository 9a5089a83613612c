"""SQLite storage shared by every process that serves the sandbox.

WAL mode and a busy timeout let the panel's workers and the sandbox server use one file at once.
Objects are JSON documents keyed by (kind, service, key); tasks, credentials, stats, faults and
rate-limit hits have small tables of their own. Fields whose name starts with ``_`` are the
sandbox's own bookkeeping and never leave it (see :func:`public`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from typing import Any

BUSY_TIMEOUT_MS = 30_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    kind TEXT NOT NULL, service TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL,
    PRIMARY KEY (kind, service, key));
CREATE TABLE IF NOT EXISTS tasks (
    id INTEGER PRIMARY KEY, service TEXT NOT NULL, function TEXT NOT NULL,
    object_type TEXT, object_id TEXT, start REAL NOT NULL, step REAL NOT NULL,
    outcome TEXT NOT NULL, settled INTEGER NOT NULL DEFAULT 0, payload TEXT NOT NULL DEFAULT '{}');
CREATE INDEX IF NOT EXISTS tasks_by_service ON tasks (service, settled);
CREATE TABLE IF NOT EXISTS credentials (
    id INTEGER PRIMARY KEY, consumer_key TEXT NOT NULL UNIQUE, token TEXT NOT NULL UNIQUE,
    application_key TEXT NOT NULL, status TEXT NOT NULL, rules TEXT NOT NULL,
    redirection TEXT, creation REAL NOT NULL, expiration REAL, last_use REAL);
CREATE TABLE IF NOT EXISTS stats (route TEXT PRIMARY KEY, count INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS faults (name TEXT PRIMARY KEY, value REAL NOT NULL);
CREATE TABLE IF NOT EXISTS hits (consumer TEXT NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS list_cache (
    key TEXT PRIMARY KEY, at REAL NOT NULL, body TEXT NOT NULL, headers TEXT NOT NULL);
"""


def connect(path: str) -> sqlite3.Connection:
    """A connection in autocommit mode; group writes with :func:`transaction`."""
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # WAL + NORMAL never corrupts; it only skips an fsync per commit, which a sandbox can afford.
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def ensure_schema(path: str) -> None:
    with closing(connect(path)) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.executescript(SCHEMA)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction taken up front, so concurrent writers queue instead of failing."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def public(doc: dict[str, Any]) -> dict[str, Any]:
    """The document as the API shows it: bookkeeping fields removed."""
    return {k: v for k, v in doc.items() if not k.startswith("_")}


class Store:
    """JSON documents of one kind per service: services, domains, databases, certificates."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def get(self, kind: str, service: str, key: str = "") -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT body FROM docs WHERE kind=? AND service=? AND key=?", (kind, service, key)
        ).fetchone()
        return None if row is None else json.loads(row["body"])

    def put(self, kind: str, service: str, key: str, doc: dict[str, Any]) -> None:
        self.conn.execute(
            "INSERT INTO docs (kind, service, key, body) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (kind, service, key) DO UPDATE SET body = excluded.body",
            (kind, service, key, json.dumps(doc)),
        )

    def put_many(self, rows: list[tuple[str, str, str, dict[str, Any]]]) -> None:
        self.conn.executemany(
            "INSERT INTO docs (kind, service, key, body) VALUES (?, ?, ?, ?)",
            [(kind, service, key, json.dumps(doc)) for kind, service, key, doc in rows],
        )

    def delete(self, kind: str, service: str, key: str = "") -> None:
        self.conn.execute(
            "DELETE FROM docs WHERE kind=? AND service=? AND key=?", (kind, service, key)
        )

    def all(self, kind: str, service: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT body FROM docs WHERE kind=? AND service=? ORDER BY key", (kind, service)
        )
        return [json.loads(row["body"]) for row in rows]

    def services(self) -> list[str]:
        rows = self.conn.execute("SELECT service FROM docs WHERE kind='service' ORDER BY service")
        return [row["service"] for row in rows]

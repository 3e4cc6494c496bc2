"""Open the HQ store (SQLite file by default, PostgreSQL by URL): connections, pool, schema, transactions."""

from __future__ import annotations

import contextlib
import queue
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from wingdesk.hq import schema
from wingdesk.hq.sql_repository import SqlRepository

SQLITE_NAME = "hq.sqlite3"
_POOL_SIZE = 8


def _sqlite_connect(path: Path) -> Callable[[], Any]:
    def connect() -> sqlite3.Connection:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=60)
        for pragma in (
            "journal_mode = WAL",
            "synchronous = FULL",
            "foreign_keys = ON",
            "busy_timeout = 60000",
            "trusted_schema = OFF",
        ):
            conn.execute(f"PRAGMA {pragma}")
        return conn

    return connect


def _postgres_connect(url: str) -> Callable[[], Any]:
    import psycopg  # optional dependency: only PostgreSQL deployments need it

    def connect() -> Any:
        return psycopg.connect(url, autocommit=True)

    return connect


class SqlStore:
    """A small connection pool plus explicit transactions; each transaction is one repository."""

    def __init__(self, connect: Callable[[], Any], postgres: bool) -> None:
        self._connect = connect
        self.postgres = postgres
        self._pool: queue.LifoQueue[Any] = queue.LifoQueue()
        self._all: list[Any] = []

    def _take(self) -> Any:
        try:
            return self._pool.get_nowait()
        except queue.Empty:
            conn = self._connect()
            self._all.append(conn)
            return conn

    def _give(self, conn: Any) -> None:
        if self._pool.qsize() < _POOL_SIZE:
            self._pool.put(conn)
        else:
            self._all.remove(conn)
            conn.close()

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[SqlRepository]:
        """Commit on success, roll back on any error; SQLite writers take the lock up front."""
        conn = self._take()
        committed = False
        try:
            conn.execute("BEGIN" if self.postgres or not write else "BEGIN IMMEDIATE")
            yield SqlRepository(conn, self.postgres)
            conn.execute("COMMIT")
            committed = True
        finally:
            if committed or self._rollback(conn):
                self._give(conn)

    def _rollback(self, conn: Any) -> bool:
        """Roll back; a connection that cannot even do that is dropped from the pool."""
        try:
            conn.execute("ROLLBACK")
            return True
        except Exception:  # noqa: BLE001 - any driver error means the connection is unusable
            self._all.remove(conn)
            with contextlib.suppress(Exception):
                conn.close()
            return False

    def create_schema(self) -> None:
        types = schema.POSTGRES_TYPES if self.postgres else schema.SQLITE_TYPES
        with self.transaction() as repo:
            for statement in schema.statements(types):
                repo._exec(statement)
            if repo._one("SELECT value FROM meta WHERE name = ?", ("schema_version",)) is None:
                repo._exec(
                    "INSERT INTO meta (name, value) VALUES (?, ?)",
                    ("schema_version", str(schema.SCHEMA_VERSION)),
                )

    def close(self) -> None:
        for conn in self._all:
            conn.close()
        self._all.clear()


def open_store(data_dir: Path, db_url: str | None = None, *, create: bool = True) -> SqlStore:
    """SQLite in `data_dir` unless `db_url` is a postgresql:// URL."""
    if db_url and db_url.startswith(("postgresql://", "postgres://")):
        store = SqlStore(_postgres_connect(db_url), postgres=True)
    elif db_url and db_url.startswith("sqlite:///"):
        store = SqlStore(_sqlite_connect(Path(db_url[len("sqlite:///") :])), postgres=False)
    elif db_url:
        raise ValueError("db_url")
    else:
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        store = SqlStore(_sqlite_connect(Path(data_dir) / SQLITE_NAME), postgres=False)
    if create:
        store.create_schema()
    return store


def is_integrity_error(error: BaseException) -> bool:
    """A unique-key race lost to a concurrent writer (either backend)."""
    if isinstance(error, sqlite3.IntegrityError):
        return True
    return type(error).__name__ in ("UniqueViolation", "IntegrityError")

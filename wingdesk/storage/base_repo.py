"""Shared plumbing for the SQL repositories: the connection, its lock and transactions."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

import sqlcipher3

from wingdesk.domain.errors import StoreError
from wingdesk.storage.database import Database, is_damage

Row = tuple[Any, ...]  # one result row (sqlcipher3 ships no types: its values are Any)

_DISK_ERRORS = ("database or disk is full", "disk i/o error", "unable to open database file", "readonly database")


@contextlib.contextmanager
def disk_errors_as_store_errors() -> Iterator[None]:
    """A full or failing disk becomes a StoreError (one clear sentence for the user); other errors stay as they are."""
    try:
        yield
    except sqlcipher3.DatabaseError as error:
        if is_damage(error):  # a page that fails its HMAC mid-session: one sentence, not a traceback
            raise StoreError("database_damaged") from None
        if not isinstance(error, sqlcipher3.OperationalError):
            raise
        text = str(error).lower()
        if any(marker in text for marker in _DISK_ERRORS):
            raise StoreError("disk_full" if "full" in text else "disk_error") from None
        raise


class BaseRepo:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._depth = threading.local()

    @property
    def conn(self) -> sqlcipher3.Connection:
        if self.db.conn is None:
            raise StoreError("locked")
        if self.db.damaged:  # the background page check found a bad page (storage/integrity.py)
            raise StoreError("database_damaged")
        return self.db.conn

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit; nested calls join the outer transaction (used for batches)."""
        with self.db.lock:
            depth = getattr(self._depth, "value", 0)
            if depth:
                self._depth.value = depth + 1
                try:
                    yield
                finally:
                    self._depth.value = depth
                return
            with disk_errors_as_store_errors():
                self.conn.execute("BEGIN IMMEDIATE")
                self._depth.value = 1
                try:
                    yield
                    self.conn.execute("COMMIT")
                except BaseException:
                    if self.db.conn is not None and self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")  # SQLite may already have rolled back (disk full)
                    raise
                finally:
                    self._depth.value = 0

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[Row]:
        with self.db.lock, disk_errors_as_store_errors():
            rows: list[Row] = self.conn.execute(sql, params).fetchall()
            return rows

    def query_one(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> Any:
        with self.db.lock, disk_errors_as_store_errors():
            return self.conn.execute(sql, params).fetchone()

    def execute(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> None:
        with self.db.lock, disk_errors_as_store_errors():
            self.conn.execute(sql, params)

"""Shared plumbing for the SQL repositories: the connection, its lock and transactions."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

from wingdesk.domain.errors import StoreError
from wingdesk.storage.database import Database


class BaseRepo:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._depth = threading.local()

    @property
    def conn(self) -> Any:
        if self.db.conn is None:
            raise StoreError("locked")
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
            self.conn.execute("BEGIN IMMEDIATE")
            self._depth.value = 1
            try:
                yield
                self.conn.execute("COMMIT")
            except BaseException:
                if self.db.conn is not None:
                    self.conn.execute("ROLLBACK")
                raise
            finally:
                self._depth.value = 0

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[Any]:
        with self.db.lock:
            return self.conn.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> Any:
        with self.db.lock:
            return self.conn.execute(sql, params).fetchone()

    def execute(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> None:
        with self.db.lock:
            self.conn.execute(sql, params)

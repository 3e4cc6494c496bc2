"""Open the HQ store (SQLite file by default, PostgreSQL by URL): connections, pool, schema, transactions."""

from __future__ import annotations

import contextlib
import queue
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar, cast

from wingdesk.hq import research_migrate, schema
from wingdesk.hq.sql_repository import SqlRepository

SQLITE_NAME = "hq.sqlite3"
_POOL_SIZE = 8
_CHECKPOINT_QUIET_S = 0.2  # checkpoint once commits pause this long (not in the middle of a burst of uploads) ...
_CHECKPOINT_MAX_DEFER_S = 2.0  # ... or at the latest this long after the first commit it has not copied yet
# The WAL file is cut back to this size when it restarts after a checkpoint. Large enough for a burst (50 x 1 MB
# bundles write ~150 MB of frames), so the next burst overwrites pages the kernel still holds instead of growing
# the file again: at 64 MiB the writer spent ~5% of its time in ftruncate and ~15% more allocating file pages.
_WAL_KEEP_BYTES = 256 * 1024 * 1024
# New files only. Records are ~1-3 KB and every bundle brings a ~1 MB raw blob: 4 KiB pages spent a third more
# time inserting and committing than 16 KiB, and 32 KiB halves the WAL frames again (writer CPU per 1 MB bundle
# 7.5 -> 6.0 ms with the WAL kept at 256 MiB; 64 KiB measured the same as 32 KiB).
_PAGE_SIZE = 32768
_MAX_GROUP = 32  # write units per group commit: bounds the work lost to (and the latency of) one failed commit
T = TypeVar("T")


class _Unit:
    """One caller's write unit, waiting for the group it joined to be durably committed."""

    __slots__ = ("done", "error", "fn", "result")

    def __init__(self, fn: Callable[[SqlRepository], Any]) -> None:
        self.fn = fn
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None


class _GroupCommitter:
    """A single writer thread: runs queued write units, each in its own SAVEPOINT, and commits them together.

    Every unit is all-or-nothing (a unit that raises is rolled back to its savepoint and its caller gets the
    error); a caller is only answered after the COMMIT of its group has returned, i.e. once it is durable
    (SQLite WAL with synchronous=FULL, or PostgreSQL's commit). Units run in arrival order and see the
    writes of the units before them, exactly as if each had been its own transaction.
    """

    def __init__(self, store: SqlStore) -> None:
        self._store = store
        self._lock = threading.Condition()
        self._queue: list[_Unit] = []
        self._thread: threading.Thread | None = None
        self._closed = False

    def run(self, fn: Callable[[SqlRepository], T]) -> T:
        unit = _Unit(fn)
        with self._lock:
            self._queue.append(unit)
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="hq-group-commit", daemon=True)
                self._thread.start()
            self._lock.notify()
        unit.done.wait()
        if unit.error is not None:
            raise unit.error
        return cast(T, unit.result)  # the value fn returned, kept untyped on the shared queue

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._lock.notify()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join()
        with self._lock:  # a closed store may be opened again by the next write, like its connection pool
            self._thread, self._closed = None, False

    def _loop(self) -> None:
        while True:
            with self._lock:
                while not self._queue and not self._closed:
                    self._lock.wait()
                if not self._queue:  # closed, and nothing left to write
                    return
                group, self._queue = self._queue[:_MAX_GROUP], self._queue[_MAX_GROUP:]
            try:
                self._commit(group)
            except BaseException as error:  # noqa: BLE001 - nothing of the group is stored
                if len(group) == 1:
                    group[0].result, group[0].error = None, error
                else:  # e.g. a constraint refused at COMMIT: retry alone so only its own unit fails
                    for unit in group:
                        self._alone(unit)
            for unit in group:
                unit.done.set()

    def _alone(self, unit: _Unit) -> None:
        unit.result, unit.error = None, None
        try:
            self._commit([unit])
        except BaseException as error:  # noqa: BLE001 - handed to the caller
            unit.result, unit.error = None, error

    def _commit(self, group: list[_Unit]) -> None:
        with self._store.transaction() as repo:
            for unit in group:
                repo._exec("SAVEPOINT wd_unit")
                try:
                    unit.result = unit.fn(repo)
                except Exception as error:  # noqa: BLE001 - handed to the caller, the unit's writes undone
                    unit.error = error
                    repo._exec("ROLLBACK TO SAVEPOINT wd_unit")
                repo._exec("RELEASE SAVEPOINT wd_unit")
        self._store._after_commit()


class _Checkpointer:
    """SQLite only: copies the WAL into the database file on its own thread and connection.

    Pool connections do not checkpoint on commit (wal_autocheckpoint = 0), so a writer never spends its
    commit copying and syncing the database file; durability is the WAL's (synchronous=FULL syncs it on
    every commit). A PASSIVE checkpoint never blocks writers or readers; once it has caught up, the next
    writer starts the WAL from the beginning again, so the file stays bounded.
    """

    def __init__(self, connect: Callable[[], Any]) -> None:
        self._connect = connect
        self._wake = threading.Event()
        self._stop = False
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def poke(self) -> None:
        with self._lock:
            if self._thread is None:
                self._stop = False
                self._thread = threading.Thread(target=self._loop, name="hq-checkpoint", daemon=True)
                self._thread.start()
        self._wake.set()

    def _quiet_or_deadline(self) -> None:
        """Wait until no commit has come for _CHECKPOINT_QUIET_S, or _CHECKPOINT_MAX_DEFER_S have passed: copying
        the WAL competes with the writer for the disk and the CPU, so it waits for a gap between uploads."""
        deadline = time.monotonic() + _CHECKPOINT_MAX_DEFER_S
        while not self._stop:
            self._wake.clear()
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._wake.wait(min(_CHECKPOINT_QUIET_S, remaining)):
                return

    def close(self) -> None:
        with self._lock:
            thread, self._thread = self._thread, None
            self._stop = True
        self._wake.set()
        if thread is not None:
            thread.join()

    def _loop(self) -> None:
        conn = self._connect()
        try:
            while True:
                self._wake.wait()
                self._quiet_or_deadline()
                if self._stop:
                    return
                with contextlib.suppress(sqlite3.Error):  # busy or I/O trouble: the next commit pokes again
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        finally:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            conn.close()


def _sqlite_connect(path: Path, autocheckpoint: bool = True) -> Callable[[], Any]:
    def connect() -> sqlite3.Connection:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=60)
        for pragma in (
            f"page_size = {_PAGE_SIZE}",  # only takes effect while the file is new
            "journal_mode = WAL",
            "synchronous = FULL",
            "foreign_keys = ON",
            "busy_timeout = 60000",
            "trusted_schema = OFF",
            f"journal_size_limit = {_WAL_KEEP_BYTES}",
            *(() if autocheckpoint else ("wal_autocheckpoint = 0",)),
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

    def __init__(self, connect: Callable[[], Any], postgres: bool, checkpoint: Callable[[], Any] | None = None) -> None:
        self._connect = connect
        self.postgres = postgres
        self._pool: queue.LifoQueue[Any] = queue.LifoQueue()
        self._all: list[Any] = []
        self._writer = _GroupCommitter(self)
        self._checkpointer = _Checkpointer(checkpoint) if checkpoint else None

    def _after_commit(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.poke()

    def write(self, fn: Callable[[SqlRepository], T]) -> T:
        """Run `fn` in a write transaction shared with concurrent callers (group commit); return once durable.

        `fn` must only touch the database through the repository it is given: it may run on another thread.
        """
        return self._writer.run(fn)

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
            older = research_migrate.set_aside(repo)  # version 1's research facts (hq.research_migrate)
            for statement in schema.statements(types):
                repo._exec(statement)
            if older:
                research_migrate.bring_back(repo)
            if repo._one("SELECT value FROM meta WHERE name = ?", ("schema_version",)) is None:
                repo._exec(
                    "INSERT INTO meta (name, value) VALUES (?, ?)",
                    ("schema_version", str(schema.SCHEMA_VERSION)),
                )
            repo._exec("UPDATE meta SET value = ? WHERE name = ? AND value <> ?",
                       (str(schema.SCHEMA_VERSION), "schema_version", str(schema.SCHEMA_VERSION)))

    def close(self) -> None:
        self._writer.close()
        if self._checkpointer is not None:
            self._checkpointer.close()
        for conn in self._all:
            conn.close()
        self._all.clear()


def _sqlite_store(path: Path) -> SqlStore:
    return SqlStore(_sqlite_connect(path, autocheckpoint=False), postgres=False, checkpoint=_sqlite_connect(path))


def open_store(data_dir: Path, db_url: str | None = None, *, create: bool = True) -> SqlStore:
    """SQLite in `data_dir` unless `db_url` is a postgresql:// URL."""
    if db_url and db_url.startswith(("postgresql://", "postgres://")):
        store = SqlStore(_postgres_connect(db_url), postgres=True)
    elif db_url and db_url.startswith("sqlite:///"):
        store = _sqlite_store(Path(db_url[len("sqlite:///") :]))
    elif db_url:
        raise ValueError("db_url")
    else:
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        store = _sqlite_store(Path(data_dir) / SQLITE_NAME)
    if create:
        store.create_schema()
    return store


def is_integrity_error(error: BaseException) -> bool:
    """A unique-key race lost to a concurrent writer (either backend)."""
    if isinstance(error, sqlite3.IntegrityError):
        return True
    return type(error).__name__ in ("UniqueViolation", "IntegrityError")


def is_database_error(error: BaseException) -> bool:
    """The database failed (full or read-only disk, lost PostgreSQL connection, …) rather than the request."""
    return isinstance(error, sqlite3.Error) or type(error).__module__.split(".")[0] == "psycopg"


def database_error_kind(error: BaseException) -> str:
    """What failed, for the operator's log, without the message (which may quote data): the error's class and
    SQLite's result code name (SQLITE_FULL: the disk is full) or PostgreSQL's SQLSTATE (53100: disk full)."""
    code = getattr(error, "sqlite_errorname", None) or getattr(error, "sqlstate", None)
    return f"{type(error).__name__} {code}" if isinstance(code, str) and code.isprintable() else type(error).__name__

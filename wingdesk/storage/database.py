"""Open the SQLCipher database with a raw 256-bit key and the pragmas from security.md §2.3."""

from __future__ import annotations

import threading
from pathlib import Path

import sqlcipher3

from wingdesk.domain.errors import AuthError, StoreError
from wingdesk.storage.integrity import FULL_CHECK_MAX_PAGES, check_every_page, check_roots, is_damage

__all__ = ["Database", "DatabaseError", "is_damage", "open_database"]
DatabaseError = sqlcipher3.DatabaseError
def _key_pragma(name: str, key: bytearray) -> str:
    if len(key) != 32:
        raise ValueError("raw key must be 32 bytes")
    return f"PRAGMA {name} = \"x'{bytes(key).hex()}'\""


class Database:
    """One long-lived connection shared by the app's threads, serialised by a lock."""

    def __init__(self, conn: sqlcipher3.Connection, path: Path) -> None:
        self.conn: sqlcipher3.Connection | None = conn
        self.path = path
        self.lock = threading.RLock()
        self.damaged = False  # set by the background page check: every later query says so (BaseRepo.conn)
        self.checked = threading.Event()  # the whole-file check has finished (or was never started)
        self.checked.set()

    def check_in_background(self, key: bytearray) -> None:
        """Every page's HMAC on a connection of its own, while the wing is in use (a large file takes seconds)."""
        key = bytearray(key)
        self.checked.clear()

        def run() -> None:
            try:
                conn = _connect(self.path, key)
                try:
                    check_every_page(conn)
                finally:
                    conn.close()
            except StoreError:
                self.damaged = True
            except sqlcipher3.Error as error:
                self.damaged = self.damaged or is_damage(error)
            finally:
                key[:] = bytes(len(key))
                self.checked.set()

        threading.Thread(target=run, name="wingdesk-page-check", daemon=True).start()

    def close(self) -> None:
        with self.lock:
            if self.conn is not None:
                self.conn.close()
                self.conn = None

    @property
    def closed(self) -> bool:
        return self.conn is None

    def _open_conn(self) -> sqlcipher3.Connection:
        if self.conn is None:
            raise StoreError("locked")
        return self.conn

    def rekey(self, new_key: bytearray) -> None:
        with self.lock:
            self._open_conn().execute(_key_pragma("rekey", new_key))

    def cipher_integrity_errors(self) -> list[str]:
        with self.lock:
            return [str(row[0]) for row in self._open_conn().execute("PRAGMA cipher_integrity_check")]


def _connect(path: Path, key: bytearray) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(_key_pragma("key", key))
        conn.execute("PRAGMA cipher_compatibility = 4")
    except BaseException:
        conn.close()
        raise
    return conn


def open_database(path: Path, key: bytearray, *, create: bool = False, check: bool = True) -> Database:
    """Open (or create) the wing database; a wrong key raises AuthError, damage raises StoreError.

    `check` runs the integrity check at open (security.md §2.3, "run the integrity check at start-up"): every
    page's HMAC when the file is small, else the root and newest pages of every table now and every page in the
    background (benchmarks/integrity.py has the figures)."""
    if not create and not path.exists():
        raise StoreError("no_wing")
    if create and not path.exists():
        path.touch(mode=0o600)
    conn = _connect(path, key)
    background = False
    try:
        # cipher_memory_security stays OFF: it is process-wide and measured 5-7x slower on every query here
        # (benchmarks/storage.py), while Python's own heap keeps copies of decrypted values it cannot wipe;
        # the protection against memory capture is full-disk encryption and locking (security.md §2.4, §2.9).
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            raise AuthError("wrong_key") from None
        if check and not create:
            pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
            if pages <= FULL_CHECK_MAX_PAGES:
                check_every_page(conn)
            else:
                check_roots(conn)
                background = True
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA cache_size = -32000")  # 32 MB: the 2,000-prisoner wing's hot pages stay decrypted
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA trusted_schema = OFF")
    except BaseException:
        conn.close()
        raise
    db = Database(conn, path)
    if background:
        db.check_in_background(key)
    return db

"""Open the SQLCipher database with a raw 256-bit key and the pragmas from security.md §2.3."""

from __future__ import annotations

import threading
from pathlib import Path

import sqlcipher3

from wingdesk.domain.errors import AuthError, StoreError

DatabaseError = sqlcipher3.DatabaseError
_DAMAGED = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB (primary result codes)


def is_damage(error: BaseException) -> bool:
    """A SQLCipher error that means the file's bytes are wrong (a page failed its HMAC or the b-tree is broken)."""
    if not isinstance(error, sqlcipher3.DatabaseError):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in _DAMAGED
    text = str(error).lower()
    return "malformed" in text or "not a database" in text


def check_integrity(conn: sqlcipher3.Connection) -> None:
    """Every page's HMAC, read once (PRAGMA cipher_integrity_check, ~1 s per 10^5 pages: benchmarks/integrity.py);
    StoreError("database_damaged") naming no content when one fails."""
    try:
        bad = conn.execute("PRAGMA cipher_integrity_check").fetchmany(1)
    except sqlcipher3.DatabaseError as error:
        if not is_damage(error):
            raise
        bad = [str(error)]
    if bad:
        raise StoreError("database_damaged")


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


def open_database(path: Path, key: bytearray, *, create: bool = False, check: bool = True) -> Database:
    """Open (or create) the wing database; a wrong key raises AuthError, damage raises StoreError.

    `check` runs the integrity check at open (security.md §2.3, "run the integrity check at start-up")."""
    if not create and not path.exists():
        raise StoreError("no_wing")
    if create and not path.exists():
        path.touch(mode=0o600)
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(_key_pragma("key", key))
        conn.execute("PRAGMA cipher_compatibility = 4")
        # cipher_memory_security stays OFF: it is process-wide and measured 5-7x slower on every query here
        # (benchmarks/storage.py), while Python's own heap keeps copies of decrypted values it cannot wipe;
        # the protection against memory capture is full-disk encryption and locking (security.md §2.4, §2.9).
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            raise AuthError("wrong_key") from None
        if check and not create:
            check_integrity(conn)
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
    return Database(conn, path)

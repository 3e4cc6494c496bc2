"""Is the database file damaged? The checks run when it is opened (issue 13 item 7; figures: benchmarks/integrity.py).

SQLCipher checks a page's HMAC whenever it reads that page, so damage shows as SQLITE_CORRUPT / SQLITE_NOTADB on
the first read of a bad page. A check at open therefore means reading pages: every page (`check_every_page`,
PRAGMA cipher_integrity_check, linear in the file: about 0.1 ms a page here) or the pages every query starts from
(`check_roots`: sqlite_master, then the root, first and last leaf of every table — the newest rows are where a
cut-off write lands). Small files get every page at open; large ones get the roots at open and every page in a
background thread (Database.check_in_background), whose finding stops every later query with the same message.
"""

from __future__ import annotations

import sqlcipher3

from wingdesk.domain.errors import StoreError

FULL_CHECK_MAX_PAGES = 16_384  # 64 MiB of 4 KiB pages: well under a second at open
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


def _damaged_unless_clean(run: object) -> None:
    try:
        bad = run()  # type: ignore[operator]
    except sqlcipher3.DatabaseError as error:
        if not is_damage(error):
            raise
        bad = True
    if bad:
        raise StoreError("database_damaged")  # names no page, table or content: one sentence for the user


def check_every_page(conn: sqlcipher3.Connection) -> None:
    """PRAGMA cipher_integrity_check: each page of the main file read once and its HMAC checked. It does not look
    at the WAL, so a page it flags may be superseded there (right after a rekey every page is, until the next
    checkpoint): a finding is confirmed by PRAGMA quick_check, which reads each page as queries would."""
    def run() -> bool:
        if not conn.execute("PRAGMA cipher_integrity_check").fetchmany(1):
            return False
        return [tuple(row) for row in conn.execute("PRAGMA quick_check").fetchall()] != [("ok",)]

    _damaged_unless_clean(run)


def check_roots(conn: sqlcipher3.Connection) -> None:
    """The schema, then for every table its root page and the paths to its first and last rows."""
    def run() -> bool:
        tables = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND rootpage > 0").fetchall()
        for name, sql in tables:
            quoted = '"' + str(name).replace('"', '""') + '"'
            conn.execute(f"SELECT * FROM {quoted} LIMIT 1").fetchall()
            if "WITHOUT ROWID" not in str(sql or "").upper():
                conn.execute(f"SELECT * FROM {quoted} ORDER BY rowid DESC LIMIT 1").fetchall()
        return False

    _damaged_unless_clean(run)

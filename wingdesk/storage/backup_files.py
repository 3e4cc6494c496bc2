"""A backup on disk (security.md §2.11): folder `wingdesk-backup-<UTC time>` holding an encrypted copy of the
database made with `sqlcipher_export`, the key-slot and login-counter files, and `manifest.json` (signed).

A backup is written under `.wingdesk-backup-<time>.part`, fsynced, checked, signed, and only then renamed to its
final name (one rename, then an fsync of the folder): a folder without the `.part` mark and with a manifest is a
complete backup; anything else is the rest of an attempt that failed, and is removed by the next one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import sqlcipher3

from wingdesk.config.files import fsync_dir
from wingdesk.domain.audit import AuditEntry
from wingdesk.domain.errors import StoreError
from wingdesk.services.backup import chain_intact
from wingdesk.storage.database import _connect, _key_pragma, is_damage

FORMAT = "wingdesk-backup/1"
MANIFEST = "manifest.json"
PREFIX = "wingdesk-backup-"
PART = ".part"
MAX_MANIFEST = 64 * 1024
_NAME = re.compile(r"wingdesk-backup-\d{8}T\d{6}Z(-\d+)?", re.ASCII)
_CHUNK = 1024 * 1024
_TICK_OPS = 2_000_000  # SQLite VM steps between ticks: a few ms, so Stop takes effect at once
# The copy's b-tree check: PRAGMA integrity_check (also cross-checks every index against its table) up to 256 MiB;
# above, quick_check (every page and b-tree, not the index cross-check): on the 606 MB wing integrity_check took
# 67.8 s and quick_check 20.5 s in the same run (benchmarks/backup.py). Every page's HMAC is checked either way
# (cipher_integrity_check), which is what catches a byte the disk or stick got wrong.
FULL_CHECK_MAX_PAGES = 65_536
COUNTED = ("records", "audit", "users", "prisoners", "amendments", "countersignatures", "sync_bundles")
_AUDIT_COLS = "seq, time, actor, action, object, content_hash, prev_hash, entry_hash"


def snapshot_facts(conn: sqlcipher3.Connection) -> dict[str, Any]:
    """Counts, audit head and sync position, read inside the export's read transaction (so they are the copy's)."""
    counts = {table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]) for table in COUNTED}
    head = conn.execute("SELECT seq, entry_hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    bundle = conn.execute("SELECT seq, bundle_hash FROM sync_bundles ORDER BY seq DESC LIMIT 1").fetchone()
    device = conn.execute("SELECT device_id FROM sync_device WHERE id = 1").fetchone()
    meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('db_uuid', 'wing')").fetchall())
    return {"counts": counts,
            "audit_head": {"seq": int(head[0]) if head else 0, "entry_hash": str(head[1]) if head else ""},
            "last_bundle": {"seq": int(bundle[0]) if bundle else 0, "hash": str(bundle[1]) if bundle else ""},
            "device_id": str(device[0]) if device else "", "db_uuid": str(meta.get("db_uuid", "")),
            "wing": str(meta.get("wing", "")),
            "schema": int(conn.execute("PRAGMA user_version").fetchone()[0])}


Tick = Callable[[], None] | None  # called every so often inside long SQL; raising from it stops the statement


def _watch(conn: sqlcipher3.Connection, tick: Tick, stopped: list[BaseException]) -> None:
    """Let `tick` stop a long statement (a Stop pressed mid-export): SQLite aborts when the handler returns 1."""
    if tick is None:
        return

    def handler() -> int:
        try:
            tick()
        except BaseException as error:  # noqa: BLE001 - re-raised by the caller once SQLite has stopped
            stopped.append(error)
            return 1
        return 0

    conn.set_progress_handler(handler, _TICK_OPS)


def export_database(source: Path, key: bytearray, target: Path, lock: AbstractContextManager[Any],
                    take_snapshot: Callable[[], None], tick: Tick = None) -> dict[str, Any]:
    """Copy the live database into `target` with sqlcipher_export on a connection of its own (the app's connection
    keeps writing: WAL gives this read transaction one consistent snapshot). The snapshot is fixed, and
    `take_snapshot()` run (the caller copies the slot file), under `lock`, the one a key rotation takes; the export
    itself runs without it. Returns snapshot_facts."""
    conn = _connect(source, key)
    stopped: list[BaseException] = []
    _watch(conn, tick, stopped)
    try:
        conn.execute(f"ATTACH DATABASE ? AS bk KEY \"x'{bytes(key).hex()}'\"", (str(target),))
        with lock:  # held only while the snapshot is fixed: counting 200k rows under it stalled the app for seconds
            conn.execute("BEGIN")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the first read fixes the snapshot
            take_snapshot()
        facts = snapshot_facts(conn)  # in the same read transaction: the copy's own counts and head
        conn.execute("SELECT sqlcipher_export('bk')")
        conn.execute(f"PRAGMA bk.user_version = {int(facts['schema']):d}")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE bk")
    except sqlcipher3.Error as error:
        if stopped:
            raise stopped[0] from None
        raise _as_store_error(error) from None
    finally:
        conn.close()
    fsync_file(target)
    return facts


def _as_store_error(error: BaseException) -> StoreError:
    text = str(error).lower()
    if "full" in text:
        return StoreError("disk_full")
    if is_damage(error):
        return StoreError("database_damaged")
    return StoreError("disk_error")


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_file(path: Path, data: bytes) -> None:
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def file_digest(path: Path) -> dict[str, Any]:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return {"sha256": digest.hexdigest(), "size": size}


def _open_copy(path: Path, key: bytearray, tick: Tick, stopped: list[BaseException]) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    _watch(conn, tick, stopped)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(_key_pragma("key", key))
        conn.execute("PRAGMA cipher_compatibility = 4")
        conn.execute("PRAGMA query_only = ON")
    except BaseException:
        conn.close()
        raise
    return conn


def _pages_bad(path: Path, key: bytearray, tick: Tick) -> bool:
    """PRAGMA cipher_integrity_check on a connection of its own (run beside the b-tree check: two cores)."""
    stopped: list[BaseException] = []
    conn = _open_copy(path, key, tick, stopped)
    try:
        return bool(conn.execute("PRAGMA cipher_integrity_check").fetchmany(1))
    except sqlcipher3.Error:
        if stopped:
            raise stopped[0] from None
        return True
    finally:
        conn.close()


def check_copy(path: Path, key: bytearray, facts: dict[str, Any], tick: Tick = None) -> None:
    """The copy on disk, opened afresh: every page's HMAC, the b-tree, the audit chain, the counts and the head."""
    stopped: list[BaseException] = []
    with ThreadPoolExecutor(1, thread_name_prefix="wingdesk-backup-check") as pool:
        pages = pool.submit(_pages_bad, path, key, tick)
        conn = _open_copy(path, key, tick, stopped)
        try:
            count = int(conn.execute("PRAGMA page_count").fetchone()[0])
            check = "integrity_check" if count <= FULL_CHECK_MAX_PAGES else "quick_check"
            ok = [tuple(r) for r in conn.execute(f"PRAGMA {check}").fetchall()] == [("ok",)]
            chain = chain_intact(_audit_rows(conn)) if ok else None
            same = snapshot_facts(conn)
        except sqlcipher3.Error:
            if stopped:
                raise stopped[0] from None
            raise StoreError("backup_check_failed") from None
        finally:
            conn.close()
        if pages.result():
            raise StoreError("backup_check_failed")
    head = facts["audit_head"]
    if not ok or chain is None or chain[0] != head["seq"] or (head["seq"] and chain[1] != head["entry_hash"]):
        raise StoreError("backup_check_failed")
    if {k: same[k] for k in ("counts", "audit_head", "last_bundle", "db_uuid")} != \
            {k: facts[k] for k in ("counts", "audit_head", "last_bundle", "db_uuid")}:
        raise StoreError("backup_check_failed")


def _audit_rows(conn: sqlcipher3.Connection) -> Iterator[AuditEntry]:
    after = 0
    while True:
        rows = conn.execute(f"SELECT {_AUDIT_COLS} FROM audit WHERE seq > ? ORDER BY seq LIMIT 5000",
                            (after,)).fetchall()
        if not rows:
            return
        for row in rows:
            yield AuditEntry(*row)
        after = rows[-1][0]


def manifest_bytes(body: dict[str, Any], signature: bytes) -> bytes:
    return json.dumps({"manifest": body, "signature": signature.hex()}, indent=1, sort_keys=True).encode("utf-8")


def read_manifest(folder: Path) -> tuple[dict[str, Any], bytes]:
    """The manifest's body and signature, strictly read; StoreError("backup_damaged") for anything else."""
    try:
        with open(folder / MANIFEST, "rb") as handle:
            raw = handle.read(MAX_MANIFEST + 1)
        if len(raw) > MAX_MANIFEST:
            raise ValueError
        doc = json.loads(raw)
        body, signature = doc["manifest"], bytes.fromhex(doc["signature"])
        files = body["files"]
        if body["format"] != FORMAT or len(signature) != 64 or not isinstance(files, dict):
            raise ValueError
        for name, item in files.items():
            if name not in ("wing.db", "slots.json", "logins.json") or len(item["sha256"]) != 64 \
                    or type(item["size"]) is not int:
                raise ValueError
    except FileNotFoundError:
        raise StoreError("backup_not_found") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise StoreError("backup_damaged") from None
    return body, signature


def complete_backups(directory: Path) -> list[Path]:
    """Finished backups in `directory` (named, with a manifest), oldest first."""
    if not directory.is_dir():
        return []
    found = [p for p in directory.iterdir() if _NAME.fullmatch(p.name) and (p / MANIFEST).is_file()]
    return sorted(found, key=lambda p: p.name)


def find_backup(path: Path) -> Path:
    """A backup folder, or the newest complete backup in a folder of them."""
    if (path / MANIFEST).is_file():
        return path
    found = complete_backups(path)
    if not found:
        raise StoreError("backup_not_found")
    return found[-1]


def remove_partials(directory: Path) -> int:
    """The `.part` folders earlier attempts left (a failure, a pulled stick, a crash); returns how many went."""
    removed = 0
    for item in directory.iterdir() if directory.is_dir() else []:
        if item.name.startswith("." + PREFIX) and item.name.endswith(PART) and item.is_dir():
            shutil.rmtree(item, ignore_errors=True)
            removed += 1
    return removed


def publish(part: Path, final: Path) -> None:
    """The one step that makes a backup complete: rename, then make the rename durable."""
    fsync_dir(part)
    os.replace(part, final)
    fsync_dir(final.parent)


def expire(directory: Path, keep: int) -> list[str]:
    """Remove all but the newest `keep` complete backups (keep >= 1: the one just made stays)."""
    backups = complete_backups(directory)
    gone = backups[:max(0, len(backups) - max(1, keep))]
    for old in gone:
        shutil.rmtree(old)
    if gone:
        with contextlib.suppress(OSError):
            fsync_dir(directory)
    return [p.name for p in gone]

"""Integrity check at open on the large wing (issue 13, item 7): which check is quick enough for start-up?

Times, on the same wing and in the same run (medians, warm OS cache — the wing PC reads the file once at sign-in):
  open          open_database with the raw key and no check (the floor)
  cipher        PRAGMA cipher_integrity_check   every page read once, its HMAC checked (SQLCipher)
  quick         PRAGMA quick_check              every page read, decrypted and its b-tree walked (no index check)
  sampled       random rowid probes into every table (--probes in all): reads a path of pages per probe
  roots         storage/integrity.check_roots: schema, root, first and last leaf of every table (chosen for large
                files at open, with cipher_integrity_check in a background thread; small files get the full check)
  sign-in       LocalWing.sign_in, which now runs `cipher` at open, versus the same without the check
Then flips one byte in a copy of the file, in a random page, a few times, and counts which checks find it.

    python benchmarks/integrity.py [--keep DIR] [--observations 200000] [--probes 1000] [--flips 5]

Measured 2026-12-07 on the shared 2-vCPU VM under load (load average 8-11 from other jobs, so absolute times are
high; the ratios hold): 202,549 records, 544 MB, 132,703 pages —
  open without check 2 ms; cipher_integrity_check 9.9 s (13.8 s in a busier run); quick_check 17.4 s (19.3 s);
  1,000 sampled probes 2.7 s and 0 of 3 random-page flips found; roots + first/last leaf 52 ms, 0 of 3 found;
  cipher_integrity_check and quick_check found 3 of 3.
Chosen (storage/integrity.py): files up to 16,384 pages (64 MiB) get cipher_integrity_check at open; larger ones
get the 52 ms roots check at open and cipher_integrity_check in a background thread, which stops the session's
next query with "database damaged" when a page fails. No full check fits a 1.5 s sign-in at this size.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sqlcipher3

import wingdesk.storage.database as database_module
from wingdesk.demo.accounts import account
from wingdesk.domain.errors import StoreError
from wingdesk.domain.roles import Role
from wingdesk.storage.backend import LocalWing
from wingdesk.storage.database import open_database
from wingdesk.storage.integrity import check_roots

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.storage import build  # noqa: E402  (same large wing as the storage benchmark)


def timed(fn: Callable[[], object], repeats: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, result


def sampled(conn: sqlcipher3.Connection, probes: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                                         "'%WITHOUT ROWID%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'")]
    problems = []
    for table in tables:
        low, high = conn.execute(f'SELECT min(rowid), max(rowid) FROM "{table}"').fetchone()
        if low is None:
            continue
        for _ in range(max(1, probes // len(tables))):
            try:
                conn.execute(f'SELECT * FROM "{table}" WHERE rowid >= ? LIMIT 1', (rng.randint(low, high),)).fetchall()
            except sqlcipher3.DatabaseError as error:
                problems.append(f"{table}: {error}")
    return problems


def checks(path: Path, dek: bytearray, probes: int) -> dict[str, Callable[[], object]]:
    def run(sql: str) -> Callable[[], object]:
        def go() -> object:
            db = open_database(path, dek, check=False)
            try:
                return [r[0] for r in db.conn.execute(sql).fetchall()]
            except sqlcipher3.DatabaseError as error:
                return [str(error)]
            finally:
                db.close()
        return go

    def sample() -> object:
        db = open_database(path, dek, check=False)
        try:
            return sampled(db.conn, probes)
        finally:
            db.close()

    def bare_open() -> object:
        open_database(path, dek, check=False).close()
        return []

    def roots() -> object:
        db = open_database(path, dek, check=False)
        try:
            check_roots(db.conn)
            return []
        except StoreError:
            return ["damaged"]
        finally:
            db.close()

    return {"open (no check)": bare_open, "cipher_integrity_check": run("PRAGMA cipher_integrity_check"),
            "quick_check": run("PRAGMA quick_check"), f"sampled ({probes} probes)": sample,
            "roots + first/last leaf (chosen)": roots}


def found(name: str, result: object) -> bool:
    rows = list(result)  # type: ignore[call-overload]
    return bool(rows) and rows != ["ok"]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", help="reuse/keep the built wing in this folder")
    parser.add_argument("--observations", type=int, default=200_000)
    parser.add_argument("--probes", type=int, default=1000)
    parser.add_argument("--flips", type=int, default=5)
    args = parser.parse_args()
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="wd-integrity-"))
    folder = base / "wing"
    if not LocalWing(folder).exists():
        print(f"building the large wing ({args.observations:,} bulk observations)...", flush=True)
        print(f"  build time: {build(folder, args.observations):.1f} s")
    sup = account(Role.SUPERVISOR)
    wing = LocalWing(folder)
    session = wing.sign_in(sup.username, sup.passphrase)
    dek = bytearray(session.ctx.vault._secrets.dek)  # type: ignore[attr-defined]
    records = session.ctx.repo.query_one("SELECT count(*) FROM records")[0]
    session.ctx.repo.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    session.lock()
    path = folder / "wing.db"
    pages = path.stat().st_size // 4096
    print(f"wing: {records:,} records; db {path.stat().st_size / 1e6:.0f} MB, {pages:,} pages")
    print(f"\n{'check at open':32} {'median':>10}")
    for name, fn in checks(path, dek, args.probes).items():
        fn()  # warm the OS cache
        ms, result = timed(fn, 3)
        print(f"{name:32} {ms:8.0f} ms   {'clean' if not found(name, result) else 'PROBLEM: ' + str(result)[:60]}")

    with_check, _ = timed(lambda: wing.sign_in(sup.username, sup.passphrase).lock(), 3)
    real_open = database_module.open_database
    database_module.open_database = lambda p, k, **kw: real_open(p, k, **{**kw, "check": False})  # type: ignore
    try:
        import wingdesk.storage.vault as vault_module

        vault_module.open_database = database_module.open_database  # type: ignore[assignment]
        without, _ = timed(lambda: wing.sign_in(sup.username, sup.passphrase).lock(), 3)
    finally:
        database_module.open_database = real_open
        vault_module.open_database = real_open
    print(f"{'sign-in (Argon2id + open)':32} {with_check:8.0f} ms with the check, {without:.0f} ms without")

    rng = random.Random(7)
    copy_dir = base / "flipped"
    copy_dir.mkdir(exist_ok=True)
    target = copy_dir / "wing.db"
    hits: dict[str, int] = {}
    for _ in range(args.flips):
        shutil.copy(path, target)
        page = rng.randrange(2, pages)
        with open(target, "r+b") as handle:
            handle.seek(page * 4096 + rng.randrange(16, 4000))
            byte = handle.read(1)
            handle.seek(-1, 1)
            handle.write(bytes([byte[0] ^ 0x01]))
        for name, fn in checks(target, dek, args.probes).items():
            if name.startswith("open"):
                continue
            try:
                hits[name] = hits.get(name, 0) + int(found(name, fn()))
            except StoreError:
                hits[name] = hits.get(name, 0) + 1
    print(f"\none byte flipped in a random page, {args.flips} times: found by " +
          ", ".join(f"{name} {count}/{args.flips}" for name, count in hits.items()))
    shutil.rmtree(copy_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())

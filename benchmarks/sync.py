"""Sync benchmark: export (seal) and ingest records/s, PostgreSQL vs SQLite, 50 concurrent 1 MB uploads, age."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import hashlib
import multiprocessing
import os
import signal
import socket
import ssl
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import httpx2
import pyrage
import uvicorn
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from load_client import CLIENTS

from wingdesk.crypto import signing
from wingdesk.domain.authorship import record_statement
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.hlc import Hlc
from wingdesk.domain.records import Record, RecordKind, new_id
from wingdesk.hq.devices import enrol_device
from wingdesk.hq.guard import ConnectionLimits
from wingdesk.hq.http_app import BUNDLE_TYPE
from wingdesk.hq.ingest import HqContext, ingest
from wingdesk.hq.keystore import HqKeys
from wingdesk.hq.server import reading_in_workers, server_config
from wingdesk.hq.store import open_store
from wingdesk.sync import keys, payload
from wingdesk.sync.bundle import bundle_hash, seal_bundle
from wingdesk.sync.enrolment import make_enrolment_request
from wingdesk.sync.header import GENESIS_HASH, KIND_WING_TO_HQ
from wingdesk.sync.wing_records import record_line

N_RECORDS = 10_000
UPLOADS = 50
RECORDS_PER_UPLOAD = 770  # ~3 KB lines with ~2.2 KB of free text each: ~1 MB sealed with hex text
RUNS = 3


# Serbian Cyrillic letters and a space (about one character in eight), for bodies written as a wing in Serbia or
# North Macedonia writes them: two UTF-8 bytes a letter, which the reader parses and re-encodes like any text
_CYRILLIC = "абвгдђежзијклљмнњопрстћуфхцчџш"
_CYRILLIC_TABLE = {code: (" " if code % 8 == 0 else _CYRILLIC[code % len(_CYRILLIC)]) for code in range(256)}
TEXTS = ("hex", "cyrillic")


def body_text(text_len: int, text: str = "hex") -> str:
    """About `text_len` bytes of UTF-8: random hex (about 2:1 under zstd), or random Cyrillic words in half as many
    characters."""
    if text == "cyrillic":
        return os.urandom(text_len // 2).decode("latin-1").translate(_CYRILLIC_TABLE)
    return os.urandom(text_len // 2).hex()


def make_records(n: int, text_len: int = 200, text: str = "hex") -> list[dict]:
    """Record lines shaped as `wingdesk.sync.wing_records.record_line` writes them: the envelope (origin device,
    author, HLC, wall time) and a body holding the record's content, with `text_len` bytes of free text."""
    device, author = str(uuid.uuid4()), str(uuid.uuid4())
    records = []
    for i in range(n):
        record_id, at = new_id(), f"2026-11-26T{i // 3600 % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d}Z"
        content = {
            "id": record_id,
            "kind": "OBSERVATION",
            "revision": 1,
            "wing": "B",
            "prisoner_id": str(uuid.uuid4()),
            "author_id": author,
            "author_role": "OFFICER",
            "occurred_at": at,
            "recorded_at": at,
            "sensitivity": "NORMAL",
            "day": "2026-11-26",
            "shift_id": None,
            "body": {"category": "MOOD", "tone": "NEUTRAL", "what_seen_heard": body_text(text_len, text)},
        }
        body = {
            "record": content,
            "status": "SUBMITTED",
            "author_name": "Officer B-12",
            "prisoner_number": f"T-{i:04d}",
        }
        records.append(
            {
                "record_id": record_id,  # as a wing makes them (UUIDv7)
                "rev": 1,
                "kind": "OBSERVATION",
                "origin_device": device,
                "author_user_id": author,
                "hlc": str(Hlc(1_790_000_000_000 + i)),
                "wall_time": at,
                "content_hash": payload.record_content_hash(body),
                "body": body,
            }
        )
    return records


def make_wing_records(n: int, text_len: int = 200) -> list[Record]:
    """Saved record revisions as a wing's outbox hands them to `record_line` (the shape of make_records)."""
    author, at = str(uuid.uuid4()), "2026-11-26T18:00:00Z"
    return [
        Record(id=new_id(), kind=RecordKind.OBSERVATION, wing="B", prisoner_id=str(uuid.uuid4()), author_id=author,
               author_name="Officer B-12", author_role="OFFICER", occurred_at=at, recorded_at=at, day="2026-11-26",
               body={"category": "MOOD", "tone": "NEUTRAL", "what_seen_heard": body_text(text_len)}, status="SUBMITTED")
        for _ in range(n)
    ]


def wing_export(wing: Wing, saved: list[Record]) -> bytes:
    """What a wing's export does per bundle: each saved revision to its record line, then seal them."""
    lines = [record_line(r, f"T-{i:04d}", wing.device_id, str(Hlc(1_790_000_000_000 + i))) for i, r in enumerate(saved)]
    return wing.seal(lines)


class Wing:
    def __init__(self, hq: HqKeys) -> None:
        self.device_id, self.keys, self.hq = str(uuid.uuid4()), keys.generate_key_pairs(), hq
        self.seq, self.prev = 0, GENESIS_HASH

    def seal(self, records: list[dict]) -> bytes:
        self.seq += 1
        data = seal_bundle(
            KIND_WING_TO_HQ,
            self.device_id,
            self.seq,
            self.prev,
            records,
            self.keys.sign_private,
            self.hq.current.enc_public,
        )
        self.prev = bundle_hash(data)
        return data


def sign_records(records: list[dict]) -> tuple[list[dict], tuple[str, str, bytes]]:
    """The same record lines, each signed by its author's own key as a wing saves it (body["author_sig"]), and
    that author as the enrolment request lists it."""
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    signed = []
    for line in records:
        body = dict(line["body"])
        record = body["record"]
        content_hash = hashlib.sha256(canonical_bytes(record)).hexdigest()
        statement = record_statement(record["id"], record["revision"], record["author_id"], body["author_name"],
                                     content_hash)
        body["author_sig"] = signing.sign(key, signing.RECORD_PREFIX, statement).hex()
        signed.append(dict(line, body=body, content_hash=payload.record_content_hash(body)))
    return signed, (records[0]["author_user_id"], "officer", public)


def hq_context(path: Path, hq: HqKeys, wing: Wing, db_url: str | None = None, *, enrol: bool = True,
               users: list[tuple[str, str, bytes]] | None = None) -> HqContext:
    ctx = HqContext(open_store(path, db_url), hq)
    if enrol:
        request, code = make_enrolment_request(wing.device_id, "Bench wing", wing.keys, users=users)
        enrol_device(ctx.store, request, code, "prod", datetime.now(UTC))
    return ctx


def pg_url() -> str | None:
    base = os.environ.get("WINGDESK_TEST_PG")
    if not base:
        return None
    import psycopg

    schema = "bench_" + uuid.uuid4().hex[:10]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return f"{base}{'&' if '?' in base else '?'}options={quote(f'-csearch_path={schema}')}"


def drop_pg(url: str) -> None:
    import psycopg

    schema = url.rsplit("%3D", 1)[1]
    with psycopg.connect(os.environ["WINGDESK_TEST_PG"], autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def bench_export_ingest(tmp: Path, hq: HqKeys) -> None:
    records = make_records(N_RECORDS)
    wing = Wing(hq)
    data, seal_s = timed(wing.seal, records)
    print(
        f"export (seal) {N_RECORDS:,} records: {seal_s * 1000:8.1f} ms  {N_RECORDS / seal_s:10,.0f} rec/s"
        f"  (target >= 50,000)  bundle {len(data) / 1e6:.2f} MB"
    )
    _, export_s = timed(wing_export, Wing(hq), make_wing_records(N_RECORDS))
    print(f"wing export (record lines + seal) {N_RECORDS:,} records: {export_s * 1000:8.1f} ms"
          f"  {N_RECORDS / export_s:10,.0f} rec/s")
    plain = payload.encode_plaintext(
        {"kind": KIND_WING_TO_HQ, "env": "prod", "bundle_id": str(uuid.uuid4()), "device_id": wing.device_id, "seq": 1},
        records,
    )
    recipient = keys.age_recipient(hq.current.enc_public)
    _, age_s = timed(pyrage.encrypt, plain, [recipient])
    raw_json = sum(len(str(r)) for r in records)
    print(
        f"pyrage raw encrypt of the same {len(plain) / 1e6:.2f} MB payload: {age_s * 1000:8.1f} ms"
        f"  {len(plain) / age_s / 1e6:8.1f} MB/s  -> age is {age_s / seal_s:.1%} of seal time"
        f" (~{raw_json / 1e6:.1f} MB of record JSON)"
    )

    # median of RUNS fresh stores: one run on a shared 2-core box is mostly noise
    sqlite_s, sqlite_cpu = _ingest_runs(lambda run: hq_context(tmp / f"sqlite{run}", hq, wing), data)
    sqlite_rate = N_RECORDS / sqlite_s
    print(
        f"ingest SQLite {N_RECORDS:,} records:  {sqlite_s * 1000:8.1f} ms  {sqlite_rate:10,.0f} rec/s"
        f"  (target >= 20,000; median of {RUNS}, {sqlite_cpu * 1000:.0f} ms CPU)"
    )
    signed, author = sign_records(records)
    signed_wing = Wing(hq)
    signed_data = signed_wing.seal(signed)
    checked_s, checked_cpu = _ingest_runs(
        lambda run: hq_context(tmp / f"signed{run}", hq, signed_wing, users=[author]), signed_data
    )
    print(
        f"ingest SQLite {N_RECORDS:,} records with author signature checks: {checked_s * 1000:8.1f} ms"
        f"  {N_RECORDS / checked_s:10,.0f} rec/s  (target >= 20,000; without checks {sqlite_rate:,.0f} rec/s"
        f" in this run; median of {RUNS}, {checked_cpu * 1000:.0f} ms CPU)"
    )
    with reading_in_workers(hq_context(tmp / "served", hq, signed_wing, users=[author]), None) as served:
        served.store.close()  # the workers only: each run below gets a fresh store

        def served_ctx(run: int) -> HqContext:
            fresh = hq_context(tmp / f"served{run}", hq, signed_wing, users=[author])
            return dataclasses.replace(fresh, read_contents=served.read_contents,
                                       prepare_slots=served.prepare_slots)

        pooled_s, pooled_cpu = _ingest_runs(served_ctx, signed_data)
    print(
        f"ingest SQLite {N_RECORDS:,} records with author signature checks, read in {os.cpu_count()} worker processes"
        f" as served: {pooled_s * 1000:8.1f} ms  {N_RECORDS / pooled_s:10,.0f} rec/s  (target >= 20,000; median of"
        f" {RUNS}, {pooled_cpu * 1000:.0f} ms CPU with the workers)"
    )
    ctx = hq_context(tmp / "sqlite0", hq, wing, None, enrol=False)
    _, dup_s = timed(ingest, ctx, data)
    print(f"duplicate re-ingest (stored receipt):  {dup_s * 1000:8.1f} ms")
    ctx.store.close()

    urls: list[str] = []
    if os.environ.get("WINGDESK_TEST_PG") is None:
        print("PostgreSQL: skipped (WINGDESK_TEST_PG not set)")
        return

    def pg_ctx(run: int) -> HqContext:
        urls.append(pg_url() or "")
        return hq_context(tmp / f"pg{run}", hq, wing, urls[-1])

    try:
        pg_s, pg_cpu = _ingest_runs(pg_ctx, data)
        print(
            f"ingest PostgreSQL {N_RECORDS:,} records: {pg_s * 1000:8.1f} ms  {N_RECORDS / pg_s:10,.0f} rec/s"
            f"  PostgreSQL / SQLite throughput = {(N_RECORDS / pg_s) / sqlite_rate:.2f}"
            f"  (median of {RUNS}, {pg_cpu * 1000:.0f} ms CPU in this process)"
        )
    finally:
        for url in urls:
            drop_pg(url)


def _ingest_runs(make_ctx, data: bytes) -> tuple[float, float]:
    """Median wall and CPU seconds (this process and its bundle readers) of ingesting `data` into RUNS fresh
    stores."""
    walls, cpus = [], []
    for run in range(RUNS):
        ctx = make_ctx(run)
        readers = _children(os.getpid())
        cpu = time.process_time() + _cpu_total(readers)
        result, wall = timed(ingest, ctx, data)
        cpus.append(time.process_time() + _cpu_total(readers) - cpu)
        walls.append(wall)
        assert result.outcome == "accepted"
        ctx.store.close()
    return statistics.median(walls), statistics.median(cpus)


def _serve(path: Path, hq: HqKeys, sock: socket.socket, ssl_files: tuple[str, str] | None) -> None:
    """Server process: its own GIL, so the numbers are not the client's."""
    # uvicorn shuts down on SIGTERM, then raises it again: exit through the context managers so the readers and
    # the store are closed (as `wingdesk-hq serve` does)
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(0))
    tls = (Path(ssl_files[0]), Path(ssl_files[1])) if ssl_files else (None, None)
    with reading_in_workers(HqContext(open_store(path, create=False), hq)) as ctx:
        # the served configuration (timeouts, header first, spooling); every client here is 127.0.0.1, so no
        # per-address cap (50 wings behind one prison's NAT would need `behind_proxy` or a cap above 50)
        config = server_config(ctx, "127.0.0.1", 0, *tls, connections=ConnectionLimits(per_client=None))
        config.log_level = "error"
        uvicorn.Server(config).run(sockets=[sock])


def start_server(path: Path, hq: HqKeys, ssl_files: tuple[str, str] | None):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    process = multiprocessing.get_context("fork").Process(target=_serve, args=(path, hq, sock, ssl_files))
    process.start()
    port = sock.getsockname()[1]
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            httpx2.get(f"{'https' if ssl_files else 'http'}://127.0.0.1:{port}/v1/health", verify=False, timeout=1)
            break
        except httpx2.HTTPError:
            time.sleep(0.05)
    return process, port


BURSTS = 4  # the first right after the server starts (cold heap), then three more on the same server
PAUSE_S = 5.0  # between bursts, as between shift changes: the server copies its WAL into the database then


def bench_uploads(tmp: Path, hq: HqKeys, client: str = "lean", text: str = "hex") -> None:
    wing = Wing(hq)
    bursts = [
        [
            (_bundle_id(data), data)
            for data in (wing.seal(make_records(RECORDS_PER_UPLOAD, 2200, text)) for _ in range(UPLOADS))
        ]
        for _ in range(BURSTS)
    ]  # ~1 MB sealed each (random hex: about 2:1 under zstd); every burst new bundles, next sequence numbers
    hq_context(tmp / "uploads", hq, wing).store.close()
    ssl_files, verify = _tls_files(tmp)
    process, port = start_server(tmp / "uploads", hq, ssl_files)
    scheme = "https" if ssl_files else "http"
    results = []
    try:
        for index, bundles in enumerate(bursts):
            if index:
                time.sleep(PAUSE_S)
            results.append(_burst(process.pid, f"{scheme}://127.0.0.1:{port}", bundles, verify, CLIENTS[client]))
    finally:
        process.terminate()
        process.join(10)
    stored = _stored_in_order(tmp / "uploads", wing.device_id)
    size = sum(len(d) for bundles in bursts for _, d in bundles) / (UPLOADS * BURSTS)
    print(
        f"{UPLOADS} concurrent {size / 1e6:.2f} MB uploads over {scheme} on loopback, {BURSTS} bursts on one server"
        f" {PAUSE_S:.0f} s apart; {RECORDS_PER_UPLOAD} records each, free text: {text}:"
    )
    for index, (latencies, errors, wall, cpu, reader_cpu, client_cpu, readers) in enumerate(results):
        label = "first burst after start" if index == 0 else f"burst {index + 1}"
        print(
            f"  {label}: errors {errors} (target 0), p50 {statistics.median(latencies):.3f} s,"
            f" p95 {statistics.quantiles(latencies, n=20)[-1]:.3f} s (target <= 1 s), wall {wall:.2f} s,"
            f" {UPLOADS * size / wall / 1e6:.1f} MB/s; CPU: server {cpu:.2f} s + {readers} child processes"
            f" {reader_cpu:.2f} s ({(cpu + reader_cpu) / UPLOADS * 1000:.0f} ms per upload), client {client_cpu:.2f} s"
        )
    warm = sorted(statistics.quantiles(r[0], n=20)[-1] for r in results[1:])
    print(f"  p95 of the later bursts: median {statistics.median(warm):.3f} s; load average {_load()}")
    print(
        f"  HQ holds bundles 1..{stored} of this wing without a gap (sent {UPLOADS * BURSTS}); load generator:"
        f" load_client.py, {client} (one verified TLS connection per upload)"
    )


def _stored_in_order(path: Path, device_id: str) -> int:
    """What the server really stored: the wing's highest contiguous sequence number at HQ."""
    store = open_store(path, create=False)
    try:
        with store.transaction(write=False) as repo:
            return repo.get_device(device_id).hcs
    finally:
        store.close()


def _tls_files(tmp: Path) -> tuple[tuple[str, str] | None, object]:
    """A throwaway CA and server certificate (trustme), or plain HTTP when it is not installed."""
    try:
        import trustme
    except ImportError:
        return None, True
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    files = (str(tmp / "cert.pem"), str(tmp / "key.pem"))
    cert.cert_chain_pems[0].write_to_path(files[0])
    cert.private_key_pem.write_to_path(files[1])
    verify = ssl.create_default_context()
    ca.configure_trust(verify)
    return files, verify


def _burst(pid: int, base: str, bundles: list[tuple[str, bytes]], verify, put_all) -> tuple:
    readers = _children(pid)
    cpu, reader_cpu, client_cpu = _cpu_seconds(pid), _cpu_total(readers), time.process_time()
    uploads = [(f"/v1/bundles/{bundle_id}", data) for bundle_id, data in bundles]
    tls = verify if isinstance(verify, ssl.SSLContext) else None
    start = time.perf_counter()
    latencies, errors = asyncio.run(put_all(base, uploads, BUNDLE_TYPE, tls))
    wall = time.perf_counter() - start
    return (
        latencies,
        errors,
        wall,
        _cpu_seconds(pid) - cpu,
        _cpu_total(readers) - reader_cpu,
        time.process_time() - client_cpu,
        len(readers),
    )


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of a process (Linux /proc; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    """The server's child processes (its bundle readers; Linux /proc, else none)."""
    try:
        return [int(p) for t in Path(f"/proc/{pid}/task").iterdir() for p in (t / "children").read_text().split()]
    except OSError:
        return []


def _cpu_total(pids: list[int]) -> float:
    return sum(_cpu_seconds(pid) for pid in pids)


def _load() -> str:
    return f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "n/a"


def _bundle_id(data: bytes) -> str:
    from wingdesk.sync.header import parse_header_bytes, split_frame

    return parse_header_bytes(split_frame(data).header_bytes).bundle_id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--client", choices=sorted(CLIENTS), default="lean", help="load generator for the uploads (see load_client.py)"
    )
    parser.add_argument(
        "--text",
        choices=TEXTS,
        default="hex",
        help="record body text for the uploads: random hex, or Cyrillic words as Serbian and Macedonian wings write",
    )
    parser.add_argument("--ingest-only", action="store_true", help="export and ingest figures only (no uploads)")
    args = parser.parse_args()
    hq = HqKeys("prod", "bench", "now", keys.generate_key_pairs())
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        bench_export_ingest(Path(tmp), hq)
        if not args.ingest_only:
            bench_uploads(Path(tmp), hq, args.client, args.text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

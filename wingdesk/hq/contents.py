"""A verified bundle's contents: decrypt, parse and hash its records — the CPU-heavy part of ingest.

`read_contents` is a pure function whose arguments and result pickle cheaply, so the HTTPS receiver runs it in
worker processes (`ContentsPool`): each bundle is then read on a core of its own instead of queueing behind the
server's interpreter lock. The signature and payload hash are always checked before (`ingest._verify`), in the
server process; a worker only ever sees bundles that passed. A worker also checks the authors' signatures of the
records it read (`hq.authors.vouched_authors`), against the keys HQ held when the bundle arrived: that is most of
the CPU of a signed bundle, and it stays out of the write lock. A bundle larger than FAN_OUT_BYTES is read by one
worker while the others check the signatures of the later part of its lines, each decrypting it on its own
(`vouch_lines`): the reader checks a smaller share, so that all finish together.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from wingdesk.hq.authors import Item, Registry, Vouched, candidate_keys, candidates_of, vouched_authors, vouched_items
from wingdesk.hq.clock_skew import WrittenBehind, bundle_skew_s
from wingdesk.hq.heap import retain_freed_memory, warm_heap
from wingdesk.hq.intelligence_index import numbers_of
from wingdesk.hq.record_rows import rows_of
from wingdesk.hq.repository import RowTuple
from wingdesk.hq.research_ask import ResearchAsk, derive_asked
from wingdesk.sync.audit_head import FIELD as AUDIT_HEAD_FIELD
from wingdesk.sync.audit_head import AuditHead, parse_audit_head
from wingdesk.sync.bundle import VerifiedBundle, bind_manifest, decrypt_to_text
from wingdesk.sync.errors import SyncError
from wingdesk.sync.header import KIND_WING_TO_HQ
from wingdesk.sync.payload import record_lines
from wingdesk.sync.record_lines import canonical_object
from wingdesk.sync.restore_note import FIELD as RESTORE_FIELD
from wingdesk.sync.restore_note import RestoreNote, parse_restore_note
from wingdesk.sync.strict_json import bmp_only

try:
    import fcntl
except ImportError:  # Windows: pipes keep their size there
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Contents:
    """What ingest keeps of a decrypted bundle. `failure` is the error code of a signed bundle that could not be
    read (then `readable` says whether it decrypted at all, and `rows` is empty)."""

    readable: bool
    received: int = 0
    created_at: Any = None
    rows: list[RowTuple] = field(default_factory=list)  # RecordRow fields, plain tuples
    failure: str = ""
    audit_head: AuditHead | None = None  # the wing's signed audit head (sync.audit_head), when it sent one
    hlc_max: Any = None  # the manifest's, as sent
    written_behind_s: int = 0  # clock_skew.written_behind_s of the record lines
    vouched: Vouched | None = None  # hq.authors.vouched_authors of the rows, when checked and every line held
    restore: RestoreNote | None = None  # a restored wing's declaration (sync.restore_note, hq.restores)
    numbers: dict[str, str] | None = None  # hq.intelligence_index.numbers_of the rows, out of the single writer
    # the research facts of the rows by (record id, revision), when asked (hq.research_ingest.research_ask): derived
    # by the reader, so neither the server's single writer nor its event loop spends time on them
    facts: dict[tuple[str, int], list[tuple[Any, ...]]] | None = None

    def skew_s(self, now: datetime) -> int | None:
        """The bundle's flagged clock skew in seconds (hq.clock_skew), or None."""
        return bundle_skew_s(self.created_at, self.hlc_max, self.written_behind_s, now)


# read_contents' signature, and ContentsPool.read's: what ingest calls to read a bundle
ContentsReader = Callable[[VerifiedBundle, dict[str, bytes], str, Registry | None, ResearchAsk | None], Contents]


def read_contents(verified: VerifiedBundle, identities: dict[str, bytes], env: str, held: Registry | None = None,
                  research: ResearchAsk | None = None, vouch_share: float = 1.0) -> Contents:
    """Decrypt with HQ's keys, parse strictly, check every content hash; with `held` (the authors' keys HQ holds
    for the device), check the authors' signatures too: of every row, or with `vouch_share` < 1 of those first
    sent in that share of the lines (`vouch_lines` checks the rest); with `research`, derive the rows' research
    facts too (hq.research_derive).

    The order of the checks decides which one a bad bundle is quarantined for, and is that of `decrypt_verified`
    followed by hashing: decryption and caps, every record line, the manifest against the header, then the
    records' hashes. The authors' signatures only ever spare ingest its own check (`ingest._decide`)."""
    try:
        manifest, text, start = decrypt_to_text(verified, identities, expected_env=env, expected_kind=KIND_WING_TO_HQ)
        lines = record_lines(text, start, manifest["record_count"])
        clock = WrittenBehind()
        rows, failure = rows_of(lines, bmp_only(text), clock)
        bind_manifest(verified.header, manifest)
    except SyncError as error:  # signed by an enrolled device yet unreadable: evidence, not noise
        return Contents(readable=False, failure=error.code)
    received, created_at, hlc_max = len(lines), manifest.get("created_at"), manifest.get("hlc_max")
    if failure is not None:
        return Contents(True, received, created_at, failure=failure.code, hlc_max=hlc_max)
    head = manifest.get(AUDIT_HEAD_FIELD)  # checked with the manifest
    vouched = None
    if held is not None:
        # a row comes from its first line, at or after its own index: rows[:k] holds every row first sent among
        # lines[:k], and the line of every other row is among lines[k:], which vouch_lines checks
        vouched = vouched_authors(rows[: _at(len(lines), vouch_share)], candidate_keys(rows, held))
    note = manifest.get(RESTORE_FIELD)
    return Contents(True, received, created_at, rows, audit_head=None if head is None else parse_audit_head(head),
                    hlc_max=hlc_max, written_behind_s=clock.seconds, vouched=vouched,
                    restore=None if note is None else parse_restore_note(note), numbers=numbers_of(rows),
                    facts=None if research is None else derive_asked(research, rows))


def vouch_lines(verified: VerifiedBundle, identities: dict[str, bytes], env: str, held: Registry, start: float,
                stop: float) -> Vouched | None:
    """`vouched_authors` of the record lines from `start` to `stop` (shares of the line count), each parsed on its
    own (`_item`): what another worker checks while one reads the bundle (`read_contents`). None when a line is
    not canonical JSON shaped as a record line (a wing writes none), or anything else goes wrong, the bundle not
    decrypting included: its answer only ever spares ingest its own check, which then judges the authors. For a
    bundle `read_contents` accepts, each line's value here is the one its row holds. The lines are parsed one at
    a time and the check stops at the first that does not vouch, so a worker holds no more than the reader does."""
    try:
        manifest, text, first = decrypt_to_text(verified, identities, expected_env=env,
                                                expected_kind=KIND_WING_TO_HQ)
        lines = record_lines(text, first, manifest["record_count"])
        announced = (_item(line) for line in lines if b'"user_key"' in line)  # hq.authors.candidate_keys
        candidates = candidates_of((item for item in announced if item is not None), held)
        return vouched_items((_item(line) for line in lines[_at(len(lines), start) : _at(len(lines), stop)]),
                             candidates)
    except Exception:  # noqa: BLE001 - a hostile bundle must not fail the upload here: ingest judges it itself
        log.warning("a bundle's later lines could not be checked in a worker; ingest checks its authors itself")
        return None


def _item(line: bytes) -> Item | None:
    """A line's kind and body, as `read_contents` holds them for any bundle it accepts: a canonical line has one
    value, whichever correct reader parses it (no float or nesting check is needed here: a line with either is
    refused or read to the same value there). None for anything else, or a kind that is not a string or a body
    that is not an object (the reader refuses those lines too)."""
    record = canonical_object(line)
    if record is None:
        return None
    kind, body = record.get("kind"), record.get("body")
    return (kind, body) if type(kind) is str and type(body) is dict else None


def _at(count: int, share: float) -> int:
    """The line index where a share of `count` lines ends (the same in every worker)."""
    return min(count, max(0, int(count * share)))


def _ready() -> int:
    return os.getpid()


# Readers yield the CPU to the server process when both want it: the server's event loop and its single writer
# are the serial part of every upload, readers only the parallel part. 50 x 1 MB uploads on 2 cores, later
# bursts: p95 1.11 s at equal priority, 1.03 s at 10 (means of 4-5 runs; first burst 1.20 -> 1.06 s).
READER_NICENESS = 10


# What one reader touches reading a 1 MB bundle (payload, plaintext, lines, records, the pickled result): without
# warming, each reader paid ~2,000 page faults in the first burst after a start (none in later ones).
READER_WARM_BYTES = 32 * 1024 * 1024


def _start_worker() -> None:
    if retain_freed_memory():
        warm_heap(READER_WARM_BYTES)
    _exit_with_parent()
    if hasattr(os, "nice"):  # POSIX; on Windows the readers keep the server's priority
        os.nice(READER_NICENESS)


def _exit_with_parent() -> None:
    """Worker initializer: end this worker when the server process ends, however it ends (a killed server would
    otherwise leave its workers waiting forever: each holds both ends of the task queue)."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-server", daemon=True).start()


# A bundle goes to a reader and its records come back through pipes. At Linux's default 64 KiB a 1 MB bundle and
# its ~2 MB of records cross in ~45 writes, each a switch between the writing and the reading process. 1 MiB is
# the largest size an unprivileged process may set by default (/proc/sys/fs/pipe-max-size). 50 x 1 MB uploads on
# 2 cores, 24 bursts each way, alternated: p95 mean 0.98 -> 0.90 s, server + reader CPU per burst 1.69 -> 1.55 s.
PIPE_BYTES = 1024 * 1024


# A sealed bundle larger than this has its authors' signatures checked by all workers at once: one reads it and
# checks the first share of its lines (`shares`), the others each decrypt it and check an equal part of the rest.
# Uploads are ~1 MB and many arrive at once, so each stays on one worker; a USB import of a long backlog is one
# large bundle.
FAN_OUT_BYTES = 1536 * 1024
# The reader's share is (1 - (W - 1) * READ_WEIGHT) / W of the lines with W workers: reading the bundle (parse,
# envelope checks, hash, the rows) costs it about what the others spend on parsing their lines on their own, plus
# the reader's extra pickling of the rows. Tuned with benchmarks/sync.py on the 2-core test machine
# (ed25519-zebra; the reader also works out the prison numbers): 0.375 of the lines for the reader, 0.625 for the
# other worker (timed apart: reader 155 ms + 50 µs a row it checks, the other 55 µs a line, 10,000 records).
READ_WEIGHT = 0.25


def shares(workers: int) -> list[tuple[float, float]]:
    """The line shares of a fanned-out bundle: the reader's (from 0) first, then one per other worker."""
    if workers < 2:
        return [(0.0, 1.0)]
    reader = max(0.0, (1 - (workers - 1) * READ_WEIGHT) / workers)
    rest = (1 - reader) / (workers - 1)
    bounds = [0.0, reader] + [reader + rest * n for n in range(1, workers - 1)] + [1.0]
    return list(zip(bounds, bounds[1:], strict=False))


def widen_pipes(pool: ProcessPoolExecutor) -> int:
    """Set the pool's task and result pipes to PIPE_BYTES where the system allows it; returns how many were set.

    The pipes are the executor's (its call and result queues); on a Python whose executor is built differently,
    or a system that refuses, they keep their size and only the speed differs.
    """
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None)
    if set_size is None:
        return 0
    widened = 0
    for queue_name in ("_call_queue", "_result_queue"):
        reader = getattr(getattr(pool, queue_name, None), "_reader", None)
        if reader is None:
            continue
        with contextlib.suppress(AttributeError, OSError, ValueError):
            fcntl.fcntl(reader.fileno(), set_size, PIPE_BYTES)
            widened += 1
    return widened


class ContentsPool:
    """Worker processes for `read_contents` (spawned, so nothing of the server's threads or sockets is inherited).

    A worker that dies (killed, out of memory) breaks the pool: that bundle is read in the server process instead,
    and the next one starts a fresh pool, so no upload fails for it.
    """

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def start(self) -> ContentsPool:
        """Spawn every worker now (each imports the bundle code once), not on the first uploads."""
        pool = self._executor()
        barrier = [pool.submit(_ready) for _ in range(self.workers * 2)]
        for future in barrier:
            future.result()
        return self

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    self.workers, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker
                )
                widen_pipes(self._pool)
            return self._pool

    def read(self, verified: VerifiedBundle, identities: dict[str, bytes], env: str,
             held: Registry | None = None, research: ResearchAsk | None = None) -> Contents:
        pool = self._executor()
        try:
            if held is None or len(verified.framing.payload) <= FAN_OUT_BYTES or self.workers < 2:
                return pool.submit(read_contents, verified, identities, env, held, research).result()
            # a fanned-out bundle's reader checks signatures too: its facts are derived by ingest once it is read
            # (benchmarks/sync.md: 10,000 signed records 20.9-21.8k records/s with the reader deriving them, 22.2-23.2k
            # without, alternated)
            return self._fanned_out(pool, verified, identities, env, held)
        except BrokenProcessPool:
            log.warning("bundle reader process lost; reading in the server process and restarting the pool")
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            return read_contents(verified, identities, env, held, research)

    def _fanned_out(self, pool: ProcessPoolExecutor, verified: VerifiedBundle, identities: dict[str, bytes],
                    env: str, held: Registry) -> Contents:
        """`read_contents` with the authors' signatures checked by every worker at once (`shares`)."""
        (_, reader), *others = shares(self.workers)
        reading = pool.submit(read_contents, verified, identities, env, held, None, reader)
        checks = [pool.submit(vouch_lines, verified, identities, env, held, start, stop) for start, stop in others]
        contents = reading.result()
        if contents.failure or not contents.readable:  # quarantined whatever the signatures: nothing to wait for
            for check in checks:
                check.cancel()
            return contents
        vouched = contents.vouched
        for check in checks:
            found = check.result()
            vouched = None if vouched is None or found is None else vouched | found
        return replace(contents, vouched=vouched)

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

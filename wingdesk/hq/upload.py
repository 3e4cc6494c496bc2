"""Reading an uploaded bundle off the wire: header and signature first, verified before any of the body is read;
then the payload spooled to disk (never to memory) under its signed length, hash and a budget for all uploads.

A junk or forged upload is refused after at most 16 KiB; one with a genuinely signed header but a payload that
does not match it costs disk, not memory, and only up to the length its enrolled device signed. Timeouts: the
header and signature must arrive within `head_timeout_s`; no byte for `idle_timeout_s` ends an upload, and so does
an average below `min_rate` bytes/s once `grace_s` has passed (a 1 byte/s client cannot hold a connection long).
"""

from __future__ import annotations

import hashlib
import struct
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import anyio
from starlette.concurrency import run_in_threadpool

from wingdesk.sync.errors import BundleFormatError, BundleTooLarge, BundleTruncated, PayloadHashMismatch
from wingdesk.sync.header import MAGIC, MAX_HEADER_LEN, PREFIX_LEN, BundleHeader
from wingdesk.sync.keys import SIG_LEN

_GIB = 1024 * 1024 * 1024


@dataclass(frozen=True)
class BodyLimits:
    head_timeout_s: float = 20.0
    idle_timeout_s: float = 20.0
    min_rate: int = 1024  # bytes/s on average; a prison link is ~100 kB/s, a 3G fallback ~10 kB/s
    grace_s: float = 30.0
    spool_budget: int = 2 * _GIB  # bytes spooled at once by all uploads together
    spool_dir: Path | None = None


class UploadRefused(Exception):
    """Ended by the receiver itself (too slow, too busy): `code` for the wing, `status` for HTTP."""

    def __init__(self, code: str, status: int) -> None:
        super().__init__(code)
        self.code, self.status = code, status


class SpoolBudget:
    """Bytes reserved on disk by uploads in flight; a reservation past the budget is refused (503, try later)."""

    def __init__(self, limit: int) -> None:
        self.limit, self.used, self._lock = limit, 0, threading.Lock()

    def reserve(self, size: int) -> None:
        with self._lock:
            if self.used + size > self.limit:
                raise UploadRefused("hq_busy", 503)
            self.used += size

    def release(self, size: int) -> None:
        with self._lock:
            self.used -= size


class _Body:
    """The request body as exact reads under the timeouts above."""

    def __init__(self, chunks: AsyncIterator[bytes], limits: BodyLimits) -> None:
        self.chunks, self.limits = chunks, limits
        self.buffer = bytearray()
        self.received = 0
        self.start = time.monotonic()

    async def _next(self, deadline: float | None) -> bytes:
        wait = self.limits.idle_timeout_s
        if deadline is not None:
            wait = min(wait, deadline - time.monotonic())
        if wait <= 0:
            raise UploadRefused("timeout", 408)
        try:
            with anyio.fail_after(wait):
                chunk = await self.chunks.__anext__()
        except StopAsyncIteration:
            return b""
        except TimeoutError:
            raise UploadRefused("timeout", 408) from None
        self.received += len(chunk)
        late = time.monotonic() - self.start - self.limits.grace_s
        if late > 0 and self.received < late * self.limits.min_rate:
            raise UploadRefused("timeout", 408)
        return chunk

    async def exactly(self, size: int, deadline: float, what: str) -> bytes:
        while len(self.buffer) < size:
            chunk = await self._next(deadline)
            if not chunk:
                raise BundleTruncated(what)
            self.buffer += chunk
        taken = bytes(self.buffer[:size])
        del self.buffer[:size]
        return taken

    async def rest(self) -> AsyncIterator[bytes]:
        if self.buffer:
            yield bytes(self.buffer)
            self.buffer.clear()
        while chunk := await self._next(None):
            yield chunk


HeadCheck = Callable[[bytes, bytes], BundleHeader]


async def receive_bundle(
    chunks: AsyncIterator[bytes],
    limits: BodyLimits,
    budget: SpoolBudget,
    check_head: HeadCheck,
    declared_len: int | None,
) -> tuple[BundleHeader, bytes, str]:
    """(verified header, the whole bundle, SHA-256 hex of it). `check_head(header bytes, signature)` verifies the
    signature and the header (run in a worker thread: it reads the device's key from the store)."""
    body = _Body(chunks, limits)
    deadline = body.start + limits.head_timeout_s
    prefix = await body.exactly(PREFIX_LEN, deadline, "hdr_len")
    if prefix[: len(MAGIC)] != MAGIC:
        raise BundleFormatError("magic")
    (hdr_len,) = struct.unpack(">I", prefix[len(MAGIC) :])
    if hdr_len > MAX_HEADER_LEN:
        raise BundleTooLarge("hdr_len")
    if hdr_len < 2:
        raise BundleFormatError("hdr_len")
    header_bytes = await body.exactly(hdr_len, deadline, "header")
    signature = await body.exactly(SIG_LEN, deadline, "signature")
    header = await run_in_threadpool(check_head, header_bytes, signature)
    head = prefix + header_bytes + signature
    total = len(head) + header.payload_len
    if declared_len is not None and declared_len != total:
        raise (BundleTruncated("payload") if declared_len < total else PayloadHashMismatch("payload_len"))
    budget.reserve(total)
    try:
        return header, *await _spool(body, head, header, limits.spool_dir)
    finally:
        budget.release(total)


async def _spool(body: _Body, head: bytes, header: BundleHeader, spool_dir: Path | None) -> tuple[bytes, str]:
    whole, payload = hashlib.sha256(head), hashlib.sha256()
    received = 0
    with tempfile.TemporaryFile(dir=spool_dir) as spool:
        spool.write(head)
        async for chunk in body.rest():
            received += len(chunk)
            if received > header.payload_len:
                raise PayloadHashMismatch("payload_len")
            spool.write(chunk)
            whole.update(chunk)
            payload.update(chunk)
        if received < header.payload_len:
            raise BundleTruncated("payload")
        if payload.hexdigest() != header.payload_sha256:
            raise PayloadHashMismatch("payload_sha256")
        spool.seek(0)
        data = await run_in_threadpool(spool.read)
    return data, whole.hexdigest()

"""Hostile HTTPS clients for HQ's receiver, on loopback only: idle, slow (1 byte/s) and junk-body uploaders.

Each client binds its own source address in 127.0.0.0/8 (Linux routes the whole block to `lo`), so a per-client
connection cap at the server sees several "clients" the way it would on a real network. Every client stops by
itself when its `stop` event is set or its deadline passes; nothing here leaves the loopback interface.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import ssl
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

BUNDLE_TYPE = "application/vnd.wingdesk.bundle"
_BLOCK = os.urandom(1024 * 1024)  # junk is this block repeated: 250 MiB of it cost the client no memory


def loopback_sources(count: int, first: int = 2) -> list[str]:
    """`count` distinct source addresses 127.0.0.<first>…, never 127.0.0.1 (kept for the genuine client)."""
    return [f"127.0.{n // 250}.{n % 250 + 1}" for n in range(first - 1, first - 1 + count)]


@dataclass
class Tally:
    """What the hostile clients saw: how many got a connection at all, and how many the server closed on them."""

    opened: int = 0
    refused: int = 0
    closed_by_server: int = 0
    answers: dict[str, int] = field(default_factory=dict)


async def _open(host: str, port: int, tls: ssl.SSLContext | None, source: str, server_name: str | None):
    return await asyncio.open_connection(host, port, ssl=tls, local_addr=(source, 0),
                                         server_hostname=server_name if tls else None)


async def _closed_by_server(reader: asyncio.StreamReader, until: float, stop: asyncio.Event) -> bool:
    """Wait until the server closes the connection (True) or time is up / stop is set (False)."""
    while not stop.is_set() and time.monotonic() < until:
        try:
            data = await asyncio.wait_for(reader.read(4096), 0.25)
        except TimeoutError:
            continue
        except (OSError, ssl.SSLError):
            return True
        if not data:
            return True
    return False


async def idle(host: str, port: int, tls: ssl.SSLContext | None, source: str, until: float, stop: asyncio.Event,
               tally: Tally, server_name: str | None = None) -> None:
    """Open a (TLS) connection and send nothing."""
    try:
        reader, writer = await _open(host, port, tls, source, server_name)
    except (OSError, ssl.SSLError):
        tally.refused += 1
        return
    tally.opened += 1
    try:
        tally.closed_by_server += await _closed_by_server(reader, until, stop)
    finally:
        writer.close()


async def slow(host: str, port: int, tls: ssl.SSLContext | None, source: str, until: float, stop: asyncio.Event,
               tally: Tally, server_name: str | None = None, in_body: bool = False) -> None:
    """Send an upload one byte a second: in its request headers, or (`in_body`) in a body announced as 1 MiB."""
    bundle_id = uuid.uuid4()
    head = (f"PUT /v1/bundles/{bundle_id} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {BUNDLE_TYPE}\r\n"
            f"Content-Length: {1024 * 1024}\r\n\r\n").encode("ascii")
    try:
        reader, writer = await _open(host, port, tls, source, server_name)
    except (OSError, ssl.SSLError):
        tally.refused += 1
        return
    tally.opened += 1
    trickle = b"WDB1\n" + _BLOCK[:64] if in_body else head
    try:
        if in_body:
            writer.write(head)
        for byte in trickle:
            if stop.is_set() or time.monotonic() >= until:
                return
            writer.write(bytes([byte]))
            await writer.drain()
            if await _closed_by_server(reader, time.monotonic() + 1.0, stop):
                tally.closed_by_server += 1
                return
    except (OSError, ssl.SSLError):
        tally.closed_by_server += 1
    finally:
        writer.close()


async def junk_upload(host: str, port: int, tls: ssl.SSLContext | None, source: str, size: int,
                      stop: asyncio.Event, tally: Tally, prefix: bytes = b"", server_name: str | None = None) -> None:
    """PUT `prefix` then junk, `size` bytes in all, as fast as the server takes it; count the server's answer."""
    bundle_id = uuid.uuid4()
    try:
        reader, writer = await _open(host, port, tls, source, server_name)
    except (OSError, ssl.SSLError):
        tally.refused += 1
        return
    tally.opened += 1
    answer = "cut"
    try:
        writer.write((f"PUT /v1/bundles/{bundle_id} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {BUNDLE_TYPE}\r\n"
                      f"Content-Length: {size}\r\nConnection: close\r\n\r\n").encode("ascii") + prefix)
        sent = len(prefix)
        reply = asyncio.ensure_future(reader.readline())
        while sent < size and not stop.is_set() and not reply.done():
            part = _BLOCK[: min(len(_BLOCK), size - sent)]
            writer.write(part)
            await writer.drain()
            sent += len(part)
        if not stop.is_set():
            line = await asyncio.wait_for(reply, 120)
            answer = line.split()[1].decode("ascii") if line.startswith(b"HTTP/1.") else "cut"
        reply.cancel()
    except (OSError, ssl.SSLError, TimeoutError, IndexError, asyncio.IncompleteReadError):
        answer = "cut"
    finally:
        writer.close()
        with contextlib.suppress(OSError, ssl.SSLError, TimeoutError):
            await asyncio.wait_for(writer.wait_closed(), 5)
    tally.answers[answer] = tally.answers.get(answer, 0) + 1


def rss_bytes(pid: int) -> int:
    """Resident memory of a process and its children (the bundle readers), from /proc."""
    total = 0
    for each in [pid, *_children(pid)]:
        with contextlib.suppress(OSError):
            with open(f"/proc/{each}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
    return total


def _children(pid: int) -> Iterator[int]:
    with contextlib.suppress(OSError):
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as children:
                for child in children.read().split():
                    yield int(child)
                    yield from _children(int(child))


async def watch_rss(pid: int, baseline: int, limit: int, stop: asyncio.Event, on_over: Callable[[], None],
                    every_s: float = 0.05) -> int:
    """Sample RSS until `stop`; call `on_over` (once) as soon as it grows past `limit`. Returns the peak growth."""
    peak = 0
    over = False
    while not stop.is_set():
        peak = max(peak, rss_bytes(pid) - baseline)
        if peak > limit and not over:
            over = True
            on_over()
        await asyncio.sleep(every_s)
    return peak

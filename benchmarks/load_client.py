"""A lean load generator for the upload benchmark: one HTTPS PUT per bundle on asyncio streams.

On loopback the load generator shares the server's cores, which 50 wing PCs would not. httpx2 (what a wing uses)
spent ~0.3 s of CPU per burst of 50 x 1 MB uploads on the benchmark's 2 vCPUs, this client ~0.12 s; both do the
same TLS work (a fresh, certificate-verified connection per upload) and HTTP/1.1 exchange. An upload counts only
when the server answers 200 with the whole body it announced.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import time
from urllib.parse import urlsplit


async def put(base: str, path: str, data: bytes, content_type: str, tls: ssl.SSLContext | None) -> tuple[float, bool]:
    """(seconds, answered 200 with a complete body) for one PUT on its own connection."""
    url = urlsplit(base)
    host, port = url.hostname or "127.0.0.1", url.port or (443 if tls else 80)
    start = time.perf_counter()
    try:
        reader, writer = await asyncio.open_connection(host, port, ssl=tls, limit=1 << 20)
    except (OSError, ssl.SSLError):
        return time.perf_counter() - start, False
    try:
        writer.write(
            f"PUT {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n".encode("ascii")
        )
        writer.write(data)
        await writer.drain()
        ok = await _read_response(reader)
    except (OSError, ssl.SSLError, asyncio.IncompleteReadError, ValueError, IndexError):
        ok = False
    finally:
        writer.close()
        with contextlib.suppress(OSError, ssl.SSLError):
            await writer.wait_closed()
    return time.perf_counter() - start, ok


async def _read_response(reader: asyncio.StreamReader) -> bool:
    status = (await reader.readline()).split(None, 2)
    length = None
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    body = await reader.readexactly(length) if length is not None else await reader.read()
    return status[0].startswith(b"HTTP/1.") and status[1] == b"200" and len(body) > 0


async def put_all(
    base: str, uploads: list[tuple[str, bytes]], content_type: str, tls: ssl.SSLContext | None
) -> tuple[list[float], int]:
    """PUT every (path, body) at once; (latencies, errors)."""
    results = await asyncio.gather(*(put(base, path, data, content_type, tls) for path, data in uploads))
    return [seconds for seconds, _ in results], sum(1 for _, ok in results if not ok)


async def put_all_httpx2(
    base: str, uploads: list[tuple[str, bytes]], content_type: str, tls: ssl.SSLContext | None
) -> tuple[list[float], int]:
    """The same with httpx2 as the load generator (`benchmarks/sync.py --client httpx2`), for comparison."""
    import httpx2

    async with httpx2.AsyncClient(
        base_url=base, verify=tls or False, timeout=60, limits=httpx2.Limits(max_connections=len(uploads))
    ) as client:

        async def one(path: str, data: bytes) -> tuple[float, bool]:
            start = time.perf_counter()
            try:
                response = await client.put(path, content=data, headers={"content-type": content_type})
                ok = response.status_code == 200 and len(response.content) > 0
            except httpx2.HTTPError:
                ok = False
            return time.perf_counter() - start, ok

        results = await asyncio.gather(*(one(path, data) for path, data in uploads))
    return [seconds for seconds, _ in results], sum(1 for _, ok in results if not ok)


CLIENTS = {"lean": put_all, "httpx2": put_all_httpx2}

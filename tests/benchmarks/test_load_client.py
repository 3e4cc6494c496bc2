"""The upload benchmark's load generator counts an upload only when the server really answered it."""

from __future__ import annotations

import asyncio
import socket
import ssl
import sys
from pathlib import Path

import pytest
import trustme

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from load_client import put_all  # noqa: E402 - the benchmarks folder is not a package

BODY = b"bundle bytes " * 1000


@pytest.fixture(scope="module")
def ca():
    return trustme.CA()


def _server_tls(ca) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    return context


def _client_tls(ca) -> ssl.SSLContext:
    context = ssl.create_default_context()
    ca.configure_trust(context)
    return context


async def _serve_once(reply: bytes, server_tls: ssl.SSLContext, client_tls: ssl.SSLContext) -> tuple[list, int, bytes]:
    """One PUT against a server that reads the request and answers `reply`; (latencies, errors, request seen)."""
    seen = bytearray()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        length = int(
            next(line for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")).split(b":")[1]
        )
        seen.extend(head + await reader.readexactly(length))
        writer.write(reply)
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=server_tls)
    port = server.sockets[0].getsockname()[1]
    async with server:
        latencies, errors = await put_all(f"https://127.0.0.1:{port}", [("/v1/bundles/x", BODY)], "a/b", client_tls)
    return latencies, errors, bytes(seen)


def _run(ca, reply: bytes):
    return asyncio.run(_serve_once(reply, _server_tls(ca), _client_tls(ca)))


def test_a_complete_200_counts_and_the_whole_bundle_was_sent(ca):
    latencies, errors, seen = _run(ca, b"HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nreceipt")
    assert errors == 0 and len(latencies) == 1
    assert seen.startswith(b"PUT /v1/bundles/x HTTP/1.1\r\n") and seen.endswith(BODY)
    assert b"Content-Type: a/b\r\n" in seen and f"Content-Length: {len(BODY)}\r\n".encode() in seen


@pytest.mark.parametrize(
    "reply",
    [
        b"HTTP/1.1 200 OK\r\nContent-Length: 70\r\n\r\nreceipt",  # cut short
        b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",  # no receipt
        b"HTTP/1.1 202 Accepted\r\nContent-Length: 7\r\n\r\nreceipt",  # quarantined, not stored
        b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 2\r\n\r\nno",
        b"",  # closed without a word
    ],
)
def test_anything_else_is_an_error(ca, reply):
    _, errors, _ = _run(ca, reply)
    assert errors == 1


def test_an_untrusted_certificate_is_an_error(ca):
    async def scenario() -> int:
        server = await asyncio.start_server(lambda r, w: w.close(), "127.0.0.1", 0, ssl=_server_tls(ca))
        port = server.sockets[0].getsockname()[1]
        async with server:
            _, errors = await put_all(
                f"https://127.0.0.1:{port}", [("/v1/bundles/x", BODY)], "a/b", _client_tls(trustme.CA())
            )
        return errors

    assert asyncio.run(scenario()) == 1


def test_a_closed_port_is_an_error(ca):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _, errors = asyncio.run(put_all(f"https://127.0.0.1:{port}", [("/v1/bundles/x", BODY)], "a/b", _client_tls(ca)))
    assert errors == 1

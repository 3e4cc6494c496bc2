"""The receiver against single hostile clients: header deadline, per-client cap, header verified before the body,
slow bodies, the spool budget. A real uvicorn (the served configuration) on 127.0.0.1 in a thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx2
import pytest
import uvicorn

from tests.hq.conftest import Wing
from wingdesk.hq.guard import ConnectionLimits
from wingdesk.hq.server import server_config
from wingdesk.hq.upload import BodyLimits
from wingdesk.sync.header import parse_header_bytes, split_frame

pytestmark = pytest.mark.timeout(60)
TYPE = "application/vnd.wingdesk.bundle"


@contextmanager
def served(ctx, connections: ConnectionLimits, body: BodyLimits | None = None) -> Iterator[int]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = server_config(ctx, "127.0.0.1", 0, connections=connections, body=body)
    config.log_level = "error"
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        yield sock.getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def _connect(port: int, source: str = "127.0.0.1") -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(source, 0))


def _closed_within(raw: socket.socket, seconds: float) -> bool:
    raw.settimeout(seconds)
    try:
        while raw.recv(4096):
            pass
        return True
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def _head(data: bytes, length: int | None = None) -> bytes:
    bundle_id = parse_header_bytes(split_frame(data).header_bytes).bundle_id
    return (f"PUT /v1/bundles/{bundle_id} HTTP/1.1\r\nHost: x\r\nContent-Type: {TYPE}\r\n"
            f"Content-Length: {length or len(data)}\r\n\r\n").encode()


def test_a_client_that_sends_no_header_or_a_byte_at_a_time_is_cut_off(sqlite_ctx):
    with served(sqlite_ctx, ConnectionLimits(header_timeout_s=0.5)) as port:
        silent = _connect(port)
        started = time.monotonic()
        assert _closed_within(silent, 5) and time.monotonic() - started < 3
        trickle = _connect(port)
        started = time.monotonic()
        with pytest.raises(OSError):
            for byte in b"GET /v1/health HTTP/1.1\r\nHost: x\r\n":
                trickle.sendall(bytes([byte]))
                time.sleep(0.1)
        assert time.monotonic() - started < 3
        with httpx2.Client(base_url=f"http://127.0.0.1:{port}") as client:  # a prompt client is served
            assert client.get("/v1/health").status_code == 200


def test_one_client_address_cannot_hold_more_than_its_cap(sqlite_ctx):
    with served(sqlite_ctx, ConnectionLimits(header_timeout_s=30, per_client=3)) as port:
        held = [_connect(port, "127.0.0.2") for _ in range(3)]
        time.sleep(0.2)
        over = _connect(port, "127.0.0.2")
        assert _closed_within(over, 2), "the fourth connection from one address was kept"
        other = _connect(port, "127.0.0.3")
        other.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
        assert other.recv(100).startswith(b"HTTP/1.1 200")
        held[0].close()
        time.sleep(0.2)
        again = _connect(port, "127.0.0.2")  # a closed connection frees its place
        again.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
        assert again.recv(100).startswith(b"HTTP/1.1 200")
        for raw in [*held, over, other, again]:
            raw.close()


def test_a_forged_header_is_refused_before_any_of_the_body_is_read(sqlite_ctx, make_wing):
    """Announced as 200 MiB, the body never sent: the refusal comes from the header and signature alone."""
    wing = make_wing(target=sqlite_ctx)
    stranger = Wing(sqlite_ctx.keys)
    stranger.device_id = wing.device_id  # claims an enrolled device, signed with another key
    forged = stranger.bundle()
    head = forged[: len(forged) - parse_header_bytes(split_frame(forged).header_bytes).payload_len]
    with served(sqlite_ctx, ConnectionLimits()) as port:
        raw = _connect(port)
        raw.sendall(_head(forged, 200 * 1024 * 1024) + head)
        raw.settimeout(3)
        reply = raw.recv(4096)
        raw.close()
    assert reply.startswith(b"HTTP/1.1 422") and b"unknown_signer" in reply and b"connection: close" in reply


def test_a_flipped_version_byte_over_https_is_a_bad_signature(sqlite_ctx, make_wing):
    wing = make_wing(target=sqlite_ctx)
    genuine = wing.bundle()
    data = bytearray(genuine)
    data[data.index(b'"v":1') + 4] = ord("2")
    with served(sqlite_ctx, ConnectionLimits()) as port:
        raw = _connect(port)
        raw.sendall(_head(genuine) + bytes(data))
        raw.settimeout(3)
        reply = raw.recv(4096)
        raw.close()
    assert reply.startswith(b"HTTP/1.1 422") and b"signature_invalid" in reply


def test_a_body_slower_than_the_minimum_rate_is_cut_off(sqlite_ctx, make_wing):
    wing = make_wing(target=sqlite_ctx)
    data = wing.bundle(n=50)
    payload_len = parse_header_bytes(split_frame(data).header_bytes).payload_len
    head_len = len(data) - payload_len
    limits = BodyLimits(idle_timeout_s=5, grace_s=0.5, min_rate=10_000)
    with served(sqlite_ctx, ConnectionLimits(), limits) as port:
        raw = _connect(port)
        raw.sendall(_head(data) + data[:head_len])
        started = time.monotonic()
        reply = b""
        raw.settimeout(0.1)
        for byte in data[head_len:]:  # every byte arrives well within the idle timeout, but at ~10 bytes/s
            try:
                raw.sendall(bytes([byte]))
                reply = raw.recv(4096)
            except TimeoutError:
                continue
            except OSError:
                break
            if reply or time.monotonic() - started > 10:
                break
        raw.close()
    assert reply.startswith(b"HTTP/1.1 408"), reply
    assert time.monotonic() - started < 5


def test_uploads_past_the_spool_budget_are_told_to_come_back_later(sqlite_ctx, make_wing, tmp_path):
    wing = make_wing(target=sqlite_ctx)
    big = wing.bundle(n=400)
    spool = tmp_path / "spool"
    spool.mkdir()
    limits = BodyLimits(spool_budget=len(big) - 1, spool_dir=spool)
    with served(sqlite_ctx, ConnectionLimits(), limits) as port:
        with httpx2.Client(base_url=f"http://127.0.0.1:{port}") as client:
            bundle_id = parse_header_bytes(split_frame(big).header_bytes).bundle_id
            busy = client.put(f"/v1/bundles/{bundle_id}", content=big, headers={"content-type": TYPE})
            assert (busy.status_code, busy.json()) == (503, {"error": "hq_busy"}) and busy.headers["retry-after"]
            small = wing.bundle(n=1)
            bundle_id = parse_header_bytes(split_frame(small).header_bytes).bundle_id
            ok = client.put(f"/v1/bundles/{bundle_id}", content=small, headers={"content-type": TYPE})
            assert ok.status_code in (200, 202)
    assert list(spool.iterdir()) == []  # spooled bodies never outlive their upload


def test_an_unknown_device_is_refused_on_its_header(sqlite_ctx):
    stranger = Wing(sqlite_ctx.keys)
    data = stranger.bundle()
    with served(sqlite_ctx, ConnectionLimits()) as port:
        raw = _connect(port)
        raw.sendall(_head(data, 100 * 1024 * 1024) + data[:2000])
        raw.settimeout(3)
        reply = raw.recv(4096)
        raw.close()
    assert reply.startswith(b"HTTP/1.1 422") and b"unknown_device" in reply


def test_behind_a_proxy_the_receiver_will_not_listen_beyond_loopback(tmp_path, monkeypatch, capsys):
    """Without the per-client cap (the proxy's job) the receiver must not be reachable except through the proxy."""
    from tests.hq.test_cli import run

    data_dir = tmp_path / "hq"
    assert run(monkeypatch, capsys, data_dir, "init", "--kdf-memory-mib", "64")[0] == 0
    code, _out, err = run(monkeypatch, capsys, data_dir, "serve", "--behind-proxy", "--host", "0.0.0.0")
    assert code != 0 and err.count("\n") == 1 and "loopback" in err

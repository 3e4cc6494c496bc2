"""The HTTPS receiver: status codes, real uvicorn over TLS on loopback, dropped and slow uploads."""

from __future__ import annotations

import socket
import ssl
import threading
import time
import uuid

import httpx2
import pytest
import trustme
from starlette.testclient import TestClient

from tests.loopback_server import running_server
from wingdesk.hq.http_app import BUNDLE_TYPE, create_app
from wingdesk.hq.ingest import ingest
from wingdesk.hq.upload import BodyLimits
from wingdesk.sync.header import parse_header_bytes, split_frame
from wingdesk.sync.receipts import verify_receipt


def _id(data: bytes) -> str:
    return parse_header_bytes(split_frame(data).header_bytes).bundle_id


def _put(client, data: bytes, bundle_id: str | None = None, **headers):
    headers.setdefault("content-type", BUNDLE_TYPE)
    return client.put(f"/v1/bundles/{bundle_id or _id(data)}", content=data, headers=headers)


@pytest.fixture
def hq(sqlite_ctx, hq_keys, make_wing):
    wing = make_wing(target=sqlite_ctx)
    return sqlite_ctx, wing


def test_status_codes(hq):
    ctx, wing = hq
    client = TestClient(create_app(ctx))
    data = wing.bundle()
    ok = _put(client, data)
    assert ok.status_code == 200 and ok.headers["content-type"] == "application/vnd.wingdesk.receipt+json"
    assert verify_receipt(ok.content, ctx.keys.current.sign_public).status == "accepted"
    again = _put(client, data)
    assert (
        again.status_code == 200 and again.content == ok.content and again.headers["x-wingdesk-outcome"] == "duplicate"
    )
    assert _put(client, data, **{"content-type": "text/plain"}).status_code == 415
    assert _put(client, data, bundle_id="not-a-uuid").status_code == 422
    assert _put(client, data, bundle_id=_id(data) + "%0A").json() == {"error": "bad_bundle_id"}
    assert _put(client, data, bundle_id=str(uuid.uuid4())).json() == {"error": "bundle_id_mismatch"}
    assert _put(client, data[:-10]).json() == {"error": "bundle_truncated"}
    assert _put(client, b"junk", bundle_id=str(uuid.uuid4())).status_code == 422
    wing.seq -= 1
    assert _put(client, wing.bundle(bundle_id=_id(data))).status_code == 409
    wing.seq, wing.prev = 0, "0" * 64
    assert _put(client, wing.bundle()).status_code == 202  # fork: quarantined


def test_size_caps_and_digest(hq):
    ctx, wing = hq
    ctx.max_bundle_len = 2048
    client = TestClient(create_app(ctx))
    big = wing.bundle(n=200)
    assert _put(client, big).status_code == 413
    small = wing.bundle(n=1)
    assert _put(client, small, **{"repr-digest": "sha-256=:AAAA:"}).json() == {"error": "digest_mismatch"}


@pytest.fixture(scope="module")
def tls():
    ca = trustme.CA()
    return ca, ca.issue_cert("127.0.0.1")


def test_https_round_trip_and_parallel_usb_import(hq, tls, tmp_path):
    ctx, wing = hq
    ca, _ = tls
    ssl_context = ssl.create_default_context()
    ca.configure_trust(ssl_context)
    with running_server(ctx, tls[1], tmp_path) as url, httpx2.Client(base_url=url, verify=ssl_context) as client:
        first = _put(client, wing.bundle(n=5))
        assert first.status_code == 200
        assert verify_receipt(first.content, ctx.keys.current.sign_public).counts["new"] == 5
        # the same bundle from USB and HTTPS at the same moment: one accepted, one duplicate, same receipt
        for _ in range(3):
            data = wing.bundle(n=50)
            results = {}
            usb = threading.Thread(target=lambda: results.__setitem__("usb", ingest(ctx, data)))
            usb.start()
            response = _put(client, data)
            usb.join()
            outcomes = sorted([results["usb"].outcome, response.headers["x-wingdesk-outcome"]])
            assert outcomes == ["accepted", "duplicate"]
            assert results["usb"].receipt == response.content
    with pytest.raises(httpx2.ConnectError):  # the client is pinned to the throwaway CA
        httpx2.get(url + "/v1/health", verify=ssl.create_default_context(), timeout=2)


def test_dropped_upload_then_retry_is_idempotent(hq):
    ctx, wing = hq
    data = wing.bundle(n=20)
    with running_server(ctx) as url:
        port = int(url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port)) as raw:
            raw.sendall(
                (
                    f"PUT /v1/bundles/{_id(data)} HTTP/1.1\r\nHost: x\r\nContent-Type: {BUNDLE_TYPE}\r\n"
                    f"Content-Length: {len(data)}\r\n\r\n"
                ).encode()
                + data[: len(data) // 2]
            )
        time.sleep(0.2)
        with httpx2.Client(base_url=url) as client:
            assert _put(client, data).headers["x-wingdesk-outcome"] == "accepted"
            assert _put(client, data).headers["x-wingdesk-outcome"] == "duplicate"


def test_slow_upload_times_out(hq):
    ctx, wing = hq
    data = wing.bundle()
    with running_server(ctx, limits=BodyLimits(idle_timeout_s=0.5)) as url:
        port = int(url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
            raw.sendall(
                (
                    f"PUT /v1/bundles/{_id(data)} HTTP/1.1\r\nHost: x\r\nContent-Type: {BUNDLE_TYPE}\r\n"
                    f"Content-Length: {len(data)}\r\n\r\n"
                ).encode()
                + data[:10]
            )
            reply = raw.recv(200)
        assert b" 408 " in reply


def test_a_content_length_that_is_not_ascii_digits_is_refused_not_a_crash(hq):
    """Starlette hands over header values as latin-1 text, where "²" passes str.isdigit but not int()."""
    import asyncio

    ctx, wing = hq
    app = create_app(ctx)
    data = wing.bundle()
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": data, "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "PUT",
        "scheme": "http",
        "path": f"/v1/bundles/{_id(data)}",
        "raw_path": f"/v1/bundles/{_id(data)}".encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"content-type", BUNDLE_TYPE.encode()), (b"content-length", "²".encode("latin-1"))],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 413


def test_a_database_that_fails_answers_503_and_stores_nothing(hq, monkeypatch):
    """A full or read-only disk under HQ's database: one line in the log, 503 with Retry-After for the wing (which
    keeps the bundle and sends it again), not a 500 with a traceback; the retry is accepted once the disk is back."""
    import sqlite3

    from wingdesk.hq import http_app

    ctx, wing = hq
    client = TestClient(create_app(ctx), raise_server_exceptions=False)
    data = wing.bundle()

    def full_disk(*_args):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(http_app, "ingest", full_disk)
    refused = _put(client, data)
    assert (refused.status_code, refused.json()) == (503, {"error": "hq_storage_unavailable"})
    assert refused.headers["retry-after"] == "300"
    monkeypatch.setattr(http_app, "ingest", lambda *_args: (_ for _ in ()).throw(KeyError("bug")))
    assert _put(client, data).status_code == 500  # any other failure is still a server error
    monkeypatch.undo()
    assert _put(client, data).status_code == 200


def test_a_database_that_is_really_full_answers_503_logs_no_record_text_and_takes_the_retry(
    tmp_path, hq_keys, caplog, monkeypatch
):
    """SQLite itself refuses to grow the database (its page cap: SQLITE_FULL, what a full disk gives) inside the real
    group commit: 503 for the wing, one log line naming the cause and no record text, nothing stored; once there is
    room again the same bundle is accepted."""
    from tests.hq.conftest import Clock, Wing, enrol, make_record
    from wingdesk.hq import store as hq_store
    from wingdesk.hq.ingest import HqContext

    conns, cap = [], []
    real = hq_store._sqlite_connect

    def capped(path, autocheckpoint=True):
        connect = real(path, autocheckpoint)

        def opened():
            conn = connect()
            if cap:
                conn.execute(f"PRAGMA max_page_count = {cap[0]}")
            conns.append(conn)
            return conn

        return opened

    monkeypatch.setattr(hq_store, "_sqlite_connect", capped)
    store = hq_store.open_store(tmp_path / "hq")
    try:
        ctx = HqContext(store, hq_keys, clock=Clock())
        wing = enrol(ctx, Wing(hq_keys))
        client = TestClient(create_app(ctx), raise_server_exceptions=False)
        assert _put(client, wing.bundle()).status_code == 200
        cap.append(conns[0].execute("PRAGMA page_count").fetchone()[0])
        for conn in conns:
            conn.execute(f"PRAGMA max_page_count = {cap[0]}")
        secret = "CANARY-full-disk-record-text"
        data = wing.bundle([make_record(i, text=f"{secret} {i}") for i in range(200)])
        with caplog.at_level("INFO"):
            refused = _put(client, data)
        assert (refused.status_code, refused.json()) == (503, {"error": "hq_storage_unavailable"})
        assert "database unavailable: OperationalError SQLITE_FULL" in caplog.text and secret not in caplog.text
        with store.transaction(write=False) as repo:
            assert repo.get_device(wing.device_id).hcs == 1 and repo.bundle_at(wing.device_id, 2) is None
        for conn in conns:
            conn.execute("PRAGMA max_page_count = 1073741823")
        cap.clear()
        retry = _put(client, data)
        assert retry.status_code == 200 and verify_receipt(retry.content, hq_keys.current.sign_public).hcs == 2
    finally:
        store.close()

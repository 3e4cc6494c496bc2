"""Helpers for wing-side sync tests: an HQ on SQLite, enrolment, a real uvicorn over TLS on loopback."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime

import uvicorn

from wingdesk.hq.devices import enrol_device
from wingdesk.hq.http_app import create_app
from wingdesk.hq.ingest import HqContext
from wingdesk.sync.hq_key_file import make_hq_key_file

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def hq_key_file(ctx: HqContext) -> bytes:
    return make_hq_key_file(ctx.keys.current, ctx.env, ctx.keys.hq_name, "2025-01-01T00:00:00Z")


def enrol(session, ctx: HqContext) -> str:
    """Enrol the wing of `session` at HQ; returns its device id."""
    request, code = session.sync.enrol(hq_key_file(ctx))
    enrol_device(ctx.store, request, code, ctx.env, NOW)
    return session.sync.status().device_id


@contextmanager
def running_server(ctx: HqContext, cert=None, tmp_path=None):
    """Real uvicorn on 127.0.0.1, port 0, in a thread (TLS when a trustme cert is given); yields the URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    kwargs = {}
    if cert is not None:
        cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
        cert.cert_chain_pems[0].write_to_path(str(cert_path))
        cert.private_key_pem.write_to_path(str(key_path))
        kwargs = {"ssl_certfile": str(cert_path), "ssl_keyfile": str(key_path)}
    server = uvicorn.Server(uvicorn.Config(create_app(ctx), log_level="error", access_log=False, **kwargs))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        yield f"{'https' if cert is not None else 'http'}://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()

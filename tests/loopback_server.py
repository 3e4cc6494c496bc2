"""A real uvicorn HQ receiver on 127.0.0.1 (port 0) in a thread, optionally over TLS, for the sync and HQ tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from wingdesk.hq.http_app import create_app


@contextmanager
def running_server(ctx: Any, cert: Any = None, tmp_path: Any = None, **app_kwargs: Any) -> Iterator[str]:
    """Yields the base URL; `cert` is a trustme leaf certificate (TLS), written to `tmp_path`."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    kwargs = {}
    if cert is not None:
        cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
        cert.cert_chain_pems[0].write_to_path(str(cert_path))
        cert.private_key_pem.write_to_path(str(key_path))
        kwargs = {"ssl_certfile": str(cert_path), "ssl_keyfile": str(key_path)}
    config = uvicorn.Config(create_app(ctx, **app_kwargs), log_level="error", access_log=False, **kwargs)
    server = uvicorn.Server(config)
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

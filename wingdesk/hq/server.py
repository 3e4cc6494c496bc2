"""Run the receiver under uvicorn, with uvicorn's own TLS when a certificate and key are given."""

from __future__ import annotations

import dataclasses
import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from wingdesk.hq.contents import ContentsPool
from wingdesk.hq.guard import ConnectionLimits, guarded_protocol
from wingdesk.hq.heap import retain_freed_memory, warm_heap
from wingdesk.hq.http_app import create_app
from wingdesk.hq.ingest import HqContext
from wingdesk.hq.upload import BodyLimits

log = logging.getLogger(__name__)


# Idle and slow connections cost the event loop little, but uvicorn answers 503 to every request past
# `limit_concurrency` open connections: the cap is per client address (`guard.ConnectionLimits`), this only bounds
# file descriptors. Within a client's cap, the header deadline and the body timeouts free what stalls.
MAX_CONNECTIONS = 4096


def server_config(
    ctx: HqContext,
    host: str,
    port: int,
    tls_cert: Path | None = None,
    tls_key: Path | None = None,
    *,
    behind_proxy: bool = False,
    connections: ConnectionLimits | None = None,
    body: BodyLimits | None = None,
) -> uvicorn.Config:
    """uvicorn settings: header deadline and per-client cap (`guard`), body timeouts and disk spooling (`upload`),
    short keep-alive, no per-request access log. `behind_proxy`: every connection comes from the reverse proxy,
    which caps connections per real client itself (docs/deployment.md), so no per-client cap here."""
    connections = connections or ConnectionLimits(per_client=None if behind_proxy else ConnectionLimits.per_client)
    return uvicorn.Config(
        create_app(ctx, limits=body, close_on_refusal=not behind_proxy),
        host=host,
        port=port,
        http=guarded_protocol(connections),
        log_level="warning",
        access_log=False,
        ssl_certfile=str(tls_cert) if tls_cert else None,
        ssl_keyfile=str(tls_key) if tls_key else None,
        timeout_keep_alive=5,
        limit_concurrency=MAX_CONNECTIONS,
        backlog=1024,
        h11_max_incomplete_event_size=64 * 1024,
        proxy_headers=False,  # the client address is the TCP peer: never a header an attacker can write
    )


@contextmanager
def reading_in_workers(ctx: HqContext, workers: int | None = None) -> Iterator[HqContext]:
    """`ctx` with bundles decrypted, parsed and hashed in worker processes (one per core by default), and the
    server's heap kept and warmed for bursts of uploads (`wingdesk.hq.heap`)."""
    if retain_freed_memory():  # the server copies every upload a few times too
        warm_heap()
    pool = ContentsPool(workers).start()
    try:
        yield dataclasses.replace(ctx, read_contents=pool.read, prepare_slots=2 * pool.workers)
    finally:
        pool.close()


class _Terminated(Exception):
    """SIGTERM, after uvicorn's graceful shutdown: unwinds so the readers and the store are closed."""


def _terminated(_signum: int, _frame: object) -> None:
    raise _Terminated()


def serve(
    ctx: HqContext,
    host: str,
    port: int,
    tls_cert: Path | None = None,
    tls_key: Path | None = None,
    *,
    behind_proxy: bool = False,
) -> None:
    """Block serving until interrupted (Ctrl+C) or told to stop (SIGTERM, e.g. by the service manager).

    uvicorn shuts down gracefully on either and then raises the signal again for its caller; with the default
    SIGTERM action that would end the process before the readers and the store were closed.
    """
    previous = (
        signal.signal(signal.SIGTERM, _terminated) if threading.current_thread() is threading.main_thread() else None
    )
    try:
        with reading_in_workers(ctx) as pooled:
            config = server_config(pooled, host, port, tls_cert, tls_key, behind_proxy=behind_proxy)
            uvicorn.Server(config).run()
    except _Terminated:
        log.info("stopped by SIGTERM")
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)

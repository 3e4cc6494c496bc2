"""uvicorn's HTTP protocol with what a receiver facing hostile clients needs before the app sees a request:
a deadline for the request line and headers, and a cap on the connections one client address may hold.

uvicorn's own `timeout_keep_alive` only runs between requests, so a client that connects and sends nothing (or a
header byte a second) holds its connection forever; ~200 such made a genuine upload get 503. Body timeouts are the
app's (`wingdesk.hq.upload`), where the bytes are read.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from dataclasses import dataclass

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ConnectionLimits:
    """`per_client` None: no cap (behind a reverse proxy every connection comes from the proxy's address, and the
    proxy caps per real client). A wing holds one connection at a time, but a prison's wings may reach HQ from one
    NAT address: the cap must stay above the number of wing PCs behind one address."""

    header_timeout_s: float = 10.0
    per_client: int | None = 32


def guarded_protocol(limits: ConnectionLimits) -> type[HttpToolsProtocol]:
    """A protocol class for `uvicorn.Config(http=...)`; its per-client counts are shared by its connections."""
    open_per_client: Counter[str] = Counter()

    class GuardedProtocol(HttpToolsProtocol):
        _header_timer: asyncio.TimerHandle | None = None
        _counted: str | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            host = self.client[0] if self.client else None
            if host is not None and limits.per_client is not None:
                if open_per_client[host] >= limits.per_client:
                    log.warning("connection refused: client over its connection cap")
                    transport.abort()
                    return
                open_per_client[host] += 1
                self._counted = host
            self._arm_header_timer()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm_header_timer()
            if self._counted is not None:
                open_per_client[self._counted] -= 1
                if open_per_client[self._counted] <= 0:
                    del open_per_client[self._counted]
                self._counted = None
            super().connection_lost(exc)

        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._arm_header_timer()  # a pipelined or keep-alive request gets the same deadline

        def on_headers_complete(self) -> None:
            self._disarm_header_timer()
            super().on_headers_complete()

        def _arm_header_timer(self) -> None:
            if self._header_timer is None:
                self._header_timer = self.loop.call_later(limits.header_timeout_s, self._header_timed_out)

        def _disarm_header_timer(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _header_timed_out(self) -> None:
            self._header_timer = None
            if not self.transport.is_closing():
                self.transport.abort()

    return GuardedProtocol

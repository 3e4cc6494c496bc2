"""Helpers for wing-side sync tests: an HQ on SQLite, enrolment, a real uvicorn over TLS on loopback."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.loopback_server import running_server  # noqa: F401 - re-exported for the sync tests
from wingdesk.hq.devices import enrol_device
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

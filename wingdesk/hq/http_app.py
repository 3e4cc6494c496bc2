"""HTTPS receiver (Starlette): PUT /v1/bundles/{bundle_id} with the bundle bytes, answered by a receipt."""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import re

import anyio
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from wingdesk.hq.errors import BundleConflict, DeviceRevoked, UnknownDevice
from wingdesk.hq.ingest import HqContext, ingest
from wingdesk.hq.store import database_error_kind, is_database_error
from wingdesk.sync.errors import (
    BundleFormatError,
    BundleTooLarge,
    EnvironmentMismatch,
    PayloadTooLarge,
    SyncError,
    WrongRecipient,
)
from wingdesk.sync.header import MAX_HEADER_LEN, frame_header, is_uuid, parse_header_bytes

log = logging.getLogger(__name__)
BUNDLE_TYPE = "application/vnd.wingdesk.bundle"
RECEIPT_TYPE = "application/vnd.wingdesk.receipt+json"
_DIGEST = re.compile(r"sha-256=:([A-Za-z0-9+/=]+):")
_STATUS = {
    BundleTooLarge: 413,
    PayloadTooLarge: 413,
    BundleConflict: 409,
    DeviceRevoked: 403,
    WrongRecipient: 422,
    EnvironmentMismatch: 422,
    UnknownDevice: 422,
    BundleFormatError: 422,
}


def _error(code: str, status: int) -> JSONResponse:
    return JSONResponse({"error": code}, status_code=status)


def _status_for(error: SyncError) -> int:
    for kind, status in _STATUS.items():
        if isinstance(error, kind):
            return status
    return 422


async def _read_body(request: Request, cap: int) -> bytes | None:
    """Read at most `cap` bytes; None when the client sends more. Joined once at the end: one copy of the body."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        chunks.append(chunk)
        size += len(chunk)
        if size > cap:
            return None
    return b"".join(chunks)


def _digest_ok(request: Request, body: bytes) -> bool:
    value = request.headers.get("repr-digest")
    if not value:
        return True
    match = _DIGEST.search(value)
    try:
        return match is not None and base64.b64decode(match.group(1), validate=True) == hashlib.sha256(body).digest()
    except binascii.Error:
        return False


def create_app(ctx: HqContext, *, body_timeout_s: float = 600.0) -> Starlette:
    """The receiver; `body_timeout_s` bounds a whole upload (slowloris defence)."""
    cap = ctx.max_bundle_len + MAX_HEADER_LEN + 1024

    async def put_bundle(request: Request) -> Response:
        bundle_id = request.path_params["bundle_id"]
        if not is_uuid(bundle_id):
            return _error("bad_bundle_id", 422)
        if request.headers.get("content-type", "").split(";")[0].strip().lower() != BUNDLE_TYPE:
            return _error("unsupported_media_type", 415)
        declared = request.headers.get("content-length")
        # isdigit alone takes e.g. "²", which int() refuses: ASCII digits only
        if declared is not None and (not (declared.isascii() and declared.isdigit()) or int(declared) > cap):
            return _error("bundle_too_large", 413)
        try:
            with anyio.fail_after(body_timeout_s):
                body = await _read_body(request, cap)
        except TimeoutError:
            return _error("timeout", 408)
        except ClientDisconnect:
            return Response(status_code=400)
        if body is None:
            return _error("bundle_too_large", 413)
        if not _digest_ok(request, body):
            return _error("digest_mismatch", 422)
        try:
            if parse_header_bytes(frame_header(body, ctx.max_bundle_len)).bundle_id != bundle_id:
                return _error("bundle_id_mismatch", 422)
            result = await run_in_threadpool(ingest, ctx, body)
        except SyncError as error:
            log.info("bundle refused: %s", error.code)
            return _error(error.code, _status_for(error))
        except Exception as error:
            if not is_database_error(error):
                raise
            # nothing was stored (one transaction): the wing keeps the bundle and sends it again later
            log.error("bundle not stored, database unavailable: %s", database_error_kind(error))
            return JSONResponse({"error": "hq_storage_unavailable"}, status_code=503, headers={"Retry-After": "300"})
        return Response(
            result.receipt,
            status_code=result.http_status,
            media_type=RECEIPT_TYPE,
            headers={"X-Wingdesk-Outcome": result.outcome},
        )

    async def health(_request: Request) -> Response:
        return JSONResponse({"status": "ok", "env": ctx.env})

    return Starlette(
        routes=[
            Route("/v1/bundles/{bundle_id}", put_bundle, methods=["PUT"]),
            Route("/v1/health", health, methods=["GET"]),
        ]
    )

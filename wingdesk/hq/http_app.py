"""HTTPS receiver (Starlette): PUT /v1/bundles/{bundle_id} with the bundle bytes, answered by a receipt."""

from __future__ import annotations

import base64
import binascii
import logging
import re

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from wingdesk.hq.errors import BundleConflict, DeviceRevoked, UnknownDevice
from wingdesk.hq.ingest import HqContext, ingest, verify_upload_head
from wingdesk.hq.store import database_error_kind, is_database_error
from wingdesk.hq.upload import BodyLimits, SpoolBudget, UploadRefused, receive_bundle
from wingdesk.sync.errors import (
    BundleFormatError,
    BundleTooLarge,
    EnvironmentMismatch,
    PayloadTooLarge,
    SyncError,
    WrongRecipient,
)
from wingdesk.sync.header import MAX_HEADER_LEN, BundleHeader, is_uuid

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


def _error(code: str, status: int, *, close: bool = False) -> JSONResponse:
    headers = {"Connection": "close"} if close else None  # the rest of that upload is not read
    if status == 503:
        headers = {**(headers or {}), "Retry-After": "60"}
    return JSONResponse({"error": code}, status_code=status, headers=headers)


def _status_for(error: SyncError) -> int:
    for kind, status in _STATUS.items():
        if isinstance(error, kind):
            return status
    return 422


def _digest_ok(request: Request, body_sha256: str) -> bool:
    value = request.headers.get("repr-digest")
    if not value:
        return True
    match = _DIGEST.search(value)
    try:
        return match is not None and base64.b64decode(match.group(1), validate=True) == bytes.fromhex(body_sha256)
    except binascii.Error:
        return False


def create_app(ctx: HqContext, *, limits: BodyLimits | None = None, close_on_refusal: bool = True) -> Starlette:
    """The receiver. An upload's header and signature are read and verified before its body (`wingdesk.hq.upload`).
    An upload refused before its end is answered with `Connection: close`, so the rest is never read; behind a
    reverse proxy (`close_on_refusal=False`) the connection stays and uvicorn discards the rest as it comes: a
    proxy that is still sending a body into a closed connection answers its client 502, not the refusal."""
    limits = limits or BodyLimits()
    budget = SpoolBudget(limits.spool_budget)
    cap = ctx.max_bundle_len + MAX_HEADER_LEN + 1024

    def check_head(header_bytes: bytes, signature: bytes) -> BundleHeader:
        return verify_upload_head(ctx, header_bytes, signature)

    async def receive(request: Request, bundle_id: str, declared: int | None) -> tuple[bytes, str] | Response:
        try:
            header, body, body_sha256 = await receive_bundle(request.stream(), limits, budget, check_head, declared)
        except UploadRefused as refused:  # a client too slow is dropped even behind the proxy: it gets its 502
            return _error(refused.code, refused.status, close=close_on_refusal or refused.status == 408)
        except SyncError as error:
            log.info("upload refused: %s", error.code)
            return _error(error.code, _status_for(error), close=close_on_refusal)
        except ClientDisconnect:
            return Response(status_code=400)
        if header.bundle_id != bundle_id:
            return _error("bundle_id_mismatch", 422)
        return body, body_sha256

    async def put_bundle(request: Request) -> Response:
        bundle_id = request.path_params["bundle_id"]
        if not is_uuid(bundle_id):
            return _error("bad_bundle_id", 422, close=True)
        if request.headers.get("content-type", "").split(";")[0].strip().lower() != BUNDLE_TYPE:
            return _error("unsupported_media_type", 415, close=True)
        declared = request.headers.get("content-length")
        # isdigit alone takes e.g. "²", which int() refuses: ASCII digits only
        if declared is not None and (not (declared.isascii() and declared.isdigit()) or int(declared) > cap):
            return _error("bundle_too_large", 413, close=True)
        received = await receive(request, bundle_id, int(declared) if declared is not None else None)
        if isinstance(received, Response):
            return received
        body, body_sha256 = received
        if not _digest_ok(request, body_sha256):
            return _error("digest_mismatch", 422)
        try:
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

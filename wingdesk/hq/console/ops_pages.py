"""The hq_admin's operations pages: devices (enrol, revoke), one device's bundles, gaps, clock skew, audit-head
continuity and quarantine, and the download of its next HQ→wing bundle. Each action goes through the same
services as the command line (hq.devices, hq.outbox) and is audited with the staff member's name."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from wingdesk.domain.shown_text import printable
from wingdesk.hq import devices, outbox
from wingdesk.hq.cli.messages import HQ_MESSAGES
from wingdesk.hq.console.access import MAX_FORM_FILE, Console, Refused, read_form
from wingdesk.hq.console.device_list import device_rows
from wingdesk.hq.console.handlers import for_role, viewed
from wingdesk.hq.console.queries import SHOWN, device_detail
from wingdesk.hq.console.reasons import reason_text
from wingdesk.hq.console.sessions import Session
from wingdesk.i18n import N_
from wingdesk.sync import usb
from wingdesk.sync.errors import SyncError

ADMIN = "hq_admin"
MAX_REASON = 200


def _sync_refusal(error: SyncError) -> Refused:
    return Refused(400, HQ_MESSAGES.get(error.code, N_("The operation failed ({code}).")), code=error.code)


@for_role(ADMIN)
async def devices_page(request: Request, session: Session, console: Console) -> Response:
    rows = await run_in_threadpool(device_rows, console.store)
    return await viewed(request, session, console, "devices.html", "devices", rows=rows)


@for_role(ADMIN)
async def device_page(request: Request, session: Session, console: Console) -> Response:
    device_id = request.path_params["device_id"]
    detail = await run_in_threadpool(device_detail, console.store, device_id)
    if detail is None:
        raise Refused(404, N_("The device is not enrolled at this HQ."))
    return await viewed(request, session, console, "device.html", "device", device_id, d=detail, shown=SHOWN,
                        reason_text=reason_text)


@for_role(ADMIN)
async def enrol(request: Request, session: Session, console: Console) -> Response:
    form = await read_form(request, session)
    upload, code = form.get("request"), str(form.get("code", ""))
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise Refused(400, N_("Choose the enrolment request file the wing wrote."))
    data = await upload.read(MAX_FORM_FILE + 1)
    if len(data) > MAX_FORM_FILE:
        await console.audit_async("console_enrol_refused", session.staff, detail="too_large")
        raise Refused(413, N_("The file is too large for an enrolment request (at most {limit} KiB)."),
                      limit=MAX_FORM_FILE // 1024)
    if not code.strip():
        raise Refused(400, N_("Type the confirmation code the wing's screen shows (ask the wing by phone)."))
    try:
        device = await run_in_threadpool(devices.enrol_device, console.store, data, code[:40], console.ctx.env,
                                         console.now())
    except SyncError as error:
        await console.audit_async("console_enrol_refused", session.staff, detail=error.code)
        raise _sync_refusal(error) from None
    await console.audit_async("console_enrolled", session.staff, device.device_id)
    session.flash = (N_("Device {device} enrolled for {wing}."), {"device": device.device_id,
                                                                  "wing": printable(device.wing_name)})
    return RedirectResponse(f"/devices/{device.device_id}", 303)


@for_role(ADMIN)
async def revoke(request: Request, session: Session, console: Console) -> Response:
    device_id = request.path_params["device_id"]
    form = await read_form(request, session)
    reason = " ".join(str(form.get("reason", "")).split())
    if not reason or len(reason) > MAX_REASON:
        raise Refused(400, N_("Give the reason for the revocation (at most {limit} characters)."), limit=MAX_REASON)
    try:
        cutoff = await run_in_threadpool(devices.revoke_device, console.store, device_id, console.now())
    except SyncError as error:
        await console.audit_async("console_revoke_refused", session.staff, device_id, error.code)
        raise _sync_refusal(error) from None
    await console.audit_async("console_revoked", session.staff, device_id,
                              f"after_seq={cutoff} reason={printable(reason)}")
    session.flash = (N_("Device {device} revoked: bundles after sequence {seq} will be refused."),
                     {"device": device_id, "seq": cutoff})
    return RedirectResponse(f"/devices/{device_id}", 303)


@for_role(ADMIN)
async def download(request: Request, session: Session, console: Console) -> Response:
    """Seal the device's next HQ→wing bundle (as `wingdesk-hq outbox` does) and hand it to the browser."""
    device_id = request.path_params["device_id"]
    await read_form(request, session)
    try:
        data = await run_in_threadpool(outbox.build_outbox_bundle, console.ctx, device_id)
    except SyncError as error:
        await console.audit_async("console_download_refused", session.staff, device_id, error.code)
        raise _sync_refusal(error) from None
    name = usb.bundle_file_name(data)
    await console.audit_async("console_outbox_downloaded", session.staff, device_id, name)
    return Response(data, media_type="application/octet-stream",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})

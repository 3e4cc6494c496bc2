"""The hq_admin's page for the prison/wing hierarchy (issue 17 item 3, docs/publishing.md "The prison/wing
hierarchy"), in the Publishing section: the revision in force (prisons, wings, capacities, special units, the PCs
that serve each wing) and every enrolled PC with the wing it serves; a new revision uploaded as a file or edited in
place, checked as the wings check it and against the revision before it (nothing left out, no closed code reused),
previewed as what it changes, then signed and published through the Publishing page's own publish form (the
upload waits in this process's memory for the session, and the form names its SHA-256)."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.hierarchy.parse import MAX_BYTES
from wingdesk.hq import hierarchy, publishing
from wingdesk.hq.console import publish_pages
from wingdesk.hq.console.access import Console, Refused, read_form
from wingdesk.hq.console.handlers import for_role, viewed
from wingdesk.hq.console.sessions import Session
from wingdesk.hq.ingest import HqContext
from wingdesk.i18n import N_
from wingdesk.i18n.hierarchy_labels import PRISON_KIND_NAMES, UNIT_NAMES

ADMIN = "hq_admin"
PATH = "/publish/hierarchy"
CHANGE_NAMES = {"added": N_("Added"), "renamed": N_("Renamed"), "closed": N_("Closed"), "reopened": N_("Opened again"),
                "pc_assigned": N_("PC assigned"), "pc_moved": N_("PC moved to another wing"),
                "pc_removed": N_("PC no longer assigned"), "capacity": N_("Capacity changed"),
                "units": N_("Special units changed"), "kind": N_("Kind changed")}
LEVEL_NAMES = {"prison": N_("Prison"), "wing": N_("Wing"), "pc": N_("PC")}


def _page_values(ctx: HqContext) -> dict[str, Any]:
    current = hierarchy.current(ctx.store)
    serving = {d: w.code for w in (current.wings if current else ()) for d in w.devices}
    with ctx.store.transaction(write=False) as repo:
        devices = [d for d in repo.list_devices() if d.revoked_after_seq is None]
    pcs = [(d.device_id, d.wing_name, d.enrolled_at, serving.get(d.device_id, ""))
           for d in sorted(devices, key=lambda d: (d.wing_name.casefold(), d.enrolled_at, d.device_id))]
    names = {d.device_id: d.wing_name for d in devices}
    return {"current": current, "pcs": pcs, "enrolled": names, "draft": hierarchy.draft(current),
            "kinds": PRISON_KIND_NAMES, "units": UNIT_NAMES, "limit": MAX_BYTES // 1024,
            "today": ctx.clock().date().isoformat()}


@for_role(ADMIN)
async def hierarchy_page(request: Request, session: Session, console: Console) -> Response:
    values = await run_in_threadpool(_page_values, console.ctx)
    return await viewed(request, session, console, "hierarchy.html", "hierarchy", **values)


async def _edited(session: Session, console: Console, form: Any) -> bytes:
    """The next revision from one of the small forms (`action`), else the file or the edit box."""
    action = str(form.get("action", ""))
    if action not in hierarchy.EDITS:
        return await _upload(form)
    fields = {name: str(form.get(name, "")) for name in ("code", "name", "kind", "prison", "capacity", "device",
                                                          "wing", "on", "reason")}
    try:
        return await run_in_threadpool(hierarchy.edited, console.store, action,
                                       {**fields, "units": [str(u) for u in form.getlist("units")]})
    except ValidationError as error:
        await console.audit_async("console_publish_refused", session.staff, detail=f"hierarchy {error.code}")
        raise publish_pages.refusal(error) from None


async def _upload(form: Any) -> bytes:
    """The file chosen, else the text of the edit box; Refused when neither, or either is too large."""
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read(MAX_BYTES + 1)
    else:
        data = str(form.get("document", "")).encode("utf-8")
    if not data.strip():
        raise Refused(400, N_("Choose a file or write the hierarchy in the box; nothing was published."))
    if len(data) > MAX_BYTES:
        raise Refused(413, N_("The hierarchy is larger than it may be ({limit} KiB); nothing was published."),
                      limit=MAX_BYTES // 1024)
    return data


@for_role(ADMIN)
async def preview(request: Request, session: Session, console: Console) -> Response:
    form = await read_form(request, session, MAX_BYTES)
    try:
        shown = await _checked(session, console, await _edited(session, console, form))
    except Refused as refused:  # the page again with the sentence, the box keeping what was typed: nothing lost
        values = await run_in_threadpool(_page_values, console.ctx)
        typed = str(form.get("document", ""))
        if typed.strip():
            values["draft"] = typed
        return console.renderer.page(request, "hierarchy.html", status=refused.status, message=refused.message,
                                     message_args=refused.args_, **values)
    publish_pages.waiting(request).put(session, publishing.HIERARCHY, shown.data, shown.sha256)
    await console.audit_async("console_publish_previewed", session.staff,
                              detail=f"hierarchy id={hierarchy.ITEM_ID} version={shown.hierarchy.revision} "
                                     f"sha256={shown.sha256} changes={len(shown.changes)}")
    enrolled = await run_in_threadpool(_page_values, console.ctx)
    return console.renderer.page(request, "hierarchy_preview.html", p=shown, changes=CHANGE_NAMES,
                                 levels=LEVEL_NAMES, kinds=PRISON_KIND_NAMES, units=UNIT_NAMES,
                                 enrolled=enrolled["enrolled"])


async def _checked(session: Session, console: Console, data: bytes) -> hierarchy.HierarchyPreview:
    """The upload previewed (hq.hierarchy.preview), or Refused with its one sentence, the refusal audited."""
    try:
        return await run_in_threadpool(hierarchy.preview, console.store, data, console.ctx.keys.current.sign_public)
    except ValidationError as error:
        await console.audit_async("console_publish_refused", session.staff, detail=f"hierarchy {error.code}")
        raise publish_pages.refusal(error) from None
    except publishing.PublishRefused as error:
        await console.audit_async("console_publish_refused", session.staff, detail=f"hierarchy {error.code}")
        raise Refused(400, publish_pages.NOT_THIS_HQ) from None


ROUTES = [
    Route(PATH, hierarchy_page, methods=["GET"]),
    Route(f"{PATH}/preview", preview, methods=["POST"]),
]

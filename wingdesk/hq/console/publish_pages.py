"""The hq_admin's Publishing pages (issue 17 item 3, docs/publishing.md): upload an assessment instrument or a
training module, see it previewed as the wings will read it, publish it (signed with HQ's key and queued for every
wing's next HQ→wing bundle, hq.publishing), and see what was published and which bundle of each device carried it.

The upload waits in this process's memory for its own session only (never on disk, never in a form field the
browser could change), and the publish form names the upload's SHA-256: what is signed is what was previewed.
"""

from __future__ import annotations

import string
from collections import OrderedDict
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from wingdesk.domain.errors import ValidationError
from wingdesk.hq import publishing
from wingdesk.hq.console import agency_pages, translation_pages
from wingdesk.hq.console.access import Console, Refused, read_form
from wingdesk.hq.console.handlers import for_role, viewed
from wingdesk.hq.console.headers import UPLOAD_PATH
from wingdesk.hq.console.render import language_of
from wingdesk.hq.console.sessions import Session
from wingdesk.i18n import N_
from wingdesk.i18n.messages import MESSAGES

ADMIN = "hq_admin"
KIND_NAMES = {publishing.INSTRUMENT: N_("Assessment instrument"), publishing.MODULE: N_("Training module"),
              publishing.TRANSLATION: N_("Translation update (.po file)"),
              publishing.CODE_LIST: N_("Code list (plan step types)"),
              publishing.HIERARCHY: N_("Prison/wing hierarchy")}  # uploaded on its own page (hierarchy_pages)
MAX_WAITING = 4  # uploads waiting for "Publish" across all sessions (16 MiB each at most); the oldest goes first
NOT_NEWER = N_("Version {version} of {item} is not newer than version {newest}, which is already published; "
               "nothing was published.")

NOT_THIS_HQ = N_("The signed file was not signed with this HQ's key or was changed after signing, so nothing was "
                 "published.")
DROPS_CODE = N_("Version {version} of {item} leaves out the code {left_out}, which an earlier version published; "
                "keep it and mark it retired instead, so the records that name it keep their label. Nothing was "
                "published.")
OVER_BUDGET = N_("Everything published would no longer fit in one bundle from HQ (at most {limit} MiB of published "
                 "files); nothing was published.")


class _Waiting:
    """Uploads previewed and not yet published, by session; each session holds at most its latest one."""

    def __init__(self) -> None:
        self.uploads: OrderedDict[str, tuple[str, bytes, str]] = OrderedDict()

    def put(self, session: Session, kind: str, data: bytes, digest: str) -> None:
        self.uploads.pop(session.key, None)
        self.uploads[session.key] = (kind, data, digest)
        while len(self.uploads) > MAX_WAITING:
            self.uploads.popitem(last=False)

    def take(self, session: Session, digest: str) -> tuple[str, bytes] | None:
        held = self.uploads.get(session.key)
        if held is None or held[2] != digest:
            return None
        del self.uploads[session.key]
        return held[0], held[1]


def waiting(request: Request) -> _Waiting:
    waiting = getattr(request.app.state, "publish_waiting", None)
    if waiting is None:
        waiting = request.app.state.publish_waiting = _Waiting()
    return waiting


def refusal(error: ValidationError) -> Refused:
    """The parser's one sentence (i18n.messages) with every placeholder it names filled."""
    template = MESSAGES.get(error.code) or MESSAGES.get(type(error).code) or N_("The action failed ({code}).")
    args: dict[str, Any] = {"code": error.code, **error.params}
    for _text, name, _spec, _conv in string.Formatter().parse(template):
        if name and name not in args:
            args[name] = "–"
    return Refused(400, template, **args)


@for_role(ADMIN)
async def publish_page(request: Request, session: Session, console: Console) -> Response:
    found = await run_in_threadpool(publishing.publications, console.store)
    return await viewed(request, session, console, "publish.html", "publishing", publications=found,
                        kinds=KIND_NAMES)


@for_role(ADMIN)
async def preview(request: Request, session: Session, console: Console) -> Response:
    form = await read_form(request, session, max(publishing.MAX_UPLOAD.values()))
    kind, upload = str(form.get("kind", "")), form.get("file")
    if kind not in KIND_NAMES or kind == publishing.HIERARCHY:
        raise Refused(400, N_("Choose what the file is: an assessment instrument or a training module."))
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise Refused(400, N_("Choose the file to publish."))
    limit = publishing.MAX_UPLOAD[kind]
    data = await upload.read(limit + 1)
    if len(data) > limit:
        await console.audit_async("console_publish_refused", session.staff, detail=f"{kind} too_large")
        raise Refused(413, N_("The file is larger than this kind of file may be ({limit} KiB); nothing was "
                              "published."), limit=limit // 1024)
    try:
        if kind == publishing.TRANSLATION:  # a .po file: hq.translations, with its own preview page
            return await translation_pages.preview(request, session, data, waiting(request))
        shown = await run_in_threadpool(publishing.preview, console.store, kind, data, language_of(request),
                                        console.ctx.keys.current.sign_public)
    except ValidationError as error:
        await console.audit_async("console_publish_refused", session.staff, detail=f"{kind} {error.code}")
        raise refusal(error) from None
    except publishing.PublishRefused as error:
        await console.audit_async("console_publish_refused", session.staff, detail=f"{kind} {error.code}")
        if error.code == "drops_code":
            raise Refused(409, DROPS_CODE, **error.params) from None
        raise Refused(400, NOT_THIS_HQ) from None
    if shown.newest is not None and shown.newest >= shown.version:
        raise Refused(409, NOT_NEWER, version=shown.version, item=shown.item_id, newest=shown.newest)
    waiting(request).put(session, kind, data, shown.sha256)
    await console.audit_async("console_publish_previewed", session.staff,
                              detail=f"{kind} id={shown.item_id} version={shown.version} sha256={shown.sha256}")
    return console.renderer.page(request, "publish_preview.html", p=shown, kinds=KIND_NAMES)


@for_role(ADMIN)
async def publish(request: Request, session: Session, console: Console) -> Response:
    form = await read_form(request, session)
    held = waiting(request).take(session, str(form.get("sha256", "")))
    if held is None:
        raise Refused(409, N_("Nothing previewed in this session is waiting to be published; upload the file "
                              "again."))
    kind, data = held
    staff = session.staff or "-"
    try:
        if kind == publishing.TRANSLATION:  # the document the preview built (hq.translations)
            done = await translation_pages.publish(request, data, staff)
        else:
            done = await run_in_threadpool(publishing.publish, console.store, console.ctx.keys, console.now(),
                                           kind, data, staff)
    except ValidationError as error:  # the preview passed: only a changed parser could refuse it now
        raise refusal(error) from None
    except publishing.PublishRefused as error:
        await console.audit_async("console_publish_refused", staff, detail=f"{kind} {error.code}")
        sentence = {"over_budget": OVER_BUDGET, "drops_code": DROPS_CODE}.get(error.code, NOT_NEWER)
        raise Refused(409, sentence, **error.params) from None
    if kind == publishing.HIERARCHY:
        session.flash = (N_("Published revision {version} of the prison/wing hierarchy: every wing receives it in "
                            "its next bundle from HQ."), {"version": done.version})
        return RedirectResponse("/publish/hierarchy", 303)
    session.flash = (N_("Published {item} version {version}: every wing receives it in its next bundle from HQ."),
                     {"item": done.item_id, "version": done.version})
    return RedirectResponse("/publish", 303)


ROUTES = [
    *agency_pages.ROUTES,  # the vetted agencies, in the same section
    Route("/publish", publish_page, methods=["GET"]),
    Route(UPLOAD_PATH, preview, methods=["POST"]),
    Route("/publish", publish, methods=["POST"]),
]

"""The hq_admin's subject-access page (issue 19 item 3): a prisoner's copy of everything HQ holds on them, made as
`wingdesk-hq subject-access` makes it (hq.subject_access) and handed to the browser as one ZIP holding the JSON and
the printable HTML. The copy is recorded in HQ's audit before a byte of it is sent; a refusal or an unknown number
is one sentence, and nothing is audited as disclosed."""

from __future__ import annotations

import io
import zipfile

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from wingdesk.domain.errors import NotFound
from wingdesk.hq.console.access import Console, Refused, read_form
from wingdesk.hq.console.handlers import for_role
from wingdesk.hq.console.render import language_of
from wingdesk.hq.console.sessions import Session
from wingdesk.hq.subject_access import MAX_REASON, SubjectAccessRefused, clean_reason, gather, record_disclosure
from wingdesk.hq.subject_access_doc import Translate, copy_files, digests, file_stem
from wingdesk.i18n import N_, translations
from wingdesk.sync.reference import utc_text

ADMIN = "hq_admin"
MAX_NUMBER = 40
REFUSALS = {
    "reason_missing": N_("Say why the copy is made (for example the prisoner's request and its date): every copy is "
                         "recorded with its reason."),
    "reason_too_long": N_("The reason is too long: at most {limit} characters."),
}


def _make(console: Console, number: str, staff: str, reason: str, tr: Translate,
          language: str) -> tuple[str, bytes]:
    """(ZIP file name, ZIP bytes); the disclosure is audited before this returns."""
    copy = gather(console.store, number, staff, utc_text(console.now()))
    files = copy_files(copy, tr, language)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(name, data)
    record_disclosure(console.store, copy, staff, reason, digests(files), copy.made_at)
    return file_stem(copy) + ".zip", buffer.getvalue()


@for_role(ADMIN)
async def subject_access(request: Request, session: Session, console: Console) -> Response:
    """GET: the form. POST: the copy, as a ZIP download."""
    if request.method != "POST":
        await console.audit_async("console_viewed", session.staff, detail="subject_access")
        return console.renderer.page(request, "subject_access.html", limit=MAX_REASON)
    form = await read_form(request, session)
    number = str(form.get("number", "")).strip()
    try:
        reason = clean_reason(str(form.get("reason", "")))
    except SubjectAccessRefused as refused:
        raise Refused(400, REFUSALS[refused.code], limit=MAX_REASON) from None
    if not number or len(number) > MAX_NUMBER:
        raise Refused(400, N_("Type the prisoner's prison number."))
    language = language_of(request)
    tr = translations(language).gettext
    try:
        name, data = await run_in_threadpool(_make, console, number, session.staff or "", reason, tr, language)
    except NotFound:
        await console.audit_async("console_subject_access_refused", session.staff, detail="unknown_prisoner")
        raise Refused(404, N_("HQ holds nothing under this prison number.")) from None
    return Response(data, media_type="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})

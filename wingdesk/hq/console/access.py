"""Who is asking and may they: the session behind a request, the role a page needs, and the checks every form
passes (same origin, a one-time token of this session). Each refusal is audited and answered with one sentence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from wingdesk.domain.shown_text import printable
from wingdesk.hq.console.render import Renderer
from wingdesk.hq.console.sessions import Session, Sessions
from wingdesk.hq.console.staff import role_of
from wingdesk.hq.ingest import HqContext
from wingdesk.hq.store import SqlStore
from wingdesk.i18n import N_
from wingdesk.sync.reference import utc_text

SESSION_COOKIE = "wd_console"
MAX_FORM_FILE = 64 * 1024


class Refused(Exception):
    """A request the console will not carry out: an HTTP status and the sentence (a msgid) that explains it."""

    def __init__(self, status: int, message: str, **args: Any) -> None:
        super().__init__(message)
        self.status, self.message, self.args_ = status, message, args


@dataclass
class Console:
    """Everything the pages share."""

    ctx: HqContext
    store: SqlStore
    sessions: Sessions
    renderer: Renderer

    def now(self) -> datetime:
        return self.ctx.clock()

    def audit(self, action: str, staff: str | None, device_id: str = "", detail: str = "") -> None:
        who = f"staff={printable(staff)[:60]}" if staff else "staff=-"
        with self.store.transaction() as repo:
            repo.audit(utc_text(datetime.now(UTC)), action, device_id, "", f"{who} {detail}".strip())

    async def audit_async(self, action: str, staff: str | None, device_id: str = "", detail: str = "") -> None:
        await run_in_threadpool(self.audit, action, staff, device_id, detail)

    def set_session_cookie(self, response: Response, token: str) -> None:
        # Secure: browsers keep it for https:// and for http://127.0.0.1 (the console behind nginx, or on this PC)
        response.set_cookie(SESSION_COOKIE, token, httponly=True, secure=True, samesite="strict", path="/")


def console_of(request: Request) -> Console:
    console: Console = request.app.state.console
    return console


async def session_of(request: Request) -> Session | None:
    """The live session (also kept on request.state for the renderer); an ended one is audited as expired."""
    console = console_of(request)
    session, expired = console.sessions.find(request.cookies.get(SESSION_COOKIE))
    request.state.session = session
    request.state.expired = expired
    return session


async def signed_in(request: Request, role: str | None = None) -> Session | Response:
    """The signed-in session with `role` (any role when None), a redirect to the sign-in page, or a 403 page."""
    console = console_of(request)
    session = await session_of(request)
    if session is None or session.staff is None:
        if request.state.expired:
            await console.audit_async("console_session_expired", None, detail=f"path={request.url.path}")
            return RedirectResponse("/login?expired=1", 303)
        return RedirectResponse("/login", 303)
    current = await run_in_threadpool(role_of, console.store, session.staff)
    if current is None:  # the account was removed while signed in
        console.sessions.end(session)
        return RedirectResponse("/login", 303)
    session.role = current
    if role is not None and current != role:
        await console.audit_async("console_refused", session.staff, detail=f"path={request.url.path} role={current}")
        return console.renderer.page(request, "refused.html", status=403)
    return session


async def read_form(request: Request, session: Session | None, max_file: int = MAX_FORM_FILE) -> FormData:
    """The form, once it passed the checks against cross-site and replayed posts; Refused otherwise. A file part
    may be `max_file` bytes (the publishing upload's is larger than the default)."""
    console = console_of(request)
    origin = request.headers.get("origin")
    if origin is not None and origin != f"{request.url.scheme}://{request.url.netloc}":
        await console.audit_async("console_form_refused", session.staff if session else None, detail="origin")
        raise Refused(403, N_("This form did not come from the console's own page; nothing was done."))
    try:
        form = await request.form(max_files=1, max_fields=20, max_part_size=max_file + 1024)
    except Exception:  # noqa: BLE001 - python-multipart's and Starlette's refusals of a malformed body
        raise Refused(400, N_("The form could not be read; reload the page and try again.")) from None
    token = form.get("csrf")
    if session is None or not isinstance(token, str) or not console.sessions.spend(session, token):
        await console.audit_async("console_form_refused", session.staff if session else None, detail="token")
        raise Refused(403, N_("This form has expired or was already sent; nothing was done. Reload the page and "
                              "try again."))
    return form

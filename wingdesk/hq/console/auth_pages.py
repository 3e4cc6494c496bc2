"""Signing in and out, the language picker and the home page."""

from __future__ import annotations

import time

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from wingdesk.hq.console.access import Refused, console_of, read_form, session_of, signed_in
from wingdesk.hq.console.render import LANG_COOKIE
from wingdesk.hq.console.staff import StaffError, sign_in
from wingdesk.i18n import LANGUAGES, N_

MAX_NAME, MAX_PASSPHRASE = 40, 1024
SIGN_IN_REFUSALS = {
    "wrong_password": N_("The name or the passphrase is wrong."),
    "throttled": N_("Too many failed attempts: wait {seconds} seconds, then try again."),
    "account_locked": N_("This account is locked after too many failed attempts. An HQ administrator can unlock "
                         "it with 'wingdesk-hq staff unlock'."),
}


async def login_page(request: Request) -> Response:
    console = console_of(request)
    session = await session_of(request)
    if session is not None and session.staff is not None:
        return RedirectResponse("/", 303)
    response_token = None
    if session is None:
        response_token, session = console.sessions.new()
        request.state.session = session
    expired = request.query_params.get("expired") == "1"
    message = N_("Your session ended after a time without activity. Sign in again.") if expired else None
    response = console.renderer.page(request, "login.html", message=message)
    if response_token:
        console.set_session_cookie(response, response_token)
    return response


async def login(request: Request) -> Response:
    console = console_of(request)
    session = await session_of(request)
    form = await read_form(request, session)
    name, passphrase = str(form.get("name", "")).strip(), str(form.get("passphrase", ""))
    if not name or not passphrase or len(name) > MAX_NAME or len(passphrase) > MAX_PASSPHRASE:
        raise Refused(400, SIGN_IN_REFUSALS["wrong_password"])
    try:
        account = await run_in_threadpool(sign_in, console.store, name, passphrase, time.time())
    except StaffError as error:
        await console.audit_async("console_sign_in_refused", name, detail=error.code)
        raise Refused(429 if error.code == "throttled" else 401, SIGN_IN_REFUSALS[error.code],
                      seconds=error.wait) from None
    if session is not None:
        console.sessions.end(session)  # a new session id once signed in
    token, _session = console.sessions.new(account.name, account.role)
    await console.audit_async("console_sign_in", account.name, detail=f"role={account.role}")
    response = RedirectResponse("/", 303)
    console.set_session_cookie(response, token)
    return response


async def logout(request: Request) -> Response:
    console = console_of(request)
    session = await session_of(request)
    await read_form(request, session)
    if session is not None:
        console.sessions.end(session)
        await console.audit_async("console_sign_out", session.staff)
    response = RedirectResponse("/login", 303)
    response.delete_cookie("wd_console", path="/", secure=True, httponly=True, samesite="strict")
    return response


async def language(request: Request) -> Response:
    console = console_of(request)
    session = await session_of(request)
    form = await read_form(request, session)
    chosen = str(form.get("lang", "en"))
    back = str(form.get("back", "/"))
    if not back.startswith("/") or back.startswith("//") or "\\" in back:
        back = "/"  # only a page of this console
    response = RedirectResponse(back, 303)
    if chosen in LANGUAGES:
        response.set_cookie(LANG_COOKIE, chosen, max_age=365 * 86400, httponly=True, secure=True,
                            samesite="strict", path="/")
        await console.audit_async("console_language", session.staff if session else None, detail=f"lang={chosen}")
    return response


async def home(request: Request) -> Response:
    found = await signed_in(request)
    if isinstance(found, Response):
        return found
    if found.role == "hq_admin":
        return RedirectResponse("/devices", 303)
    return console_of(request).renderer.page(request, "home.html")

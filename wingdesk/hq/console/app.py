"""The console's Starlette application: routes, the one-sentence error pages, the security headers around it all.

It shares HQ's store and keys with nothing but the process it runs in: the wings' upload endpoint (hq.http_app) is
another application on another port, so each can be exposed where it belongs.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from wingdesk.hq.console import (
    auth_pages,
    exchange_pages,
    hierarchy_pages,
    ops_pages,
    publish_pages,
    research_pages,
    security_pages,
    training_pages,
    vetted_pages,
)
from wingdesk.hq.console.access import Console, Refused
from wingdesk.hq.console.headers import SecurityHeaders, body_limit
from wingdesk.hq.console.render import Renderer, folder
from wingdesk.hq.console.sessions import Sessions
from wingdesk.hq.console.staff import ensure_table
from wingdesk.hq.console.subject_pages import subject_access
from wingdesk.hq.ingest import HqContext
from wingdesk.hq.intelligence_index import rebuild_intelligence
from wingdesk.hq.store import SqlStore
from wingdesk.i18n import N_

log = logging.getLogger(__name__)
IDLE_S = 15 * 60


async def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Refused)
    console: Console = request.app.state.console
    if request.url.path == "/login":  # the sign-in form again, with a fresh token for the next try
        session = getattr(request.state, "session", None)
        token = None
        if session is None:
            token, request.state.session = console.sessions.new()
        response = console.renderer.page(request, "login.html", status=exc.status, message=exc.message,
                                         message_args=exc.args_)
        if token:
            console.set_session_cookie(response, token)
        return response
    return console.renderer.page(request, "error.html", status=exc.status, message=exc.message,
                                 message_args=exc.args_)


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    message = {404: N_("There is no such page in the console."),
               405: N_("This page cannot be used that way.")}.get(status, N_("The request could not be handled."))
    console: Console = request.app.state.console
    return console.renderer.page(request, "error.html", status=status, message=message)


async def _crashed(request: Request, exc: Exception) -> Response:
    log.error("console error: %s", type(exc).__name__)  # never the message: it may quote data
    console: Console = request.app.state.console
    return console.renderer.page(
        request, "error.html", status=500,
        message=N_("Something went wrong and the action was not completed. Try again; if it fails again, tell "
                   "the HQ system administrator."))


def _body_refused(console: Console) -> ASGIApp:
    async def answer(scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        request.state.session = None
        response = console.renderer.page(
            request, "error.html", status=413,
            message=N_("What was sent is too large (at most {limit} KiB) or does not say its size; nothing was "
                       "done."), message_args={"limit": body_limit(request.url.path) // 1024})
        response.headers["Connection"] = "close"
        await response(scope, receive, send)

    return answer


def build_app(ctx: HqContext, store: SqlStore, *, idle_s: float = IDLE_S,
              clock: Callable[[], float] = time.monotonic) -> ASGIApp:
    """The console over HQ's store and keys. `clock` times the sessions' idleness (tests move it on)."""
    ensure_table(store)
    rebuild_intelligence(store)  # once, for a store whose reports came before HQ security's index
    sessions = Sessions(idle_s, clock)
    console = Console(ctx, store, sessions, Renderer(sessions))
    routes = [
        Route("/", auth_pages.home),
        Route("/favicon.ico", lambda _request: Response(status_code=204)),  # browsers ask; no icon, no 404
        Route("/login", auth_pages.login_page, methods=["GET"]),
        Route("/login", auth_pages.login, methods=["POST"]),
        Route("/logout", auth_pages.logout, methods=["POST"]),
        Route("/language", auth_pages.language, methods=["POST"]),
        Route("/devices", ops_pages.devices_page, methods=["GET"]),
        Route("/devices/enrol", ops_pages.enrol, methods=["POST"]),
        Route("/subject-access", subject_access, methods=["GET", "POST"]),  # issue 19 item 3
        Route("/devices/{device_id}", ops_pages.device_page, methods=["GET"]),
        Route("/devices/{device_id}/revoke", ops_pages.revoke, methods=["POST"]),
        Route("/devices/{device_id}/outbox", ops_pages.download, methods=["POST"]),
        Route("/research", research_pages.research_page, methods=["GET"]),  # issue 17 item 4
        Route("/exchange", exchange_pages.exchange_page, methods=["GET"]),  # issue 17 item 6
        Route("/training", training_pages.training_page, methods=["GET"]),  # issue 18 item 2
        *publish_pages.ROUTES,  # issue 17 item 3
        *vetted_pages.ROUTES,  # vetted outside people, in the Publishing section (issue 17 item 3)
        *hierarchy_pages.ROUTES,  # the prison/wing hierarchy, in the Publishing section (issue 17 item 3)
        Route("/security", security_pages.reports_page, methods=["GET"]),  # issue 17 item 5
        Route("/security/reports/{record_id}", security_pages.report_view, methods=["GET"]),
        Route("/security/people/{prisoner_id}", security_pages.person_page, methods=["GET"]),
        Mount("/static", StaticFiles(directory=folder("static")), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={
        Refused: _refused, HTTPException: _http_error, Exception: _crashed})
    app.state.console = console
    return SecurityHeaders(app, _body_refused(console))

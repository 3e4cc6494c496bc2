"""What every console page and action does before and after its own work: the sign-in and role check
(access.signed_in) before it runs, and for a page, the view audited and rendered with the flash the last action
left. A handler written with `for_role` receives the signed-in session and the console."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from wingdesk.hq.console.access import Console, console_of, signed_in
from wingdesk.hq.console.sessions import Session

Handler = Callable[[Request, Session, Console], Awaitable[Response]]
Endpoint = Callable[[Request], Awaitable[Response]]


def for_role(role: str) -> Callable[[Handler], Endpoint]:
    """The endpoint that runs `handler` for a staff member signed in with `role`; anyone else gets signed_in's
    answer (the sign-in page, or the audited 403 page)."""

    def wrap(handler: Handler) -> Endpoint:
        @wraps(handler)
        async def endpoint(request: Request) -> Response:
            session = await signed_in(request, role)
            if isinstance(session, Response):
                return session
            return await handler(request, session, console_of(request))

        return endpoint

    return wrap


async def viewed(request: Request, session: Session, console: Console, template: str, detail: str,
                 device_id: str = "", **values: Any) -> Response:
    """The page `template` with `values` and the flash the last action left (taken, so it shows once), its view
    audited as console_viewed with `detail`."""
    await console.audit_async("console_viewed", session.staff, device_id, detail)
    flash, session.flash = session.flash, None
    return console.renderer.page(request, template, flash=flash, **values)

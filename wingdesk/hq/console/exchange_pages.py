"""The exchange page (issue 17 item 6, docs/exchange.md): for the hq_admin, read-only, the services this HQ trusts
for exchange (name, fingerprint, since when) and the instruments and modules received from them, received or
adopted, by whom and when. Adopting stays on the command line (`wingdesk-hq exchange adopt`). Each view is
audited like every console page."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from wingdesk.hq.console.access import Console
from wingdesk.hq.console.handlers import for_role
from wingdesk.hq.console.sessions import Session
from wingdesk.hq.exchange_store import received_items, trusted_services

ADMIN = "hq_admin"


@for_role(ADMIN)
async def exchange_page(request: Request, session: Session, console: Console) -> Response:
    services = await run_in_threadpool(trusted_services, console.store)
    rows = await run_in_threadpool(received_items, console.store)
    await console.audit_async("console_viewed", session.staff, detail="exchange")
    return console.renderer.page(request, "exchange.html", services=services, rows=rows)

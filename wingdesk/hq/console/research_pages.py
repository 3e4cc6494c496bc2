"""The analyst's dashboard (issue 17 item 4): charts of the pseudonymised research store, counts below 5 suppressed,
drawn as server-rendered SVG (hq.research_charts). Analysts only; each view is audited like every console page."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from wingdesk.hq.console.access import Console
from wingdesk.hq.console.handlers import for_role
from wingdesk.hq.console.sessions import Session
from wingdesk.hq.research_charts import dashboard
from wingdesk.hq.research_export import SMALL_CELL

ANALYST = "analyst"


@for_role(ANALYST)
async def research_page(request: Request, session: Session, console: Console) -> Response:
    charts = await run_in_threadpool(dashboard, console.store)
    await console.audit_async("console_viewed", session.staff, detail="research")
    return console.renderer.page(request, "research.html", charts=charts, small=SMALL_CELL)

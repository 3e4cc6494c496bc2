"""Training coverage per prison (issue 18 item 2, hq.training_coverage): for the hq_admin, read-only, each prison's
staff and, per training module, how many of those whose role requires it have it done and current, and how many
refreshers are overdue. Each view is audited like every console page."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from wingdesk.hq.console.access import Console
from wingdesk.hq.console.handlers import for_role
from wingdesk.hq.console.render import language_of
from wingdesk.hq.console.sessions import Session
from wingdesk.hq.training_coverage import coverage
from wingdesk.i18n import N_

ADMIN = "hq_admin"
# the wing's roles, as the wing names them (gui/labels.py) and the subject-access document does
ROLE_NAMES = {"officer": N_("Wing officer"), "supervisor": N_("Supervisor"), "treatment": N_("Treatment staff"),
              "security": N_("Security officer"), "governor": N_("Governor"), "admin": N_("Administrator")}


@for_role(ADMIN)
async def training_page(request: Request, session: Session, console: Console) -> Response:
    found = await run_in_threadpool(coverage, console.store, console.now().date())
    lang = language_of(request)
    titles = [m.in_language(lang)[1].title for m in found.modules]
    await console.audit_async("console_viewed", session.staff, detail="training")
    return console.renderer.page(request, "training.html", coverage=found, titles=titles, wing_roles=ROLE_NAMES)

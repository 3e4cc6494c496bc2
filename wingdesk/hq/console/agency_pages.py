"""The hq_admin's list of vetted agencies (probation, social work centres, prevention coordinators, NGOs) the wings
may seal a pre-release handover to, in the Publishing section (issue 17 item 3, issue 19 item 2). The same service
as `wingdesk-hq agency` (hq.agencies): each change is the next revision of an `agency` reference item for every
wing, carried by its next HQ→wing bundle; audited with the staff member's name."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from wingdesk.crypto.public_keys import WeakPublicKey
from wingdesk.domain.agencies import AGENCY_TYPES
from wingdesk.domain.shown_text import printable
from wingdesk.hq import agencies
from wingdesk.hq.console.access import Console, Refused, read_form
from wingdesk.hq.console.handlers import for_role, viewed
from wingdesk.hq.console.sessions import Session
from wingdesk.i18n import N_

ADMIN = "hq_admin"
PATH = "/publish/agencies"
TYPE_NAMES = {"probation": N_("Probation service"), "social_work": N_("Social work centre"),
              "prevention": N_("Municipal prevention coordinator"), "ngo": N_("Vetted NGO")}
REFUSED = {
    "bad_agency": N_("The agency's name must be one line of at most 100 characters."),
    "duplicate_agency": N_("An agency with this name is already listed; remove it first to change its key."),
    "unknown_agency": N_("No agency with this name is listed."),
}
BAD_KEY = N_("The key must be the agency's age public key (it begins with age1); nothing was listed.")


@for_role(ADMIN)
async def agencies_page(request: Request, session: Session, console: Console) -> Response:
    listed = await run_in_threadpool(agencies.list_agencies, console.ctx)
    return await viewed(request, session, console, "agencies.html", "agencies", agencies=listed, types=TYPE_NAMES)


@for_role(ADMIN)
async def add(request: Request, session: Session, console: Console) -> Response:
    form = await read_form(request, session)
    name, kind = str(form.get("name", "")).strip(), str(form.get("type", ""))
    recipient = str(form.get("recipient", "")).strip()
    if kind not in AGENCY_TYPES:
        raise Refused(400, N_("Choose the kind of agency."))
    try:
        agency = await run_in_threadpool(agencies.add_agency, console.ctx, name, kind, recipient)
    except WeakPublicKey:
        await console.audit_async("console_agency_refused", session.staff, detail="bad_key")
        raise Refused(400, BAD_KEY) from None
    except agencies.AgencyRefused as error:
        await console.audit_async("console_agency_refused", session.staff, detail=error.code)
        raise Refused(409 if error.code == "duplicate_agency" else 400, REFUSED[error.code]) from None
    await console.audit_async("console_agency_added", session.staff,
                              detail=f"agency={agency.agency_id} rev={agency.rev} type={kind} "
                                     f"name={printable(agency.name)[:100]}")
    session.flash = (N_("Agency {name} listed; the wings receive it with their next bundle from HQ."),
                     {"name": printable(agency.name)})
    return RedirectResponse(PATH, 303)


@for_role(ADMIN)
async def remove(request: Request, session: Session, console: Console) -> Response:
    form = await read_form(request, session)
    try:
        agency = await run_in_threadpool(agencies.remove_agency, console.ctx, str(form.get("name", "")))
    except agencies.AgencyRefused as error:
        await console.audit_async("console_agency_refused", session.staff, detail=error.code)
        raise Refused(404, REFUSED[error.code]) from None
    await console.audit_async("console_agency_removed", session.staff,
                              detail=f"agency={agency.agency_id} rev={agency.rev}")
    session.flash = (N_("Agency {name} removed; the wings receive the change with their next bundle from HQ."),
                     {"name": printable(agency.name)})
    return RedirectResponse(PATH, 303)


ROUTES = [
    Route(PATH, agencies_page, methods=["GET"]),
    Route(PATH, add, methods=["POST"]),
    Route(f"{PATH}/remove", remove, methods=["POST"]),
]

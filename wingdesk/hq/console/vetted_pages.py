"""The hq_admin's list of vetted outside people (issue 17 item 3): religious counsellors, volunteers, NGO workers
and peer mentors, the prisons they may visit and the vetting decision, in the Publishing section. Each change is
the next revision of a `vetted_person` reference item (hq.vetted_people); nothing is deleted, a withdrawal carries
its reason. Each wing listed for a person receives them in its next HQ→wing bundle. Audited with the staff
member's name; the person's name is not written to the audit log (their id and revision are)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from wingdesk.domain.shown_text import printable
from wingdesk.domain.vetted_people import MAX_NAME, MAX_ORGANISATION, MAX_REASON, MAX_REFERENCE, VettedPerson
from wingdesk.hq import agencies, vetted_people
from wingdesk.hq.console.access import Console, Refused, read_form
from wingdesk.hq.console.handlers import for_role, viewed
from wingdesk.hq.console.sessions import Session
from wingdesk.hq.ingest import HqContext
from wingdesk.i18n import N_

ADMIN = "hq_admin"
PATH = "/publish/vetted"
ROLE_NAMES = {"religious_counsellor": N_("Religious counsellor"), "volunteer": N_("Volunteer"),
              "ngo_worker": N_("NGO worker"), "peer_mentor": N_("Peer mentor")}
REFUSED = {
    "bad_name": N_("The name must be one line of at most 120 characters, without control or direction marks; "
                   "nothing was saved."),
    "bad_role": N_("Choose the person's role; nothing was saved."),
    "bad_organisation": N_("The organisation must be one line of at most 120 characters, without control or "
                           "direction marks; nothing was saved."),
    "bad_agency": N_("The agency chosen is not listed; nothing was saved."),
    "bad_dates": N_("Give both vetting dates, the end not before the start; nothing was saved."),
    "bad_reference": N_("The vetting decision's reference must be one line of at most 60 characters, without "
                        "control or direction marks; nothing was saved."),
    "bad_wings": N_("Choose every prison, or at least one of the prisons listed; nothing was saved."),
    "bad_reason": N_("Give the reason for the withdrawal in one line of at most 500 characters; nothing was "
                     "saved."),
    "duplicate_reference": N_("A listed person already has a vetting decision with this reference; nothing was "
                              "saved."),
    "unknown_person": N_("This person is not listed, or was changed meanwhile; open the list again."),
    "already_withdrawn": N_("This person's vetting is already withdrawn."),
}
LIMITS = {"name": MAX_NAME, "organisation": MAX_ORGANISATION, "decision_ref": MAX_REFERENCE, "reason": MAX_REASON}


def _page_values(ctx: HqContext) -> dict[str, Any]:
    listed = agencies.list_agencies(ctx)
    people = vetted_people.list_people(ctx)
    today = ctx.clock().date()
    return {"people": people, "agencies": {a.agency_id: a.name for a in listed},
            "wings": vetted_people.wing_choices(ctx), "roles": ROLE_NAMES, "limits": LIMITS,
            "today": today, "days_left": {p.person_id: p.days_left(today) for p in people}}


@for_role(ADMIN)
async def people_page(request: Request, session: Session, console: Console) -> Response:
    values = await run_in_threadpool(_page_values, console.ctx)
    return await viewed(request, session, console, "vetted_people.html", "vetted_people", editing=None, revisions=[],
                        ticked=set(), **values)


@for_role(ADMIN)
async def person_page(request: Request, session: Session, console: Console) -> Response:
    person_id = request.path_params["person_id"]
    values = await run_in_threadpool(_page_values, console.ctx)
    editing = next((p for p in values["people"] if p.person_id == person_id), None)
    if editing is None:
        raise Refused(404, REFUSED["unknown_person"])
    values["ticked"] = vetted_people.ticked(editing, values["wings"])
    revisions = await run_in_threadpool(vetted_people.history, console.ctx, person_id)
    return await viewed(request, session, console, "vetted_people.html", f"vetted_person={person_id}",
                        editing=editing, revisions=revisions, **values)


def _from_form(form: FormData, person_id: str = "") -> VettedPerson:
    def text(name: str) -> str:
        return str(form.get(name, ""))

    chosen = text("scope") == "chosen"  # the PCs ticked, by device id (a wing name may be given by two PCs)
    devices = tuple(str(d) for d in form.getlist("device")) if chosen else None
    return VettedPerson(person_id, text("name"), text("role"), text("organisation"), text("agency_id"),
                        () if chosen else None, text("vetted_from"), text("vetted_until"), text("decision_ref"), True,
                        "", 0, devices)


def _known_agencies(ctx: HqContext) -> set[str]:
    return {a.agency_id for a in agencies.list_agencies(ctx)}


def _detail(person: VettedPerson) -> str:
    scope = "all" if person.wings is None else str(len(person.wings))
    return (f"person={person.person_id} rev={person.rev} role={person.role} wings={scope} "
            f"until={person.vetted_until}")


async def _changed(session: Session, console: Console, action: str, change: Callable[..., VettedPerson],
                   *args: Any) -> VettedPerson:
    """The person as `change` (hq.vetted_people) saved them, audited as `action`; Refused, audited, otherwise."""
    try:
        person = await run_in_threadpool(change, console.ctx, *args)
    except vetted_people.VettedRefused as error:
        await console.audit_async("console_vetted_refused", session.staff, detail=error.code)
        raise Refused(404 if error.code == "unknown_person" else 409 if error.code in (
            "duplicate_reference", "already_withdrawn") else 400, REFUSED[error.code]) from None
    await console.audit_async(action, session.staff, detail=_detail(person))
    return person


@for_role(ADMIN)
async def add(request: Request, session: Session, console: Console) -> Response:
    form = await read_form(request, session)
    known = await run_in_threadpool(_known_agencies, console.ctx)
    person = await _changed(session, console, "console_vetted_added", vetted_people.add_person, _from_form(form),
                            known)
    session.flash = (N_("{name} is listed as vetted; the wings listed receive it with their next bundle from HQ."),
                     {"name": printable(person.name)})
    return RedirectResponse(PATH, 303)


@for_role(ADMIN)
async def renew(request: Request, session: Session, console: Console) -> Response:
    form = await read_form(request, session)
    person_id = request.path_params["person_id"]
    known = await run_in_threadpool(_known_agencies, console.ctx)
    person = await _changed(session, console, "console_vetted_renewed", vetted_people.renew,
                            _from_form(form, person_id), known)
    session.flash = (N_("{name}: revision {rev} saved; the wings listed receive it with their next bundle from "
                        "HQ."), {"name": printable(person.name), "rev": person.rev})
    return RedirectResponse(f"{PATH}/{person.person_id}", 303)


@for_role(ADMIN)
async def withdraw(request: Request, session: Session, console: Console) -> Response:
    form = await read_form(request, session)
    person_id = request.path_params["person_id"]
    person = await _changed(session, console, "console_vetted_withdrawn", vetted_people.withdraw, person_id,
                            str(form.get("reason", "")))
    session.flash = (N_("{name}: vetting withdrawn; the wings listed receive the withdrawal with their next bundle "
                        "from HQ."), {"name": printable(person.name)})
    return RedirectResponse(PATH, 303)


ROUTES = [
    Route(PATH, people_page, methods=["GET"]),
    Route(PATH, add, methods=["POST"]),
    Route(f"{PATH}/{{person_id}}", person_page, methods=["GET"]),
    Route(f"{PATH}/{{person_id}}", renew, methods=["POST"]),
    Route(f"{PATH}/{{person_id}}/withdraw", withdraw, methods=["POST"]),
]

"""Admission deadlines of young, female and first-time prisoners (issue 15 item 3, domain.md §5 scenario 12):
reception screening and needs assessment still to do, from admission until an assessment with the instrument has
been rated; urgent once overdue. To those who assess (treatment staff) and the governor. Codes and dates only."""

from __future__ import annotations

from datetime import date

from wingdesk.domain.assessment_deadlines import admission_deadlines
from wingdesk.domain.inbox import InboxItem
from wingdesk.domain.kinds.assessment import ASSESSMENT, DRAFT
from wingdesk.domain.people import YOUNG_ADULT_AGE, PrisonerFilter
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.roles import Role
from wingdesk.domain.special_groups import special_groups
from wingdesk.services.context import ServiceContext
from wingdesk.services.deadline_settings import read_deadline_settings
from wingdesk.services.inbox_sources import InboxSource
from wingdesk.services.policy import Action, Resource, scope_for
from wingdesk.services.prisoners import YOUNG_AGE_SETTING


def _young_age(ctx: ServiceContext) -> int:
    value = ctx.repo.get_setting(YOUNG_AGE_SETTING)
    return int(value) if value and value.isdigit() else YOUNG_ADULT_AGE


def _collect(ctx: ServiceContext, today: date) -> list[InboxItem]:
    settings, young_age = read_deadline_settings(ctx.repo), _young_age(ctx)
    done: dict[str, set[str]] = {}
    for head in ctx.repo.list_records(RecordQuery(kinds=(ASSESSMENT.name,), limit=5000)):
        if head.prisoner_id and head.body.get("status") != DRAFT:
            done.setdefault(head.prisoner_id, set()).add(str(head.body.get("instrument_id")))
    items = []
    for prisoner in ctx.repo.list_prisoners(PrisonerFilter(), today, 0, 5000):
        groups = special_groups(prisoner, today, young_age)
        for deadline in admission_deadlines(prisoner, groups, done.get(prisoner.id, set()), today, settings):
            due = deadline.due.isoformat()
            items.append(InboxItem(f"admission_deadline:{prisoner.id}:{deadline.instrument_id}:{due}",
                                   "admission_deadline", deadline.due < today, due, prisoner.id,
                                   {"due": due, "instrument": deadline.instrument_id,
                                    "groups": ",".join(deadline.groups)}))
    return items


def _serves(role: Role) -> bool:
    return any(scope_for(role, action, Resource.ASSESSMENT) is not None for action in (Action.CREATE, Action.APPROVE))


ADMISSION_DEADLINES = InboxSource("admission_deadline", _serves, _collect)

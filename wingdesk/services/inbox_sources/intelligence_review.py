"""Deletion review of weak intelligence (issue 16, domain.md §3 rule 10): a report graded 3 or E, or never graded,
carries a review date; from a fortnight before it, security is told the report is due for deletion review, until
it is renewed with a reason (a new review date) or graded better."""

from __future__ import annotations

from datetime import date

from wingdesk.domain.inbox import InboxItem
from wingdesk.domain.kinds.alert import days_until
from wingdesk.domain.kinds.intelligence import INTELLIGENCE_REPORT, grade_text, is_low_grade
from wingdesk.domain.queries import RecordQuery
from wingdesk.services.context import ServiceContext
from wingdesk.services.inbox_sources import InboxSource
from wingdesk.services.policy import Action, Resource, scope_for

WITHIN_DAYS = 14
_SCAN = 5000  # reports on one wing: far fewer


def _collect(ctx: ServiceContext, today: date) -> list[InboxItem]:
    items = []
    for report in ctx.repo.list_records(RecordQuery(kinds=(INTELLIGENCE_REPORT.name,), limit=_SCAN)):
        left = days_until(report.body.get("review_date"), today)
        if not is_low_grade(report.body) or left is None or left > WITHIN_DAYS:
            continue
        due = str(report.body["review_date"])
        items.append(InboxItem(f"intel_review:{report.id}:{due}", "intel_review", False, due, report.prisoner_id,
                               {"due": due, "grade": grade_text(report.body),
                                "subject": str(report.body.get("subject", ""))}))
    return items


INTELLIGENCE_REVIEW = InboxSource(
    "intel_review", lambda role: scope_for(role, Action.ANNOTATE, Resource.INTELLIGENCE_REPORT) is not None,
    _collect)

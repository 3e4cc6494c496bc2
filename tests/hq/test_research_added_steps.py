"""HQ's research facts for a plan step whose type HQ added (a published code list): the step is counted, with its
status, as OTHER; its code never leaves, as with an instrument or module HQ's research does not know."""

from __future__ import annotations

import uuid

from tests.hq.test_research import line, research_rows
from wingdesk.hq.ingest import ingest


def test_an_added_step_type_is_counted_as_other(ctx, wing):
    body = {"reason_for_plan": "x", "prisoner_goals_own_words": "y", "status": "ACTIVE", "agreement_status": "AGREED",
            "steps": [{"step_type": "ANGER_MANAGEMENT", "status": "IN_PROGRESS"},
                      {"step_type": "EDUCATION", "status": "PLANNED"},
                      {"step_type": "ANGER\u202eX", "status": "NOT_A_STATUS"}]}
    assert ingest(ctx, wing.bundle([line("plan", body, str(uuid.uuid4()))])).outcome == "accepted"
    rows = research_rows(ctx)
    steps = sorted((r[9], r[10]) for r in rows if r[8] == "steps")
    assert steps == [("EDUCATION", "PLANNED"), ("OTHER", ""), ("OTHER", "IN_PROGRESS")]
    assert "ANGER_MANAGEMENT" not in repr(rows)
    assert [r[11] for r in rows if r[8] == "steps_total"] == [3]

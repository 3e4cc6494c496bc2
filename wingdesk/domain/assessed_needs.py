"""The plan's needs from a needs assessment (issue 15 item 5): every need area the assessors agreed shows a
significant or some need (or where the prisoner asked for pastoral care), most pressing first, each with the
agreed rationale as the first draft of its goal for the psychologist to edit. The assessment decides nothing
else: which needs the plan keeps, their goals and dates stay the plan author's."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from wingdesk.domain.codes import NEED_AREAS

NEEDS_INSTRUMENT = "wd.needs_assessment"
PRESSING = {"SIGNIFICANT_NEED": 0, "SOME_NEED": 1, "REQUESTED": 1}  # ratings that are a need; lower comes first


def needs_from(agreed: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """[{area, goal_text, status: OPEN}] for the plan from the assessment's agreed ratings."""
    found = [r for r in agreed if r.get("part") in NEED_AREAS and r.get("rating") in PRESSING]
    found.sort(key=lambda r: PRESSING[str(r["rating"])])  # stable: the instrument's order within each rank
    return [{"area": str(r["part"]), "goal_text": str(r.get("rationale") or ""), "status": "OPEN"} for r in found]


def merged_needs(current: list[dict[str, Any]], assessed: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The plan's needs with the assessed areas it lacks added at the end; what the plan holds is never changed."""
    held = {n.get("area") for n in current}
    return [*current, *(n for n in assessed if n["area"] not in held)]

"""A prisoner's path through their assessments (issue 15 item 6): for one instrument, the level people chose and
each domain's agreed rating at every countersigned assessment, oldest first. Only assessments whose history is a
complete sign-off count, as for the current level (domain/assessment_rules.signed_off)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wingdesk.domain.kinds.assessment import LEVELS


@dataclass(frozen=True)
class TrajectoryPoint:
    assessment_id: str
    on: str  # the day it was countersigned
    kind: str  # SCREENING_AT_ADMISSION, INITIAL, PERIODIC, ...
    level: str | None
    instrument_version: int
    ratings: dict[str, str] = field(default_factory=dict)  # agreed rating per part; empty for a summary reader


def point_of(assessment_id: str, body: dict[str, Any], with_ratings: bool) -> TrajectoryPoint:
    ratings = {str(r["part"]): str(r["rating"]) for r in body.get("agreed") or []} if with_ratings else {}
    level = body.get("level")
    return TrajectoryPoint(assessment_id, str(body.get("countersigned_on")), str(body.get("assessment_kind")),
                           str(level) if level in LEVELS else None, int(body.get("instrument_version") or 0),
                           ratings)

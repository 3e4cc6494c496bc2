"""Whether a prisoner's extremism status is in force today (domain.md §5 scenario 12, issue 15 item 3).

A radicalisation concern holds until its review date. A countersigned assessment signed on or after the day the
concern was raised renews it until that assessment's next review date. Past the latest of these dates the concern
has lapsed: the status in force is NONE, and the lapse is reported so people can decide again. A conviction or NONE
does not lapse. Nothing here judges risk: it only reads dates people set."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from wingdesk.domain.kinds.veo_status import CONCERN


@dataclass(frozen=True)
class VeoInForce:
    status: str  # the status in force today (NONE once a concern lapsed)
    set_status: str  # the status people last set
    until: str | None = None  # a concern's date in force, after renewals
    lapsed: bool = False


def veo_in_force(set_status: str, set_on: str, review_date: str | None,
                 renewals: Iterable[tuple[str, str | None]], today: date) -> VeoInForce:
    """`renewals`: (countersigned_on, next_review_date) of the prisoner's signed-off assessments."""
    if set_status != CONCERN:
        return VeoInForce(set_status, set_status)
    until = max([str(review_date or "")] + [str(review) for signed, review in renewals
                                            if review and str(signed) >= set_on[:10]])
    if until < today.isoformat():
        return VeoInForce("NONE", set_status, until, lapsed=True)
    return VeoInForce(set_status, set_status, until)

"""The rules of an assessment that do not depend on storage: ratings checked against the instrument version the
assessment was made with, and whether a stored history is a complete sign-off (two different assessors rated,
both agreed, someone else countersigned). Nothing here computes a level: it only checks who chose it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.instruments.model import Instrument
from wingdesk.domain.kinds.assessment import AGREED, COUNTERSIGNED, JUDGEMENT, RATED, SECOND_RATED
from wingdesk.domain.records import Record

Ratings = list[dict[str, Any]]


def clean_ratings(instrument: Instrument, given: Mapping[str, Any], comments: bool = False) -> Ratings:
    """[{part, rating, rationale}] for every rated part of the instrument, in its order.

    `given` maps a part code to a rating code, or to {"rating": code, "rationale": text}. Refused with one
    sentence: a part the instrument does not have, a part left unrated, a code not on the part's scale, or a
    rating the instrument says needs a rationale given without one."""
    parts = instrument.rated_parts()
    for code in given:
        if code not in parts:
            raise ValidationError("instrument_no_such_part", part=str(code)[:80])
    cleaned: Ratings = []
    for code, rated in parts.items():
        if code not in given:
            raise ValidationError("assessment_part_unrated", part=code)
        value = given[code]
        rating, rationale = (value.get("rating"), value.get("rationale")) if isinstance(value, Mapping) \
            else (value, None)
        if rating not in rated.scale.codes:
            raise ValidationError("assessment_bad_rating", part=code, scale=", ".join(rated.scale.codes))
        text = rationale.strip() if isinstance(rationale, str) else ""
        if rated.needs_rationale(str(rating)) and not text:
            raise ValidationError("assessment_rationale_required", part=code)
        cleaned.append({"part": code, "rating": str(rating), "rationale": text or None})
    return cleaned


def unexplained_differences(agreed: Ratings, first: Ratings, second: Ratings) -> list[str]:
    """The parts where the two assessors' own ratings differ and the agreed rating gives no reason: agreeing there
    is a decision people take, and its reason is recorded (issue 15 item 2)."""
    a = {r["part"]: r.get("rating") for r in first}
    b = {r["part"]: r.get("rating") for r in second}
    return [r["part"] for r in agreed if a.get(r["part"]) != b.get(r["part"]) and not r.get("rationale")]


def judgement_of(body: Mapping[str, Any]) -> dict[str, Any]:
    """The overall judgement people chose and the agreed ratings: what a countersignature vouches for."""
    return {name: body.get(name) for name in (*JUDGEMENT, "agreed")}


def agreed_properly(revisions: list[Record], ratings: list[Record]) -> int | None:
    """The position (in revision order) of the revision that made the assessment AGREED when the history up to
    it holds, else None:

    - the two assessors it names differ;
    - the first assessor's ratings record (FIRST) and the second's (SECOND) exist, each written by that assessor;
    - the revision that marked it RATED was written by the first assessor, SECOND_RATED by the second;
    - the agreed ratings and judgement were proposed by one assessor and confirmed (AGREED) by the other."""
    ordered = sorted(revisions, key=lambda r: r.revision)
    if not ordered:
        return None
    first, second = ordered[-1].body.get("assessor_a"), ordered[-1].body.get("assessor_b")
    if not first or not second or first == second:
        return None
    by_position = {(r.body.get("position"), r.author_id) for r in ratings}
    if ("FIRST", first) not in by_position or ("SECOND", second) not in by_position:
        return None
    if not _first_with(ordered, RATED, first) or not _first_with(ordered, SECOND_RATED, second):
        return None
    agreed_at = next((i for i, r in enumerate(ordered) if r.body.get("status") == AGREED), None)
    if agreed_at is None or agreed_at == 0:
        return None
    confirmed, proposal = ordered[agreed_at], ordered[agreed_at - 1]
    if {confirmed.author_id, proposal.author_id} != {first, second} \
            or judgement_of(proposal.body) != judgement_of(confirmed.body):
        return None
    return agreed_at


def signed_off(revisions: list[Record], ratings: list[Record], may_countersign: Callable[[str], bool]) -> bool:
    """Whether a stored assessment history is a complete sign-off, whatever path wrote it: its latest revision is
    COUNTERSIGNED, it was agreed properly (agreed_properly), the countersignature was written by neither assessor
    but by someone `may_countersign` (by user id) approves, and the judgement never changed after the other
    assessor confirmed it."""
    ordered = sorted(revisions, key=lambda r: r.revision)
    agreed_at = agreed_properly(ordered, ratings)
    if agreed_at is None or ordered[-1].body.get("status") != COUNTERSIGNED:
        return False
    assessors = (ordered[-1].body.get("assessor_a"), ordered[-1].body.get("assessor_b"))
    judgement = judgement_of(ordered[agreed_at].body)
    later = ordered[agreed_at + 1:]
    signatures = [r for r in later if r.body.get("status") == COUNTERSIGNED]
    if not signatures or signatures[0].author_id in assessors or not may_countersign(signatures[0].author_id):
        return False
    return all(judgement_of(r.body) == judgement for r in later)


def _first_with(ordered: list[Record], status: str, author: str) -> bool:
    found = next((r for r in ordered if r.body.get("status") == status), None)
    return found is not None and found.author_id == author

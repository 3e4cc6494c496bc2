"""The demo wing's open assessment work (issue 15 items 2 to 4), so every step has something on screen: security
raised a radicalisation concern about the prisoner assessed five times and proposed a single cell resting on the
latest assessment (waiting for the governor's approval); the prisoner assessed twice has an approved regime
decision they were told, and was reassessed: the two assessors differed on one domain and agreed it with a reason,
and the agreement waits for the countersignature.
All written through the services by the people whose step it is; nothing is computed."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from wingdesk.demo.accounts import account
from wingdesk.domain.roles import Role

SPJ = "wd.extremism_risk_spj"
CONCERNS = ("BELIEFS_ATTITUDES", "CONTEXT_INTENT", "HISTORY_CAPABILITY", "COMMITMENT_MOTIVATION")


def add_open_work(builder: Any, assessed: list[str], psy: Any, sw: Any) -> None:
    """`assessed`: the prisoner assessed five times, then the one assessed twice (each countersigned)."""
    if len(assessed) < 2:
        return
    sec = builder._session(account(Role.SECURITY))  # noqa: SLF001 - the demo builder's own session cache
    words = builder.phrases["assessment_work"]
    notes = words["spj_rationales"]  # one per SPJ domain, then the second assessor's other reading
    today = datetime.now().date()
    kept = builder.clock.moment
    builder.clock.set(datetime.combine(today - timedelta(days=3), time(11)).astimezone(UTC))
    first, second = assessed[:2]
    sec.veo.set(first, "RADICALISATION_CONCERN_UNDER_ASSESSMENT", words["concern"],
                (today + timedelta(days=40)).isoformat())
    level = sec.assessments.current_level(first)
    if level is not None:
        sec.allocations.propose(first, {
            "decision_type": "PLACEMENT", "assessment_id": level.assessment_id, "placement": words["placement"],
            "cell_sharing": "SINGLE_CELL", "reasons": words["reasons"], "review_date":
                (today + timedelta(days=90)).isoformat(),
            "less_restrictive_options": [{"option": words["option"], "why_not": words["why_not"]}]})
    signed = sec.assessments.current_level(second)
    if signed is not None:  # an approved regime decision the prisoner was told: what officers see of decisions
        gov = builder._session(account(Role.GOVERNOR))  # noqa: SLF001
        decided = sec.allocations.propose(second, {
            "decision_type": "REGIME", "assessment_id": signed.assessment_id, "regime_activities": words["regime"],
            "reasons": words["regime_reasons"], "review_date": (today + timedelta(days=120)).isoformat(),
            "less_restrictive_options": [{"option": words["regime_option"], "why_not": words["regime_why_not"]}]})
        gov.allocations.approve(decided.id)
        sec.allocations.record_told(decided.id, (today - timedelta(days=3)).isoformat(), "IN_PERSON")
    builder.clock.set(datetime.combine(today - timedelta(days=2), time(10)).astimezone(UTC))
    ratings = {code: {"rating": "MODERATE", "rationale": notes[i % len(notes)]} for i, code in enumerate(CONCERNS)}
    ratings["PROTECTIVE_FACTORS"] = {"rating": "SOME", "rationale": notes[4 % len(notes)]}
    other = {**ratings, "CONTEXT_INTENT": {"rating": "HIGH", "rationale": notes[5 % len(notes)]}}
    agreed = {**ratings, "CONTEXT_INTENT": {"rating": "MODERATE", "rationale": words["agreed_reason"]}}
    judgement = {"level": "MODERATE", "nature": "EXTREMIST_VIOLENCE", "at_risk": "OTHER_PRISONERS",
                 "imminence": "NOT_IMMINENT", "confidence": "MODERATE",
                 "formulation": words["spj_formulation"], "management_instructions": words["spj_instructions"],
                 "next_review_date": (today + timedelta(days=120)).isoformat()}
    started = psy.assessments.start(second, "PERIODIC", SPJ)
    psy.assessments.rate(started.id, ratings)
    sw.assessments.rate_independently(started.id, other)
    psy.assessments.agree(started.id, agreed, judgement)
    sw.assessments.agree(started.id, agreed, judgement)  # agreed: waits for the governor's countersignature
    builder.clock.set(kept)

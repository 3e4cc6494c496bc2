"""The demo wing's risk assessments (issue 15 items 2 and 6): one prisoner assessed with the extremism SPJ five
times over eighteen months (high, high, moderate, moderate, low), another twice, each rated by the psychologist and
the social worker independently, agreed by both and countersigned by the governor; the prisoner of the latest was
informed, took part and disputes a domain in their own words. The levels are the demo's story, chosen as people
would choose them: nothing computes them."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from wingdesk.demo.accounts import DEMO_ACCOUNTS, account
from wingdesk.demo.assessment_work import add_open_work
from wingdesk.domain.roles import Role

SPJ = "wd.extremism_risk_spj"
CONCERNS = ("BELIEFS_ATTITUDES", "CONTEXT_INTENT", "HISTORY_CAPABILITY", "COMMITMENT_MOTIVATION")
# (days before today, kind, level, concern per domain, protective factors)
STORY = (
    (540, "INITIAL", "HIGH", ("HIGH", "HIGH", "MODERATE", "HIGH"), "ABSENT"),
    (420, "PERIODIC", "HIGH", ("HIGH", "MODERATE", "MODERATE", "HIGH"), "SOME"),
    (300, "EVENT_TRIGGERED", "MODERATE", ("MODERATE", "MODERATE", "MODERATE", "NOT_KNOWN"), "SOME"),
    (180, "PERIODIC", "MODERATE", ("MODERATE", "LOW", "MODERATE", "MODERATE"), "SOME"),
    (60, "PERIODIC", "LOW", ("LOW", "LOW", "MODERATE", "LOW"), "STRONG"),
)


def add_assessments(builder: Any, ids: list[str]) -> None:
    """Written through the services as the demo's psychologist, social worker and governor."""
    psy = builder._session(account(Role.TREATMENT))  # noqa: SLF001 - the demo builder's own session cache
    sw = builder._session(next(a for a in DEMO_ACCOUNTS if a.discipline == "SW"))  # noqa: SLF001
    gov = builder._session(account(Role.GOVERNOR))  # noqa: SLF001
    words, goals = builder.phrases["assessment_work"], builder.phrases["goals"]
    notes = words["spj_rationales"]  # one per SPJ domain, then the second assessor's other reading
    kept = builder.clock.moment
    today = datetime.now().date()
    latest = ""
    long_ago = (today - timedelta(days=STORY[0][0] + 10)).isoformat()
    held = [i for i in ids if (psy.prisoners.get(i).admission_date or "9999") <= long_ago]  # in custody since
    for prisoner, story in zip(held, (STORY, STORY[2:4]), strict=False):
        for n, (days, kind, level, concerns, protective) in enumerate(story):
            day = today - timedelta(days=days)
            builder.clock.set(datetime.combine(day, time(10)).astimezone(UTC))
            ratings = {code: {"rating": rating, "rationale": notes[i]}
                       for i, (code, rating) in enumerate(zip(CONCERNS, concerns, strict=True))}
            ratings["PROTECTIVE_FACTORS"] = {"rating": protective, "rationale": notes[4]}
            second = {**ratings, CONCERNS[n % 4]: {"rating": concerns[n % 4], "rationale": notes[5]}}
            judgement = {"level": level, "nature": "EXTREMIST_VIOLENCE", "at_risk": "OTHER_PRISONERS",
                         "imminence": "NOT_IMMINENT", "confidence": "MODERATE",
                         "formulation": words["spj_formulation"],
                         "management_instructions": words["spj_instructions"],
                         "next_review_date": (day + timedelta(days=120)).isoformat()}
            started = psy.assessments.start(prisoner, kind, SPJ)
            psy.assessments.rate(started.id, ratings)
            sw.assessments.rate_independently(started.id, second)
            psy.assessments.agree(started.id, ratings, judgement)
            sw.assessments.agree(started.id, ratings, judgement)
            gov.assessments.countersign(started.id)
            psy.assessments.record_informed(started.id, day.isoformat(), "IN_PERSON", participated=True)
            latest = started.id
        psy.assessments.add_prisoner_comment(latest, "CONTEXT_INTENT", goals[0])
    builder.clock.set(kept)
    add_open_work(builder, held[:2], psy, sw)  # a concern, a proposal and an agreement waiting for the governor

"""Shared steps for the assessment tests: the shipped instruments installed, and the SPJ rated in full."""

from __future__ import annotations

from wingdesk.config.package_data import shipped_instruments

SPJ = "wd.extremism_risk_spj"
DOMAINS = ("BELIEFS_ATTITUDES", "CONTEXT_INTENT", "HISTORY_CAPABILITY", "COMMITMENT_MOTIVATION",
           "PROTECTIVE_FACTORS")


def install(login) -> None:
    admin = login("admin")
    admin.instruments.install_shipped(shipped_instruments())
    admin.lock()


def spj_ratings(concern: str, protective: str = "SOME", why: str = "Seen in interviews and reports.") -> dict:
    """Every SPJ domain rated with a rationale (the SPJ asks one for every rating)."""
    ratings = {code: {"rating": concern, "rationale": f"{why} ({code})"} for code in DOMAINS[:-1]}
    ratings["PROTECTIVE_FACTORS"] = {"rating": protective, "rationale": f"{why} (protective)"}
    return ratings


def judgement(level: str, **more) -> dict:
    return {"level": level, "nature": "EXTREMIST_VIOLENCE", "at_risk": "OTHER_PRISONERS",
            "imminence": "NOT_IMMINENT", "confidence": "MODERATE", "formulation": "Agreed formulation.",
            "management_instructions": "Normal association; report recruitment attempts.",
            "next_review_date": "2027-06-01", **more}


def agreed_assessment(psy, sw, prisoner_id: str, level: str, concern: str, kind: str = "INITIAL",
                      sources: list[str] | None = None, review: str = "2027-06-01") -> str:
    """Started and rated by PSY, rated independently by SW, agreed by both (not countersigned)."""
    started = psy.assessments.start(prisoner_id, kind, SPJ, sources_used=sources)
    psy.assessments.rate(started.id, spj_ratings(concern))
    sw.assessments.rate_independently(started.id, spj_ratings(concern, why="Own reading of the file."))
    psy.assessments.agree(started.id, spj_ratings(concern), judgement(level, next_review_date=review))
    sw.assessments.agree(started.id, spj_ratings(concern), judgement(level, next_review_date=review))
    return started.id

"""Shared steps for the assessment tests: the shipped instruments installed, the SPJ rated in full, and a wing clock
run ahead for what lapses after a review date."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from wingdesk.config.package_data import shipped_instruments
from wingdesk.domain.authorship import statement_of_record
from wingdesk.domain.kinds.assessment import ASSESSMENT, ASSESSMENT_RATING
from wingdesk.domain.records import Record, iso, new_id, utc_now

SPJ = "wd.extremism_risk_spj"
DOMAINS = ("BELIEFS_ATTITUDES", "CONTEXT_INTENT", "HISTORY_CAPABILITY", "COMMITMENT_MOTIVATION",
           "PROTECTIVE_FACTORS")


class AheadClock:
    """The wing's clock `days` ahead of the real one: what the wing sees when that time has passed."""

    def __init__(self, days: int) -> None:
        self.delta = timedelta(days=days)

    def now(self) -> datetime:
        return datetime.now(UTC).replace(microsecond=0) + self.delta

    def today(self) -> date:
        return self.now().astimezone().date()

    def set(self, moment: datetime) -> None:  # the interface of DemoClock; this clock is never set
        raise AssertionError("not settable")


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


def sql_insert(session, record):
    """An insider with the database file and its key writes a revision with raw SQL, in whoever's name they like,
    signed with their own key (they hold no other): what the services' own writers never do."""
    content_hash = record.content_sha256()
    own_sig = session.ctx.keyring.sign_record(statement_of_record(record, content_hash))
    conn = session.ctx.repo.conn
    conn.execute("INSERT INTO records (id, revision, kind, subtype, wing, prisoner_id, author_id, author_name, "
                 "author_role, occurred_at, recorded_at, sensitivity, status, body, content_sha256, author_sig) "
                 "VALUES (?,?,?,?,?,?,?,?,?,?,?,'SENSITIVE','ACTIVE',?,?,?)",
                 (record.id, record.revision, record.kind, record.body.get("assessment_kind")
                  or record.body.get("position"), record.wing, record.prisoner_id, record.author_id,
                  record.author_name, record.author_role, record.occurred_at, record.recorded_at,
                  json.dumps(record.body, sort_keys=True), content_hash, own_sig))
    seq = conn.execute("SELECT max(seq) FROM records").fetchone()[0]
    if record.revision == 1:
        conn.execute("INSERT INTO record_heads (id, seq) VALUES (?, ?)", (record.id, seq))
    else:
        conn.execute("UPDATE record_heads SET seq = ? WHERE id = ?", (seq, record.id))
    return record


def forged_with_sql(session, kind, body, author, prisoner_id, record_id=None, revision=1):
    spec = ASSESSMENT if kind == "assessment" else ASSESSMENT_RATING
    now = iso(utc_now())
    return sql_insert(session, Record(record_id or new_id(), kind, session.ctx.wing, prisoner_id, author.user.id,
                                       author.user.display_name, str(author.user.role), now, now, spec.clean(body),
                                       sensitivity="SENSITIVE", revision=revision))

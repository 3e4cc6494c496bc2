"""The demo wing's intelligence (issue 16): security's report made from the officers' two latest concern
observations, graded 2/B/P with its sanitised text shared with supervisors and the governor, a second prisoner
linked, and a cell search asked of the supervisors; an ungraded rumour months old, coming up for deletion review;
a C-coded report still held on the wing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from wingdesk.demo.accounts import account
from wingdesk.domain.roles import Role


def add_intelligence(builder: Any, ids: list[str]) -> None:
    """Written through the services as the demo's security officer; `builder` is the DemoBuilder."""
    clock, t = builder.clock, builder.phrases["intelligence"]
    sec = builder._session(account(Role.SECURITY))  # noqa: SLF001 - the demo builder's own session cache
    real = datetime.now(UTC).replace(microsecond=0)
    clock.set(real - timedelta(days=175))  # the rumour: six months on, its deletion review is a week away
    weak = sec.intelligence.create(ids[2], "PRESSURE_ON_OTHERS", t["weak_report"])
    sec.intelligence.grade(weak.id, "SRC_3", "INT_C", "HANDLE_P", t["weak_rationale"])
    clock.set(real - timedelta(minutes=40))
    concerns = [o for o in sec.observations.recent(limit=200) if o.body.get("polarity") == "CONCERN"][:2]
    subject = concerns[0].prisoner_id if concerns else ids[0]
    others = [o.prisoner_id for o in concerns if o.prisoner_id != subject] or [ids[1]]
    report = sec.intelligence.create(subject, "CONTRABAND_SECURITY", t["report"],
                                     observation_ids=[o.id for o in concerns], linked_prisoners=others[:1])
    clock.set(real - timedelta(minutes=30))
    sec.intelligence.grade(report.id, "SRC_2", "INT_B", "HANDLE_P", t["rationale"], sanitised_text=t["sanitised"],
                           share_with=["SUPERVISOR", "GOVERNOR"], share_reason=t["share_reason"])
    sec.security_tasks.request(report.id, "CELL_SEARCH", t["task"], place="B1-04")  # for the supervisors
    coded = sec.intelligence.create(ids[3], "CONTRABAND_SECURITY", t["coded_report"])
    sec.intelligence.grade(coded.id, "SRC_2", "INT_C", "HANDLE_C", t["coded_rationale"], conditions=t["conditions"])
    clock.set(None)

"""Former prisoners for the governor's retention review (issue 19 item 5): one released in 2017 and one transferred
in 2021, with a few records from their time on the wing, so the demo's queue shows records whose retention ran out
under the shipped schedule (wing log and observations two years after release, one year after a transfer)."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from wingdesk.demo.accounts import account
from wingdesk.demo.roster import make_people
from wingdesk.domain.roles import Role

# (number, admitted, seen on the wing, left, how they left)
FORMER = (("F-2015-031", "2015-02-10", "2016-05-12T09:30:00Z", "2017-03-01", "RELEASE"),
          ("F-2019-114", "2019-06-03", "2020-09-18T14:10:00Z", "2021-04-20", "TRANSFER"))


def add_former_prisoners(builder: Any, today: date) -> None:
    sup, off = builder._session(account(Role.SUPERVISOR)), builder._session(account(Role.OFFICER))
    people = make_people(len(FORMER), random.Random(19), today)
    facts = builder.phrases["observation_facts"]["POSITIVE_ENGAGEMENT"]
    for (number, admitted, seen, left, how), person in zip(FORMER, people, strict=True):
        pid = sup.prisoners.admit(number, person.given, person.family, person.sex, "CONVICTED",
                                  name_cyrillic=person.cyrillic, date_of_birth=person.dob,
                                  admission_date=admitted).id
        fact = next((f for f in facts if f.get("sex") in (person.sex, None)), facts[0])
        off.observations.record(pid, "POSITIVE_ENGAGEMENT", "POSITIVE", fact["fact"],
                                officer_assessment=fact.get("assessment", ""), occurred_at=seen)
        off.logs.add_entry("MOVEMENT", {"destination": how, "direction": "OUT"}, prisoner_id=pid,
                           occurred_at=f"{left}T09:00:00Z", day=left)

"""The demo wing's vetted outside people (issue 17 item 3). A real wing receives them from HQ in a signed reference
bundle; the demo has no HQ, so they are stored as that bundle would store them: one listed for every prison, one
whose vetting ends within the month, one whose vetting expired, one withdrawn, and one listed for another prison
only."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from wingdesk.demo.accounts import account
from wingdesk.domain.roles import Role
from wingdesk.domain.vetted_people import VettedPerson

# name, role, organisation, first day (days from today), last day, the prisons listed (None: every prison), active
DEMO_PEOPLE = (
    ("Imam Arben Krasniqi", "religious_counsellor", "Islamic Community", -200, 330, None, True),
    ("Father Nikola Jovanović", "religious_counsellor", "Orthodox Church, Prison Chaplaincy", -340, 18, None, True),
    ("Vesna Marković", "volunteer", "Red Cross, Old Town branch", -400, -6, None, True),
    ("Elira Hoxha", "ngo_worker", "Bridges Reintegration NGO", -100, 260, None, True),
    ("Dario Perić", "peer_mentor", "Second Chance Mentors", -60, 300, None, False),
    ("Selma Begić", "ngo_worker", "Women's Rights Centre", -30, 200, ("Women's Wing, Other Prison",), True),
)


def add_vetted_people(builder: Any, today: date) -> None:
    adm = builder._session(account(Role.ADMIN))  # noqa: SLF001 - the demo builder's own session cache
    stamp = f"{today.isoformat()}T08:00:00Z"
    with adm.ctx.repo.transaction():
        for n, (name, role, organisation, start, end, wings, active) in enumerate(DEMO_PEOPLE):
            person = VettedPerson(str(uuid.uuid5(uuid.NAMESPACE_URL, f"demo-vetted:{name}")), name, role,
                                  organisation, "", wings, (today + timedelta(days=start)).isoformat(),
                                  (today + timedelta(days=end)).isoformat(), f"MoJ-V-{2026 - n % 2}/{117 + n}",
                                  True, "", 1)
            adm.ctx.repo.put_vetted_person(person, 0, stamp)
            if not active:
                adm.ctx.repo.put_vetted_person(replace(
                    person, active=False, rev=2, reason="Withdrawn after a breach of the visiting rules"), 0, stamp)

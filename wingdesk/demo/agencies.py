"""The demo wing's handover agencies (issue 19 item 2). A real wing receives them from HQ in a signed reference
bundle; the demo has no HQ, so they are stored as that bundle would store them, each with a fresh age key whose
private half is thrown away (nothing sealed in the demo can be opened)."""

from __future__ import annotations

import uuid
from typing import Any

import pyrage

from wingdesk.demo.accounts import account
from wingdesk.domain.agencies import Agency
from wingdesk.domain.roles import Role

DEMO_AGENCIES = (("Probation Office, North District", "probation"), ("Social Work Centre, Old Town", "social_work"),
                 ("Municipal Prevention Coordinator", "prevention"), ("Bridges Reintegration NGO", "ngo"))


def add_agencies(builder: Any) -> None:
    adm = builder._session(account(Role.ADMIN))  # noqa: SLF001 - the demo builder's own session cache
    with adm.ctx.repo.transaction():
        for name, kind in DEMO_AGENCIES:
            key = str(pyrage.x25519.Identity.generate().to_public())
            adm.ctx.repo.put_agency(Agency(str(uuid.uuid5(uuid.NAMESPACE_URL, f"demo-agency:{name}")), name, kind,
                                           key, True, 1), 0)

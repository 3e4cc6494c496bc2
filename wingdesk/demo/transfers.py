"""The demo wing's list of other prisons' PCs a transfer may be sealed to (issue 19 item 1). A real wing receives
it from HQ in a signed reference bundle; the demo stores made-up entries with fresh keys nobody holds."""

from __future__ import annotations

import uuid
from typing import Any

import pyrage

from wingdesk.demo.accounts import account
from wingdesk.domain.roles import Role
from wingdesk.domain.transfer import TransferPeer

DEMO_PRISONS = ("Prison of Drin, Wing A", "Correctional Centre East, Wing 2")


def add_transfer_peers(builder: Any) -> None:
    adm = builder._session(account(Role.ADMIN))  # noqa: SLF001 - the demo builder's own session cache
    with adm.ctx.repo.transaction():
        for name in DEMO_PRISONS:
            key = str(pyrage.x25519.Identity.generate().to_public())
            adm.ctx.repo.put_transfer_peer(TransferPeer(str(uuid.uuid5(uuid.NAMESPACE_URL, f"demo-prison:{name}")),
                                                        name, key), 0)

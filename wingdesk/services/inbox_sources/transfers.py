"""The governor is told of transfers between prisons (issue 19 item 1): a package HQ delivered that waits to be
accepted (urgent), and the receipt for one this wing sent (the receiving prison accepted the file)."""

from __future__ import annotations

from datetime import date

from wingdesk.domain.inbox import InboxItem
from wingdesk.services.context import ServiceContext
from wingdesk.services.inbox_sources import InboxSource
from wingdesk.services.policy import Action, Resource, scope_for


def _collect(ctx: ServiceContext, today: date) -> list[InboxItem]:
    names = {peer.device_id: peer.wing_name for peer in ctx.repo.list_transfer_peers()}
    items = [InboxItem(f"transfer_waiting:{row.transfer_id}", "transfer_waiting", True, row.at, None,
                       {"prison": names.get(row.other_device, "")})
             for row in ctx.repo.list_transfers("IN", "RECEIVED")]
    items += [InboxItem(f"transfer_acknowledged:{row.transfer_id}", "transfer_acknowledged", False,
                        row.done_at or row.at, row.prisoner_id, {"prison": names.get(row.other_device, "")})
              for row in ctx.repo.list_transfers("OUT", "ACKNOWLEDGED")]
    return items


TRANSFERS = InboxSource("transfers", lambda role: scope_for(role, Action.READ, Resource.TRANSFER) is not None,
                        _collect)

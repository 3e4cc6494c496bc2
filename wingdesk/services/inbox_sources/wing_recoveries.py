"""Every user is told when HQ recovery created an administrator on this wing (issue 22 item 3), until they
acknowledge it: a new administrator nobody on the wing appointed must not go unnoticed."""

from __future__ import annotations

from datetime import date

from wingdesk.domain.inbox import InboxItem
from wingdesk.domain.roles import Role
from wingdesk.services.context import ServiceContext
from wingdesk.services.inbox_sources import InboxSource


def _collect(ctx: ServiceContext, today: date) -> list[InboxItem]:
    items = []
    for grant_id, at, admin_id in ctx.repo.recoveries():
        admin = ctx.repo.get_user(admin_id)
        name = admin.display_name if admin is not None else ""
        items.append(InboxItem(f"wing_recovered:{grant_id}", "wing_recovered", True, at, None, {"admin": name}))
    return items


# every role with an inbox; administrators have none (the inbox reads prisoners, which they may not)
WING_RECOVERIES = InboxSource("wing_recovered", lambda role: role is not Role.ADMIN, _collect)

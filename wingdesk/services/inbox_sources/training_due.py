"""Required training not done, or its refresher overdue: to the member of staff themselves (issue 18), in every
role that has an inbox; the item names the module and, for a refresher, when it fell due."""

from __future__ import annotations

from datetime import date

from wingdesk.domain.inbox import InboxItem
from wingdesk.domain.modules.status import status_of
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.roles import Role
from wingdesk.services.context import ServiceContext
from wingdesk.services.inbox_sources import InboxSource
from wingdesk.services.learning import KIND, completion_dates
from wingdesk.services.policy import Action, Resource, scope_for
from wingdesk.services.training_modules import modules_in_force


def _collect(ctx: ServiceContext, today: date) -> list[InboxItem]:
    modules = [m for m in modules_in_force(ctx.repo) if m.required(str(ctx.user.role))]
    if not modules:
        return []
    done = completion_dates(ctx.repo.list_records(RecordQuery(kinds=(KIND,), author_id=ctx.user.id, limit=5000)))
    items = []
    for module in modules:
        status = status_of(module, str(ctx.user.role), done.get((ctx.user.id, module.module_id), []), today)
        if not status.needs_action:
            continue
        due = status.due_on.isoformat() if status.due_on else ""
        params = {"module": module.module_id, "due": due}
        params.update({f"title.{lang}": content.title for lang, content in module.content.items()})
        items.append(InboxItem(f"training:{module.module_id}:{due or 'new'}", "training_due", False,
                               due or today.isoformat(), None, params))
    return items


def _serves(role: Role) -> bool:
    """Staff who take training and have an inbox; the administrator keeps the system and has no inbox (the
    Learning page still shows them what is required for their role)."""
    return role is not Role.ADMIN and scope_for(role, Action.CREATE, Resource.TRAINING) is not None


TRAINING_DUE = InboxSource("training_due", _serves, _collect)

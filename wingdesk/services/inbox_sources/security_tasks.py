"""Security tasks in the inbox (issue 16): the supervisors are told of each task security asks of them until it is
done; security is told when one comes back done. Codes only: the task's instructions stay on the task."""

from __future__ import annotations

from wingdesk.domain.inbox import InboxItem
from wingdesk.domain.kinds.security_task import DONE, REQUESTED, SECURITY_TASK
from wingdesk.domain.queries import RecordQuery
from wingdesk.services.context import ServiceContext
from wingdesk.services.inbox_sources import InboxSource
from wingdesk.services.policy import Action, Resource, scope_for

_SCAN = 2000


def _items(ctx: ServiceContext, status: str, source: str) -> list[InboxItem]:
    found = ctx.repo.list_records(RecordQuery(kinds=(SECURITY_TASK.name,), limit=_SCAN))
    return [InboxItem(f"{source}:{t.id}", source, False, t.recorded_at, t.prisoner_id,
                      {"task_type": str(t.body.get("task_type", ""))}) for t in found if t.status == status]


SECURITY_TASKS_ASKED = InboxSource(
    "security_task", lambda role: scope_for(role, Action.ANNOTATE, Resource.SECURITY_TASK) is not None,
    lambda ctx, today: _items(ctx, REQUESTED, "security_task"))
SECURITY_TASKS_DONE = InboxSource(
    "security_task_done", lambda role: scope_for(role, Action.CREATE, Resource.SECURITY_TASK) is not None,
    lambda ctx, today: _items(ctx, DONE, "security_task_done"))

__all__ = ["SECURITY_TASKS_ASKED", "SECURITY_TASKS_DONE"]

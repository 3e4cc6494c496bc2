"""Each user's inbox: what needs their attention from every inbox source that serves their role, less what they
acknowledged. Acknowledging is one click, kept for good and audited."""

from __future__ import annotations

from wingdesk.domain.errors import NotFound
from wingdesk.domain.inbox import InboxItem
from wingdesk.domain.records import iso
from wingdesk.services.gateway import GuardedService, self_service
from wingdesk.services.inbox_sources import sources_for


class InboxService(GuardedService):
    """Every user has an inbox of their own (self-service); each source decides what the role may be told."""

    def _collect(self) -> list[InboxItem]:
        today = self.ctx.clock.today()
        items = [item for source in sources_for(self.user.role) for item in source.collect(self.ctx, today)]
        return list({item.key: item for item in items}.values())

    @self_service
    def has_sources(self) -> bool:
        return bool(sources_for(self.user.role))

    @self_service
    def items(self) -> list[InboxItem]:
        """Items not yet acknowledged: urgent first, then newest first."""
        found = self._collect()
        acked = self.ctx.repo.inbox_acked(self.user.id, [i.key for i in found])
        waiting = sorted((i for i in found if i.key not in acked), key=lambda i: i.at, reverse=True)
        return sorted(waiting, key=lambda i: not i.urgent)

    @self_service
    def acknowledge(self, key: str) -> None:
        """Acknowledge one item that is in this user's inbox now (an unknown key: NotFound, nothing kept)."""
        if key not in {i.key for i in self._collect()}:
            raise NotFound(field="item")
        with self.ctx.repo.transaction():
            if self.ctx.repo.add_inbox_ack(self.user.id, key, iso(self.ctx.clock.now())):
                self.audit.append(self.user.id, "inbox_ack", f"inbox:{key}")

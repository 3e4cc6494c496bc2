"""Reading and verifying the audit chain."""

from __future__ import annotations

from wingdesk.domain.audit import AuditEntry, ChainReport, verify
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource
from wingdesk.services.repository_ports import AuditStore


class AuditService(GuardedService):
    @property
    def store(self) -> AuditStore:
        """The one aggregate this service reads."""
        return self.ctx.repo

    @guarded(Action.READ, Resource.AUDIT)
    def verify_chain(self) -> ChainReport:
        report = verify(self.store.iter_audit())
        self.audit.append(self.user.id, "audit_verify", "audit", "" if report.intact else str(report.first_bad_seq))
        return report

    @guarded(Action.READ, Resource.AUDIT)
    def page(self, offset: int = 0, limit: int = 200) -> list[AuditEntry]:
        return self.store.audit_page(offset, limit)

    @guarded(Action.READ, Resource.AUDIT)
    def count(self) -> int:
        return self.store.audit_count()

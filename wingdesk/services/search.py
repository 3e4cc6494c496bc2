"""Full-text search over the records the caller may read, and nothing else. Words match as name keys
(domain.name_key): "Petrovic", "Petrović" and "Петровић" find the same text, and the records about the prisoner of
that name; each word may be in the record's text or in its prisoner's name, number or cell."""

from __future__ import annotations

from wingdesk.domain.kinds import spec_of
from wingdesk.domain.kinds.intelligence import INTELLIGENCE_REPORT
from wingdesk.domain.name_key import query_terms
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Record, RecordKind
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource, Scope
from wingdesk.services.reading import readable_kinds, visible


class SearchService(GuardedService):
    @guarded(Action.READ, Resource.PRISONER)
    def search(self, text: str, limit: int = 100) -> list[Record]:
        terms = query_terms(text)
        if not terms:
            return []
        scopes = readable_kinds(self.ctx)
        # Only kinds the caller reads in full are searched: a restricted read must not reveal free text by match.
        kinds = tuple(k for k, s in scopes.items() if spec_of(k).searchable and s in (Scope.ALL, Scope.OWN))
        own = tuple(k for k, s in scopes.items() if s is Scope.OWN)
        query = RecordQuery(kinds=kinds, owner_id=self.user.id, own_kinds=own, limit=limit)
        found = [v for r in self.ctx.repo.search_records(terms, query) if (v := visible(self.ctx, r, scopes))]
        self.audit.append(self.user.id, "search", "records")
        if any(r.kind == INTELLIGENCE_REPORT.name for r in found):  # issue 16: every intelligence read audited
            self.audit.append(self.user.id, "read_sensitive", f"{INTELLIGENCE_REPORT.name}:search")
        return found


__all__ = ["SearchService", "RecordKind"]

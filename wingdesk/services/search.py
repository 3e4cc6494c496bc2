"""Full-text search over the records the caller may read, and nothing else."""

from __future__ import annotations

import re

from wingdesk.domain.kinds import spec_of
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Record, RecordKind
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource, Scope
from wingdesk.services.reading import readable_kinds, visible

_TOKEN = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """User text → a safe FTS5 query: each word quoted, prefix-matched, all required."""
    words = _TOKEN.findall(text)[:12]
    return " ".join(f'"{w}"*' for w in words) or None


class SearchService(GuardedService):
    @guarded(Action.READ, Resource.PRISONER)
    def search(self, text: str, limit: int = 100) -> list[Record]:
        match = fts_query(text)
        if match is None:
            return []
        scopes = readable_kinds(self.ctx)
        # Only kinds the caller reads in full are searched: a restricted read must not reveal free text by match.
        kinds = tuple(k for k, s in scopes.items() if spec_of(k).searchable and s in (Scope.ALL, Scope.OWN))
        own = tuple(k for k, s in scopes.items() if s is Scope.OWN)
        query = RecordQuery(kinds=kinds, owner_id=self.user.id, own_kinds=own, limit=limit)
        found = [v for r in self.ctx.repo.search_records(match, query) if (v := visible(self.ctx, r, scopes))]
        self.audit.append(self.user.id, "search", "records")
        return found


__all__ = ["SearchService", "RecordKind"]

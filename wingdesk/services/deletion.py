"""An administrator's hard delete (domain.md §0 rule 1, §3 rule 6, scenario 8).

For the rare legal case (a record written about the wrong person, a court order) an administrator removes a
record's content with a reason: every version, amendment and search row of it goes, and a tombstone stays
(domain.tombstones), signed with the administrator's own key and bound into the audit chain by a `hard_delete`
entry whose content hash is the tombstone's. `wingdesk verify` checks it in place of the vanished content.
"""

from __future__ import annotations

import json
from typing import Any

from wingdesk.domain.errors import NotFound
from wingdesk.domain.records import iso
from wingdesk.domain.schema import Field
from wingdesk.domain.tombstones import Tombstone, tombstone_of
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.integrity import canonical_sha256
from wingdesk.services.policy import Action, Resource
from wingdesk.services.repository_ports import TombstoneStore

_REASON = Field("reason", "text", required=True)


class DeletionService(GuardedService):
    @guarded(Action.DELETE, Resource.RECORD)
    def delete_record(self, record_id: str, reason: str | None) -> Tombstone:
        """Delete one record's content for good; a blank reason or an unknown record is refused, nothing changed."""
        cleaned = _REASON.clean(reason)
        repo = self.ctx.repo
        with repo.transaction():
            record = repo.get_record(record_id)
            if record is None:
                raise NotFound(field="record")
            first = repo.record_revisions(record_id)[0]
            versions, notes = repo.record_hashes(record_id)
            stone = Tombstone(record.id, str(record.kind), record.prisoner_id, first.author_id, first.author_name,
                              record.content_sha256(), record.author_sig, tuple(versions), tuple(notes),
                              self.user.id, self.user.display_name, iso(self.ctx.clock.now()), str(cleaned))
            statement = stone.statement()
            stone = Tombstone(**{**stone.__dict__, "signature": self.ctx.keyring.sign_tombstone(statement)})
            digest = canonical_sha256(statement)
            repo.bury_record(stone, digest)
            self.audit.append(self.user.id, "hard_delete", f"{record.kind}:{record.id}", digest)
        return stone


def deleted_from_payload(repo: TombstoneStore, payload: dict[str, Any], present: set[str]
                         ) -> tuple[list[tuple[str, int, str, str]], list[tuple[str, str]]]:
    """The entries and amendments a countersignature lists that an administrator has since deleted, as the payload
    lists them, when their tombstones list the same versions and hashes (a day then verifies as countersigned with
    that many entries deleted; `wingdesk verify` also checks each tombstone's signature). `present`: the ids of the
    day's entries still stored."""
    entries: list[tuple[str, int, str, str]] = []
    notes: dict[str, str] = {}
    for listed in payload.get("entries", []):
        if listed["id"] in present:
            continue
        text = repo.tombstone_statement(listed["id"])
        if text is None:
            continue
        stone = tombstone_of(json.loads(text), b"")
        if (listed["revision"], listed["content_sha256"]) in stone.revisions:
            entries.append((listed["id"], listed["revision"], listed["content_sha256"], listed["author_id"]))
            notes.update(dict(stone.amendments))
    return entries, [(a["id"], a["content_sha256"]) for a in payload.get("amendments", [])
                     if notes.get(a["id"]) == a["content_sha256"]]

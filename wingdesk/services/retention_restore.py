"""A restored backup made before a retention erasure gets the erasure again before it is swapped in (issue 19 item 5;
docs/retention.md "Backups").

The restore reads the retention tombstones of the wing it replaces (when that wing opens with the restoring user's
passphrase) and, in the staged copy, buries every record one of them names: the governor's own signed tombstone is
kept as it was (it must name a rule, be signed by an account the copy holds as a governor, and list every version
the copy holds of the record), and the restoring user's `retention_reapply` audit entry binds it into the chain.
The prisoner's clinical keys go when none of their notes remain, and the copy is compacted as after an erasure.
The backup's own files still hold the records until they expire; only the restored wing no longer does.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from wingdesk.domain.roles import Role
from wingdesk.domain.tombstones import tombstone_of
from wingdesk.services.audit_trail import AuditTrail
from wingdesk.services.context import ServiceContext
from wingdesk.services.integrity import canonical_sha256

Erasure = tuple[str, bytes]  # a retention tombstone as the replaced wing stores it: statement JSON, signature


def reapply_erasures(ctx: ServiceContext, audit: AuditTrail, erasures: Iterable[Erasure]) -> int:
    """Bury, in this (staged) wing, each record a genuine retention tombstone names; the number buried. Call inside
    the restore's transaction; a tombstone that does not hold here is left out (the record stays, and is due in the
    governor's queue again)."""
    repo, done, prisoners = ctx.repo, 0, set()
    for text, signature in erasures:
        try:
            statement = json.loads(text)
            stone = tombstone_of(statement, signature)
        except (ValueError, TypeError, KeyError):
            continue
        signer = repo.get_user(stone.deleted_by)
        if not stone.by_retention or signer is None or signer.role is not Role.GOVERNOR or \
                repo.get_record(stone.record_id) is None or repo.tombstone_statement(stone.record_id) is not None:
            continue
        if not ctx.keyring.verify_signed(signer.public_key, "tombstone", stone.statement(), signature):
            continue
        versions, notes = repo.record_hashes(stone.record_id)
        if not set(versions) <= set(stone.revisions) or not set(notes) <= set(stone.amendments):
            continue  # the copy holds a version the governor never saw erased
        digest = canonical_sha256(stone.statement())
        repo.bury_record(stone, digest)
        audit.append(ctx.user.id, "retention_reapply", f"{stone.kind}:{stone.record_id}", digest)
        if stone.prisoner_id:
            prisoners.add(stone.prisoner_id)
        done += 1
    for prisoner_id in prisoners:
        if not repo.has_sealed_notes(prisoner_id):
            repo.destroy_prisoner_keys(prisoner_id)
    return done

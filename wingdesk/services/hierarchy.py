"""HQ's prison/wing hierarchy on the wing (issue 17 item 3, docs/publishing.md "The prison/wing hierarchy"):
install a signed revision from an HQ→wing bundle, and say where this PC stands (the official prison and wing names,
the wing's capacity and special units) and what the other PCs HQ lists are called.

Every installed revision is kept and never changes. The revision in force is the highest one whose stored HQ
signature still verifies under the HQ key this wing enrolled with (checked once per row and process): a row written
into the database by hand is never in force, and is audited once per process when it is met. A file is refused,
with one sentence and nothing changed, when its signature or key is wrong, when it is older than the newest
installed revision or reuses a revision number with other content, or when the document itself is refused. The
hierarchy is reference data, not a record about anyone: reading it is not audited as a sensitive read."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.hierarchy.installed import InstalledHierarchy
from wingdesk.domain.hierarchy.model import Hierarchy, HierarchyError, Place
from wingdesk.domain.hierarchy.parse import MAX_BYTES, WRAPPER, loads, parse_hierarchy
from wingdesk.domain.records import iso
from wingdesk.services.audit_trail import AuditTrail
from wingdesk.services.context import ServiceContext
from wingdesk.services.gateway import GuardedService, self_service
from wingdesk.services.hq_signed import VerifiedOnce, enrolled_hq_key, read_verified, refusals_audited

INSTALLED, UNCHANGED = "installed", "unchanged"
UNVERIFIED = "hierarchy_unverified"
_AUDITED_REFUSALS = ("hierarchy_signature", "hierarchy_wrong_key", "hierarchy_version_conflict",
                     "hierarchy_older_version")
# each stored revision verified and parsed once per process (None: HQ's signature does not hold for it)
_STORED = VerifiedOnce("hierarchy", MAX_BYTES, lambda data: parse_hierarchy(loads(data)), (HierarchyError,),
                       lambda found: [found.revision])


@dataclass(frozen=True)
class InstallOutcome:
    revision: int
    outcome: str  # INSTALLED, or UNCHANGED when this exact revision was already here


def in_force(ctx: ServiceContext, unverified: list[InstalledHierarchy] | None = None) -> Hierarchy | None:
    """The highest installed revision HQ's signature still holds for (each newer row that fails is listed in
    `unverified`), or None when there is none."""
    hq_public = enrolled_hq_key(ctx)
    for revision, _digest in reversed(ctx.repo.hierarchy_versions()):  # the newest first, each row read only
        stored = ctx.repo.hierarchy_revision(revision)  # when every newer one failed (usually: the newest alone)
        if stored is None:
            continue
        parsed, first = _STORED.value(ctx, hq_public, [stored.revision], stored.document, stored.hq_key_id,
                                      stored.signed_at, stored.signature)
        if first and parsed is None and unverified is not None:
            unverified.append(stored)  # audited once per row and process
        if parsed is not None:
            return parsed
    return None


def install_signed_file(ctx: ServiceContext, audit: AuditTrail, user_id: str, data: bytes) -> InstallOutcome:
    """Check a hierarchy revision HQ signed against the HQ key this wing enrolled with and install it (from an
    HQ→wing bundle, services.sync_service, whoever imports it). HierarchyError (one sentence) when anything is
    wrong; nothing is stored then."""
    with refusals_audited(audit, user_id, "hierarchy", HierarchyError, _AUDITED_REFUSALS):
        signed = read_verified(data, enrolled_hq_key(ctx), ctx.keyring.verify_signed, WRAPPER, MAX_BYTES,
                               "hierarchy", HierarchyError)
        hierarchy = parse_hierarchy(signed.definition)
        text = canonical_bytes(signed.definition)
        digest = hashlib.sha256(text).hexdigest()
        repo = ctx.repo
        with repo.transaction():
            versions = dict(repo.hierarchy_versions())
            if hierarchy.revision in versions:
                if versions[hierarchy.revision] != digest:
                    raise HierarchyError("hierarchy_version_conflict", version=hierarchy.revision)
                return InstallOutcome(hierarchy.revision, UNCHANGED)
            if versions and max(versions) > hierarchy.revision:
                raise HierarchyError("hierarchy_older_version", version=hierarchy.revision, current=max(versions))
            repo.add_hierarchy(InstalledHierarchy(hierarchy.revision, text.decode("utf-8"), digest,
                                                  signed.hq_key_id, signed.signed_at, signed.signature,
                                                  iso(ctx.clock.now()), user_id))
            audit.append(user_id, "hierarchy_installed", f"hierarchy:{hierarchy.revision}", digest)
    return InstallOutcome(hierarchy.revision, INSTALLED)


class HierarchyService(GuardedService):
    """What every signed-in user sees of HQ's hierarchy: the window title, the wing overview, the transfer
    destinations. Reference data, like the translations: not a sensitive read."""

    def _in_force(self) -> Hierarchy | None:
        unverified: list[InstalledHierarchy] = []
        found = in_force(self.ctx, unverified)
        for stored in unverified:
            self.audit.append(self.user.id, "hierarchy_refused", f"hierarchy:{UNVERIFIED}:{stored.revision}")
        return found

    @self_service
    def place(self) -> Place | None:
        """Where this PC stands in the hierarchy in force, or None (not enrolled, nothing published, or this PC
        not assigned to an open wing): then the wing's own name is shown."""
        device = self.ctx.sync.device() if self.ctx.sync is not None else None
        hierarchy = self._in_force()
        return hierarchy.place(device.device_id) if hierarchy is not None and device is not None else None

    @self_service
    def places(self) -> dict[str, Place]:
        """device id -> Place of every PC the hierarchy in force assigns to an open wing (transfer destinations)."""
        hierarchy = self._in_force()
        return hierarchy.places() if hierarchy is not None else {}

    @self_service
    def revision(self) -> int | None:
        """The revision in force, if any."""
        hierarchy = self._in_force()
        return hierarchy.revision if hierarchy is not None else None

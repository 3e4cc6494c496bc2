"""Code lists HQ published on the wing (issue 17 item 3, docs/publishing.md): install a signed code-list file from
an HQ→wing bundle, and say what the installed versions add to a built-in list (domain.code_lists.model.AddedCodes).

Every installed version is kept and never changes; only a version whose stored HQ signature still verifies under
the HQ key this wing enrolled with adds codes (a row written into the database by hand adds none). A file is
refused, with one sentence and nothing changed (the list in use stays in use), when its signature or key is wrong,
when it is older than the newest installed version or reuses a version number with other content, or when the
document itself is refused.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.code_lists.installed import InstalledCodeList
from wingdesk.domain.code_lists.model import AddedCodes, CodeList, CodeListError, merged
from wingdesk.domain.code_lists.parse import MAX_BYTES, WRAPPER, loads, parse_code_list
from wingdesk.domain.records import iso
from wingdesk.services.audit_trail import AuditTrail
from wingdesk.services.context import ServiceContext
from wingdesk.services.hq_signed import VerifiedOnce, enrolled_hq_key, read_verified, refusals_audited

INSTALLED, UNCHANGED = "installed", "unchanged"
_AUDITED_REFUSALS = ("code_list_signature", "code_list_wrong_key", "code_list_version_conflict",
                     "code_list_older_version")
# each stored version verified and parsed once (a row written by hand, or one HQ's signature no longer holds for
# under the enrolled key, is None and adds nothing)
_STORED = VerifiedOnce("code_list", MAX_BYTES, lambda data: parse_code_list(loads(data)), (CodeListError,),
                       lambda found: [found.name, found.version])


@dataclass(frozen=True)
class InstallOutcome:
    list_name: str
    version: int
    outcome: str  # INSTALLED, or UNCHANGED when this exact version was already here


def added_codes(ctx: ServiceContext, list_name: str) -> AddedCodes:
    """What every installed version of `list_name` that HQ's signature still holds for adds to its built-in codes
    (each stored row verified and parsed once)."""
    hq_public = enrolled_hq_key(ctx)
    versions = []
    for stored in ctx.repo.code_lists(list_name):
        parsed, _first = _STORED.value(ctx, hq_public, [stored.list_name, stored.version], stored.document,
                                       stored.hq_key_id, stored.signed_at, stored.signature)
        if parsed is not None:
            versions.append(parsed)
    return merged(versions)


def install_signed_file(ctx: ServiceContext, audit: AuditTrail, user_id: str, data: bytes) -> InstallOutcome:
    """Check a code list HQ signed against the HQ key this wing enrolled with and install it (from an HQ→wing
    bundle, services.sync_service, whoever imports it). CodeListError (one sentence) when anything is wrong;
    nothing is stored then."""
    with refusals_audited(audit, user_id, "code_list", CodeListError, _AUDITED_REFUSALS):
        signed = read_verified(data, enrolled_hq_key(ctx), ctx.keyring.verify_signed, WRAPPER, MAX_BYTES,
                               "code_list", CodeListError)
        code_list = parse_code_list(signed.definition)
        return _store(ctx, audit, user_id, code_list, signed.definition, signed.hq_key_id, signed.signed_at,
                      signed.signature)


def _store(ctx: ServiceContext, audit: AuditTrail, user_id: str, code_list: CodeList, raw: dict[str, object],
           hq_key_id: str, signed_at: str, signature: bytes) -> InstallOutcome:
    text = canonical_bytes(raw)
    digest = hashlib.sha256(text).hexdigest()
    repo = ctx.repo
    with repo.transaction():
        versions = dict(repo.code_list_versions(code_list.name))
        if code_list.version in versions:
            if versions[code_list.version] != digest:
                raise CodeListError("code_list_version_conflict", list=code_list.name, version=code_list.version)
            return InstallOutcome(code_list.name, code_list.version, UNCHANGED)
        if versions and max(versions) > code_list.version:
            raise CodeListError("code_list_older_version", list=code_list.name, version=code_list.version,
                                current=max(versions))
        repo.add_code_list(InstalledCodeList(code_list.name, code_list.version, text.decode("utf-8"), digest,
                                             hq_key_id, signed_at, signature, iso(ctx.clock.now()), user_id))
        audit.append(user_id, "code_list_installed", f"code_list:{code_list.name}@{code_list.version}", digest)
    return InstallOutcome(code_list.name, code_list.version, INSTALLED)

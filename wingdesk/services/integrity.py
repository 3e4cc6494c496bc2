"""`wingdesk verify`: the whole wing's evidence checked in one pass; the first item that does not hold is named.

What holds when the check passes:
- the audit chain: every seq present, every link and entry hash right, each entry signed by its actor's own key
  (an entry whose actor is no account, such as a failed sign-in, by the account that recorded it), the chain as
  long as the head written with the last entry (a chain cut short or rewound shows), and holding every head a
  sealed bundle carried to HQ;
- every record version and amendment: its content hash recomputed from the stored fields, equal to the stored hash
  and to the hash in the audit entry its author signed, and its own author signature present (rows from before
  migration 0009 have none);
- every countersignature: valid under its signer's key, over record versions and amendments still stored as signed,
  or deleted by an administrator and listed, with the same hashes, in that deletion's tombstone;
- every tombstone (an administrator's hard delete, domain.tombstones): its statement's hash equal to the stored one
  and to the administrator's `hard_delete` audit entry, its signer an administrator by the chain (not by the
  users table), and its signature valid under that administrator's key (always checked: tombstones are few); every
  `hard_delete` entry has its tombstone. A governor's retention erasure (services.retention) is checked the same
  way: its `retention_delete` entry binds the tombstone, which must name a schedule rule and be signed by an account
  an administrator made governor (by the chain);
- every record version and amendment written from HQ's successor package onto a new PC (services.successor; no
  audit entry of its author is on this PC): its content hash and author listed in that package, the package kept
  as it came, opened again here (HQ's signature, this PC's key, this device and wing, every line's hash), and its
  SHA-256 bound by a `successor_imported` entry of an administrator (by the chain). A record inserted by hand is in
  no package.

Signatures are checked one by one with `every_signature`. Without it (the default, for a 200k-record wing in
seconds) each signer's LAST audit signature is checked: an entry's hash covers the previous entry's, so a valid
signature on a signer's last entry proves the whole chain up to it unchanged, and with it every earlier entry
and every record and amendment hash bound into the chain; rewriting or forging any entry then needs every later
signer's key. Garbage written over an older signature's bytes is found only by `every_signature` (and by HQ).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import orjson

from wingdesk.domain.audit import GENESIS, AuditEntry
from wingdesk.domain.authorship import record_statement, statement_of_amendment
from wingdesk.domain.errors import WingError
from wingdesk.domain.records import AmendmentKind
from wingdesk.domain.roles import Role
from wingdesk.domain.tombstones import tombstone_of
from wingdesk.services.ports import Keyring
from wingdesk.services.recovered_admins import RecoveredAdmins
from wingdesk.services.repository_ports import EvidenceStore
from wingdesk.services.successor_types import SuccessorContents

_SORTED = orjson.OPT_SORT_KEYS
CONTENT_FIELDS = ("id", "kind", "revision", "wing", "prisoner_id", "author_id", "author_role", "occurred_at",
                  "recorded_at", "sensitivity", "day", "shift_id", "body")  # storage's RECORD_CONTENT_COLUMNS


def canonical_sha256(value: Any) -> str:
    """SHA-256 of domain.canonical.canonical_bytes(value) for every value it accepts (a test holds them equal),
    ~10x faster (orjson). A value it refuses (a float, a key that is not ASCII) hashes to something else here,
    so a tampered row still fails its comparison."""
    return hashlib.sha256(orjson.dumps(value, option=_SORTED)).hexdigest()


def entry_hash_of(entry: AuditEntry) -> str:
    """domain.audit.compute_hash, by the faster route above."""
    return _entry_hash(entry.seq, entry.time, entry.actor, entry.action, entry.object, entry.content_hash,
                       entry.prev_hash)


def _entry_hash(seq: Any, time: Any, actor: Any, action: Any, obj: Any, content_hash: Any, prev_hash: Any) -> str:
    """entry_hash_of an entry's stored columns (AuditEntry.fields(), built in sorted key order)."""
    fields = {"action": action, "actor": actor, "content_hash": content_hash, "object": obj, "seq": seq, "time": time}
    return hashlib.sha256(b"\x00" + orjson.dumps(fields) + bytes.fromhex(prev_hash)).hexdigest()


BINDING_ACTIONS = frozenset({"create", "revise", "hard_delete", "retention_delete", "retention_reapply",  # issue 19
                             *(str(kind) for kind in AmendmentKind)})
IMPORTED = "successor_imported"  # an administrator wrote HQ's successor package here (services.successor)
PackageOpener = Callable[[bytes], dict[str, str]]  # a successor package -> {content hash: author id}; refused: raises
# they say who is an administrator (_note_account); wing_recovered: HQ recovery (services.recovered_admins)
_ACCOUNT_ACTIONS = frozenset({"wing_created", "user_add", "wing_recovered", "user_add_from_hq"})


@dataclass(frozen=True)
class IntegrityReport:
    bad_item: str = ""  # e.g. "audit:50", "record:<id>:2"; ids only, never record text
    reason: str = ""
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def intact(self) -> bool:
        return not self.bad_item


class _Bad(Exception):
    def __init__(self, item: str, reason: str) -> None:
        super().__init__(item, reason)
        self.item, self.reason = item, reason


def vouched_tombstones(contents: SuccessorContents) -> dict[str, str]:
    """{statement hash: signer} of the tombstones in a successor package whose signer HQ holds, in the same package,
    as an administrator of the dead PC (or as a governor, for a retention erasure, which names its rule): HQ took
    them from that PC only under the same rule (hq.tombstones). `verify` still checks each one's signature."""
    roles = {user_id: role for user_id, role, _key in contents.users}
    found: dict[str, str] = {}
    for body in contents.tombstones:
        try:
            statement, signer = body["statement"], str(body["signer_id"])
            stone = tombstone_of(statement, b"")
            role = roles.get(signer)
            if role == Role.ADMIN or (role == Role.GOVERNOR and stone.by_retention):
                found[canonical_sha256(statement)] = signer
        except (KeyError, TypeError, ValueError, orjson.JSONEncodeError):
            continue  # not vouched: verify then names it as any tombstone no entry binds
    return found


def _record_item(content: dict[str, Any]) -> str:
    return f"record:{content['id']}:{content['revision']}"


class IntegrityCheck:
    def __init__(self, store: EvidenceStore, keyring: Keyring, every_signature: bool = False,
                 packages: PackageOpener | None = None) -> None:
        self.store, self.keyring, self.every, self.packages = store, keyring, every_signature, packages
        self.keys = store.user_keys()
        self.counts: dict[str, int] = {}
        self.bound: dict[str, str] = {}  # content hash -> actor, from create/revise/amendment audit entries
        self.hard_deletes: dict[str, int] = {}  # tombstone hash -> seq of its `hard_delete` audit entry
        self.deleted_versions: dict[tuple[str, int], str] = {}  # from verified tombstones: (id, rev) -> hash
        self.deleted_notes: dict[str, str] = {}  # amendment id -> hash
        self.administrators: set[str] = set()  # from the chain: the wing's creator, accounts they added as admin
        self.governors: set[str] = set()  # from the chain: accounts an administrator made governor (retention)
        self.reapplied: set[str] = set()  # tombstone hashes a restore bound again (services.retention_restore)
        self.recovered = RecoveredAdmins(store, keyring)  # and accounts HQ recovery created
        self.imports: list[tuple[int, str, bool]] = []  # successor_imported: (seq, package hash, by an admin)
        self.imported: dict[str, str] = {}  # content hash -> author, from the successor packages those bind
        self.imported_by: dict[str, int] = {}  # content hash -> seq of the `successor_imported` entry binding it
        self.present: set[str] = set()  # hashes of the stored versions, amendments and tombstones (this run)

    def run(self, audit_only: bool = False) -> IntegrityReport:
        try:
            self._audit()
            if audit_only:
                return IntegrityReport("", "", self.counts)
            self._successor_packages()
            self._records()
            self._amendments()
            self._tombstones()
            self._imports_present()
            self._countersignatures()
        except _Bad as bad:
            return IntegrityReport(bad.item, bad.reason, self.counts)
        return IntegrityReport("", "", self.counts)

    def _verify(self, user_id: str, purpose: str, statement: dict[str, Any], signature: bytes | None) -> bool:
        return signature is not None and any(self.keyring.verify_signed(public, purpose, statement, signature)
                                             for public in self.keys.get(user_id, ()))

    def _audit(self) -> None:
        """The chain in one pass over the stored rows (no object per entry: a large wing holds 200k+ of them)."""
        prev, expected, last_by_signer = GENESIS, 1, {}
        sent = self.store.sent_audit_heads()  # heads that left in bundles: the chain must still hold each
        bound, binding, every, accounts = self.bound, BINDING_ACTIONS, self.every, _ACCOUNT_ACTIONS
        for seq, time, actor, action, obj, content_hash, prev_hash, entry_hash, signature, signer in (
                self.store.iter_audit_rows()):
            if seq != expected:
                raise _Bad(f"audit:{expected}", "missing_or_reordered")
            if prev_hash != prev:
                raise _Bad(f"audit:{seq}", "broken_link")
            try:
                digest = _entry_hash(seq, time, actor, action, obj, content_hash, prev_hash)
            except (ValueError, TypeError, orjson.JSONEncodeError):
                raise _Bad(f"audit:{seq}", "unreadable") from None
            if digest != entry_hash:
                raise _Bad(f"audit:{seq}", "hash_mismatch")
            who = self._signer_of(actor, signer, seq)
            if signature is None:
                raise _Bad(f"audit:{seq}", "unsigned")
            if who:
                if every and not self._verify(who, "audit", {"entry_hash": entry_hash}, bytes(signature)):
                    raise _Bad(f"audit:{seq}", "bad_signature")
                last_by_signer[who] = (seq, entry_hash, signature)
            if sent and sent.get(seq, entry_hash) != entry_hash:
                raise _Bad(f"audit:{seq}", "differs_from_head_sent_to_hq")
            if action in accounts:
                self._note_account(action, actor, obj, content_hash)
            elif action == IMPORTED:
                self.imports.append((seq, content_hash, actor in self.administrators))
            if action in binding:
                bound[content_hash] = actor
                if action in ("hard_delete", "retention_delete", "retention_reapply"):
                    self.hard_deletes[content_hash] = seq
                if action == "retention_reapply":  # a restore made the governor's erasure again: their tombstone
                    self.reapplied.add(content_hash)
            prev, expected = entry_hash, expected + 1
        for who, (seq, entry_hash, signature) in last_by_signer.items():
            if not self._verify(who, "audit", {"entry_hash": entry_hash}, bytes(signature)):
                raise _Bad(f"audit:{seq}", "bad_signature")
        self.counts["audit_entries"] = expected - 1
        head = self.store.audit_head()
        if head is None:
            raise _Bad("audit-head", "missing")
        if head[0] > expected - 1 or (sent and max(sent) > expected - 1):
            raise _Bad(f"audit:{expected}", "truncated")
        if head != (expected - 1, prev):
            raise _Bad("audit-head", "head_mismatch")

    def _note_account(self, action: str, actor: str, obj: str, content_hash: str) -> None:
        """Administrators as the signed chain says, not as the users table (a raw edit of a role) says: whoever
        created the wing (its first entry of that kind), each account an administrator added as one, and each
        account an HQ-signed recovery grant of this device created (once per grant)."""
        if action == "wing_recovered":
            if self.recovered.holds(actor, obj, content_hash):
                self.administrators.add(actor)
            return
        if action == "wing_created":
            if not self.administrators:
                self.administrators.add(actor)
            return
        _user, _sep, rest = obj.partition(":")
        user_id, _sep, role = rest.partition(":")
        if actor in self.administrators and role == Role.ADMIN:
            self.administrators.add(user_id)
        if actor in self.administrators and role == Role.GOVERNOR:
            self.governors.add(user_id)

    def _successor_packages(self) -> None:
        """What each `successor_imported` entry binds: the HQ-signed package kept here under its SHA-256, opened
        again; its record versions are then bound to their authors as if each author's entry were here."""
        if not self.imports:
            return
        kept = self.store.successor_packages()
        for seq, digest, by_admin in self.imports:
            package = kept.get(digest)
            if not by_admin:
                raise _Bad(f"audit:{seq}", "not_administrator")
            if package is None or hashlib.sha256(package).hexdigest() != digest:
                raise _Bad(f"audit:{seq}", "successor_package_missing")
            if self.packages is None:
                raise _Bad(f"audit:{seq}", "successor_package_unchecked")
            try:
                opened = self.packages(package)
                self.imported.update(opened)
                self.imported_by.update(dict.fromkeys(opened, seq))
            except (WingError, KeyError, TypeError, ValueError):  # refused: named, never shown as a traceback
                raise _Bad(f"audit:{seq}", "successor_package_invalid") from None
        self.counts["successor_packages"] = len(self.imports)

    def _signer_of(self, actor: str, signer: str | None, seq: int) -> str:
        """Whose key must have signed: the actor when the actor is an account; else the recording account."""
        if actor in self.keys:
            if signer not in (None, actor):
                raise _Bad(f"audit:{seq}", "signer_not_actor")
            return actor
        if signer is None:
            return ""  # a failed sign-in recorded before 0009 named no signer; the chain covers it
        if signer not in self.keys:
            raise _Bad(f"audit:{seq}", "unknown_signer")
        return signer

    def _records(self) -> None:
        """Each version's content rebuilt from its stored columns (Record.content()'s fields; the test of an
        untouched wing fails if they drift apart), hashed, compared and bound to its author's audit entry.

        The body is hashed first as the very text stored (storage writes its canonical form): when that gives the
        stored hash, the text is the canonical body that was hashed, so it need not be parsed and encoded again.
        Any other text is parsed and hashed canonically, so a body changed in form only still passes, and one
        changed in content fails on what it says."""
        unsigned_through, _ = self.store.unsigned_through()
        count, bound, every, fields, fragment = 0, self.bound, self.every, CONTENT_FIELDS, orjson.Fragment
        imported = self.imported
        for row in self.store.iter_record_rows():
            seq, stored, author_sig, author_name = row[0], row[1], row[2], row[3]
            content = dict(zip(fields, row[4:], strict=True))
            try:
                text = content["body"]
                content["body"] = fragment(text)  # the text as stored: see the docstring
                content_hash = canonical_sha256(content)
                if content_hash != stored:
                    content["body"] = orjson.loads(text)
                    content_hash = canonical_sha256(content)
            except (ValueError, TypeError, orjson.JSONEncodeError):
                raise _Bad(_record_item(content), "unreadable") from None
            if content_hash != stored:
                raise _Bad(_record_item(content), "content_changed")
            author = content["author_id"]
            if content_hash in imported:
                self.present.add(content_hash)
            actor = bound.get(content_hash)
            from_hq = actor is None and imported.get(content_hash) == author  # written from a successor package
            if (actor is None or actor != author) and not from_hq:
                self._check_bound(_record_item(content), content_hash, author)
            if author_sig is None:
                if seq > unsigned_through and not from_hq:
                    raise _Bad(_record_item(content), "unsigned")
            elif every and not self._verify(author, "record", record_statement(
                    content["id"], content["revision"], author, author_name, content_hash), bytes(author_sig)):
                raise _Bad(_record_item(content), "bad_signature")
            count += 1
        self.counts["record_versions"] = count

    def _check_bound(self, item: str, content_hash: str, author_id: str) -> None:
        actor = self.bound.get(content_hash)
        if actor is None:
            raise _Bad(item, "not_in_audit")
        if actor != author_id:
            raise _Bad(item, "author_mismatch")

    def _amendments(self) -> None:
        _, unsigned_through = self.store.unsigned_through()
        count = 0
        for seq, amendment, stored in self.store.iter_amendments():
            item = f"amendment:{amendment.id}"
            content_hash = amendment.content_sha256()
            if content_hash != stored:
                raise _Bad(item, "content_changed")
            from_hq = content_hash not in self.bound and self.imported.get(content_hash) == amendment.author_id
            self.present.add(content_hash)
            if not from_hq:
                self._check_bound(item, content_hash, amendment.author_id)
            if amendment.author_sig is None:
                if seq > unsigned_through and not from_hq:
                    raise _Bad(item, "unsigned")
            elif self.every and not self._verify(amendment.author_id, "amendment",
                                                 statement_of_amendment(amendment), amendment.author_sig):
                raise _Bad(item, "bad_signature")
            count += 1
        self.counts["amendments"] = count

    def _tombstones(self) -> None:
        buried, administrators = set(), self.administrators
        for record_id, text, stored, signer, signature in self.store.iter_tombstones():
            item = f"tombstone:{record_id}"
            try:
                statement = orjson.loads(text)
                stone = tombstone_of(statement, signature)
                content_hash = canonical_sha256(statement)
            except (ValueError, TypeError, KeyError, orjson.JSONEncodeError):
                raise _Bad(item, "unreadable") from None
            if content_hash != stored:
                raise _Bad(item, "content_changed")
            if stone.record_id != record_id or stone.deleted_by != signer:
                raise _Bad(item, "payload_mismatch")
            from_hq = content_hash not in self.bound and self.imported.get(content_hash) == signer
            self.present.add(content_hash)
            if not from_hq:  # else the dead PC's, in an HQ-signed package that vouches for the signer's role there
                if not (stone.by_retention and content_hash in self.reapplied):  # else bound by the restoring user
                    self._check_bound(item, content_hash, signer)
                # anyone's own key signs; only an administrator may delete, or a governor erase under a rule (chain)
                if signer not in administrators and not (stone.by_retention and signer in self.governors):
                    raise _Bad(item, "not_administrator")
            if not self._verify(signer, "tombstone", statement, signature):
                raise _Bad(item, "bad_signature")
            self.deleted_versions.update({(record_id, rev): digest for rev, digest in stone.revisions})
            self.deleted_notes.update(dict(stone.amendments))
            buried.add(content_hash)
        for content_hash, seq in self.hard_deletes.items():
            if content_hash not in buried:
                raise _Bad(f"audit:{seq}", "tombstone_missing")
        self.counts["tombstones"] = len(buried)

    def _imports_present(self) -> None:
        """Everything a successor package brought is still here: each record version, amendment and tombstone it
        holds is stored, unless a tombstone here lists that version or amendment (deleted on this PC since). The
        package plays the part of the dead PC's audit entries: a row taken out by hand is named, as `hard_delete`
        entries name a tombstone taken out (`tombstone_missing`)."""
        deleted = set(self.deleted_versions.values()) | set(self.deleted_notes.values())
        for digest, seq in self.imported_by.items():
            if digest not in self.present and digest not in deleted:
                raise _Bad(f"audit:{seq}", "successor_item_missing")

    def _countersignatures(self) -> None:
        signatures, deleted = self.store.all_countersignatures(), 0
        for sig in signatures:
            item = f"countersignature:{sig.id}"
            try:
                payload = json.loads(sig.payload)
                listed = [((e["id"], e["revision"]), e["content_sha256"]) for e in payload["entries"]]
                notes = [(a["id"], a["content_sha256"]) for a in payload["amendments"]]
            except (ValueError, KeyError, TypeError):
                raise _Bad(item, "malformed") from None
            if payload.get("signer_id") != sig.signer_id or payload.get("day") != sig.day:
                raise _Bad(item, "payload_mismatch")
            if not self._verify(sig.signer_id, "countersign", payload, sig.signature):
                raise _Bad(item, "bad_signature")
            records, amendments = self.store.stored_hashes_of([key for key, _ in listed], [i for i, _ in notes])
            gone = {key[0] for key, digest in listed if key not in records
                    and self.deleted_versions.get(key) == digest}
            if any(records.get(key, self.deleted_versions.get(key)) != digest for key, digest in listed) or any(
                    amendments.get(key, self.deleted_notes.get(key)) != digest for key, digest in notes):
                raise _Bad(item, "records_changed")
            deleted += len(gone)
        self.counts["countersignatures"] = len(signatures)
        self.counts["deleted_countersigned_entries"] = deleted

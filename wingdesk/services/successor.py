"""`wingdesk restore-from-hq FILE`: a new PC takes on the dead PC's records from HQ (issue 22 item 4).

HQ sealed to this PC (sync.successor_package) every record version it acknowledged from the dead PC, the signing
keys of their authors and, for each prisoner they name, the dead PC's id and the identity HQ holds. An
administrator writes them here in one transaction, or nothing (a package for another PC, a changed one, one already
written, or one whose records or prisoners clash with this PC's own is refused with one sentence):
- prisoners under the dead PC's ids (a record's `prisoner_id` is part of its content hash, so it cannot be mapped to
  a new id); a prisoner HQ holds no identity for keeps its prison number in the place of the name;
- each author HQ held a key for and this PC does not know becomes an account with no passphrase (no key slot):
  it cannot sign in until an administrator gives it one with the ordinary reset (`wingdesk user reset`);
- the record versions, their amendments (comments, corrections) and the countersignatures over them exactly as
  their authors signed them, kept out of the outbox: HQ acknowledged them already;
- the tombstones of what was deleted there (an administrator's hard delete, a governor's retention erasure), as
  signed, also kept out of the outbox: the deleted records stay accounted for here, and a countersigned day that
  listed a deleted entry still verifies;
- where the prisoners are: the dead PC's movements and roll resolutions replayed (who is out, due back when,
  released or transferred; which roll discrepancies were resolved);
- the days of the wing's log: SEALED where HQ holds the day's countersignature (nothing can be added to it or
  corrected), OPEN for the other days the records name;
- the package itself, as it came, and one audit entry `successor_imported` signed by this administrator whose content
  hash is the package's SHA-256. `wingdesk verify` (services.integrity) accepts a record version no audit entry of
  its author binds only through that entry: its content hash and author must be in the HQ-signed package.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import orjson

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.kinds import KINDS
from wingdesk.domain.people import User
from wingdesk.domain.records import AmendmentKind, iso
from wingdesk.domain.roles import Discipline, Role
from wingdesk.domain.tombstones import tombstone_of
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.integrity import IMPORTED, canonical_sha256
from wingdesk.services.policy import Action, Resource, Scope
from wingdesk.services.ports import SyncPort
from wingdesk.services.successor_history import day_states, replay_presence
from wingdesk.services.successor_types import SuccessorContents, SuccessorImport
from wingdesk.services.sync_types import SyncFailed

_CONTENT = ("id", "revision", "kind", "wing", "prisoner_id", "author_id", "author_role", "occurred_at", "recorded_at",
            "sensitivity", "day", "shift_id", "body")
_SORTED = orjson.OPT_SORT_KEYS


def username_for(user_id: str, short: bool = True) -> str:
    """The user name of an account HQ vouches for: HQ does not hold the dead PC's user names, only their ids (the
    whole id when the short name is taken)."""
    digits = user_id.replace("-", "")
    return "hq-" + (digits[-8:] if short else digits)


def _row(body: dict[str, Any]) -> tuple[tuple[object, ...], str | None]:
    """A record version's stored columns (storage.successor_repo order) and its search text."""
    content = body["record"]
    if set(content) != set(_CONTENT) or not isinstance(content["body"], dict):
        raise ValidationError("successor_invalid")
    spec = KINDS.get(str(content["kind"]))
    record_body = content["body"]
    sig = body.get("author_sig")
    row = (content["id"], content["revision"], content["kind"], spec.subtype(record_body) if spec else None,
           content["wing"], content["prisoner_id"], content["author_id"], str(body.get("author_name") or ""),
           content["author_role"], content["occurred_at"], content["recorded_at"], content["sensitivity"],
           content["day"], content["shift_id"], str(body.get("status") or "ACTIVE"),
           orjson.dumps(record_body, option=_SORTED).decode("utf-8"), canonical_sha256(content),
           bytes.fromhex(sig) if isinstance(sig, str) else None)
    return row, spec.search_text(record_body) if spec else None


def _amendment_row(body: dict[str, Any]) -> tuple[object, ...]:
    """An amendment's stored columns (storage.successor_repo order); its content hash as domain.records has it."""
    fields = {"id": str(body["id"]), "record_id": str(body["record_id"]), "kind": str(AmendmentKind(body["kind"])),
              "author_id": str(body["author_id"]), "at": str(body["at"]), "text": str(body["text"])}
    sig = body.get("author_sig")
    return (fields["id"], fields["record_id"], fields["kind"], fields["author_id"], str(body["author_name"]),
            fields["at"], fields["text"], canonical_sha256(fields),
            bytes.fromhex(sig) if isinstance(sig, str) else None)


def _countersignature_row(body: dict[str, Any]) -> tuple[object, ...]:
    """A countersignature's stored columns: the signed payload and signature as the supervisor made them."""
    return (str(body["id"]), str(body["wing"]), str(body["day"]), str(body["signer_id"]), str(body["payload"]),
            bytes.fromhex(body["signature"]), str(body["signed_at"]))


def _tombstone_row(body: dict[str, Any]) -> tuple[object, ...]:
    """A tombstone the dead PC wrote and HQ kept, as storage keeps it (record id, kind, statement text, its hash,
    signer, signature): the statement must be one a wing signs, naming this line's record and signer."""
    statement, signer, signature = body["statement"], str(body["signer_id"]), bytes.fromhex(body["signature"])
    stone = tombstone_of(statement, signature)
    if stone.statement() != statement or stone.deleted_by != signer or stone.record_id != body["record_id"]:
        raise ValueError("not a tombstone a wing signs")
    text = json.dumps(statement, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return stone.record_id, stone.kind, text, canonical_sha256(statement), signer, signature


def _disciplines(records: list[dict[str, Any]]) -> dict[str, str]:
    """A treatment author's discipline, as their own notes name it (HQ's key list does not hold it): the last one."""
    found: dict[str, str] = {}
    for body in records:
        content = body["record"]
        discipline = content["body"].get("discipline") if isinstance(content.get("body"), dict) else None
        if content.get("author_role") == Role.TREATMENT and discipline in {str(d) for d in Discipline}:
            found[str(content["author_id"])] = str(discipline)
    return found


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """A package is hundreds of thousands of small dicts with no cycles: the cyclic collector, run again and again
    while they are made, tripled the time to open 60k records. Reference counting still frees them; the collector
    is left as it was (the window runs it on its own thread: gui.gc_guard)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class SuccessorService(GuardedService):
    @guarded(Action.ADMINISTER, Resource.USERS)
    def restore_from_hq(self, data: bytes) -> SuccessorImport:
        """Write HQ's successor package into this PC (see the module); refused: one sentence, nothing changed."""
        if self.gateway.scope(Action.ADMINISTER, Resource.USERS) is not Scope.ALL:  # a supervisor: unlock only
            raise self.gateway.deny(Action.ADMINISTER, Resource.USERS, "restore_from_hq")
        if self.ctx.sync is None:
            raise SyncFailed("sync_not_installed")
        with without_cycle_collection():
            return self._restore(self.ctx.sync, data)

    def _restore(self, sync: SyncPort, data: bytes) -> SuccessorImport:
        contents = sync.open_successor_package(data)
        digest = hashlib.sha256(data).hexdigest()
        repo, now = self.ctx.repo, iso(self.ctx.clock.now())
        try:
            built = [_row(body) for body in contents.records]
            amendments = [_amendment_row(body) for body in contents.amendments]
            signatures = [_countersignature_row(body) for body in contents.countersignatures]
            stones = [_tombstone_row(body) for body in contents.tombstones]
        except (KeyError, TypeError, ValueError, orjson.JSONEncodeError):
            raise ValidationError("successor_invalid") from None
        buried = {str(row[0]) for row in stones}
        if len(buried) != len(stones) or any(str(row[0]) in buried for row, _ in built):
            raise ValidationError("successor_invalid")  # a record both held and deleted, or deleted twice
        with repo.transaction():
            if repo.successor_import_known(digest, contents.predecessor_id):
                raise ValidationError("successor_already_imported")
            prisoners = self._prisoners(contents, now)
            named = {str(row[5]) for row, _ in built if row[5] is not None} - {p.id for p in contents.prisoners}
            if named and len(repo.prisoner_numbers(sorted(named))) != len(named):
                raise ValidationError("successor_invalid")  # a record names a prisoner neither here nor in it
            authors = {str(row[6]): str(row[7]) for row, _ in built}
            authors.update({str(row[3]): str(row[4]) for row in amendments if str(row[3]) not in authors})
            authors.update({str(row[3]): "" for row in signatures if str(row[3]) not in authors})
            authors.update({str(row[4]): "" for row in stones if str(row[4]) not in authors})
            accounts = self._accounts(contents, authors, now)
            repo.add_successor_import(digest, contents.predecessor_id, now, self.user.id, len(built), data,
                                      [(user_id, key) for user_id, _role, key in contents.users])
            repo.import_record_rows([row for row, _ in built],
                                    [(index, text) for index, (_, text) in enumerate(built) if text])
            repo.import_extra_rows(amendments, signatures)
            repo.import_tombstones(stones)
            sealed, open_days = day_states(built, signatures, self.ctx.wing)
            repo.import_days(self.ctx.wing, sealed, open_days, self.user.id, now)
            replay_presence(self.ctx, contents)
            self.audit.append(self.user.id, IMPORTED, f"device:{contents.predecessor_id}", digest)
        return SuccessorImport(contents.predecessor_id, len(built), prisoners, len(amendments), len(signatures),
                               len(contents.unnamed), accounts, len(stones))

    def _prisoners(self, contents: SuccessorContents, now: str) -> int:
        """Roster rows under the dead PC's ids; one this PC holds already (same id, same number) stays as it is.
        A row of the same number under another id that nothing here refers to yet (HQ's roster made it before the
        package was written) takes the dead PC's id; one something refers to (a record, a movement, an audit entry)
        cannot be the records' prisoner: refused (storage: duplicate)."""
        held = self.ctx.repo.prisoner_numbers([p.id for p in contents.prisoners])
        added = 0
        for prisoner in contents.prisoners:
            if prisoner.id in held:
                if held[prisoner.id] != prisoner.number:
                    raise ValidationError("successor_conflict")
                continue
            if self.ctx.repo.take_over_unused_prisoner(prisoner.number, prisoner.id):
                continue
            try:
                self.ctx.repo.add_prisoner(prisoner, now)
            except ValidationError:
                raise ValidationError("successor_conflict") from None
            added += 1
        return added

    def _accounts(self, contents: SuccessorContents, authors: dict[str, str], now: str) -> list[User]:
        """An account with no passphrase for each user HQ vouches for that this PC does not know; every author of
        a record must be one of them or an account here."""
        created: list[User] = []
        roles = {str(r) for r in Role}
        disciplines = _disciplines(contents.records)
        taken = {u.username.casefold() for u in self.ctx.repo.list_users(include_removed=True)}
        for user_id, role, key in contents.users:
            if role not in roles or any(u.id == user_id for u in created):
                continue
            name = username_for(user_id, short=username_for(user_id).casefold() not in taken)
            user = User(user_id, name, authors.get(user_id) or name, Role(role),
                        disciplines.get(user_id) if role == Role.TREATMENT else None, key, now)
            if self.ctx.repo.add_account_without_slot(user):
                created.append(user)
                taken.add(name.casefold())
                self.audit.append(self.user.id, "user_add_from_hq", f"user:{user_id}:{role}")
        missing = [a for a in authors if self.ctx.repo.get_user(a) is None]
        if missing:
            raise ValidationError("successor_invalid")
        return created

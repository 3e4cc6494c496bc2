"""Bringing the signed-in user's clinical key up to date at sign-in: schema-8 upgrade, grants, start, rotation.

Each discipline has its own key (docs/security.md). Only a member of a discipline holds its key, so what needs
the key — re-wrapping the prisoner keys after a member was removed — is done by the next member who signs in.
Every step here runs inside the caller's transaction; the caller re-seals the user's slot when told to.
"""

from __future__ import annotations

import hashlib
import json

from wingdesk.crypto import discipline_keys, fields
from wingdesk.crypto.secrets import SlotSecrets, random_key, wipe
from wingdesk.domain.errors import AccessDenied, IntegrityError
from wingdesk.domain.kinds.treatment import PROGRESS_NOTE
from wingdesk.domain.people import User
from wingdesk.domain.records import iso, utc_now
from wingdesk.domain.roles import Discipline, Role
from wingdesk.storage.repository import SqlRepository


def settle(repo: SqlRepository, secrets: SlotSecrets, user: User) -> bool:
    """Update `secrets` to the user's current discipline key; True when their slot must be re-sealed."""
    changed = False
    if secrets.clinical is not None and not secrets.clinical_label:  # the wing-wide key of schema 8
        if repo.get_meta("clinical_legacy"):
            upgrade_legacy(repo, secrets.clinical)
        _set_key(secrets, None, "")
        changed = True
    if user.role is not Role.TREATMENT or not user.discipline:
        return changed
    discipline = user.discipline
    changed |= _take_grant(repo, secrets, user)
    state = repo.discipline_state(discipline)
    if state is None and secrets.clinical is None and not repo.get_meta("clinical_legacy"):
        repo.drop_clinical_grant(user.id)  # this user's request: nobody holds the key yet, so they start it
        _set_key(secrets, random_key(), discipline_keys.label(discipline, 1))
        repo.set_discipline_generation(discipline, 1)
        _grant_to_members(repo, discipline, 1, secrets.clinical, user.id)
        return True
    if state is not None and state[1] and _holds(secrets, discipline, state[0]):
        rotate(repo, secrets, discipline, state[0], user.id)
        changed = True
    elif state is not None and secrets.clinical is None and not _other_members(repo, discipline, user.id):
        _restart(repo, secrets, discipline, state)
        changed = True
    return changed


def _other_members(repo: SqlRepository, discipline: str, user_id: str) -> list[User]:
    return [u for u in repo.list_users()
            if u.role is Role.TREATMENT and u.discipline == discipline and u.id != user_id]


def _restart(repo: SqlRepository, secrets: SlotSecrets, discipline: str, state: tuple[int, bool]) -> None:
    """No active account but this one's is of the discipline, and this one holds no key: nobody can grant it. A new
    generation starts for new notes. If a member was removed (rotation pending), the prisoner keys wrapped under the
    key only they held are deleted — they would open nothing for anyone else, and their old slot would open them."""
    if state[1]:
        repo.delete_prisoner_keys(discipline)
    repo.set_discipline_generation(discipline, state[0] + 1)
    _set_key(secrets, random_key(), discipline_keys.label(discipline, state[0] + 1))


def _holds(secrets: SlotSecrets, discipline: str, generation: int) -> bool:
    return secrets.clinical is not None and secrets.clinical_label == discipline_keys.label(discipline, generation)


def _set_key(secrets: SlotSecrets, key: bytearray | None, label: str) -> None:
    wipe(secrets.clinical)
    secrets.clinical, secrets.clinical_label = key, label


def _take_grant(repo: SqlRepository, secrets: SlotSecrets, user: User) -> bool:
    sealed = repo.take_clinical_grant(user.id)
    if sealed is None:
        return False
    try:
        discipline, generation, key = discipline_keys.open_grant(secrets.grant_identity, sealed)
    except IntegrityError:  # a schema-8 grant (the bare wing-wide key), or one not for this user: dropped
        return False
    held = discipline_keys.parse_label(secrets.clinical_label)[1] if secrets.clinical_label else 0
    if discipline != user.discipline or generation <= held:
        wipe(key)
        return False
    _set_key(secrets, key, discipline_keys.label(discipline, generation))
    return True


def _grant_to_members(repo: SqlRepository, discipline: str, generation: int, key: bytearray | None,
                      except_id: str) -> None:
    assert key is not None
    now = iso(utc_now())
    for member in _other_members(repo, discipline, except_id):
        repo.put_clinical_grant(member.id, discipline_keys.seal_grant(member.grant_recipient, discipline,
                                                                      generation, key), now)


def rotate(repo: SqlRepository, secrets: SlotSecrets, discipline: str, generation: int, user_id: str) -> int:
    """A new key for the discipline: every prisoner key of it re-wrapped, the new generation granted to the other
    members; notes written from now on get fresh prisoner keys (epoch = new generation). Returns the rows re-wrapped."""
    old, new = secrets.clinical, random_key()
    assert old is not None
    rows = repo.prisoner_keys_of(discipline)
    for prisoner_id, epoch, wrapped in rows:
        key = bytearray(fields.unwrap_prisoner_key(old, discipline, prisoner_id, epoch, wrapped))
        repo.put_prisoner_key(discipline, prisoner_id, epoch,
                              fields.wrap_prisoner_key(new, discipline, prisoner_id, epoch, bytes(key)))
        wipe(key)
    repo.set_discipline_generation(discipline, generation + 1)
    _grant_to_members(repo, discipline, generation + 1, new, user_id)
    _set_key(secrets, new, discipline_keys.label(discipline, generation + 1))
    return len(rows)


def upgrade_legacy(repo: SqlRepository, legacy: bytearray) -> int:
    """Schema 8 → 10: re-seal every note under its own discipline's prisoner key, then forget the wing-wide key's
    wrapped prisoner keys. A key is made for each discipline with notes or members and granted to its members
    (this user too: the caller takes it). Returns the number of fields re-sealed."""
    wrapped = dict(repo.all_clinical_keys())
    notes = repo.legacy_notes()
    needed = {u.discipline for u in repo.list_users() if u.role is Role.TREATMENT and u.discipline}
    needed |= {str(json.loads(body).get("discipline")) for _, _, body in notes}
    keys = {d: random_key() for d in sorted(needed & {str(d) for d in Discipline})}
    for discipline, key in keys.items():
        repo.set_discipline_generation(discipline, 1)
        _grant_to_members(repo, discipline, 1, key, "")
    prisoner_keys: dict[tuple[str, str], bytearray] = {}
    old_keys: dict[str, bytes] = {}
    resealed = 0
    for record_id, prisoner_id, text in notes:
        body = json.loads(text)
        discipline = str(body.get("discipline"))
        for name in PROGRESS_NOTE.sealed_fields:
            token = body.get(name)
            legacy_field = isinstance(token, str) and token.startswith(fields.LEGACY_PREFIX)
            if not legacy_field or prisoner_id is None or discipline not in keys:
                continue
            try:
                if prisoner_id not in old_keys:
                    old_keys[prisoner_id] = fields.unwrap_legacy_prisoner_key(legacy, prisoner_id, wrapped[prisoner_id])
                old_key = old_keys[prisoner_id]
                plain = fields.decrypt_legacy_field(old_key, record_id, name, token)
            except (KeyError, IntegrityError, AccessDenied):
                continue  # damaged before the upgrade: stays as it was, unreadable as it was
            pk = prisoner_keys.get((discipline, prisoner_id))
            if pk is None:
                pk = prisoner_keys[(discipline, prisoner_id)] = random_key()
                repo.put_prisoner_key(discipline, prisoner_id, 1, fields.wrap_prisoner_key(
                    keys[discipline], discipline, prisoner_id, 1, bytes(pk)))
            new_token = fields.encrypt_field(bytes(pk), discipline, 1, record_id, name, plain)
            repo.put_legacy_field(hashlib.sha256(token.encode("utf-8")).hexdigest(), new_token)
            resealed += 1
    for key in (*keys.values(), *prisoner_keys.values()):
        wipe(key)
    repo.drop_legacy_clinical_keys()
    return resealed

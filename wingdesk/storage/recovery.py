"""`wingdesk recover GRANT` on the wing's files (issue 22 item 3): HQ's grant opens the recovery slot and a new
administrator's slot is written.

Every check comes before any change: the grant's form, the code HQ read out (it unseals the device's recovery
identity), the identity opening this wing's recovery slot (a grant for another device does not), HQ's signature
under the key the wing enrolled with (read from the database the slot opened), the device id, the expiry and the
grant id not yet used. Then, in one transaction: the administrator's row, the grant id (a replay is refused), and
the slot file with the new slot and the recovery slot re-sealed to the next generation's recipient the grant
carries (so the identity that travelled in the grant opens nothing afterwards).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from wingdesk.crypto import grants, recovery_keys
from wingdesk.crypto.kdf import KdfParams
from wingdesk.crypto.keyring import SessionKeyring
from wingdesk.crypto.keyslots import SlotFile, seal_slot
from wingdesk.crypto.recovery_docs import parse_grant
from wingdesk.crypto.secrets import wipe
from wingdesk.domain.errors import AuthError, IntegrityError, StoreError, ValidationError
from wingdesk.domain.people import User
from wingdesk.domain.records import iso
from wingdesk.services.audit_trail import AuditTrail
from wingdesk.services.ports import Clock
from wingdesk.storage import migrations
from wingdesk.storage.database import open_database
from wingdesk.storage.recovery_check import check_grant
from wingdesk.storage.repository import SqlRepository
from wingdesk.storage.vault import DB_FILE, SLOT_FILE, _new_secrets, _public_keys, wing_exists


@dataclass(frozen=True)
class Recovered:
    grant_id: str
    approvers: tuple[str, ...]


def _kdf_policy(repo: SqlRepository, kdf: KdfParams | None) -> KdfParams:
    if kdf is not None:
        return kdf.with_new_salt()
    memory, iterations, lanes = (int(x) for x in (repo.get_meta("kdf_policy") or "65536:3:4").split(":"))
    return KdfParams(memory, iterations, lanes, os.urandom(16))


def recover(directory: Path, data: bytes, code: str, admin: User, passphrase: bytearray, kdf: KdfParams | None,
            clock: Clock) -> Recovered:
    """Create `admin` (an administrator) from HQ's recovery grant and audit it, signed by the new administrator;
    a refusal changes nothing."""
    now = clock.now()
    if not wing_exists(directory):
        raise StoreError("no_wing")
    slots = SlotFile.load(directory / SLOT_FILE)
    if slots.recovery is None:
        raise IntegrityError("no_recovery_slot")
    grant = parse_grant(data)
    if grant.generation != slots.recovery.generation:  # not a secret: HQ re-issues with --generation
        raise IntegrityError("recovery_grant_generation", grant=grant.generation, wing=slots.recovery.generation)
    identity = recovery_keys.open_identity(grant.sealed_identity, code)
    try:
        dek = recovery_keys.open_dek(identity, slots.recovery.sealed)
    except IntegrityError:
        raise IntegrityError("recovery_grant_other_device") from None
    finally:
        wipe(identity)
    secrets = None
    try:
        try:
            db = open_database(directory / DB_FILE, dek)
        except AuthError:
            raise StoreError("store_error") from None  # the slot's key does not open the database: damage
        try:
            migrations.migrate(db.conn)  # the schema upgrade any sign-in does (wing_recoveries is in v26)
            repo = SqlRepository(db)
            check_grant(repo, grant, slots.db_uuid, now)
            if slots.version < int(repo.get_meta("slot_version") or "0"):
                raise IntegrityError("slot_file_rolled_back")  # an old slot file brought back to replay a grant
            taken = {u.username.casefold() for u in repo.list_users(include_removed=True)}
            if admin.username.casefold() in taken or slots.find(admin.username) is not None:
                raise ValidationError("duplicate", field="username")
            secrets, recipient = _new_secrets()
            public_key, recipient = _public_keys(secrets, recipient)
            changed = SlotFile(slots.db_uuid, slots.version + 1, list(slots.slots), dict(slots.dek_grants),
                               recovery_keys.recovery_slot(grant.next_recipient, grant.generation + 1, dek))
            changed.replace(seal_slot(slots.db_uuid, admin.id, admin.username, bytes(passphrase),
                                      _kdf_policy(repo, kdf), secrets))
            changed.dek_grants[admin.id] = grants.seal_to(recipient, dek)
            with repo.transaction():
                repo.add_user(User(admin.id, admin.username, admin.display_name, admin.role, None, public_key,
                                   admin.created_at, None, recipient))
                repo.add_recovery(grant.grant_id, grant.device_id, grant.generation, iso(now), admin.id,
                                  grant.approvers, data)
                repo.set_meta("slot_version", str(changed.version))
                keyring = SessionKeyring(secrets, repo.get_prisoner_key, repo.put_prisoner_key)
                AuditTrail(repo, keyring, clock).append(admin.id, "wing_recovered", f"grant:{grant.grant_id}",
                                                        hashlib.sha256(data).hexdigest())
                changed.save(directory / SLOT_FILE)  # last: a failed write rolls the rows back
        finally:
            db.close()
    finally:
        if secrets is not None:
            secrets.wipe()
        wipe(dek)
    return Recovered(grant.grant_id, grant.approvers)

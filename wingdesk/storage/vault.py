"""The wing's files on disk: encrypted database, key-slot file and login counters; unlock and key rotation."""

from __future__ import annotations

import contextlib
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from wingdesk.config.files import make_private
from wingdesk.crypto import discipline_keys, grants, recovery_keys, signing
from wingdesk.crypto.kdf import KdfParams
from wingdesk.crypto.keyring import SessionKeyring
from wingdesk.crypto.keyslots import SlotFile, open_slot, seal_slot
from wingdesk.crypto.public_keys import require_age_recipient, require_ed25519
from wingdesk.crypto.secrets import SlotSecrets, random_key, wipe
from wingdesk.domain.errors import AuthError, IntegrityError, StoreError
from wingdesk.domain.people import User
from wingdesk.domain.records import iso, utc_now
from wingdesk.domain.roles import Role
from wingdesk.storage import clinical_keys, migrations
from wingdesk.storage import recovery_check as recovery
from wingdesk.storage.backup_store import WingBackups
from wingdesk.storage.database import Database, is_damage, open_database
from wingdesk.storage.login_ledger import LoginLedger
from wingdesk.storage.repository import SqlRepository
from wingdesk.storage.throttle_file import ThrottleFile
from wingdesk.storage.unknown_names import decoy_slot, throttle_name

DB_FILE, SLOT_FILE, NEXT_SLOT_FILE, THROTTLE_FILE = "wing.db", "slots.json", "slots.next.json", "logins.json"


@dataclass
class NewUserKeys:
    public_key: bytes
    grant_recipient: str
    clinical_pending: bool


@dataclass
class OpenedWing:
    repo: SqlRepository
    keyring: SessionKeyring
    vault: WingVault
    user: User
    wing: str


def wing_exists(directory: Path) -> bool:
    return (directory / DB_FILE).exists() and (directory / SLOT_FILE).exists()


def _new_secrets() -> tuple[SlotSecrets, str]:
    identity, recipient = grants.new_grant_identity()
    return SlotSecrets(signing.new_seed(), identity), recipient


def _public_keys(secrets: SlotSecrets, recipient: str) -> tuple[bytes, str]:
    """A new user's public signing key and grant recipient, both through crypto.public_keys (WeakPublicKey)."""
    return require_ed25519(signing.public_key(secrets.sign_seed)), require_age_recipient(recipient)


class WingVault:
    """Implements services.ports.Vault. Holds the data key only while a session is open."""

    def __init__(self, directory: Path, kdf_params: KdfParams | None = None) -> None:
        self.dir = Path(directory)
        self.throttle = ThrottleFile(self.dir / THROTTLE_FILE)
        self._kdf = kdf_params
        self._db: Database | None = None
        self._secrets: SlotSecrets | None = None
        self._counter_finding: str | None = None

    # --- creation -------------------------------------------------------------------------------------
    @classmethod
    def create(cls, directory: Path, wing: str, prison: str, admin: User, passphrase: bytearray,
               kdf: KdfParams) -> None:
        """Create the database and the first (admin) slot; each discipline's clinical key is made by its first
        member at their first sign-in (storage.clinical_keys)."""
        directory = Path(directory)
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        make_private(directory)
        if wing_exists(directory):
            raise StoreError("wing_exists")
        for name in (DB_FILE, DB_FILE + "-wal", DB_FILE + "-shm", NEXT_SLOT_FILE):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(directory / name)  # leftovers of an interrupted creation
        dek = random_key()
        secrets, recipient = _new_secrets()
        public_key, recipient = _public_keys(secrets, recipient)  # before any file is written
        db_uuid = str(uuid.uuid4())
        db = open_database(directory / DB_FILE, dek, create=True)
        try:
            migrations.migrate(db.conn)
            repo = SqlRepository(db)
            with repo.transaction():
                repo.rebuild_search_index()  # empty: schema v17's request is answered before any record exists
                for key, value in (("db_uuid", db_uuid), ("wing", wing), ("prison", prison),
                                   ("created_at", iso(utc_now())), ("slot_version", "1"),
                                   ("kdf_policy", f"{kdf.memory_kib}:{kdf.iterations}:{kdf.lanes}")):
                    repo.set_meta(key, value)
                repo.add_user(User(admin.id, admin.username, admin.display_name, admin.role, admin.discipline,
                                   public_key, admin.created_at, None, recipient))
        finally:
            db.close()
        slots = SlotFile(db_uuid, 1)
        slots.replace(seal_slot(db_uuid, admin.id, admin.username, bytes(passphrase), kdf.with_new_salt(), secrets))
        slots.dek_grants[admin.id] = grants.seal_to(recipient, dek)
        slots.save(directory / SLOT_FILE)
        make_private(directory)
        secrets.wipe()
        wipe(dek)

    # --- unlock ----------------------------------------------------------------------------------------
    def _open_with(self, slots: SlotFile, username: str, passphrase: bytes) -> tuple[SlotSecrets, Database]:
        slot = slots.find(username)
        if slot is None:
            open_slot(slots.db_uuid, decoy_slot(slots), passphrase)  # raises wrong_password after the same work
            raise AuthError("wrong_password")
        secrets = open_slot(slots.db_uuid, slot, passphrase)
        sealed = slots.dek_grants.get(slot.user_id)
        if sealed is None:
            secrets.wipe()
            raise IntegrityError("slot_without_key")
        secrets.dek = grants.open_with(secrets.grant_identity, sealed)
        try:
            return secrets, open_database(self.dir / DB_FILE, secrets.dek)
        except BaseException:
            secrets.wipe()
            raise

    def open(self, username: str, passphrase: bytearray) -> OpenedWing:
        """Unlock: slot → data key → database; finishes an interrupted key rotation if one is found."""
        if not wing_exists(self.dir):
            raise StoreError("no_wing")
        main, nxt = self.dir / SLOT_FILE, self.dir / NEXT_SLOT_FILE
        make_private(self.dir)  # folders of older wings were created 0755
        for stale in self.dir.glob(".*.part"):  # temp files of a write cut short by a crash
            with contextlib.suppress(OSError):
                stale.unlink()
        slots = SlotFile.load(main)
        try:
            try:
                secrets, db = self._open_with(slots, username, bytes(passphrase))
                if nxt.exists():
                    os.unlink(nxt)  # a rotation that died before the rekey: the old key is still the key
            except AuthError as error:
                if error.code != "wrong_key" or not nxt.exists():
                    raise
                slots = SlotFile.load(nxt)
                secrets, db = self._open_with(slots, username, bytes(passphrase))
                os.replace(nxt, main)  # the rekey had happened: the new slot file is the right one
        except AuthError as error:
            if error.code == "wrong_key":
                # the passphrase opened its slot (AES-GCM checked it) and the slot's data key: a database that
                # still does not open is damaged — not a wrong password to count towards everyone's lockout
                raise StoreError("store_error") from None  # page 1 or a stale slot file: SQLCipher cannot tell
            raise
        try:
            return self._finish_open(slots, secrets, db, username, passphrase)
        except BaseException as error:
            secrets.wipe()
            db.close()
            if is_damage(error):
                raise StoreError("database_damaged") from None
            raise

    def _finish_open(self, slots: SlotFile, secrets: SlotSecrets, db: Database, username: str,
                     passphrase: bytearray) -> OpenedWing:
        migrations.migrate(db.conn)
        repo = SqlRepository(db)
        with repo.transaction():
            repo.fill_sort_keys()  # rows written before name collation (schema v7) or the search key (v17)
            repo.rebuild_search_index()  # once, after schema v17: the index holds folded keys (domain.name_key)
        if repo.get_meta("db_uuid") != slots.db_uuid:
            raise IntegrityError("slot_file_foreign")
        recorded = int(repo.get_meta("slot_version") or "0")
        if slots.version < recorded:
            raise IntegrityError("slot_file_rolled_back")
        if slots.version > recorded:
            with repo.transaction():
                repo.set_meta("slot_version", str(slots.version))
        slot = slots.find(username)
        assert slot is not None
        user = repo.get_user(slot.user_id)
        if user is None or not user.active:
            raise AuthError("wrong_password")
        require_ed25519(user.public_key)  # a weak key written into the database would "verify" anything
        require_age_recipient(user.grant_recipient)
        self._db, self._secrets = db, secrets
        self._slots = slots
        self._opened_repo = repo
        self._counter_finding = LoginLedger(self.throttle, repo, slots.db_uuid).check()
        self._take_clinical(repo, user, passphrase)
        self._upgrade_kdf(repo, user, passphrase)
        keyring = SessionKeyring(secrets, repo.get_prisoner_key, repo.put_prisoner_key, repo.get_legacy_field)
        return OpenedWing(repo, keyring, self, user, repo.get_meta("wing") or "")

    def _policy(self, repo: SqlRepository) -> KdfParams:
        if self._kdf is not None:
            return self._kdf.with_new_salt()
        memory, iterations, lanes = (int(x) for x in (repo.get_meta("kdf_policy") or "65536:3:4").split(":"))
        return KdfParams(memory, iterations, lanes, os.urandom(16))

    def _take_clinical(self, repo: SqlRepository, user: User, passphrase: bytearray) -> None:
        """The user's discipline key brought up to date (granted while away, started, rotated, or the schema-8
        upgrade) and re-sealed into their own slot, in one transaction with the database changes."""
        assert self._secrets is not None
        with repo.transaction():
            if clinical_keys.settle(repo, self._secrets, user):
                self._reseal(repo, user, passphrase)

    def _upgrade_kdf(self, repo: SqlRepository, user: User, passphrase: bytearray) -> None:
        slot = self._slots.find(user.username)
        policy = self._policy(repo)
        if slot is not None and slot.kdf.weaker_than(policy):
            with repo.transaction():
                self._reseal(repo, user, passphrase)

    def _reseal(self, repo: SqlRepository, user: User, passphrase: bytearray) -> None:
        """Rewrap the signed-in user's own slot (new salt, current policy) and bump the slot version."""
        assert self._secrets is not None
        changed = self._edited_slots()
        changed.replace(seal_slot(changed.db_uuid, user.id, user.username, bytes(passphrase),
                                  self._policy(repo), self._secrets))
        self._save_slots(repo, changed)

    def _edited_slots(self) -> SlotFile:
        """A copy of the slot file to change: this session's slots change only once the file on disk has."""
        return SlotFile(self._slots.db_uuid, self._slots.version, list(self._slots.slots), dict(self._slots.dek_grants),
                        self._slots.recovery)

    def _save_slots(self, repo: SqlRepository, changed: SlotFile) -> None:
        self._write_slots(changed)
        repo.set_meta("slot_version", str(changed.version))

    def _write_slots(self, changed: SlotFile) -> None:
        """Write `changed` (version bumped), then make it this session's. A failed write (disk full, stick pulled)
        leaves both the file and the session as they were: a passphrase change that did not reach the disk is not
        taken for one that did."""
        changed.version = self._slots.version + 1
        changed.save(self.dir / SLOT_FILE)
        self._slots = changed

    # --- slot management (services.ports.Vault) ----------------------------------------------------------
    def _repo(self) -> SqlRepository:
        if self._db is None or self._db.closed or self._secrets is None:
            raise StoreError("locked")
        return SqlRepository(self._db)

    def add_user_slot(self, user: User, passphrase: bytearray, with_clinical: bool) -> NewUserKeys:
        """A new slot; a treatment user's discipline key follows from a colleague of that discipline (a grant), or
        from their own first sign-in if the discipline has no key yet — never from this (administrator's) session."""
        repo = self._repo()
        assert self._secrets is not None
        pending = with_clinical
        secrets, recipient = _new_secrets()
        try:
            public_key, recipient = _public_keys(secrets, recipient)
        except BaseException:
            secrets.wipe()
            raise
        changed = self._edited_slots()
        changed.replace(seal_slot(changed.db_uuid, user.id, user.username, bytes(passphrase),
                                  self._policy(repo), secrets))
        changed.dek_grants[user.id] = grants.seal_to(recipient, self._secrets.dek)
        keys = NewUserKeys(public_key, recipient, pending)
        secrets.wipe()
        self._save_slots(repo, changed)
        return keys

    def discard_new_slot(self, user: User) -> None:
        """Undo `add_user_slot` for an account whose row was never stored (the caller's transaction failed): its
        slot and data-key grant leave the file, or they would open the database with no account to remove."""
        changed = self._edited_slots()
        changed.remove(user.id)
        self._write_slots(changed)  # slot_version in the database follows at the next save or open

    def change_passphrase(self, user: User, old: bytearray, new: bytearray) -> None:
        repo = self._repo()
        slot = self._slots.find(user.username)
        if slot is None:
            raise AuthError("wrong_password")
        open_slot(self._slots.db_uuid, slot, bytes(old)).wipe()  # proves the old passphrase
        self._reseal(repo, user, new)

    def verify_passphrase(self, user: User, passphrase: bytearray) -> bool:
        """Re-ask before countersigning or exporting: does this passphrase open the user's own slot?"""
        slot = self._slots.find(user.username)
        if slot is None:
            return False
        try:
            open_slot(self._slots.db_uuid, slot, bytes(passphrase)).wipe()
        except AuthError:
            return False
        return True

    def reset_passphrase(self, user: User, new: bytearray, with_clinical: bool) -> NewUserKeys:
        """An administrator's reset: new slot, new signing key; a treatment user's clinical key is re-granted."""
        return self.add_user_slot(user, new, with_clinical)

    def remove_user_slot(self, user: User) -> None:
        """Drop the slot and rotate the data key, so an old copy of the slot file opens nothing."""
        repo = self._repo()
        assert self._secrets is not None and self._db is not None
        new_dek = random_key()
        rotated = SlotFile(self._slots.db_uuid, self._slots.version + 1, list(self._slots.slots), {})
        rotated.remove(user.id)
        for other in repo.list_users():
            if other.id != user.id and rotated.find(other.username) is not None:
                rotated.dek_grants[other.id] = grants.seal_to(other.grant_recipient, new_dek)
        rotated.recovery = recovery_keys.resealed(self._slots.recovery, new_dek)  # HQ's slot follows the new key
        rotated.save(self.dir / NEXT_SLOT_FILE)
        self._db.rekey(new_dek)
        os.replace(self.dir / NEXT_SLOT_FILE, self.dir / SLOT_FILE)
        wipe(self._secrets.dek)
        self._secrets.dek = new_dek
        self._slots = rotated
        with repo.transaction():
            repo.set_meta("slot_version", str(rotated.version))
            if user.role is Role.TREATMENT and user.discipline:
                repo.drop_clinical_grant(user.id)
                repo.mark_rotation_pending(user.discipline)  # done by the next member to sign in

    def install_recovery_key(self, data: bytes) -> tuple[str, int]:
        """Seal the data key to HQ's recovery key for this device (HQ's signed file; issue 22 item 3)."""
        repo = self._repo()
        assert self._secrets is not None
        found = recovery.checked_recipient(repo, data, self._slots.recovery)
        changed = self._edited_slots()
        changed.recovery = recovery_keys.recovery_slot(found.recipient, found.generation, self._secrets.dek)
        self._save_slots(repo, changed)
        return found.device_id, found.generation

    def backups(self) -> WingBackups:
        """Backups of this open wing, under its data key (storage.backup_store)."""
        if self._db is None or self._db.closed or self._secrets is None:
            raise StoreError("locked")
        return WingBackups(self.dir, self._db, self._secrets.dek)

    def grant_clinical(self, recipient: str) -> bytes:
        """Seal this session's discipline key to a colleague of the same discipline (the caller checks that)."""
        if self._secrets is None or self._secrets.clinical is None or not self._secrets.clinical_label:
            raise AuthError("no_clinical_key")
        discipline, generation = discipline_keys.parse_label(self._secrets.clinical_label)
        return discipline_keys.seal_grant(recipient, discipline, generation, self._secrets.clinical)

    def _throttle_name(self, username: str) -> str:
        return throttle_name(self.dir / SLOT_FILE, username)

    def _ledger(self) -> LoginLedger | None:
        if self._db is None or self._db.closed or self._secrets is None:
            return None
        return LoginLedger(self.throttle, self._opened_repo, self._slots.db_uuid)

    def failures(self, username: str) -> tuple[int, float]:
        ledger, name = self._ledger(), self._throttle_name(username)
        return ledger.failures(name) if ledger is not None else self.throttle.failures(name)

    def record_failure(self, username: str, event: str, when_iso: str) -> int:
        return self.throttle.record(self._throttle_name(username), event, when_iso)

    def clear_failures(self, username: str) -> None:
        """With the database open only (a sign-in, a supervisor's unlock): the count and any hold go."""
        ledger = self._ledger()
        if ledger is None:
            raise StoreError("locked")
        ledger.clear(self._throttle_name(username))

    def take_pending_events(self) -> list[dict[str, str]]:
        """The queued attempts, for the audit log; with the database open they leave the file and are anchored."""
        ledger = self._ledger()
        if ledger is None:
            return self.throttle.pending()
        return ledger.take_events(after_tampering=self._counter_finding is not None)

    def counter_tampering(self) -> str | None:
        """Found at this sign-in: the counter file was missing, damaged, edited or rewound (None: it was not)."""
        return self._counter_finding

    def hold_account(self, user_id: str, reason: str) -> None:
        ledger = self._ledger()
        assert ledger is not None
        ledger.hold(user_id, reason)

    def account_held(self, user_id: str) -> bool:
        ledger = self._ledger()
        return ledger is not None and ledger.held(user_id) is not None

    def slot_usernames(self) -> list[str]:
        return [s.username for s in SlotFile.load(self.dir / SLOT_FILE).slots]

    def close(self) -> None:
        if self._secrets is not None:
            self._secrets.wipe()
            self._secrets = None
        if self._db is not None:
            self._db.close()
            self._db = None

"""What the holder of one slot file can decrypt from the raw database, trying every key they hold on everything."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import sqlcipher3

from wingdesk.crypto import fields, grants
from wingdesk.crypto.keyslots import SlotFile, open_slot
from wingdesk.crypto.secrets import SlotSecrets
from wingdesk.domain.errors import AccessDenied, AuthError, IntegrityError


def slot_secrets(slot_path: Path, username: str, passphrase: str) -> SlotSecrets:
    """The user's slot opened with their passphrase, with the database key their grant in the file unwraps."""
    slots = SlotFile.load(slot_path)
    slot = slots.find(username)
    assert slot is not None
    secrets = open_slot(slots.db_uuid, slot, passphrase.encode())
    secrets.dek = grants.open_with(secrets.grant_identity, slots.dek_grants[slot.user_id])
    return secrets


def raw_connection(folder: Path, dek: bytearray) -> sqlcipher3.Connection | None:
    """A raw SQLCipher connection with this key, or None when the key does not open today's database."""
    conn = sqlcipher3.connect(str(folder / "wing.db"))
    conn.execute(f"PRAGMA key = \"x'{bytes(dek).hex()}'\"")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError:
        conn.close()
        return None
    return conn


def unwrapped_prisoner_keys(conn: sqlcipher3.Connection, clinical: bytearray | None) -> dict[tuple[str, str, int],
                                                                                                bytes]:
    """Every (discipline, prisoner, epoch) prisoner key that `clinical` unwraps, whatever discipline it claims."""
    found: dict[tuple[str, str, int], bytes] = {}
    if clinical is None:
        return found
    for discipline, prisoner_id, epoch, wrapped in conn.execute(
            "SELECT discipline, prisoner_id, epoch, wrapped FROM discipline_prisoner_keys"):
        try:
            found[(discipline, prisoner_id, epoch)] = fields.unwrap_prisoner_key(clinical, discipline, prisoner_id,
                                                                                 epoch, bytes(wrapped))
        except IntegrityError:
            pass
    return found


def readable_notes(conn: sqlcipher3.Connection, clinical: bytearray | None) -> dict[str, list[str]]:
    """Decrypted progress-note texts by the note's discipline, using only what `clinical` unwraps."""
    return _notes(conn, unwrapped_prisoner_keys(conn, clinical))


def notes_with_prisoner_keys(conn: sqlcipher3.Connection, keys: dict[tuple[str, str, int], bytes]) -> list[str]:
    """Note texts that any of these prisoner keys (taken from an older copy of the database) opens."""
    return [text for texts in _notes(conn, keys, any_key=True).values() for text in texts]


def _notes(conn: sqlcipher3.Connection, keys: dict[tuple[str, str, int], bytes],
           any_key: bool = False) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for record_id, prisoner_id, body in conn.execute(
            "SELECT id, prisoner_id, body FROM records WHERE kind = 'progress_note' ORDER BY seq").fetchall():
        parsed = json.loads(body)
        token = parsed["text"]
        if token.startswith(fields.LEGACY_PREFIX):
            digest = hashlib.sha256(token.encode("utf-8")).hexdigest()
            row = conn.execute("SELECT token FROM legacy_sealed_fields WHERE legacy_sha256 = ?", (digest,)).fetchone()
            if row is None:
                continue
            token = row[0]
        discipline, epoch = fields.token_key(token)
        candidates = list(keys.values()) if any_key else [keys.get((discipline, prisoner_id, epoch))]
        for key in candidates:
            try:
                if key is not None:
                    text = fields.decrypt_field(key, record_id, "text", token)
                    found.setdefault(parsed["discipline"], []).append(text)
                    break
            except AccessDenied:
                pass
    return found


def notes_from_slot(folder: Path, slot_path: Path, username: str, passphrase: str) -> dict[str, list[str]]:
    try:
        secrets = slot_secrets(slot_path, username, passphrase)
    except AuthError:
        return {}
    conn = raw_connection(folder, secrets.dek)
    if conn is None:
        return {}
    try:
        return readable_notes(conn, secrets.clinical)
    finally:
        conn.close()

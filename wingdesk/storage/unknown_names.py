"""Sign-in with a user name no account has: the same work, answers and throttling as a real name (issue 13 item 6)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from wingdesk.crypto.kdf import KdfParams, floor_params
from wingdesk.crypto.keyslots import Slot, SlotFile
from wingdesk.domain.errors import IntegrityError, StoreError

UNKNOWN_USER = "?"  # failed sign-ins with a name no account has: counted and audited under this, never as typed


def decoy_slot(slots: SlotFile) -> Slot:
    """What an unknown name is tried against: the KDF cost most real slots have (the strongest on a tie), a
    random salt and a ciphertext of a real slot's size — the same work as a wrong passphrase for a real name."""
    if not slots.slots:
        return Slot("", "", floor_params(), os.urandom(12), os.urandom(48))
    costs = [(s.kdf.memory_kib, s.kdf.iterations, s.kdf.lanes) for s in slots.slots]
    memory, iterations, lanes = max(set(costs), key=lambda cost: (costs.count(cost), cost))
    size = sorted(len(s.ciphertext) for s in slots.slots)[len(slots.slots) // 2]
    return Slot("", "", KdfParams(memory, iterations, lanes, os.urandom(16)), os.urandom(12), os.urandom(size))


def throttle_name(slot_file: Path, username: str) -> str:
    """The name failures are counted under: the account's, or for a name no slot has "?" and a salted hash
    of it — people type their passphrase into the name box, and logins.json is not encrypted. Each unknown name
    is throttled and locked like a real one: a shared count would tell real names from unknown ones."""
    try:
        slots = SlotFile.load(slot_file)
    except (IntegrityError, StoreError, OSError):
        return UNKNOWN_USER
    if slots.find(username) is not None:
        return username
    salted = f"wingdesk/unknown-name\x00{slots.db_uuid}\x00{username.casefold()}".encode()
    return UNKNOWN_USER + hashlib.sha256(salted).hexdigest()[:16]

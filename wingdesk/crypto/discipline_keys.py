"""A clinical key per treatment discipline: its label ("PSY:3" = generation 3) and its grant to a colleague.

A grant is the key and its label sealed with age (pyrage) to the colleague's grant recipient; only that
colleague's slot opens it. A grant from schema 8 and earlier (the bare wing-wide key) has no label and is refused.
"""

from __future__ import annotations

import re

from wingdesk.crypto import grants
from wingdesk.crypto.secrets import wipe
from wingdesk.domain.errors import IntegrityError

_LABEL = re.compile(r"([A-Z]{1,8}):([1-9][0-9]{0,8})", re.ASCII)
_MAGIC = b"wingdesk/discipline-key/v1\x00"


def label(discipline: str, generation: int) -> str:
    text = f"{discipline}:{generation}"
    parse_label(text)
    return text


def parse_label(text: str) -> tuple[str, int]:
    """(discipline, generation); IntegrityError for the unlabelled wing-wide key or anything malformed."""
    match = _LABEL.fullmatch(text)
    if match is None:
        raise IntegrityError("clinical_key_mismatch")
    return match.group(1), int(match.group(2))


def seal_grant(recipient: str, discipline: str, generation: int, key: bytearray) -> bytes:
    payload = bytearray(_MAGIC + label(discipline, generation).encode("ascii") + b"\x00") + key
    try:
        return grants.seal_to(recipient, payload)
    finally:
        wipe(payload)


def open_grant(identity: bytearray, sealed: bytes) -> tuple[str, int, bytearray]:
    """(discipline, generation, key) from a grant sealed to this identity; IntegrityError otherwise."""
    payload = grants.open_with(identity, sealed)
    try:
        end = payload.find(b"\x00", len(_MAGIC))
        if not payload.startswith(_MAGIC) or end < 0 or len(payload) - end - 1 != 32:
            raise IntegrityError("grant_unreadable")
        discipline, generation = parse_label(bytes(payload[len(_MAGIC):end]).decode("ascii", "replace"))
        return discipline, generation, bytearray(payload[end + 1:])
    finally:
        wipe(payload)

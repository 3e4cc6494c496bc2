"""Key material held in bytearrays so it can be zeroed on lock (best effort in Python)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


def wipe(buffer: bytearray | None) -> None:
    if buffer is not None:
        for i in range(len(buffer)):
            buffer[i] = 0


@dataclass
class SlotSecrets:
    """A user's secrets: signing seed, grant identity, maybe a clinical key; the data key joins after unlock.

    The data key is not inside the slot: it is sealed to each user's grant identity in the slot file, so an
    administrator can rotate it for everyone without knowing their passwords. `clinical_label` names the clinical
    key: "PSY:3" is generation 3 of the psychology key; "" with a key is the wing-wide key of schema 8 and earlier.
    """

    sign_seed: bytearray
    grant_identity: bytearray
    clinical: bytearray | None = None
    dek: bytearray = field(default_factory=bytearray)
    clinical_label: str = ""

    def pack(self) -> bytes:
        out = bytearray(b"\x03")
        label = bytearray(self.clinical_label.encode("ascii")) if self.clinical is not None else bytearray()
        for part in (self.sign_seed, self.grant_identity, self.clinical, label):
            data = bytes(part) if part is not None else b""
            out += len(data).to_bytes(2, "big") + data
        return bytes(out)

    @classmethod
    def unpack(cls, data: bytes) -> SlotSecrets:
        """Version 3, or version 2 (schema 8 and earlier: a wing-wide clinical key, unlabelled)."""
        if not data or data[0] not in (2, 3):
            raise ValueError("malformed slot secrets")
        parts, pos = [], 1
        for _ in range(3 if data[0] == 2 else 4):
            if pos + 2 > len(data):
                raise ValueError("malformed slot secrets")
            size = int.from_bytes(data[pos:pos + 2], "big")
            parts.append(bytearray(data[pos + 2:pos + 2 + size]))
            pos += 2 + size
        if pos != len(data) or len(parts[0]) != 32 or not parts[1]:
            raise ValueError("malformed slot secrets")
        label = parts[3].decode("ascii") if len(parts) == 4 else ""
        return cls(parts[0], parts[1], parts[2] or None, clinical_label=label if parts[2] else "")

    def wipe(self) -> None:
        wipe(self.dek)
        wipe(self.sign_seed)
        wipe(self.grant_identity)
        wipe(self.clinical)


def random_key() -> bytearray:
    return bytearray(os.urandom(32))

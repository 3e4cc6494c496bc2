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
    """A user's secrets: signing seed, grant identity, maybe the clinical key; the data key joins after unlock.

    The data key is not inside the slot: it is sealed to each user's grant identity in the slot file, so an
    administrator can rotate it for everyone without knowing their passwords.
    """

    sign_seed: bytearray
    grant_identity: bytearray
    clinical: bytearray | None = None
    dek: bytearray = field(default_factory=bytearray)

    def pack(self) -> bytes:
        out = bytearray(b"\x02")
        for part in (self.sign_seed, self.grant_identity, self.clinical):
            data = bytes(part) if part is not None else b""
            out += len(data).to_bytes(2, "big") + data
        return bytes(out)

    @classmethod
    def unpack(cls, data: bytes) -> SlotSecrets:
        if not data or data[0] != 2:
            raise ValueError("malformed slot secrets")
        parts, pos = [], 1
        for _ in range(3):
            if pos + 2 > len(data):
                raise ValueError("malformed slot secrets")
            size = int.from_bytes(data[pos:pos + 2], "big")
            parts.append(bytearray(data[pos + 2:pos + 2 + size]))
            pos += 2 + size
        if pos != len(data) or len(parts[0]) != 32 or not parts[1]:
            raise ValueError("malformed slot secrets")
        return cls(parts[0], parts[1], parts[2] or None)

    def wipe(self) -> None:
        wipe(self.dek)
        wipe(self.sign_seed)
        wipe(self.grant_identity)
        wipe(self.clinical)


def random_key() -> bytearray:
    return bytearray(os.urandom(32))

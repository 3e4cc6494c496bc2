"""Argon2id key derivation with per-slot parameters, calibrated to the machine (security.md §2.2)."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

FLOOR_MEMORY_KIB = 64 * 1024
FLOOR_ITERATIONS = 3
LANES = 4
TARGET_SECONDS = 0.5
MAX_MEMORY_KIB = 1024 * 1024
MAX_ITERATIONS = 64  # policies write FLOOR_ITERATIONS; the bound only refuses damaged files
MAX_LANES = 64


class KdfBelowFloor(ValueError):
    """Slot parameters weaker than the policy floor."""


@dataclass(frozen=True)
class KdfParams:
    memory_kib: int
    iterations: int
    lanes: int
    salt: bytes

    def to_json(self) -> dict[str, object]:
        return {"alg": "argon2id", "memory_kib": self.memory_kib, "iterations": self.iterations,
                "lanes": self.lanes, "salt": self.salt.hex()}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> KdfParams:
        """Parameters as written by `to_json`; ValueError for anything else — including values no policy writes,
        which a damaged file could otherwise turn into a derivation that never ends (or a crash in Argon2)."""
        if data.get("alg") != "argon2id":
            raise KdfBelowFloor("unknown kdf")
        memory, iterations, lanes = data["memory_kib"], data["iterations"], data["lanes"]
        if type(memory) is not int or type(iterations) is not int or type(lanes) is not int:
            raise ValueError("kdf parameters are not integers")
        params = cls(memory, iterations, lanes, bytes.fromhex(str(data["salt"])))
        params.check_floor()
        beyond = memory > MAX_MEMORY_KIB or iterations > MAX_ITERATIONS or not 1 <= lanes <= MAX_LANES
        if beyond or len(params.salt) > 64:
            raise ValueError("kdf parameters beyond any policy")
        return params

    def check_floor(self) -> None:
        if self.memory_kib < FLOOR_MEMORY_KIB or self.iterations < FLOOR_ITERATIONS or len(self.salt) < 16:
            raise KdfBelowFloor("kdf parameters below the floor")

    def with_new_salt(self) -> KdfParams:
        return KdfParams(self.memory_kib, self.iterations, self.lanes, os.urandom(16))

    def weaker_than(self, other: KdfParams) -> bool:
        return (self.memory_kib, self.iterations) < (other.memory_kib, other.iterations)


def floor_params() -> KdfParams:
    return KdfParams(FLOOR_MEMORY_KIB, FLOOR_ITERATIONS, LANES, os.urandom(16))


def derive(passphrase: bytes, params: KdfParams) -> bytearray:
    params.check_floor()
    kdf = Argon2id(salt=params.salt, length=32, iterations=params.iterations, lanes=params.lanes,
                   memory_cost=params.memory_kib)
    return bytearray(kdf.derive(passphrase))


def calibrate(target_seconds: float = TARGET_SECONDS) -> KdfParams:
    """Double memory from the floor until one derivation takes about `target_seconds`."""
    memory = FLOOR_MEMORY_KIB
    probe = KdfParams(memory, FLOOR_ITERATIONS, LANES, os.urandom(16))
    while True:
        start = time.perf_counter()
        derive(b"calibration", probe)
        elapsed = time.perf_counter() - start
        if elapsed * 2 > target_seconds * 1.3 or memory * 2 > MAX_MEMORY_KIB:
            return probe
        memory *= 2
        probe = KdfParams(memory, FLOOR_ITERATIONS, LANES, os.urandom(16))

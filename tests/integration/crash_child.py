"""Child process for the crash tests: writes as fast as it can and reports each commit on stdout."""

import sys
from pathlib import Path

from wingdesk.crypto.kdf import floor_params
from wingdesk.storage.backend import LocalWing


def burst(folder: str, user: str, password: str) -> None:
    session = LocalWing(Path(folder), kdf=floor_params()).sign_in(user, password)
    prisoner = session.prisoners.page()[0].id
    n = 0
    while True:
        record = session.observations.record(prisoner, "ROUTINE_CHANGE", "NEUTRAL", f"Crash burst entry {n}")
        print(record.id, flush=True)  # only after the commit returned
        n += 1


def passwords(folder: str, user: str, first: str, second: str) -> None:
    wing = LocalWing(Path(folder), kdf=floor_params())
    current, other = first, second
    while True:
        session = wing.sign_in(user, current)
        session.users.change_own_password(current, other)
        session.lock()
        print(other, flush=True)
        current, other = other, current


if __name__ == "__main__":
    mode, *args = sys.argv[1:]
    {"burst": burst, "passwords": passwords}[mode](*args)

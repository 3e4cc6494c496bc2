"""Child process for the backup fault test: sign in, then let no file grow past LIMIT bytes (RLIMIT_FSIZE: every
write the backup makes past that point fails with EFBIG, SQLite's export and the Python-written files alike),
back up, and print the outcome."""

import resource
import signal
import sys
from pathlib import Path

from wingdesk.crypto.kdf import floor_params
from wingdesk.domain.errors import WingError
from wingdesk.storage.backend import LocalWing


def main(folder: str, user: str, password: str, dest: str, limit: str) -> None:
    session = LocalWing(Path(folder), kdf=floor_params()).sign_in(user, password)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing the process
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(limit), resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
    try:
        result = session.backup.backup(dest)
        print("ok", result.folder, flush=True)
    except WingError as error:
        print("error", error.code, flush=True)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        try:
            session.lock()
        except WingError:
            pass


if __name__ == "__main__":
    main(*sys.argv[1:])

"""Composition root: builds the concrete wing backend, demo and GUI and hands them to the CLI."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from wingdesk.cli.main import run
from wingdesk.cli.wiring import Wiring

# The wing's file names (wingdesk.storage.vault), checked without loading storage; a test keeps them equal.
WING_FILES = ("wing.db", "slots.json")
RESTORE_JOURNAL = ".restore.part/READY"  # wingdesk.storage.restore_files (issue 22)


class LazyWing:
    """The wing backend, loaded on first real use, so the login window appears before SQLCipher and the
    crypto stack are imported (start-up benchmark); `exists()` only looks at the files."""

    def __init__(self, folder: Path, **options: Any) -> None:
        self.directory = Path(folder)
        self._options = options
        self._real: Any = None

    def exists(self) -> bool:
        if (self.directory / RESTORE_JOURNAL).exists():
            return True  # a restore a crash cut short: the backend completes it when it opens the wing
        return all((self.directory / name).exists() for name in WING_FILES)

    def _wing(self) -> Any:
        if self._real is None:
            from wingdesk.storage.backend import LocalWing
            from wingdesk.sync.wing_sync import WingSync

            self._real = LocalWing(self.directory, sync_factory=WingSync, **self._options)
        return self._real

    def __getattr__(self, name: str) -> Any:
        return getattr(self._wing(), name)


def open_wing(folder: Path) -> LazyWing:
    return LazyWing(folder)


def open_demo_wing(folder: Path) -> tuple[LazyWing, Any]:
    from wingdesk.demo.clock import DemoClock

    clock = DemoClock()
    return LazyWing(folder, clock=clock), clock


def run_gui(folder: Path, demo: bool = False, screenshots: str | None = None,
            screenshot_langs: Sequence[str] = ("en",)) -> int:
    try:
        from wingdesk.gui.application import run_application
    except ImportError as error:  # the GUI package or Qt is missing on this machine
        print(f"WingDesk: the desktop application is not available ({error.name}).", file=sys.stderr)
        return 2
    return run_application(open_wing(folder), folder, demo=demo, screenshots=screenshots,
                           screenshot_langs=list(screenshot_langs), harden=harden)


def harden() -> None:
    """Decrypted records, keys and typed passphrases must not reach a crash dump. The window calls this as soon
    as it is shown (before anyone can type), every other command before it runs."""
    from wingdesk.crypto.no_core_dumps import forbid_core_dumps

    forbid_core_dumps()


def write_subject_access(copy: Any, folder: Path) -> list[Path]:
    """The subject-access PDF is drawn by Qt (the GUI package); the command line reaches it through here."""
    from wingdesk.gui.subject_access_print import write_subject_access as write

    return write(copy, folder)


def main(argv: Sequence[str] | None = None) -> int:
    wiring = Wiring(open_wing=open_wing, open_demo_wing=open_demo_wing, run_gui=run_gui, harden=harden,
                    write_subject_access=write_subject_access)
    return run(list(sys.argv[1:] if argv is None else argv), wiring)

"""Composition root: builds the concrete wing backend, demo and GUI and hands them to the CLI."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from wingdesk.cli.main import run
from wingdesk.cli.wiring import Wiring
from wingdesk.demo.clock import DemoClock
from wingdesk.storage.backend import LocalWing
from wingdesk.sync.wing_sync import WingSync


def open_wing(folder: Path) -> LocalWing:
    return LocalWing(folder, sync_factory=WingSync)


def open_demo_wing(folder: Path) -> tuple[LocalWing, DemoClock]:
    clock = DemoClock()
    return LocalWing(folder, clock=clock, sync_factory=WingSync), clock


def run_gui(folder: Path, demo: bool = False, screenshots: str | None = None,
            screenshot_langs: Sequence[str] = ("en",)) -> int:
    try:
        from wingdesk.gui.application import run_application
    except ImportError as error:  # the GUI package or Qt is missing on this machine
        print(f"WingDesk: the desktop application is not available ({error.name}).", file=sys.stderr)
        return 2
    return run_application(open_wing(folder), folder, demo=demo, screenshots=screenshots,
                           screenshot_langs=list(screenshot_langs))


def main(argv: Sequence[str] | None = None) -> int:
    wiring = Wiring(open_wing=open_wing, open_demo_wing=open_demo_wing, run_gui=run_gui,
                    sync_commands=_sync_commands())
    return run(list(sys.argv[1:] if argv is None else argv), wiring)


def _sync_commands() -> Any:
    from wingdesk.cli import sync_commands

    return sync_commands

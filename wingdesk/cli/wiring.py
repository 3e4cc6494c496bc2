"""What app.py hands to the command line: factories for the wing backend, the demo and the GUI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from wingdesk.demo.clock import DemoClock
    from wingdesk.services.ports import WingAccess


class Wiring(NamedTuple):  # a NamedTuple, not a dataclass: dataclasses would cost start-up time before the window
    open_wing: Callable[[Path], WingAccess]
    open_demo_wing: Callable[[Path], tuple[WingAccess, DemoClock]]
    run_gui: Callable[..., int] | None = None
    sync_commands: Any = None  # wing-side sync CLI handlers; None: wingdesk.cli.sync_commands, loaded on use
    harden: Callable[[], object] | None = None  # process hardening run before a command handles secrets
    write_subject_access: Callable[[Any, Path], list[Path]] | None = None  # PDF + JSON writer (the GUI package's)

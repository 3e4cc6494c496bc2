"""What app.py hands to the command line: factories for the wing backend, the demo and the GUI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wingdesk.demo.clock import DemoClock
    from wingdesk.services.ports import WingAccess


@dataclass(frozen=True)
class Wiring:
    open_wing: Callable[[Path], WingAccess]
    open_demo_wing: Callable[[Path], tuple[WingAccess, DemoClock]]
    run_gui: Callable[..., int] | None = None
    sync_commands: Any = None  # wing-side sync CLI handlers (wingdesk.sync), if installed

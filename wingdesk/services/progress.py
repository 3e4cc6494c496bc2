"""Long work reports its progress through a callback, and is stopped through it.

`progress(done, total)` is called between safe points of the work (a file written and checked, a part of an upload
sent); once the person who started the work has asked to stop, the callback raises `Cancelled` instead, so work
stops only where everything done so far is complete.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None] | None


class Cancelled(Exception):
    """The work was stopped at the user's request, at a safe point."""

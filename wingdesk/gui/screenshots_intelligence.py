"""Screenshots of intelligence for `wingdesk demo --screenshots` (issue 16; file names contain `intelligence`):
the security page with the graded, shared report chosen, and the prisoner page of that report's subject as the
role sees it (security the whole report, supervisor and governor the sanitised text); for security also the
association view (file name contains `association`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wingdesk.services.policy import Action, Resource, scope_for

if TYPE_CHECKING:
    from wingdesk.gui.main_window import MainWindow
    from wingdesk.gui.tasks import TaskRunner


def shared_report_subject(session: Any) -> str | None:
    """The prisoner of the newest graded report the role may see with its sanitised text (None: none)."""
    if scope_for(session.user.role, Action.READ, Resource.INTELLIGENCE_REPORT) is None:
        return None
    found = [r for r in session.intelligence.reports() if r.body.get("sanitised_text") and r.prisoner_id]
    return str(found[0].prisoner_id) if found else None


def grab_intelligence(window: MainWindow, tasks: TaskRunner, folder: Path, role: str, subject: str | None,
                      grab: Callable[[Any, Path], None], settle: Callable[[TaskRunner], None]) -> None:
    if subject is None:
        return
    if "intelligence" in window.pages or any(s.key == "intelligence" for s in window.specs):
        page: Any = window.show_page("intelligence")
        settle(tasks)
        row = next((n for n, r in enumerate(page.reports) if r.body.get("sanitised_text")), -1)
        if row >= 0:
            page.list.setCurrentRow(row)
            settle(tasks)
            page.show_grading()
            settle(tasks)
            grab(window, folder / f"{role}-intelligence-grading.png")
    window.open_prisoner(subject)
    settle(tasks)
    grab(window, folder / f"{role}-prisoner-intelligence.png")
    panel = getattr(window.prisoner_page, "associations", None)
    if panel is not None:  # security only: the association view, the first linked person chosen by keyboard
        panel.view.setFocus()
        panel.view.step(1)
        settle(tasks)
        page_shown: Any = window.prisoner_page
        page_shown.left_scroll.ensureWidgetVisible(panel, 0, 0)  # the left column scrolls: show the panel whole
        settle(tasks)
        grab(window, folder / f"{role}-prisoner-association.png")

"""Screenshots of alerts for `wingdesk demo --screenshots`: a prisoner page with alerts, and the raise, review and
end dialogs for the roles that may use them (file names contain `alerts`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wingdesk.services.policy import Action, Resource, scope_for

if TYPE_CHECKING:
    from wingdesk.gui.main_window import MainWindow
    from wingdesk.gui.tasks import TaskRunner


def grab_alerts(window: MainWindow, tasks: TaskRunner, folder: Path, role: str, prisoner_id: str | None,
                grab: Callable[[Any, Path], None], settle: Callable[[TaskRunner], None]) -> None:
    """`prisoner_id`: a prisoner with alerts (None: the role reads no alerts)."""
    if prisoner_id is None:
        return
    window.open_prisoner(prisoner_id)
    settle(tasks)
    grab(window, folder / f"{role}-prisoner-alerts.png")
    page: Any = window.prisoner_page
    panel = getattr(page, "alerts", None)
    if panel is None:
        return
    user_role = window.session.user.role
    modes = [m for m, action in (("raise", Action.CREATE), ("review", Action.ANNOTATE), ("end", Action.ANNOTATE))
             if scope_for(user_role, action, Resource.ALERT) is not None]
    for mode in modes:
        panel._open(mode)
        dialog = panel.dialog
        if mode == "raise":
            dialog.form.set_values({"code": "VULNERABLE", "description": "First time in custody; check in at each "
                                    "unlock and at lock-up."})
        elif mode == "review":
            dialog.form.set_value("review_note", "Settling in; keeps contact with family. Checks stay.")
        else:
            dialog.form.set_value("end_reason", "Care plan closed by healthcare.")
        settle(tasks)
        grab(dialog, folder / f"{role}-alerts-{mode}.png")
        dialog.reject()
        settle(tasks)


def prisoner_with_alerts(session: Any) -> str | None:
    """The prisoner with the most alerts (in force, reviewed, lapsed) if the role reads alerts."""
    if scope_for(session.user.role, Action.READ, Resource.ALERT) is None:
        return None
    ids = list(dict.fromkeys(str(a.prisoner_id) for a in session.alerts.active()))
    return max(ids, key=lambda pid: len(session.alerts.for_prisoner(pid)), default=None)

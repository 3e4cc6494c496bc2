"""Screenshots of admission and roll resolution (issue 14): the admission form filled as a supervisor would, the
name typed in Cyrillic and its Latin form offered; the form that resolves the home page's open roll discrepancy."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLineEdit, QWidget

from wingdesk.services.policy import Action, Resource, scope_for

if TYPE_CHECKING:
    from wingdesk.gui.tasks import TaskRunner


def presence_screens(window: Any, tasks: TaskRunner, out: Path, lang: str, role: str,
                     settle: Any, grab: Any) -> None:
    """`{role}-admission.png` for roles that admit; `{role}-roll_resolution.png` for roles that resolve."""
    user_role = window.session.user.role
    if scope_for(user_role, Action.CREATE, Resource.PRISONER) is not None:
        page = window.show_page("prisoners")
        dialog = page.open_admission()
        settle(tasks)
        _fill_example(dialog)
        settle(tasks)
        dialog.resize(640, dialog.sizeHint().height())
        grab(dialog, out / lang / f"{role}-admission.png")
        dialog.reject()
        dialog.deleteLater()
    home = window.show_page("home")
    window.refresh_current()
    settle(tasks)
    panel = getattr(home, "presence", None)
    if panel is not None and scope_for(user_role, Action.CREATE, Resource.LOG_ENTRY) is not None:
        dialog = panel.resolve_selected()
        if dialog is not None:
            dialog.form.set_values({"whereabouts": "Healthcare unit", "text": ""})
            settle(tasks)
            grab(dialog, out / lang / f"{role}-roll_resolution.png")
            dialog.reject()
            dialog.deleteLater()


def _fill_example(dialog: QWidget) -> None:
    editors = dialog.form.editors  # type: ignore[attr-defined]
    today = date.today()
    line = {name: editor for name, editor in editors.items() if isinstance(editor, QLineEdit)}
    line["number"].setText("N-2026-0147")
    line["family_name_cyrillic"].insert("Јовановић")  # typed in Cyrillic: the Latin is offered
    line["given_name_cyrillic"].insert("Милица")
    born = editors["date_of_birth"]
    if isinstance(born, QDateEdit):
        born.setDate(QDate(today.year - 19, 3, 14))
    dialog.form.set_values({"sex": "F", "legal_status": "REMAND", "first_time": True,  # type: ignore[attr-defined]
                            "languages": "Serbian, Albanian", "interpreter_needed": False, "cell": "B3-07"})

"""Screenshots of a contact with a vetted outside person for `wingdesk demo --screenshots` (issue 17 item 3; file
names contain `contact-vetted`): on the treatment page's contacts tab, a religious counsellor picked from HQ's list
by typing, then a volunteer whose vetting expired, with the reason asked for. Only for roles that log contacts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from wingdesk.domain.roles import Role
from wingdesk.i18n import N_, _
from wingdesk.services.policy import Action, Resource, scope_for

if TYPE_CHECKING:
    from wingdesk.gui.main_window import MainWindow
    from wingdesk.gui.tasks import TaskRunner

EXAMPLE = N_("Talked about the prisoner's family and the plans for after release.")


def grab_vetted_contact(window: MainWindow, tasks: TaskRunner, folder: Path, role: str, prisoner_id: str | None,
                        grab: Callable[[Any, Path], None], settle: Callable[[TaskRunner], None]) -> None:
    if prisoner_id is None or scope_for(Role(window.session.user.role), Action.CREATE, Resource.CONTACT) is None:
        return
    page: Any = window.show_page("treatment")
    page.show_prisoner(prisoner_id)
    settle(tasks)
    page.tabs.setCurrentWidget(page.contacts)
    panel = page.contacts
    for contact_type, typed, name in (("RELIGIOUS_COUNSELLOR", "arben", "picked"),
                                      ("VOLUNTEER_NGO", "vesna", "expired")):
        combo = panel.form.editors["contact_type"]
        combo.setCurrentIndex(combo.findData(contact_type))
        settle(tasks)
        panel.picker.filter.clear()
        QTest.keyClicks(panel.picker.filter, typed)
        QTest.keyClick(panel.picker.filter, Qt.Key.Key_Down)
        panel.form.set_values({"contact_kind": "VISIT", "summary": _(EXAMPLE)})
        settle(tasks)
        grab(window, folder / f"{role}-contact-vetted-{name}.png")
    if panel.picker.needs_reason():
        panel._on_save()  # noqa: SLF001 - the reason left empty: the sentence asking for it
        settle(tasks)
        grab(window, folder / f"{role}-contact-vetted-reason.png")
    panel.picker.clear()

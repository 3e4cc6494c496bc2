"""What the prisoner page offers for subject access and the prisoner's voice (issue 19 items 3 and 4): a comment
taken down beside a record, withholding a record from the prisoner's copy (or lifting that), and the copy itself.
Each is offered only to the roles the policy gives it to, so nobody meets a button that refuses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from wingdesk.domain.kinds import spec_of
from wingdesk.domain.records import AmendmentKind, Record
from wingdesk.gui.dialogs.record_note_dialog import COMMENT, DISCLOSE, WITHHOLD, RecordNoteDialog
from wingdesk.gui.tasks import TaskRunner
from wingdesk.i18n import _
from wingdesk.services.policy import Action, Resource, scope_for

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


def _withheld_now(record: Record) -> bool:
    decisions = [a for a in record.amendments if a.kind in (AmendmentKind.WITHHOLD, AmendmentKind.DISCLOSE)]
    return bool(decisions) and decisions[-1].kind == AmendmentKind.WITHHOLD


class SubjectAccessActions(QObject):
    changed = Signal()  # a note was stored: the page reloads its timeline
    copied = Signal(str)  # the copy was written: a sentence for the page to show
    failed = Signal(object)

    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self.session, self.tasks, self.parent_widget = session, tasks, parent
        role = session.user.role
        self.can_comment = scope_for(role, Action.CREATE, Resource.PRISONER_COMMENT) is not None
        self.can_withhold = scope_for(role, Action.ANNOTATE, Resource.DISCLOSURE) is not None
        self.can_copy = scope_for(role, Action.EXPORT, Resource.DISCLOSURE) is not None
        # replaced in tests: run a dialog, choose a folder
        self.exec_dialog: Callable[[QDialog], Any] = lambda dialog: dialog.exec()
        self.choose_folder: Callable[[], str] = lambda: QFileDialog.getExistingDirectory(
            parent, _("Folder for the prisoner's copy"))

    def card_actions(self, record: Record, restricted: bool) -> list[tuple[str, Callable[[], None]]]:
        if not spec_of(record.kind).in_subject_access or record.prisoner_id is None:
            return []
        found: list[tuple[str, Callable[[], None]]] = []
        if self.can_comment and not restricted:
            found.append((_("Prisoner's comment…"), lambda: self._open(record, COMMENT)))
        if self.can_withhold:
            if _withheld_now(record):
                found.append((_("Disclose in the prisoner's copy…"), lambda: self._open(record, DISCLOSE)))
            else:
                found.append((_("Withhold from the prisoner's copy…"), lambda: self._open(record, WITHHOLD)))
        return found

    def _open(self, record: Record, purpose: str) -> None:
        self.open_note(record, purpose)

    def open_note(self, record: Record, purpose: str) -> RecordNoteDialog:
        access = self.session.subject_access
        save = {COMMENT: access.add_prisoner_comment, WITHHOLD: access.withhold,
                DISCLOSE: access.disclose}[purpose]
        dialog = RecordNoteDialog(self.tasks, record, purpose, lambda text: save(record.id, text),
                                  self.parent_widget)
        dialog.accepted.connect(self.changed)
        self.exec_dialog(dialog)
        return dialog

    def make_copy(self, prisoner_id: str) -> None:
        """Ask for a folder, then make and write the copy off the UI thread."""
        chosen = self.choose_folder()
        if not chosen:
            return
        from wingdesk.gui.subject_access_print import write_subject_access

        access, folder = self.session.subject_access, Path(chosen)

        def work() -> tuple[int, int, list[Path]]:
            copy = access.make_copy(prisoner_id)
            return len(copy.items), len(copy.withheld), write_subject_access(copy, folder)

        def done(result: tuple[int, int, list[Path]]) -> None:
            shown, held, paths = result
            self.copied.emit(_("The prisoner's copy is in {folder}: {n} records, {m} withheld. The disclosure is "
                               "recorded.").format(folder=paths[0].parent, n=shown, m=held))

        self.tasks.run(work, done, self.failed.emit)

"""Pick the outside person a contact was with from HQ's vetted list (issue 17 item 3), keyboard first: type to
filter, Down or Enter to choose. The line under the list says plainly where the person's vetting stands here today;
when it does not hold (or nobody on the list was picked), a reason is asked for: the contact is still logged
(a visit may already have happened), people decide and the reason is recorded."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from wingdesk.domain.vetted_people import (
    EXPIRED,
    NOT_LISTED_HERE,
    NOT_YET_VALID,
    VETTED,
    WITHDRAWN,
)
from wingdesk.gui.labels import code_label
from wingdesk.i18n import _
from wingdesk.i18n.formats import format_date
from wingdesk.services.vetted_people import VettedStanding

_WARN = "color: #7f0015; font-weight: 600"
_OK = "color: #0f4d1c"
_ERROR = "color: #b00020"


def standing_sentence(found: VettedStanding) -> str:
    """One plain sentence on where this person's vetting stands at this prison today."""
    person = found.person
    until, start = format_date(person.vetted_until), format_date(person.vetted_from)
    if found.standing == WITHDRAWN:
        return _("HQ withdrew this person's vetting ({reason}). Give the reason for logging the contact "
                 "anyway.").format(reason=person.reason)
    if found.standing == NOT_LISTED_HERE:
        return _("This person is not listed for this prison. Give the reason for logging the contact anyway.")
    if found.standing == NOT_YET_VALID:
        return _("This person's vetting starts on {date}. Give the reason for logging the contact anyway.").format(
            date=start)
    if found.standing == EXPIRED:
        return _("This person's vetting expired on {date}. Give the reason for logging the contact anyway.").format(
            date=until)
    if found.ends_soon:
        return _("Vetted for this prison until {date} (ends within 30 days).").format(date=until)
    return _("Vetted for this prison until {date}.").format(date=until)


class VettedPersonPicker(QWidget):
    """`people` is set from the vetted-people service (in the background); `picked()` is the chosen standing."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people: list[VettedStanding] = []
        self.caption, self.filter = QLabel(), QLineEdit()
        self.caption.setBuddy(self.filter)
        self.list = QListWidget()
        self.list.setMaximumHeight(96)
        self.list.setWordWrap(True)  # a long organisation wraps instead of hiding the standing at the end
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # HQ's free text (a withdrawal reason): never markup
        self.status.setWordWrap(True)
        self.reason_caption, self.reason = QLabel(), QLineEdit()
        self.reason_caption.setBuddy(self.reason)
        self.reason.setMaxLength(500)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet(_ERROR)
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.caption, self.filter, self.list, self.status, self.reason_caption, self.reason,
                       self.error):
            layout.addWidget(widget)
        self.filter.textChanged.connect(self._refilter)
        self.filter.installEventFilter(self)
        self.filter.returnPressed.connect(self._take_first)
        self.list.currentItemChanged.connect(lambda *_args: self._show_standing())
        self.reason.textChanged.connect(lambda _text: self.error.hide())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.caption.setText(_("&Person from HQ's vetted list (type to filter)"))
        self.filter.setPlaceholderText(_("Name or organisation"))
        self.filter.setAccessibleName(_("Filter the vetted list"))
        self.list.setAccessibleName(_("Vetted people"))
        self.reason_caption.setText(_("&Reason for logging the contact anyway"))
        self._refilter()

    def set_people(self, people: list[VettedStanding]) -> None:
        self.people = people
        self._refilter()

    def picked(self) -> VettedStanding | None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return None
        return next((p for p in self.people if p.person.person_id == item.data(Qt.ItemDataRole.UserRole)), None)

    def needs_reason(self) -> bool:
        found = self.picked()
        return found is None or found.standing != VETTED

    def reason_text(self) -> str:
        return self.reason.text().strip() if self.needs_reason() else ""

    def show_reason_missing(self) -> None:
        self.error.setText(_("Give the reason for logging this contact although the person's vetting does not "
                             "hold here."))
        self.error.show()
        self.reason.setFocus()

    def clear(self) -> None:
        self.filter.clear()
        self.reason.clear()
        self.list.setCurrentRow(-1)
        self.error.hide()
        self._show_standing()

    # --- filtering and the keyboard ------------------------------------------------------------------------
    def _refilter(self) -> None:
        wanted = self.filter.text().strip().casefold()
        current = self.list.currentItem()
        keep = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        self.list.clear()
        for found in self.people:
            person = found.person
            if wanted and wanted not in person.name.casefold() and wanted not in person.organisation.casefold():
                continue
            mark = "" if found.standing == VETTED else f" — {code_label(found.standing)}"
            text = f"{person.name} — {person.organisation or code_label(person.contact_type)}{mark}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, person.person_id)
            if found.standing != VETTED:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.list.addItem(item)
            if person.person_id == keep:
                self.list.setCurrentItem(item)
        self._show_standing()

    def _take_first(self) -> None:
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.list.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.filter and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Down and self.list.count():
            self.list.setFocus()
            if self.list.currentRow() < 0:
                self.list.setCurrentRow(0)
            return True
        return super().eventFilter(watched, event)

    def _show_standing(self) -> None:
        found = self.picked()
        if found is None:
            self.status.setText(_("No one picked: a person who is not on HQ's vetted list needs a reason."))
            self.status.setStyleSheet(_WARN if self.filter.text().strip() or not self.people else "")
        else:
            self.status.setText(standing_sentence(found))
            self.status.setStyleSheet(_OK if found.standing == VETTED and not found.ends_soon else _WARN)
        need = self.needs_reason()
        self.reason_caption.setVisible(need)
        self.reason.setVisible(need)
        self.changed.emit()

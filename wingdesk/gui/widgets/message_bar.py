"""A one-line banner for a page: translated errors (from WingError codes), confirmations and progress."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from wingdesk.gui import labels
from wingdesk.i18n import _

_STYLES = {
    "error": "background:#fde7e9; color:#7f0015; border:1px solid #b00020; padding:6px; border-radius:3px",
    "info": "background:#e8f1fb; color:#0b3d6b; border:1px solid #1f5f9f; padding:6px; border-radius:3px",
    "ok": "background:#e7f4ea; color:#0f4d1c; border:1px solid #2e7d32; padding:6px; border-radius:3px",
}


class MessageBar(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                     | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind = ""
        self.hide()

    def _show(self, kind: str, text: str) -> None:
        self.kind = kind
        self.setStyleSheet(_STYLES[kind])
        self.setText(text)
        self.setAccessibleName(text)
        self.show()

    def show_error(self, error: BaseException | str) -> None:
        self._show("error", error if isinstance(error, str) else labels.error_text(error))

    def show_info(self, text: str) -> None:
        self._show("info", text)

    def show_ok(self, text: str) -> None:
        self._show("ok", text)

    def clear_message(self) -> None:
        self.kind = ""
        self.clear()
        self.hide()


def ask_yes_no(parent: QWidget | None, title: str, text: str, yes: str) -> bool:
    """A translated yes/cancel question; the safe answer (cancel) is the default."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is yes_button

"""'Happened at': a date-and-time box that means "now" until the person changes it."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QDateTimeEdit, QWidget

from wingdesk.gui.widgets.field_form import TabLeaves


class HappenedAt(QDateTimeEdit):
    """An untouched box is read as the moment of saving, not of opening the form (a form left open for an hour
    would otherwise date its record an hour early); once changed, it keeps the chosen time. Tab leaves it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QDateTime.currentDateTime(), parent)
        self.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.setCalendarPopup(True)
        self._tab_leaves = TabLeaves(self)
        self.installEventFilter(self._tab_leaves)
        self.is_now = True
        self.dateTimeChanged.connect(self._on_edited)

    def _on_edited(self) -> None:
        self.is_now = False

    def reset_to_now(self) -> None:
        self.blockSignals(True)
        self.setDateTime(QDateTime.currentDateTime())
        self.blockSignals(False)
        self.is_now = True

    def utc_iso(self) -> str:
        """The moment shown (the current one when untouched) in UTC, ISO 8601. Through the epoch, not the local wall
        time: in the autumn's repeated hour a wall time names two moments."""
        if self.is_now:
            self.reset_to_now()
        return datetime.fromtimestamp(self.dateTime().toMSecsSinceEpoch() / 1000, UTC).isoformat()

    def set_utc_iso(self, value: str) -> None:
        """Show a moment given as ISO 8601 with its offset (in the PC's time zone), as a chosen time."""
        self.setDateTime(QDateTime.fromMSecsSinceEpoch(round(datetime.fromisoformat(value).timestamp() * 1000)))
        self.is_now = False

    def restore(self, kept: object, saved_at: str) -> None:
        """A draft's time (services.drafts): its own, else the moment the draft was kept (it happened by then, at
        the latest); a value that is not a time leaves the box at "now"."""
        try:
            self.set_utc_iso(kept if isinstance(kept, str) and kept else saved_at)
        except ValueError:
            pass

"""Security tasks for the supervisors (issue 16): what security asked, open ones first; the supervisor writes what
was done, picks the search entry of today or yesterday (its incident is linked by itself) and marks it done."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.kinds.security_task import DONE
from wingdesk.gui.labels import code_label, field_label
from wingdesk.gui.prisoner_names import prisoner_label
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.message_bar import MessageBar
from wingdesk.gui.widgets.prisoner_picker import load_prisoners
from wingdesk.i18n import _
from wingdesk.i18n.formats import format_datetime

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

KIND = "security_task"


class SecurityTasksPage(QWidget):
    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.items: list[Any] = []
        self.searches: list[Any] = []
        self.names: dict[str, str] = {}
        self.current: Any = None
        self.heading, self.bar, self.details = QLabel(), MessageBar(), QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.result = QPlainTextEdit()
        self.result.setTabChangesFocus(True)
        self.result.setMaximumHeight(110)
        self.search = QComboBox()
        self.done_button = QPushButton()
        self.form = QFormLayout()
        self.result_caption, self.search_caption = QLabel(), QLabel()
        self.result_caption.setBuddy(self.result)
        self.search_caption.setBuddy(self.search)
        self.form.addRow(self.result_caption, self.result)
        self.form.addRow(self.search_caption, self.search)
        right = QWidget()
        box = QVBoxLayout(right)
        box.addWidget(self.details)
        box.addLayout(self.form)
        box.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignRight)
        box.addStretch(1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list)
        split.addWidget(right)
        split.setSizes([380, 640])
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.bar)
        layout.addWidget(split, 1)
        self.list.currentRowChanged.connect(self._on_row)
        self.done_button.clicked.connect(self._on_done)
        self.retranslate_ui()

    def title(self) -> str:
        return _("Security tasks")

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Security tasks"))
        self.list.setAccessibleName(_("Security tasks"))
        self.result_caption.setText(_("{label} *").format(label=field_label("result", KIND)))
        self.search_caption.setText(field_label("search_entry_id", KIND))
        self.result.setAccessibleName(field_label("result", KIND))
        self.search.setAccessibleName(field_label("search_entry_id", KIND))
        self.done_button.setText(_("&Done: send the result to security"))
        self._fill()

    def refresh(self) -> None:
        session = self.session

        def load() -> tuple[list[Any], list[Any], dict[str, str]]:
            today = session.prisoners.today()
            searches = [e for day in (today, today - timedelta(days=1))
                        for e in session.logs.day(day.isoformat()).entries if e.body.get("entry_type") == "SEARCH"]
            names = {p.id: prisoner_label(p) for p in load_prisoners(session)}
            found = session.security_tasks.tasks()
            return sorted(found, key=lambda t: t.status == DONE), searches, names

        self.tasks.run(load, self._on_loaded, self.bar.show_error)

    def _on_loaded(self, loaded: tuple[list[Any], list[Any], dict[str, str]]) -> None:
        self.items, self.searches, self.names = loaded
        self._fill()
        if self.items:
            self.list.setCurrentRow(0)

    def _fill(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for task in self.items:
            text = _("{when} · {task} · {prisoner} · {status}").format(
                when=format_datetime(task.occurred_at), task=code_label(task.body.get("task_type")),
                prisoner=self.names.get(task.prisoner_id or "", "—"), status=code_label(task.status))
            self.list.addItem(QListWidgetItem(text))
        self.list.blockSignals(False)
        self.search.clear()
        self.search.addItem(_("(no search)"), None)
        for entry in self.searches:
            self.search.addItem(_("{when} · {place}").format(when=format_datetime(entry.occurred_at),
                                                             place=entry.body.get("place") or "—"), entry.id)
        self._show(self.current)

    def _on_row(self, row: int) -> None:
        self._show(self.items[row] if 0 <= row < len(self.items) else None)

    def _show(self, task: Any) -> None:
        self.current = task
        body = task.body if task is not None else {}
        lines = [f"{field_label(k, KIND)}: {body[k]}" for k in ("instructions", "place", "result", "done_by")
                 if body.get(k)]
        self.details.setText("\n".join(lines))
        open_task = task is not None and task.status != DONE
        for widget in (self.result, self.search, self.done_button):
            widget.setEnabled(open_task)

    def _on_done(self) -> None:
        task, result, entry = self.current, self.result.toPlainText(), self.search.currentData()
        if task is None:
            return
        self.tasks.run(lambda: self.session.security_tasks.complete(task.id, result, entry), self._done,
                       self.bar.show_error)

    def _done(self, _record: Any) -> None:
        self.result.clear()
        self.bar.show_ok(_("Sent back to security."))
        self.refresh()

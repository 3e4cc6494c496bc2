"""A training module: its text (the safe reading view) and its knowledge check, with each answer's feedback once
checked. A passed check is recorded, signed by the user, by the learning service; a failed one records nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wingdesk.gui.labels import error_text
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.module_browser import ModuleBrowser
from wingdesk.i18n import _, current_language

if TYPE_CHECKING:
    from wingdesk.services.learning import CheckResult
    from wingdesk.services.training_modules import ModuleView
    from wingdesk.services.wing import WingServices


class QuestionBox(QGroupBox):
    def __init__(self, number: int, text: str, choices: list[str], parent: QWidget | None = None) -> None:
        super().__init__(_("Question {n}").format(n=number), parent)
        layout = QVBoxLayout(self)
        prompt = QLabel(text)
        prompt.setWordWrap(True)
        prompt.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(prompt)
        self.group = QButtonGroup(self)
        for n, choice in enumerate(choices):
            button = QRadioButton(choice)
            self.group.addButton(button, n)
            layout.addWidget(button)
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.feedback.hide()
        layout.addWidget(self.feedback)

    def answer(self) -> int:
        return self.group.checkedId()

    def show_feedback(self, right: bool, text: str) -> None:
        self.feedback.setText(f"{'✓' if right else '✗'} {text}")  # the feedback itself says right or wrong
        self.feedback.setAccessibleName(text)
        self.feedback.setStyleSheet("color: #1e6b30;" if right else "color: #8a3a00;")
        self.feedback.show()


class ModuleDialog(QDialog):
    completed = Signal(str)  # module id: a passed check was recorded

    def __init__(self, session: WingServices, tasks: TaskRunner, view: ModuleView, anchor: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks, self.view = session, tasks, view
        self.setWindowTitle(view.title)
        self.resize(900, 680)
        self.tabs = QTabWidget()
        self.browser = ModuleBrowser()
        self.browser.setAccessibleName(view.title)
        self.browser.show_module(view.html, view.images)
        self.tabs.addTab(self.browser, _("Text"))
        self.questions = [QuestionBox(n + 1, q.text, [c.text for c in q.choices])
                          for n, q in enumerate(view.questions)]
        check = QWidget()
        column = QVBoxLayout(check)
        intro = QLabel(_("Answer every question, then check your answers. {percent}% right answers complete the "
                         "module; it is recorded in your name.").format(percent=view.pass_percent))
        intro.setWordWrap(True)
        column.addWidget(intro)
        for box in self.questions:
            column.addWidget(box)
        self.check_button = QPushButton(_("&Check answers"))
        self.check_button.clicked.connect(self.check_answers)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.outcome)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(check)
        self.tabs.addTab(scroll, _("Knowledge check"))
        sources = QLabel(_("Sources: {sources}").format(sources="; ".join(s.citation for s in view.sources)))
        sources.setWordWrap(True)
        sources.setTextFormat(Qt.TextFormat.PlainText)
        sources.setStyleSheet("color: #555; font-size: 9pt")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(sources)
        layout.addWidget(buttons)
        if anchor:  # once laid out: a section asked for by a screen's guidance link (issue 18 item 3)
            QTimer.singleShot(0, lambda: self.browser.scrollToAnchor(anchor))

    def check_answers(self) -> None:
        answers = [box.answer() for box in self.questions]
        if any(a < 0 for a in answers):
            self.outcome.setText(_("Answer every question of the knowledge check before checking it."))
            return
        self.check_button.setEnabled(False)
        view = self.view
        self.tasks.run(lambda: self.session.learning.check(view.module_id, view.version, view.language, answers),
                       self._on_checked, self._on_failed)

    def _on_checked(self, result: CheckResult) -> None:
        for box, right, feedback in zip(self.questions, result.right, result.feedback, strict=True):
            box.show_feedback(right, feedback)
        total, good = len(result.right), sum(result.right)
        counted = _("Right answers: {good} of {total}.").format(good=good, total=total)
        if result.passed:
            self.outcome.setText(counted + " " + _("Module completed: recorded and signed in your name."))
            self.completed.emit(self.view.module_id)
        else:
            self.outcome.setText(counted + " " + _("Read the feedback and the text again, then try once more."))
            self.check_button.setEnabled(True)

    def _on_failed(self, error: BaseException) -> None:
        self.outcome.setText(error_text(error))
        self.check_button.setEnabled(True)


def show_module(session: WingServices, tasks: TaskRunner, view: ModuleView, parent: QWidget | None,
                anchor: str = "") -> ModuleDialog:
    """Build and show the dialog of a module view already read and rendered (UI thread)."""
    dialog = ModuleDialog(session, tasks, view, anchor, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def open_module(session: WingServices, tasks: TaskRunner, module_id: str, parent: QWidget | None,
                on_open: Callable[[ModuleDialog], None], on_error: Callable[[BaseException], None],
                anchor: str = "") -> None:
    """Read and render the module on a worker (the encrypted database, the package's checks and markdown-it: the
    cold part of opening, benchmarks/modules.md; a version is rendered once per language, then cached), then show
    its dialog on the UI thread and hand it to `on_open`; `on_error` gets a module that cannot be shown."""
    language = current_language()
    tasks.run(lambda: session.modules.view(module_id, language),
              lambda view: on_open(show_module(session, tasks, view, parent, anchor)), on_error)

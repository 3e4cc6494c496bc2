"""Rate an assessment with the form its instrument generates: a new one (started, then rated by this assessor),
or one waiting for its second assessor (rated independently: the first assessor's ratings are never shown here).
Saved in the background; a refusal is shown as the service's one sentence and nothing typed is lost."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.assessment_deadlines import SCREENING
from wingdesk.domain.instruments.view import InstrumentView
from wingdesk.domain.kinds.assessment import ASSESSMENT_KINDS
from wingdesk.domain.records import Record
from wingdesk.gui.assessment_print import source_text
from wingdesk.gui.group_prompts import PROMPTED, load_groups, prompts_text
from wingdesk.gui.labels import code_label, error_text
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.assessment_form import AssessmentForm
from wingdesk.gui.widgets.guidance_link import GuidanceLink, assessment_guidance
from wingdesk.i18n import _, current_language

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


NOT_SOURCES = ("assessment", "assessment_rating")  # an assessment is never its own source
SOURCES_SHOWN = 200
ID_ROLE = 256


def load_sources(session: WingServices, prisoner_id: str) -> list[Record]:
    """Worker side: the prisoner's records this assessor may read (the timeline they see), newest first."""
    return [r for r in session.prisoners.timeline(prisoner_id, SOURCES_SHOWN) if r.kind not in NOT_SOURCES]


def load_view(session: WingServices, instrument_id: str, assessment: Record | None = None) -> InstrumentView:
    """Worker side: the instrument in the user's language, the exact version an existing assessment was made with."""
    version = int(assessment.body["instrument_version"]) if assessment is not None else None
    return session.instruments.view(instrument_id, current_language(), version)


class AssessmentDialog(QDialog):
    saved = Signal(object)  # the assessment after this assessor's ratings

    def __init__(self, session: WingServices, tasks: TaskRunner, prisoner_id: str, view: InstrumentView,
                 assessment: Record | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks, self.prisoner_id = session, tasks, prisoner_id
        self.view, self.assessment = view, assessment
        self.started: Record | None = assessment  # a DRAFT started here is kept if its ratings are refused
        self.resize(900, 680)
        self.kind = QComboBox()
        for code in ASSESSMENT_KINDS:
            self.kind.addItem(code_label(code), code)
        if assessment is not None:
            self.kind.setCurrentIndex(max(self.kind.findData(assessment.body.get("assessment_kind")), 0))
            self.kind.setEnabled(False)
        else:  # the screening is made at admission; any other instrument starts as an initial assessment
            first = "SCREENING_AT_ADMISSION" if view.instrument_id == SCREENING else "INITIAL"
            self.kind.setCurrentIndex(self.kind.findData(first))
        self.kind_label, self.hint = QLabel(), QLabel()
        self.hint.setWordWrap(True)
        module, section = assessment_guidance(view.instrument_id)
        self.guidance = GuidanceLink(session, tasks, module)  # issue 18 item 3
        self.guidance.point_to(section)
        self.prompts = QLabel()  # issue 15 item 3: what the prisoner's special groups ask of this form
        self.prompts.setWordWrap(True)
        self.prompts.setStyleSheet("QLabel { border-left: 4px solid #555; padding: 4px 8px; background: #f2f2f2; }")
        self.prompts.hide()
        self.groups: tuple[str, ...] = ()
        top = QFormLayout()
        top.addRow(self.kind_label, self.kind)
        self.sources_label = QLabel()  # domain.md §2.7 sources_used: what the assessors read, named at the start
        self.sources = QListWidget()
        self.sources.setMaximumHeight(96)
        if assessment is None:
            top.addRow(self.sources_label, self.sources)
            session_s, pid_s = session, prisoner_id
            tasks.run(lambda: load_sources(session_s, pid_s), self._show_sources, lambda _error: None)
        else:
            self.sources_label.hide()
            self.sources.hide()
        self.form = AssessmentForm(view)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.guidance)
        layout.addWidget(self.prompts)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        if view.instrument_id in PROMPTED:
            session_, pid_ = session, prisoner_id
            tasks.run(lambda: load_groups(session_, pid_), self._show_prompts, lambda _error: None)

    def _show_sources(self, records: list[Record]) -> None:
        self.sources.clear()
        for record in records:
            item = QListWidgetItem(source_text(record))
            item.setData(ID_ROLE, record.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.sources.addItem(item)

    def chosen_sources(self) -> list[str]:
        items = (self.sources.item(i) for i in range(self.sources.count()))
        return [str(i.data(ID_ROLE)) for i in items if i.checkState() == Qt.CheckState.Checked]

    def _show_prompts(self, groups: tuple[str, ...]) -> None:
        self.groups = groups
        text = prompts_text(groups)
        self.prompts.setText(text)
        self.prompts.setVisible(bool(text))

    @property
    def second(self) -> bool:
        return self.assessment is not None and self.assessment.body.get("status") == "RATED"

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Assessment") + " · " + self.view.title)
        self.kind_label.setText(_("Kind of assessment"))
        self.sources_label.setText(_("Sources read"))
        self.sources.setToolTip(_("Tick the observations, reports and notes you read for this assessment."))
        self.sources.setAccessibleName(_("Sources read"))
        self.hint.setText(_("You rate independently: the other assessor's ratings are shown only after both have "
                            "rated. Hover over a domain or a rating for the instrument's guidance.") if self.second
                          else _("Rate every domain. The level is chosen by both assessors when they agree, never "
                                 "computed. Hover over a domain or a rating for the instrument's guidance."))
        self.save_button.setText(_("&Save my ratings"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.form.retranslate_ui()
        self.prompts.setText(prompts_text(self.groups))

    def save(self) -> None:
        """Start the assessment (once: a DRAFT started here is reused if its ratings are refused), then rate it."""
        if not self.save_button.isEnabled():
            return
        self.save_button.setEnabled(False)
        self.error.hide()
        if self.started is not None:
            self._rate(self.started)
            return
        service, kind, pid, view = self.session.assessments, str(self.kind.currentData()), self.prisoner_id, self.view
        sources = self.chosen_sources()
        self.tasks.run(lambda: service.start(pid, kind, view.instrument_id, version=view.version,
                                             sources_used=sources), self._rate, self._on_failed)

    def _rate(self, draft: Record) -> None:
        self.started = draft
        service, ratings = self.session.assessments, self.form.ratings()
        rate = service.rate_independently if self.second else service.rate
        self.tasks.run(lambda: rate(draft.id, ratings), self._on_saved, self._on_failed)

    def _on_saved(self, rated: Record) -> None:
        self.saved.emit(rated)
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(error_text(error))
        self.error.show()


def fill_example(dialog: AssessmentDialog) -> None:
    """Example ratings for the demo's screenshots: the first rating that needs a rationale, with one."""
    example: dict[str, Any] = {}
    because = _("Seen in two interviews and the wing's reports.")  # in the screenshot's language
    for code, row in dialog.form.rows.items():
        option = next((o for o in row.options if o.needs_rationale), row.options[0])
        example[code] = {"rating": option.code,
                         "rationale": because if option.needs_rationale else ""}
    dialog.form.set_ratings(example)

"""The two assessors agree (issue 15 item 2): both assessors' ratings side by side, part by part, with the parts
where they differ marked; the agreed rating each of them chooses, with the reason wherever they differed; and the
overall judgement they chose (level, nature, who is at risk, imminence, confidence, formulation, instructions, next
review). When the other assessor has proposed an agreement it is filled in: saving the same confirms it.
Nothing is computed: where the assessors differ the agreed rating starts empty and people choose it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.instruments.view import InstrumentView, OptionView
from wingdesk.domain.kinds.assessment import ASSESSMENT, JUDGEMENT
from wingdesk.domain.records import Record
from wingdesk.gui.dialogs.assessment_dialog import load_view
from wingdesk.gui.dialogs.save_dialog import SaveDialog
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.field_form import FieldForm
from wingdesk.i18n import _

if TYPE_CHECKING:
    from wingdesk.services.assessments import AssessmentView
    from wingdesk.services.wing import WingServices

REVIEW_AFTER_DAYS = 180
DIFFERS_STYLE = "background: #fde7e7;"
REASON_HEIGHT = 58


@dataclass(frozen=True)
class Part:
    code: str
    title: str
    options: tuple[OptionView, ...]


@dataclass(frozen=True)
class AgreementData:
    assessment: AssessmentView
    instrument: InstrumentView
    me: str  # the signed-in user's id: whether a standing proposal is the other assessor's


def load_agreement(session: WingServices, assessment_id: str) -> AgreementData:
    """Worker side: the assessment with both assessors' ratings, and its own instrument version."""
    shown = session.assessments.view(assessment_id)
    instrument = load_view(session, str(shown.record.body["instrument_id"]), shown.record)
    return AgreementData(shown, instrument, str(session.user.id))


def parts_of(view: InstrumentView) -> list[Part]:
    """Every rated part in the instrument's order: a domain's own judgement, then its items."""
    found = []
    for domain in view.domains:
        if domain.judgement:
            found.append(Part(domain.code, domain.title, domain.judgement))
        found += [Part(i.code, f"{domain.title} · {i.text or i.code}", i.options) for i in domain.items]
    return found


class AgreementDialog(SaveDialog):
    def __init__(self, session: WingServices, tasks: TaskRunner, data: AgreementData,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, tasks, data.assessment.record.id, parent)
        self.data = data
        self.record: Record = data.assessment.record
        self.resize(1100, 760)
        self.parts = parts_of(data.instrument)
        ratings = {pos: {r["part"]: r for r in rows} for pos, rows in data.assessment.ratings.items()}
        self.first, self.second = ratings.get("FIRST", {}), ratings.get("SECOND", {})
        body = self.record.body
        proposal = {r["part"]: r for r in body.get("agreed") or []} if body.get("agreed_by") else {}
        self.proposed_by_other = bool(proposal) and body.get("agreed_by") != data.me
        self.hint, self.proposal_note = QLabel(), QLabel()
        self.hint.setWordWrap(True)
        self.proposal_note.setWordWrap(True)
        self.proposal_note.setVisible(self.proposed_by_other)
        self.headers = [QLabel() for _i in range(5)]
        grid = QGridLayout()
        for column, header in enumerate(self.headers):
            header.setStyleSheet("font-weight: 600;")
            grid.addWidget(header, 0, column)
        self.choices: dict[str, QComboBox] = {}
        self.reasons: dict[str, QPlainTextEdit] = {}
        self.differs: set[str] = set()
        for row, part in enumerate(self.parts, start=1):
            labels = {o.code: o.label for o in part.options}
            a, b = self.first.get(part.code, {}), self.second.get(part.code, {})
            differs = a.get("rating") != b.get("rating")
            title = QLabel(f"≠ {part.title}" if differs else part.title)  # marked in grey print too
            title.setWordWrap(True)
            cells = [title, self._rated(labels, a), self._rated(labels, b)]
            if differs:
                self.differs.add(part.code)
                for cell in cells:
                    cell.setStyleSheet(DIFFERS_STYLE)
            choice = QComboBox()
            choice.addItem("", None)
            for option in part.options:
                choice.addItem(option.label, option.code)
            reason = QPlainTextEdit()
            reason.setTabChangesFocus(True)
            reason.setFixedHeight(REASON_HEIGHT)
            agreed = proposal.get(part.code) or (a if part.code not in self.differs else {})
            choice.setCurrentIndex(max(choice.findData(agreed.get("rating")), 0))
            reason.setPlainText(str(agreed.get("rationale") or ""))
            choice.setAccessibleName(part.title)
            reason.setAccessibleName(part.title)
            self.choices[part.code], self.reasons[part.code] = choice, reason
            for column, widget in enumerate((*cells, choice)):
                grid.addWidget(widget, row, column)
            grid.addWidget(reason, row, 4)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 2)
        grid.setColumnStretch(4, 3)
        self.judgement_label = QLabel()
        self.judgement_label.setStyleSheet("font-weight: 600;")
        fields = {f.name: f for f in ASSESSMENT.fields}
        self.form = FieldForm(tuple(fields[name] for name in JUDGEMENT), choose_explicitly=True)
        review = (date.today() + timedelta(days=REVIEW_AFTER_DAYS)).isoformat()
        self.form.set_values({name: body.get(name) for name in JUDGEMENT if body.get(name)} if proposal
                             else {"next_review_date": review})  # a standing proposal is shown as it stands
        inner = QWidget()
        inner_box = QVBoxLayout(inner)
        inner_box.addLayout(grid)
        inner_box.addWidget(self.judgement_label)
        inner_box.addWidget(self.form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.box.addWidget(self.hint)
        self.box.addWidget(self.proposal_note)
        self.box.addWidget(scroll, 1)
        self.finish_layout(self.save, stretch=False)
        chain: list[QWidget] = [w for code in self.choices for w in (self.choices[code], self.reasons[code])]
        chain += self.form.tab_chain() + [self.save_button]
        for before, after in zip(chain, chain[1:], strict=False):
            self.setTabOrder(before, after)
        self.retranslate_ui()

    @staticmethod
    def _rated(labels: dict[str, str], rated: dict[str, Any]) -> QLabel:
        text = f"<b>{escape(labels.get(str(rated.get('rating')), str(rated.get('rating') or '—')))}</b>"
        if rated.get("rationale"):
            text += f"<br>{escape(str(rated['rationale']))}"
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        return label

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Agree the ratings") + " · " + self.data.instrument.title)
        self.hint.setText(_("Both assessors' ratings side by side; the parts where they differ are marked ≠. Choose "
                            "the agreed rating of each part and give the reason wherever you differed. The level and "
                            "the rest of the judgement are yours to choose: nothing is computed."))
        self.proposal_note.setText(_("The other assessor has proposed this agreement. Save it unchanged to confirm "
                                     "it, or change it to propose yours."))
        names = self.data.assessment.names
        texts = (_("Domain or item"), names.get("FIRST") or _("First assessor"),
                 names.get("SECOND") or _("Second assessor"), _("Agreed rating"), _("Reason"))
        for header, text in zip(self.headers, texts, strict=True):
            header.setText(text)
        for code, reason in self.reasons.items():
            reason.setPlaceholderText(_("Why you agreed this rating (required: you differed)") if code in self.differs
                                      else _("Rationale"))
        self.judgement_label.setText(_("Overall judgement"))
        self.save_button.setText(_("Con&firm the agreement") if self.proposed_by_other else _("&Propose the agreement"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.form.retranslate_ui()

    def agreed(self) -> dict[str, dict[str, Any]]:
        return {code: {"rating": choice.currentData(), "rationale": self.reasons[code].toPlainText().strip()}
                for code, choice in self.choices.items() if choice.currentData() is not None}

    def missing_reason(self) -> str | None:
        """The title of the first part where the assessors differed and no reason was given for the agreed one."""
        return next((p.title for p in self.parts
                     if p.code in self.differs and not self.reasons[p.code].toPlainText().strip()), None)

    def save(self) -> None:
        if not self.save_button.isEnabled() or not self.form.validate():
            return
        part = self.missing_reason()
        if part is not None:
            self._show(_("You differed on “{part}”: give the reason for the agreed rating.").format(part=part))
            return
        service, aid, agreed = self.session.assessments, self.record.id, self.agreed()
        judgement = {name: value for name, value in self.form.values().items() if name in JUDGEMENT}
        self.run(lambda: service.agree(aid, agreed, judgement))

    def _show(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

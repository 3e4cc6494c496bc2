"""An assessment form generated from an instrument as the user's language shows it (domain/instruments/view.py):
domains → items → rating choices, the instrument's guidance (and the region's) as tooltips, and a rationale box
beside every rating that can need one; it is marked required when the rating chosen needs one.

The form only collects what the assessor chose; the service checks it against the instrument (scale, rationale)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wingdesk.domain.instruments.view import DomainView, InstrumentView, OptionView
from wingdesk.i18n import _

RATIONALE_HEIGHT = 54
LABEL_WIDTH = 300  # one label column across every domain, so the choices line up


def _guidance(own: str, regional: str) -> str:
    return "\n\n".join(t for t in (own, regional) if t)


class RatedRow(QWidget):
    """One rated part: a choice of the part's rating options and, when any option needs one, a rationale box."""

    def __init__(self, code: str, options: tuple[OptionView, ...], guidance: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code, self.options = code, options
        self.choice = QComboBox()
        self.choice.addItem("", None)  # nothing chosen yet: the assessor must choose
        for option in options:
            self.choice.addItem(option.label, option.code)
            self.choice.setItemData(self.choice.count() - 1, option.label, 3)  # Qt.ToolTipRole
        self.choice.setToolTip(guidance)
        self.choice.currentIndexChanged.connect(self._on_choice)
        self.rationale: QPlainTextEdit | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.choice)
        if any(o.needs_rationale for o in options):
            self.rationale = QPlainTextEdit()
            self.rationale.setFixedHeight(RATIONALE_HEIGHT)
            self.rationale.setTabChangesFocus(True)
            layout.addWidget(self.rationale)
        self.retranslate_ui()

    def _needs_rationale(self) -> bool:
        code = self.choice.currentData()
        return any(o.code == code and o.needs_rationale for o in self.options)

    def _on_choice(self, _index: int) -> None:
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        if self.rationale is not None:
            self.rationale.setPlaceholderText(_("Rationale (required for this rating)") if self._needs_rationale()
                                              else _("Rationale"))

    def value(self) -> dict[str, Any] | None:
        code = self.choice.currentData()
        if code is None:
            return None
        text = self.rationale.toPlainText() if self.rationale is not None else ""
        return {"rating": code, "rationale": text}

    def set_value(self, rating: str, rationale: str = "") -> None:
        index = self.choice.findData(rating)
        self.choice.setCurrentIndex(max(index, 0))
        if self.rationale is not None:
            self.rationale.setPlainText(rationale)


class AssessmentForm(QScrollArea):
    """Every domain of the instrument as a group; `ratings()` is what services.assessments.rate takes."""

    def __init__(self, view: InstrumentView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.rows: dict[str, RatedRow] = {}
        self.setWidgetResizable(True)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        self.heading = QLabel(f"<b>{_escape(view.title)}</b> · v{view.version}")
        self.heading.setToolTip("\n".join(view.sources))
        self.purpose = QLabel(view.purpose)
        self.purpose.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.purpose)
        self.overall_labels: list[QLabel] = []
        for domain in view.domains:
            layout.addWidget(self._domain_box(domain))
        layout.addStretch(1)
        self.setWidget(inner)

    def _domain_box(self, domain: DomainView) -> QGroupBox:
        box = QGroupBox(domain.title)
        box.setToolTip(_guidance(domain.guidance, domain.regional_guidance))
        form = QFormLayout(box)
        if domain.guidance:
            hint = QLabel(domain.guidance)
            hint.setWordWrap(True)
            hint.setStyleSheet("color: #4a4a4a;")
            form.addRow(hint)
        if domain.judgement:
            row = RatedRow(domain.code, domain.judgement, _guidance(domain.guidance, domain.regional_guidance))
            label = QLabel(_("Rating of the domain"))
            label.setFixedWidth(LABEL_WIDTH)
            self.overall_labels.append(label)
            form.addRow(label, row)
            self.rows[domain.code] = row
        for item in domain.items:
            row = RatedRow(item.code, item.options, _guidance(item.guidance, item.regional_guidance))
            label = QLabel(item.text or item.code)
            label.setWordWrap(True)
            label.setFixedWidth(LABEL_WIDTH)
            label.setToolTip(_guidance(item.guidance, item.regional_guidance))
            form.addRow(label, row)
            self.rows[item.code] = row
        return box

    def retranslate_ui(self) -> None:
        for label in self.overall_labels:
            label.setText(_("Rating of the domain"))
        for row in self.rows.values():
            row.retranslate_ui()

    def ratings(self) -> dict[str, dict[str, Any]]:
        """{part: {rating, rationale}} for every part chosen; a part left unchosen is left out (the service
        names it)."""
        return {code: value for code, row in self.rows.items() if (value := row.value()) is not None}

    def set_ratings(self, ratings: dict[str, Any]) -> None:
        for code, value in ratings.items():
            if code in self.rows:
                self.rows[code].set_value(value["rating"], value.get("rationale") or "")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

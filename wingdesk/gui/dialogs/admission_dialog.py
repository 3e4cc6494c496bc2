"""Admission at the wing when HQ's roster has not come (issue 14 item 1): identity with the name in both scripts
(the other offered by transliteration until the officer types it), date of birth, sex, legal status, first time in
custody, languages, interpreter; the special groups the person falls in are shown as the form is filled."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from wingdesk.domain import codes
from wingdesk.domain.errors import ValidationError
from wingdesk.domain.people import YOUNG_ADULT_AGE, Prisoner
from wingdesk.domain.schema import Field
from wingdesk.domain.special_groups import special_groups
from wingdesk.domain.transliteration import to_cyrillic, to_latin
from wingdesk.gui.labels import error_text
from wingdesk.gui.special_groups_text import groups_text
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.field_form import FieldForm
from wingdesk.i18n import _, current_language

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

ADMISSION_FIELDS = (
    Field("number", "line", True, max_len=40),
    Field("family_name", "line", True, max_len=100),
    Field("given_name", "line", True, max_len=100),
    Field("family_name_cyrillic", "line", max_len=100),
    Field("given_name_cyrillic", "line", max_len=100),
    Field("date_of_birth", "date", True),
    Field("sex", "choice", True, codes.SEXES),
    Field("legal_status", "choice", True, codes.LEGAL_STATUS),
    Field("first_time", "bool"),
    Field("languages", "line"),
    Field("interpreter_needed", "bool"),
    Field("cell", "line", max_len=20),
    Field("admission_date", "date", True),
)
# (Latin field, Cyrillic field): typing in one offers the other, until the officer types in that one too
NAME_PAIRS = (("family_name", "family_name_cyrillic"), ("given_name", "given_name_cyrillic"))
_UNSET = QDate(1900, 1, 1)


class AdmissionDialog(QDialog):
    admitted = Signal(object)  # the new Prisoner

    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.prisoner: Prisoner | None = None
        self.young_age = YOUNG_ADULT_AGE
        self.typed: set[str] = set()  # name fields the officer typed in (no longer offered)
        self.form = FieldForm(ADMISSION_FIELDS, choose_explicitly=True)
        born = self.form.editors["date_of_birth"]
        assert isinstance(born, QDateEdit)  # noqa: S101 - a date field's editor
        born.setMinimumDate(_UNSET)  # no date until one is chosen: a default birthday would be a wrong one
        born.setSpecialValueText(" ")
        born.setDate(_UNSET)
        for latin, cyrillic in NAME_PAIRS:
            self._line(latin).textEdited.connect(lambda text, a=latin, b=cyrillic: self._offer(a, b, text))
            self._line(cyrillic).textEdited.connect(lambda text, a=cyrillic, b=latin: self._offer(a, b, text))
        self.form.changed.connect(self._show_groups)
        self.hint, self.groups, self.error = QLabel(), QLabel(), QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(mid);")
        self.groups.setWordWrap(True)
        self.groups.setStyleSheet("font-weight: 600;")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.form.submitted.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.hint)
        layout.addWidget(self.groups)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.retranslate_ui()
        self.tasks.run(session.prisoners.young_adult_age, self._on_young_age, lambda error: None)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Admit a prisoner"))
        self.form.retranslate_ui()
        self.hint.setText(_("The name in the other script is offered by transliteration; correct it if the "
                            "person's documents spell it differently."))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Admit"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self._show_groups()

    def _line(self, name: str) -> QLineEdit:
        editor = self.form.editors[name]
        assert isinstance(editor, QLineEdit)  # noqa: S101 - a line field's editor
        return editor

    def _offer(self, typed: str, other: str, text: str) -> None:
        self.typed.add(typed)
        if other in self.typed:
            return
        language = "mk" if current_language() == "mk" else "sr"
        offer = to_latin(text, language) if typed.endswith("_cyrillic") else to_cyrillic(text, language)
        self._line(other).setText(offer)

    def _on_young_age(self, age: int) -> None:
        self.young_age = age
        self._show_groups()

    def _show_groups(self) -> None:
        born, sex = self.form.value("date_of_birth"), self.form.value("sex")
        draft = Prisoner("", "", "", "", "", sex or "", "", date_of_birth=born,
                         first_time=bool(self.form.value("first_time")))
        found = special_groups(draft, date.today(), self.young_age)
        self.groups.setText(_("Special groups: {groups}").format(groups=groups_text(found, self.young_age))
                            if found else _("Special groups: none"))

    def values(self) -> dict[str, Any]:
        v = self.form.values()
        cyrillic = " ".join(p for p in (v.pop("given_name_cyrillic"), v.pop("family_name_cyrillic")) if p) or None
        return {**v, "name_cyrillic": cyrillic}

    def save(self) -> None:
        """Check the form, then admit through the service; a refusal is shown in one sentence, nothing saved."""
        self.error.hide()
        if not self.form.validate():
            return
        values, prisoners = self.values(), self.session.prisoners
        self.buttons.setEnabled(False)
        self.tasks.run(lambda: prisoners.admit(**values), self._on_admitted, self._on_refused)

    def _on_admitted(self, prisoner: Prisoner) -> None:
        self.prisoner = prisoner
        self.admitted.emit(prisoner)
        self.accept()

    def _on_refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, ValidationError) and self.form.show_error(error):
            return
        self.error.setText(error_text(error))
        self.error.show()

"""The prisoner's part in an agreed assessment (issue 15 item 2): that they were informed of the outcome (when, how,
whether they took part), and their own comment disputing a domain, attached beside the rating, which stays as it
was. Both saved in the background; a refusal is the service's one sentence and nothing typed is lost."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from wingdesk.domain.kinds.assessment import ASSESSMENT
from wingdesk.gui.dialogs.save_dialog import SaveDialog
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.field_form import FieldForm
from wingdesk.i18n import _

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

INFORMED = ("informed_on", "informed_how", "participated")


class InformedDialog(SaveDialog):
    """The prisoner was told the outcome: the date (today unless changed), how, and whether they took part."""

    def __init__(self, session: WingServices, tasks: TaskRunner, assessment_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, tasks, assessment_id, parent)
        fields = {f.name: f for f in ASSESSMENT.fields}
        self.form = FieldForm(tuple(fields[name] for name in INFORMED), choose_explicitly=True)
        self.form.set_value("informed_on", date.today().isoformat())
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.box.addWidget(self.hint)
        self.box.addWidget(self.form)
        self.finish_layout(self.save)
        self.form.submitted.connect(self.save)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Prisoner informed"))
        self.hint.setText(_("Record that you told the prisoner the outcome of the assessment, and whether they took "
                            "part in it."))
        self.save_button.setText(_("&Save"))
        self.form.retranslate_ui()

    def save(self) -> None:
        if not self.save_button.isEnabled() or not self.form.validate():
            return
        values, service, aid = self.form.values(), self.session.assessments, self.record_id
        self.run(lambda: service.record_informed(aid, values["informed_on"], values["informed_how"],
                                                 bool(values["participated"])))


class CommentDialog(SaveDialog):
    """The prisoner disputes a domain: which domain, and their comment in their own words."""

    def __init__(self, session: WingServices, tasks: TaskRunner, assessment_id: str,
                 domains: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(session, tasks, assessment_id, parent)
        self.domain = QComboBox()
        self.domain.addItem("", None)
        for code, title in domains:
            self.domain.addItem(title, code)
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)
        self.hint, self.domain_label, self.comment_label = QLabel(), QLabel(), QLabel()
        self.hint.setWordWrap(True)
        self.domain_label.setBuddy(self.domain)
        self.comment_label.setBuddy(self.comment)
        form = QFormLayout()
        form.addRow(self.domain_label, self.domain)
        form.addRow(self.comment_label, self.comment)
        self.box.addWidget(self.hint)
        self.box.addLayout(form)
        self.finish_layout(self.save)
        self.setTabOrder(self.domain, self.comment)
        self.setTabOrder(self.comment, self.save_button)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Prisoner's comment"))
        self.hint.setText(_("The prisoner disputes a domain: write their comment in their own words. It is kept "
                            "beside the rating, which stays as the assessors agreed it."))
        self.domain_label.setText(_("&Domain"))
        self.comment_label.setText(_("&Comment"))
        self.save_button.setText(_("&Save"))

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        code, text = self.domain.currentData(), self.comment.toPlainText().strip()
        if code is None or not text:
            self.error.setText(_("Choose the domain and write the prisoner's comment."))
            self.error.show()
            return
        service, aid = self.session.assessments, self.record_id
        self.run(lambda: service.add_prisoner_comment(aid, str(code), text))

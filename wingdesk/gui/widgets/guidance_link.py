"""Guidance in context (issue 18 item 3): a link under a screen's hints that opens the training module at the
section that explains them. It shows only when that module is installed on the wing.

The observation dialog and the intelligence form link their wording hints to "Writing objective observations"; the
intelligence form links to the information cycle of "Dynamic security in practice"; the assessment dialog links
an extremism-risk assessment to what indicators are and are not ("Radicalisation awareness without bias") and the
other instruments to facts and opinions (their rationales). A service that adapts a module keeps these sections in
place (tests/unit/test_shipped_modules.py holds the shipped ones to it)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from wingdesk.gui.tasks import TaskRunner
from wingdesk.i18n import _, current_language

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

OBJECTIVE_WRITING = "wd.objective_observations"
# A wording hint's code -> the section of "Writing objective observations" that explains it (anchors s1, s2, ...
# are the module's level-2 headings, the same in every language: domain/modules/markdown.py).
WORDING_SECTIONS = {"label": "s4", "religion_only": "s5"}
DYNAMIC_SECURITY, INFORMATION_CYCLE = "wd.dynamic_security", "s4"
RADICALISATION, INDICATORS = "wd.radicalisation_awareness", "s2"
FACTS_AND_OPINIONS = "s1"  # of OBJECTIVE_WRITING
EXTREMISM_RISK = "wd.extremism_risk_spj"


def assessment_guidance(instrument_id: str) -> tuple[str, str]:
    """(module, section) an assessment form links to: indicators for the extremism-risk instrument, facts and
    opinions (a rationale is facts) for every other."""
    if instrument_id == EXTREMISM_RISK:
        return RADICALISATION, INDICATORS
    return OBJECTIVE_WRITING, FACTS_AND_OPINIONS


class GuidanceLink(QLabel):
    """"Read more: <section title>", opening the module's dialog scrolled to that section."""

    def __init__(self, session: WingServices, tasks: TaskRunner, module_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.tasks, self.module_id = session, tasks, module_id
        self.anchor = ""
        self.dialog: Any = None
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.setOpenExternalLinks(False)
        self.linkActivated.connect(lambda _link: self.open())
        self.sections: tuple[str, ...] = ()  # the module's section titles, read once off the UI thread
        self.hide()
        language = current_language()
        tasks.run(lambda: session.modules.view(module_id, language).sections, self._on_sections,
                  lambda _error: None)  # not installed (or not readable): no link

    def _on_sections(self, sections: tuple[str, ...]) -> None:
        self.sections = sections
        if self.anchor:
            self.point_to(self.anchor)

    def point_to(self, anchor: str) -> None:
        """Show the link to this section (empty: hide it); hidden too when the module is not installed."""
        self.anchor = anchor
        title = self._section_title(anchor) if anchor else ""
        if not title:
            self.hide()
            return
        text = _("Read more in the training module: {section}").format(section=title)
        self.setText(f'<a href="#{escape(anchor)}">{escape(text)}</a>')
        self.setAccessibleName(text)
        self.show()

    def _section_title(self, anchor: str) -> str:
        index = int(anchor[1:]) - 1 if anchor[1:].isdigit() else -1
        return self.sections[index] if 0 <= index < len(self.sections) else ""

    def open(self) -> None:
        """The module's dialog at this section, read on a worker; a module that cannot be shown hides the link
        (no link rather than a broken one)."""
        from wingdesk.gui.dialogs.module_dialog import open_module

        open_module(self.session, self.tasks, self.module_id, self.window(), self._on_opened,
                    lambda _error: self.hide(), self.anchor)

    def _on_opened(self, dialog: Any) -> None:
        self.dialog = dialog

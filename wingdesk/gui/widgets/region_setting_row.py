"""The wing's country for the instruments' regional guidance (issue 15 item 1), beside the assessment deadlines on
the Administration page: an instrument may carry guidance per country (AL, BA, XK, ME, MK, RS) without changing its
structure, and the assessment forms show the wing's country's guidance next to the instrument's own. Loaded and
saved on the worker thread; the service refuses a country it does not know."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QWidget

from wingdesk.domain.instruments.model import REGIONS
from wingdesk.gui.tasks import TaskRunner
from wingdesk.gui.widgets.settings_row import SettingsRow
from wingdesk.i18n import N_, _

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

COUNTRY_NAMES = {"AL": N_("Albania"), "BA": N_("Bosnia and Herzegovina"), "XK": N_("Kosovo"),
                 "ME": N_("Montenegro"), "MK": N_("North Macedonia"), "RS": N_("Serbia")}


class RegionSettingRow(SettingsRow):
    def __init__(self, session: WingServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(session, tasks, parent)
        self.country = QComboBox()
        self.caption, self.save_button = QLabel(), QPushButton()
        self.caption.setBuddy(self.country)
        self.save_button.clicked.connect(self.save)
        self.country.currentIndexChanged.connect(self._enable)
        self.lay_out(self.caption, self.country, self.save_button)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        chosen = self.country.currentData()
        self.country.blockSignals(True)
        self.country.clear()
        self.country.addItem(_("Not set"), None)
        for code in REGIONS:
            self.country.addItem(_(COUNTRY_NAMES[code]), code)
        self.country.setCurrentIndex(max(self.country.findData(chosen), 0))
        self.country.blockSignals(False)
        self.caption.setText(_("Country for the instruments' &regional guidance"))
        self.country.setAccessibleName(_("Country whose guidance the assessment forms add"))
        self.save_button.setText(_("Save &country"))
        self._enable()

    def _enable(self) -> None:
        self.save_button.setEnabled(self.country.currentData() is not None)

    def refresh(self) -> None:
        self.tasks.run(self.session.instruments.region, self._show, self.failed.emit)

    def _show(self, region: str | None) -> None:
        self.country.setCurrentIndex(max(self.country.findData(region), 0))

    def save(self) -> None:
        code = self.country.currentData()
        if code is None:
            return
        service = self.session.instruments
        self.tasks.run(lambda: service.set_region(code), lambda _r: self.said.emit(_(
            "The assessment forms add the guidance written for {country}.").format(country=_(COUNTRY_NAMES[code]))),
            self.failed.emit)

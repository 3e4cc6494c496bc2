"""Routine navigation writes no `access_denied` audit entry: pages ask the policy before calling a service that
audits a denial (issue 14 item 7; a screenshot run used to leave 8 false denials in the audit log)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTabWidget

from wingdesk.demo.accounts import DEMO_ACCOUNTS
from wingdesk.gui.main_window import MainWindow


def _denials(session) -> list[str]:
    return [e.object for e in session.ctx.repo.iter_audit() if e.action == "access_denied"]


@pytest.mark.parametrize("username", [a.username for a in DEMO_ACCOUNTS])
def test_every_page_and_tab_for_every_role_writes_no_denial(qtbot, wing, tasks, settings, username):
    session = wing.sign_in(username, next(a.passphrase for a in DEMO_ACCOUNTS if a.username == username))
    before = _denials(session)
    window = MainWindow(session, tasks, settings)
    qtbot.addWidget(window)
    window.show()
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        tasks.wait(10000)
        qtbot.wait(20)
        page = window.stack.currentWidget()
        for tabs in page.findChildren(QTabWidget):
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
        window.refresh_current()
        tasks.wait(10000)
        qtbot.wait(20)
        prisoners = window.pages.get("prisoners")
        if prisoners is not None and row == window.nav.count() - 1 and prisoners.model.prisoner_id(0):
            window.open_prisoner(prisoners.model.prisoner_id(0))  # the prisoner page too
            tasks.wait(10000)
            qtbot.wait(20)
    assert len(window.pages) == window.nav.count()
    assert _denials(session) == before, f"{username}: navigation wrote denials"

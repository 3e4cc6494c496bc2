"""The pre-release handover on screen (issue 19 item 2): offered from the prisoner page to the governor and
treatment staff only; items ticked with the keyboard; no legal basis is refused in one sentence with nothing
written; sealed in the background to the chosen file; the printed summary names agency, basis and fingerprint,
never a record's text."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import Qt

from tests.gui.pages_fixtures import (  # noqa: F401
    demo_template,
    open_prisoner_page,
    settle,
    tasks,
    wing,
    wing_dir,
)
from wingdesk.gui.screenshots_handover import handover_prisoner


def test_handover_from_the_prisoner_page(qtbot, wing, tasks, tmp_path):  # noqa: F811
    governor = wing.sign_in("governor")
    prisoner_id = handover_prisoner(governor)
    assert prisoner_id is not None
    officer_page = open_prisoner_page(qtbot, wing.sign_in("officer"), tasks, prisoner_id)
    assert officer_page.handover_button.isHidden()
    page = open_prisoner_page(qtbot, governor, tasks, prisoner_id)
    assert not page.handover_button.isHidden()
    dialog = page.open_handover()
    qtbot.addWidget(dialog)
    settle(qtbot, tasks)
    assert dialog.agency.count() == 4 and dialog.items.count() > 0 and dialog.seal_button.isEnabled()

    dialog.items.setFocus()
    dialog.items.setCurrentRow(0)
    qtbot.keyClick(dialog.items, Qt.Key.Key_Space)  # keyboard first: Space ticks the current item
    assert dialog.items.item(0).checkState() == Qt.CheckState.Checked
    out = tmp_path / "handover.age"
    dialog.choose_file = lambda: str(out)
    dialog.seal()  # no legal basis chosen yet
    settle(qtbot, tasks)
    assert "legal basis" in dialog.error.text() and dialog.error.text().count(".") == 1
    assert not out.exists() and dialog.seal_button.isEnabled()

    dialog.basis.setCurrentIndex(dialog.basis.findData("CONSENT"))
    dialog.detail.setText("Consent form signed on 2 December")
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter seals
    settle(qtbot, tasks)
    assert out.exists() and dialog.handed is not None
    assert dialog.handed.file_sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    assert dialog.print_button.isEnabled() and "handover.age" in dialog.error.text()

    printed: list[str] = []
    dialog.show_print = lambda html, title: printed.append(html)
    dialog.print_button.click()
    assert dialog.handed.file_sha256 in printed[0] and dialog.handed.agency.name in printed[0]
    assert "Consent form signed on 2 December" in printed[0]
    chosen = governor.ctx.repo.get_record(dialog.handed.items[0].record_id)
    texts = [v for v in chosen.body.values() if isinstance(v, str) and len(v) > 25]
    assert texts and not any(text in printed[0] for text in texts)  # the paper names items, never their text

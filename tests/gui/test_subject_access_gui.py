"""Scenario 15 on screen (issue 19 items 3 and 4): security withholds a record from the prisoner's copy with a
reason, an officer takes down the prisoner's comment beside an entry, the governor writes the copy (PDF and JSON)
from the prisoner page; nobody is offered an action their role does not have."""

from __future__ import annotations

import json

from tests.gui.pages_fixtures import (  # noqa: F401
    demo_template,
    open_prisoner_page,
    settle,
    tasks,
    wing,
    wing_dir,
)
from wingdesk.gui.dialogs.record_note_dialog import RecordNoteDialog


def _cards(page):
    from wingdesk.gui.widgets.record_card import RecordCard

    return [page.timeline_layout.itemAt(i).widget() for i in range(page.timeline_layout.count())
            if isinstance(page.timeline_layout.itemAt(i).widget(), RecordCard)]


def _fill(text):
    def run(dialog: RecordNoteDialog):
        dialog.text.setPlainText(text)
        dialog.save_button.click()
    return run


def test_withhold_comment_and_copy_from_the_prisoner_page(qtbot, wing, tasks, tmp_path):  # noqa: F811
    officer = wing.sign_in("officer")
    prisoner = officer.prisoners.page()[0]
    secret = officer.observations.record(prisoner.id, "NEEDS_REQUEST", "CONCERN", "Canary-gui-6621 said by a peer")
    plain = officer.observations.record(prisoner.id, "POSITIVE_ENGAGEMENT", "POSITIVE", "Canary-gui-1180 helped")

    security = open_prisoner_page(qtbot, wing.sign_in("security"), tasks, prisoner.id)
    card = next(c for c in _cards(security) if c.record.id == secret.id)
    assert [b.text() for b in card.buttons] == ["Withhold from the prisoner's copy…"]  # security takes no comments
    security.access.exec_dialog = _fill("Would identify the peer who told us.")
    card.buttons[0].click()
    settle(qtbot, tasks)
    card = next(c for c in _cards(security) if c.record.id == secret.id)
    assert [b.text() for b in card.buttons] == ["Disclose in the prisoner's copy…"]

    page = open_prisoner_page(qtbot, officer, tasks, prisoner.id)
    card = next(c for c in _cards(page) if c.record.id == plain.id)
    assert [b.text() for b in card.buttons] == ["Prisoner's comment…"] and not page.copy_button.isVisible()
    assert "Would identify" not in json.dumps([str(c.record.amendments) for c in _cards(page)])
    page.access.exec_dialog = _fill("I also cleaned the tables.")
    card.buttons[0].click()
    settle(qtbot, tasks)
    card = next(c for c in _cards(page) if c.record.id == plain.id)
    assert [str(a.kind) for a in card.record.amendments] == ["prisoner_comment"]

    governor = open_prisoner_page(qtbot, wing.sign_in("governor"), tasks, prisoner.id)
    assert governor.copy_button.isVisible()
    governor.access.choose_folder = lambda: str(tmp_path / "copy")
    governor.copy_button.click()
    settle(qtbot, tasks, timeout=30000)
    assert "The prisoner's copy is in" in governor.status_label.text(), governor.status_label.text()
    files = sorted((tmp_path / "copy").iterdir())
    assert [f.suffix for f in files] == [".json", ".pdf"]
    text = files[0].read_text("utf-8")
    assert "Canary-gui-1180" in text and "I also cleaned the tables." in text
    assert "Canary-gui-6621" not in text and "Would identify" not in text


def test_an_empty_comment_is_refused_in_the_dialog_and_nothing_is_saved(qtbot, wing, tasks):  # noqa: F811
    officer = wing.sign_in("officer")
    prisoner = officer.prisoners.page()[0]
    plain = officer.observations.record(prisoner.id, "POSITIVE_ENGAGEMENT", "POSITIVE", "Helped at lunch")
    page = open_prisoner_page(qtbot, officer, tasks, prisoner.id)
    dialogs = []
    page.access.exec_dialog = dialogs.append
    next(c for c in _cards(page) if c.record.id == plain.id).buttons[0].click()
    dialog = dialogs[0]
    dialog.text.setPlainText("   ")
    dialog.save_button.click()
    settle(qtbot, tasks)
    assert dialog.error.isVisibleTo(dialog) and "Write the prisoner's comment first." in dialog.error.text()
    assert not officer.ctx.repo.amendments_for([plain.id])

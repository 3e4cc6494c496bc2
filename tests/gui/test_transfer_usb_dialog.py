"""The transfer's USB path on screen (issue 19 item 1), between two wings enrolled at one HQ: the sending governor's
Transfer dialog saves the sealed package to a file ("Save to a file for a USB stick…"), safely and naming nobody;
a full stick is one sentence with nothing sealed. The receiving governor opens the file from the inbox, sees it
checked and previewed as a package HQ delivered, accepts it; the same file again is refused in one sentence."""

from __future__ import annotations

import errno

from tests.gui.pages_fixtures import open_prisoner_page, settle, tasks  # noqa: F401
from tests.integration.conftest import hq, wing_template  # noqa: F401
from tests.integration.test_transfer import ALERT_CANARY, prisons  # noqa: F401
from wingdesk.gui.pages.inbox_page import InboxPage
from wingdesk.sync import transfer_file


def test_save_to_a_stick_then_open_and_accept_it_at_the_other_prison(qtbot, prisons, tasks, tmp_path,  # noqa: F811
                                                                      monkeypatch):
    s = prisons
    stick = tmp_path / "stick"
    stick.mkdir()
    gov_a, gov_b = s["sender"].login("gov"), s["receiver"].login("gov")
    page = open_prisoner_page(qtbot, gov_a, tasks, s["prisoner"].id)
    dialog = page.open_transfer()
    qtbot.addWidget(dialog)
    settle(qtbot, tasks)
    assert dialog.file_button.isEnabled() and dialog.destination.currentText() == "B-Wing"
    out = stick / transfer_file.default_name("2026-12-07-1600")
    dialog.choose_file = lambda: str(out)

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(transfer_file.os, "fsync", full)
        dialog.file_button.click()
        settle(qtbot, tasks)
    assert "stick may be full" in dialog.message.text() and dialog.message.text().count(".") == 1
    assert list(stick.iterdir()) == [] and gov_a.transfer.transfers_of(s["prisoner"].id) == []
    assert dialog.file_button.isEnabled()

    dialog.file_button.click()
    settle(qtbot, tasks)
    assert out.exists() and "accepted there only once" in dialog.message.text()
    assert b"X-100" not in out.read_bytes() and "X-100" not in out.name  # neither the file nor its name tells
    [sent] = gov_a.transfer.transfers_of(s["prisoner"].id)
    assert sent.state == "SENT"

    inbox = InboxPage(gov_b, tasks)
    qtbot.addWidget(inbox)
    assert not inbox.transfer_file_button.isHidden()
    assert InboxPage(s["receiver"].login("sup"), tasks).transfer_file_button.isHidden()
    bad = stick / "bad.wdtransfer"
    bad.write_bytes(out.read_bytes()[:100])
    monkeypatch.setattr("wingdesk.gui.dialogs.transfer_dialog.TransfersWaitingDialog._ask_file",
                        lambda self: str(bad))
    waiting = inbox.open_transfer_file()  # a child of the inbox page, deleted with it
    settle(qtbot, tasks)
    assert waiting.detail.text() == "This transfer package is damaged: it was not accepted."
    assert waiting.waiting.count() == 0 and gov_b.transfer.pending() == []

    waiting.choose_file = lambda: str(out)
    waiting.file_button.click()
    settle(qtbot, tasks)
    assert waiting.waiting.count() == 1 and "opened from a file" in waiting.waiting.item(0).text()
    assert "X-100" in waiting.detail.text() and "signature holds" in waiting.detail.text()
    assert ALERT_CANARY not in waiting.detail.text()  # counts on screen, not the records' text
    waiting.accept_button.click()
    settle(qtbot, tasks)
    assert "Accepted" in waiting.detail.text() and waiting.waiting.count() == 0
    assert gov_b.ctx.repo.prisoner_id_by_number("X-100") is not None

    waiting.file_button.click()  # the same file again
    settle(qtbot, tasks)
    assert waiting.detail.text() == "This transfer package has already been accepted here."
    waiting.close()  # deletes itself (the inbox opened it so), and the inbox reloads
    settle(qtbot, tasks)

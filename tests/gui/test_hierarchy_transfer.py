"""A transfer between two wings enrolled at one HQ that published its prison/wing hierarchy (issue 17 item 3): the
sending governor chooses the receiving prison by its official names, and the receiving governor sees the sending
prison by its official names (not the wing name the sender wrote into the package)."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.gui.pages_fixtures import settle, tasks  # noqa: F401
from tests.hierarchy_documents import changed, data
from tests.integration.conftest import hq, wing_template  # noqa: F401
from tests.integration.test_transfer import prisons  # noqa: F401
from wingdesk.gui.dialogs.transfer_dialog import TransferDialog, TransfersWaitingDialog
from wingdesk.hq import publishing


def test_both_ends_of_a_transfer_name_the_prisons_officially(qtbot, prisons, hq, tasks):  # noqa: F811
    s = prisons
    devices = s["devices"]

    def place(d: dict) -> None:
        d["wings"][0]["devices"] = [devices["b"]]
        d["wings"][1]["devices"] = [devices["a"]]
    publishing.publish(hq.store, hq.keys, datetime.now(UTC), publishing.HIERARCHY, data(changed(1, place)), "ana")
    s["sender"].fetch(hq, devices["a"])
    s["receiver"].fetch(hq, devices["b"])
    gov_a = s["sender"].login("gov")
    dialog = TransferDialog(gov_a, tasks, gov_a.prisoners.get(s["prisoner"].id))
    qtbot.addWidget(dialog)
    settle(qtbot, tasks)
    assert dialog.destination.currentText() == "Казнено-поправен дом Идризово – Б крило"
    gov_a.transfer.seal(s["prisoner"].id, devices["b"])
    s["sender"].send(hq)
    s["receiver"].fetch(hq, devices["b"])
    waiting = TransfersWaitingDialog(s["receiver"].login("gov"), tasks)
    qtbot.addWidget(waiting)
    waiting.reload()
    settle(qtbot, tasks)
    waiting.waiting.setCurrentRow(0)
    waiting._preview(waiting.waiting.currentItem())
    settle(qtbot, tasks)
    assert "from Затвор Скопје – Одделение 1, sealed by" in waiting.detail.text()

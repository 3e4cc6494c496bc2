"""The "Carried from <prison>" section on the receiving wing's prisoner page (issue 19 item 1): after the governor
accepted a transfer through HQ, the psychologist sees the carried plan and assessment with their authors and a
holding signature; the officer sees no such section, but the carried alert among the alerts. With
WINGDESK_SHOTS=<folder> it also saves the page at 1280x800 in English and Serbian (Latin) there."""

from __future__ import annotations

import os
from pathlib import Path

from tests.gui.pages_fixtures import open_prisoner_page, settle, tasks  # noqa: F401
from tests.integration.conftest import hq, wing_template  # noqa: F401
from tests.integration.test_transfer import ALERT_CANARY, prisons  # noqa: F401
from tests.integration.test_transfer_carried import PLAN_CANARY, arrived  # noqa: F401
from wingdesk.gui.widgets.record_card import RecordCard
from wingdesk.i18n import current_language, set_language


def test_the_psychologist_sees_the_carried_section_and_the_officer_does_not(qtbot, arrived, tasks):  # noqa: F811
    a = arrived
    here = a["here"].id
    psy_page = open_prisoner_page(qtbot, a["receiver"].login("psy"), tasks, here)
    panel = psy_page.carried
    assert not panel.isHidden() and panel.title() == "Carried from B-Wing"
    shown = panel.item_texts()
    assert shown.count("plan") == 1 and shown.count("assessment") == 1 and "intelligence_report" not in shown
    assert shown.count("Author's signature holds: unchanged since it was signed.") == 2
    assert "Gita Governor" in panel.intro.text()
    cards = panel.findChildren(RecordCard)
    assert any(PLAN_CANARY in str(card.record.body) for card in cards)

    off_page = open_prisoner_page(qtbot, a["receiver"].login("off1"), tasks, here)
    assert off_page.carried.isHidden()
    assert any(ALERT_CANARY == view.record.body.get("description")
               for view in a["receiver"].login("off1").alerts.for_prisoner(here))
    assert off_page.alerts is not None
    off_page.alerts.list.setCurrentRow(0)
    settle(qtbot, tasks)
    assert "Carried from B-Wing: originally written there by Sara Supervisor (Supervisor) on" in (
        off_page.alerts.history.text())
    assert not off_page.alerts.original_button.isHidden()
    off_page.alerts.original_button.click()
    settle(qtbot, tasks)
    assert "Original as signed at B-Wing by Sara Supervisor on" in off_page.alerts.history.text()
    assert off_page.alerts.history.text().endswith("Author's signature holds: unchanged since it was signed.")

    folder = os.environ.get("WINGDESK_SHOTS")
    if folder:
        gov_page = open_prisoner_page(qtbot, a["receiver"].login("gov"), tasks, here)
        before = current_language()
        try:
            for lang in ("en", "sr_Latn"):
                set_language(lang)
                for name, page in (("psy", psy_page), ("off1", off_page), ("gov", gov_page)):
                    page.resize(1280, 800)
                    page.retranslate_ui()
                    settle(qtbot, tasks)
                    page.grab().save(str(Path(folder) / f"{lang}-{name}-prisoner-carried.png"))
        finally:
            set_language(before)

"""Guidance in context (issue 18 item 3): the observation dialog's wording hints link to the section of "Writing
objective observations" that explains them, opened at that section; no link when the module is not installed."""

from __future__ import annotations

from tests.gui.pages_fixtures import demo_template, settle, tasks, wing, wing_dir  # noqa: F401
from tests.module_packages import package
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.gui.dialogs.observation_dialog import ObservationDialog
from wingdesk.gui.widgets.guidance_link import OBJECTIVE_WRITING

SECTIONS = ("Facts and opinions", "Exact words", "Time and place", "Avoiding labels", "Religion is not risk")
BODY = "".join(f"## {title}\n\n" + "A line of guidance.\n\n" * 40 for title in SECTIONS)


def _dialog(qtbot, session, tasks):  # noqa: F811
    prisoner = session.prisoners.page()[0]
    dialog = ObservationDialog(session, tasks, prisoner.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.picker.prisoner_id == prisoner.id, timeout=5000)
    return dialog


def test_a_label_hint_links_to_the_section_on_labels_and_opens_there(qtbot, wing, tasks):  # noqa: F811
    raw = package(module_id=OBJECTIVE_WRITING, body=BODY, languages=("en",))
    wing.sign_in("admin").modules.install_shipped([canonical_bytes(raw)])
    dialog = _dialog(qtbot, wing.sign_in("officer"), tasks)
    qtbot.keyClicks(dialog.facts, "He seems radicalised")
    qtbot.waitUntil(dialog.guidance.isVisible, timeout=3000)
    assert dialog.guidance.anchor == "s4" and "Avoiding labels" in dialog.guidance.text()
    dialog.guidance.open()
    module = dialog.guidance.dialog
    qtbot.addWidget(module)
    qtbot.waitUntil(lambda: module.browser.verticalScrollBar().value() > 0, timeout=3000)
    assert module.tabs.currentIndex() == 0


def test_no_link_without_the_module(qtbot, wing, tasks):  # noqa: F811
    dialog = _dialog(qtbot, wing.sign_in("officer"), tasks)
    qtbot.keyClicks(dialog.facts, "He seems radicalised")
    qtbot.waitUntil(dialog.warning_label.isVisible, timeout=3000)
    settle(qtbot, tasks)
    assert not dialog.guidance.isVisible()

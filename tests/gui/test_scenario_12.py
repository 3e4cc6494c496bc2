"""domain.md §5 scenario 12 on screen, end to end (issue 15 item 3): a supervisor admits a 19-year-old first-timer;
the profile shows the special groups and the psychologist's inbox page the screening (24 h) and needs (14 days)
deadlines; the screening form prompts for the groups, and once rated the screening deadline leaves the inbox.
Security raises a radicalisation concern: refused without a review date, set with one. Forty days later (a session
on a clock run ahead) the concern has lapsed and the needs assessment, still not done, is overdue; a countersigned
assessment renews the concern until its next review."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QDialogButtonBox

from tests.gui.pages_fixtures import (  # noqa: F401
    PASSWORDS,
    demo_template,
    open_prisoner_page,
    settle,
    tasks,
    wing,
    wing_dir,
)
from tests.gui.test_scenario_9 import _inbox_text
from tests.gui.test_wing_presence import _fill_admission, _nineteen
from tests.integration.assessment_helpers import AheadClock, agreed_assessment
from wingdesk.crypto.kdf import floor_params
from wingdesk.gui.dialogs.assessment_dialog import AssessmentDialog, fill_example, load_view
from wingdesk.gui.pages.prisoners_page import PrisonersPage
from wingdesk.storage.backend import LocalWing

CONCERN = "RADICALISATION_CONCERN_UNDER_ASSESSMENT"


def _admit(qtbot, tasks, supervisor) -> str:  # noqa: F811
    page = PrisonersPage(supervisor, tasks)
    qtbot.addWidget(page)
    page.refresh()
    settle(qtbot, tasks)
    dialog = page.open_admission()
    settle(qtbot, tasks)
    _fill_admission(qtbot, dialog, "N-2026-0012", _nineteen())
    dialog.form.set_values({"sex": "M"})
    with qtbot.waitSignal(page.prisoner_requested, timeout=5000) as opened:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    settle(qtbot, tasks)
    return str(opened.args[0])


def _veo(qtbot, tasks, session, prisoner):  # noqa: F811
    page = open_prisoner_page(qtbot, session, tasks, prisoner)
    dialog = page.work.open_veo()
    settle(qtbot, tasks)
    return dialog


def _lines_about(text: str, family: str) -> list[str]:
    return [line for line in text.splitlines() if family in line]


def test_scenario_12_young_first_timer_deadlines_and_a_concern_that_lapses_unless_renewed(qtbot, wing, tasks):  # noqa: F811
    prisoner = _admit(qtbot, tasks, wing.sign_in("supervisor"))
    psy = wing.sign_in("psychologist")
    family = psy.prisoners.get(prisoner).family_name
    profile = open_prisoner_page(qtbot, psy, tasks, prisoner)
    assert profile.profile_labels["groups"][1].text() == "Young adult (under 21), First time in custody"
    waiting = _lines_about(_inbox_text(qtbot, tasks, psy), family)
    assert any(t.startswith("Reception screening of") and "is due by" in t for t in waiting), waiting
    assert any(t.startswith("Needs assessment of") and "is due by" in t for t in waiting), waiting

    screening = AssessmentDialog(psy, tasks, prisoner, load_view(psy, "wd.reception_screening"))
    qtbot.addWidget(screening)
    screening.show()
    settle(qtbot, tasks)
    assert screening.prompts.isVisibleTo(screening) and "influential" in screening.prompts.text()  # first time
    screening.kind.setCurrentIndex(screening.kind.findData("SCREENING_AT_ADMISSION"))
    fill_example(screening)
    with qtbot.waitSignal(screening.saved, timeout=10000):
        screening.save()
    settle(qtbot, tasks)
    waiting = _lines_about(_inbox_text(qtbot, tasks, psy), family)
    assert not any(t.startswith("Reception screening of") for t in waiting)  # done: gone from the inbox
    assert any(t.startswith("Needs assessment of") for t in waiting)

    security = wing.sign_in("security")
    dialog = _veo(qtbot, tasks, security, prisoner)
    dialog.form.set_values({"veo_status": CONCERN, "basis": "Handed out leaflets praising an armed group.",
                            "review_date": None})  # the dialog offers one in three months; cleared here
    dialog.save()
    settle(qtbot, tasks)
    assert security.veo.history(prisoner) == []  # refused without a review date: nothing saved
    assert not dialog.form.errors["review_date"].isHidden() or not dialog.error.isHidden()
    review = (datetime.now(UTC).date() + timedelta(days=30)).isoformat()
    dialog.form.set_value("review_date", review)
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save()
    settle(qtbot, tasks)
    assert "holds until" in dialog.state.text() and security.veo.in_force(prisoner).status == CONCERN

    later = LocalWing(wing.folder, kdf=floor_params(), clock=AheadClock(40))  # forty days on
    sessions = {n: later.sign_in(n, PASSWORDS[n]) for n in ("security", "psychologist", "socialworker", "governor")}
    wing.sessions.extend(sessions.values())
    lapsed = _veo(qtbot, tasks, sessions["security"], prisoner)
    assert lapsed.state.text().startswith("Status in force: None") and "lapsed" in lapsed.state.text()
    overdue = _lines_about(_inbox_text(qtbot, tasks, sessions["psychologist"]), family)
    assert any(t.startswith("Needs assessment of") and "is overdue" in t for t in overdue), overdue

    next_review = (sessions["governor"].prisoners.today() + timedelta(days=90)).isoformat()
    renewal = agreed_assessment(sessions["psychologist"], sessions["socialworker"], prisoner, "MODERATE",
                                "MODERATE", review=next_review)
    sessions["governor"].assessments.countersign(renewal)
    renewed = _veo(qtbot, tasks, sessions["security"], prisoner)
    assert "holds until" in renewed.state.text() and "lapsed" not in renewed.state.text()
    assert sessions["security"].veo.in_force(prisoner).status == CONCERN

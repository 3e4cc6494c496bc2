"""Alerts on the prisoner page: raise, review and end through the dialogs, bad input refused under its field with
nothing saved, and only the roles the policy allows get the buttons."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.gui.pages_fixtures import (  # noqa: F401
    demo_template,
    open_prisoner_page,
    settle,
    tasks,
    wing,
    wing_dir,
)
from wingdesk.gui.dialogs.alert_dialog import AlertDialog

TODAY = date.today()


def _dialog(qtbot, page, tasks, button):  # noqa: F811
    button.click()
    dialog = page.alerts.dialog
    assert isinstance(dialog, AlertDialog) and dialog.isVisible()
    return dialog


def _plain_prisoner(session):
    return next(p for p in session.prisoners.page() if not p.alert_codes and not session.alerts.for_prisoner(p.id))


def test_raise_review_and_end_an_alert_from_the_prisoner_page(qtbot, wing, tasks):  # noqa: F811
    session = wing.sign_in("supervisor")
    prisoner = _plain_prisoner(session)
    page = open_prisoner_page(qtbot, session, tasks, prisoner.id)
    assert page.profile_labels["alerts"][1].text() == "None"
    dialog = _dialog(qtbot, page, tasks, page.alerts.raise_button)
    dialog.form.set_values({"code": "SELF_HARM_RISK", "description": "Hourly checks at night; care plan open.",
                            "active_from": (TODAY - timedelta(days=1)).isoformat()})
    assert dialog.form.value("review_date") == (TODAY + timedelta(days=90)).isoformat()  # offered, changeable
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_button.click()
    settle(qtbot, tasks)
    assert page.profile_labels["alerts"][1].text() == "Self-harm risk"
    assert page.alerts.list.item(0).text().startswith("Self-harm risk (Active)")
    assert "Raised (Dragan Petrovski" in page.alerts.history.text()

    dialog = _dialog(qtbot, page, tasks, page.alerts.review_button)
    dialog.form.set_values({"review_note": "Mood better; checks every two hours.",
                            "review_date": (TODAY + timedelta(days=14)).isoformat()})
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_button.click()
    settle(qtbot, tasks)
    assert "Reviewed (Dragan Petrovski" in page.alerts.history.text()
    assert "Mood better" in page.alerts.history.text() and "Hourly checks" in page.alerts.history.text()

    dialog = _dialog(qtbot, page, tasks, page.alerts.end_button)
    dialog.form.set_values({"active_to": (TODAY - timedelta(days=5)).isoformat(), "end_reason": "Plan closed."})
    dialog.save_button.click()
    settle(qtbot, tasks)
    assert dialog.isVisible() and dialog.form.errors["active_to"].text() == \
        "An alert cannot end before the day it started."
    dialog.form.set_values({"active_to": TODAY.isoformat(), "end_reason": ""})
    dialog.save_button.click()
    assert dialog.form.errors["end_reason"].text() == "Reason for ending is required."
    assert len(session.alerts.history(session.alerts.for_prisoner(prisoner.id)[0].record.id)) == 2  # nothing saved
    dialog.form.set_value("end_reason", "Care plan closed by healthcare.")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_button.click()
    settle(qtbot, tasks)
    assert page.profile_labels["alerts"][1].text() == "None"
    assert page.alerts.list.item(0).text().startswith("Self-harm risk (Ended)")
    assert not page.alerts.review_button.isEnabled() and not page.alerts.end_button.isEnabled()
    assert "Ended (Dragan Petrovski" in page.alerts.history.text()


@pytest.mark.parametrize(("user", "raise_", "change"), [("officer", False, False), ("governor", False, False),
                                                        ("psychologist", True, False), ("security", True, True)])
def test_only_the_roles_the_policy_allows_get_the_buttons(qtbot, wing, tasks, user, raise_, change):  # noqa: F811
    session = wing.sign_in(user)
    alert = session.alerts.active()[0]
    page = open_prisoner_page(qtbot, session, tasks, alert.prisoner_id)
    assert page.alerts.raise_button.isVisibleTo(page) is raise_
    assert page.alerts.review_button.isVisibleTo(page) is change and page.alerts.end_button.isVisibleTo(page) is change
    assert page.alerts.views and page.alerts.list.count() == len(page.alerts.views)
    if raise_:
        dialog = _dialog(qtbot, page, tasks, page.alerts.raise_button)
        codes = [dialog.form.editors["code"].itemData(i) for i in range(dialog.form.editors["code"].count())]
        if user == "psychologist":
            assert [c for c in codes if c] == ["SELF_HARM_RISK", "VULNERABLE", "PREGNANT_CARE_PLAN"]
        dialog.reject()

"""The treatment page's "Needs from the needs assessment" (issue 15 item 5): nothing to take before a needs
assessment is countersigned; after it, the assessed areas join the plan form's needs with the rationale as draft
goal, and the needs the form held stay as they were."""

from __future__ import annotations

from tests.gui.pages_fixtures import demo_template, planless_treatment_page, settle, tasks, wing, wing_dir  # noqa: F401


def _needs_assessment(wing, pid: str) -> None:  # noqa: F811
    psy, sw, gov = (wing.sign_in(n) for n in ("psychologist", "socialworker", "governor"))
    started = psy.assessments.start(pid, "INITIAL", "wd.needs_assessment")
    parts = psy.assessments.instrument_of(started.id).rated_parts()
    ratings = {code: part.scale.codes[0] for code, part in parts.items()}
    ratings["FINANCE"] = {"rating": "SIGNIFICANT_NEED", "rationale": "Debts to a moneylender."}
    psy.assessments.rate(started.id, ratings)
    sw.assessments.rate_independently(started.id, ratings)
    judgement = {"level": "MODERATE", "next_review_date": "2099-01-01"}
    psy.assessments.agree(started.id, ratings, judgement)
    sw.assessments.agree(started.id, ratings, judgement)
    gov.assessments.countersign(started.id)


def test_assessed_needs_join_the_plan_form(qtbot, wing, tasks):  # noqa: F811
    psy = wing.sign_in("psychologist")
    page, pid = planless_treatment_page(qtbot, psy, tasks)
    assert page.needs_button.isVisible() or not page.isVisible()
    page.needs_button.take()
    settle(qtbot, tasks)
    assert page.editor.needs.items() == [] and "no countersigned needs assessment" in page.bar.text()

    page.editor.needs.set_items([{"area": "FAMILY_RELATIONSHIPS", "goal_text": "Weekly call home.",
                                  "status": "OPEN"}])
    _needs_assessment(wing, pid)
    page.needs_button.take()
    settle(qtbot, tasks)
    assert [(n["area"], n["goal_text"]) for n in page.editor.needs.items()] == [
        ("FAMILY_RELATIONSHIPS", "Weekly call home."), ("FINANCE", "Debts to a moneylender.")]
    assert "1 need added" in page.bar.text()


def test_the_plans_first_review_follows_the_next_reassessment(qtbot, wing, tasks):  # noqa: F811
    psy = wing.sign_in("psychologist")
    page, pid = planless_treatment_page(qtbot, psy, tasks)
    _needs_assessment(wing, pid)
    form = page.editor.form
    form.set_value("first_review_date", "2099-06-01")  # after the reassessment: moved to it
    page.needs_button.take()
    settle(qtbot, tasks)
    due = psy.assessments.next_reassessment(pid)
    assert due is not None and due <= "2099-01-01" and form.value("first_review_date") == due
    assert "the next reassessment" in page.bar.text()
    form.set_value("first_review_date", "2030-01-15")  # the psychologist's earlier date stays
    page.needs_button.take()
    settle(qtbot, tasks)
    assert form.value("first_review_date") == "2030-01-15" and "reassessment" not in page.bar.text()

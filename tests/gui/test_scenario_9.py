"""domain.md §5 scenario 9 on screen, end to end: the psychologist records the prisoner's goals in their own words,
three needs and steps owned by education, the religious counsellor and social work, the prisoner AGREED; the lead
(governor) countersigns and the plan is ACTIVE; its review falls due three months later and, once past, the overdue
review reaches the psychologist's and the governor's inbox pages. The plan is written on a clock set back 100 days
(a wing's clock never runs ahead), the inbox read today."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tests.gui.pages_fixtures import PASSWORDS, demo_template, planless_treatment_page, settle, tasks, wing, wing_dir  # noqa: F401
from wingdesk.crypto.kdf import floor_params
from wingdesk.demo.clock import DemoClock
from wingdesk.gui.pages.inbox_page import InboxPage
from wingdesk.gui.pages.treatment_page import TreatmentPage
from wingdesk.gui.when import day_text
from wingdesk.storage.backend import LocalWing

GOALS = "I want my children to visit and to learn a trade before I go home."
STEPS = (("EDUCATION", "Welding course in the workshop", "Ana Marković", "Educator"),
         ("RELIGIOUS_COUNSELLING", "Weekly talks, at his request", "Imam Hasan Begić", "Religious counsellor"),
         ("SOCIAL_WORK", "Arrange the children's visits with their mother", "Vesna Kovač", "Social worker"))


def _three_months_after(day: date) -> date:
    month = day.month + 3
    return date(day.year + (month - 1) // 12, (month - 1) % 12 + 1, min(day.day, 28))


def _inbox_text(qtbot, tasks, session) -> str:  # noqa: F811
    page = InboxPage(session, tasks)
    qtbot.addWidget(page)
    page.refresh()
    settle(qtbot, tasks)
    return "\n".join(card.label.text() for card in page.cards)


def test_scenario_9_an_agreed_plan_countersigned_then_its_overdue_review_in_the_inbox(qtbot, wing, tasks):  # noqa: F811
    clock = DemoClock()
    clock.set(datetime.now(UTC) - timedelta(days=100))
    earlier = LocalWing(wing.folder, kdf=floor_params(), clock=clock)
    psy = earlier.sign_in("psychologist", PASSWORDS["psychologist"])
    wing.sessions.append(psy)
    page, pid = planless_treatment_page(qtbot, psy, tasks)
    due = _three_months_after(clock.today()).isoformat()
    page.editor.form.set_values({"reason_for_plan": "Plan after the needs assessment",
                                 "prisoner_goals_own_words": GOALS, "agreement_status": "AGREED",
                                 "first_review_date": due})
    for area, goal in (("EDUCATION_TRAINING_EMPLOYMENT", "A welding certificate"),
                       ("FAMILY_RELATIONSHIPS", "Monthly visits from his children"),
                       ("FAITH_PASTORAL", "Talks with a counsellor of his faith, as he asked")):
        page.editor.needs.add_item({"area": area, "goal_text": goal, "status": "OPEN"})
    for step_type, what, who, role in STEPS:
        page.editor.steps.add_item({"step_type": step_type, "description": what, "status": "PLANNED",
                                    "responsible_person": who, "responsible_role": role})
    page.save_button.click()
    settle(qtbot, tasks)
    plan = psy.treatment.current_plan(pid)
    assert plan is not None and plan.body["status"] != "ACTIVE" and plan.body["agreement_status"] == "AGREED"
    assert plan.body["prisoner_goals_own_words"] == GOALS and len(plan.body["needs"]) == 3
    assert [(s["step_type"], s["responsible_person"]) for s in plan.body["steps"]] == [s[::2] for s in STEPS]

    governor = earlier.sign_in("governor", PASSWORDS["governor"])
    wing.sessions.append(governor)
    lead = TreatmentPage(governor, tasks)
    qtbot.addWidget(lead)
    lead.refresh()
    settle(qtbot, tasks)
    lead.picker.set_current(pid)
    settle(qtbot, tasks)
    lead.agree_button.click()  # the lead countersigns what someone else wrote
    settle(qtbot, tasks)
    assert psy.treatment.current_plan(pid).body["status"] == "ACTIVE"
    assert f"plan_review:{plan.id}:{due}" not in {i.key for i in psy.inbox.items()}  # not due yet back then

    family = psy.prisoners.get(pid).family_name
    for name in ("psychologist", "governor"):  # today, past the review date: on their inbox pages
        shown = _inbox_text(qtbot, tasks, wing.sign_in(name))
        assert any(t.startswith("Treatment plan review for") and family in t and t.endswith(
            f"was due on {day_text(due)}.") for t in shown.splitlines()), name
    assert f"plan_review:{plan.id}:{due}" in {i.key for i in wing.sign_in("psychologist").inbox.items()}
    assert all(not i.key.startswith(f"plan_review:{plan.id}") for i in wing.sign_in("officer").inbox.items())

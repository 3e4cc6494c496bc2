"""The plan's needs from a needs assessment (issue 15 item 5)."""

from wingdesk.domain.assessed_needs import merged_needs, needs_from


def _r(part, rating, why=None):
    return {"part": part, "rating": rating, "rationale": why}


def test_needs_are_the_areas_in_need_most_pressing_first_with_the_rationale_as_draft_goal():
    agreed = [_r("EDUCATION_TRAINING_EMPLOYMENT", "SOME_NEED", "Left school at 14."), _r("ACCOMMODATION", "NO_NEED"),
              _r("FAMILY_RELATIONSHIPS", "SIGNIFICANT_NEED", "No visits for a year."),
              _r("SUBSTANCE_USE", "NOT_ASSESSED"), _r("FAITH_PASTORAL", "REQUESTED"), _r("RESETTLEMENT", "SOME_NEED")]
    assert needs_from(agreed) == [
        {"area": "FAMILY_RELATIONSHIPS", "goal_text": "No visits for a year.", "status": "OPEN"},
        {"area": "EDUCATION_TRAINING_EMPLOYMENT", "goal_text": "Left school at 14.", "status": "OPEN"},
        {"area": "FAITH_PASTORAL", "goal_text": "", "status": "OPEN"}]  # a domain code is not a need area


def test_merging_keeps_what_the_plan_holds_and_adds_the_missing_areas():
    current = [{"area": "FAMILY_RELATIONSHIPS", "goal_text": "Weekly call home.", "status": "OPEN"}]
    assessed = [{"area": "FAMILY_RELATIONSHIPS", "goal_text": "No visits.", "status": "OPEN"},
                {"area": "FINANCE", "goal_text": "Debts.", "status": "OPEN"}]
    assert merged_needs(current, assessed) == [current[0], assessed[1]]

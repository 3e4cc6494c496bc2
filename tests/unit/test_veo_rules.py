"""A radicalisation concern lapses past its review date unless a countersigned assessment renewed it (issue 15
item 3, domain.md §5 scenario 12); a conviction and NONE never lapse."""

from __future__ import annotations

from datetime import date

import pytest

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.kinds.veo_status import CONCERN, CONVICTION, VEO_STATUS
from wingdesk.domain.veo_rules import veo_in_force

TODAY = date(2026, 12, 7)
SET_ON = "2026-11-01T09:00:00Z"


def test_a_concern_holds_until_its_review_date_then_lapses():
    held = veo_in_force(CONCERN, SET_ON, "2026-12-07", [], TODAY)
    assert (held.status, held.until, held.lapsed) == (CONCERN, "2026-12-07", False)
    lapsed = veo_in_force(CONCERN, SET_ON, "2026-12-06", [], TODAY)
    assert (lapsed.status, lapsed.set_status, lapsed.lapsed) == ("NONE", CONCERN, True)


def test_a_countersigned_assessment_after_the_concern_renews_it_an_older_one_does_not():
    renewed = veo_in_force(CONCERN, SET_ON, "2026-12-01", [("2026-11-20", "2027-03-01")], TODAY)
    assert (renewed.status, renewed.until) == (CONCERN, "2027-03-01")
    older = veo_in_force(CONCERN, SET_ON, "2026-12-01", [("2026-10-20", "2027-03-01")], TODAY)
    assert older.lapsed


def test_a_concern_without_a_review_date_is_not_in_force():
    assert veo_in_force(CONCERN, "", None, [], TODAY).lapsed  # e.g. a roster row that never had one


@pytest.mark.parametrize("status", ["NONE", CONVICTION])
def test_other_statuses_never_lapse(status):
    found = veo_in_force(status, SET_ON, None, [], TODAY)
    assert (found.status, found.lapsed) == (status, False)


def test_a_concern_needs_a_review_date_and_every_status_a_basis():
    with pytest.raises(ValidationError) as caught:
        VEO_STATUS.clean({"veo_status": CONCERN, "basis": "Recruiting talk reported twice."})
    assert caught.value.params["field"] == "review_date"
    with pytest.raises(ValidationError):
        VEO_STATUS.clean({"veo_status": CONVICTION, "basis": ""})

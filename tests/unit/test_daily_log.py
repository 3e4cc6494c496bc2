"""Daily log life cycle: open → submitted → returned → annotated → countersigned → sealed."""

import pytest

from wingdesk.domain.daily_log import DayEvent, DayState, check_not_own_entries, next_state
from wingdesk.domain.errors import StateError


def test_full_cycle():
    state = DayState.OPEN
    for event, expected in [(DayEvent.SUBMIT, DayState.SUBMITTED), (DayEvent.RETURN, DayState.RETURNED),
                            (DayEvent.ANNOTATE, DayState.RETURNED), (DayEvent.RESUBMIT, DayState.ANNOTATED),
                            (DayEvent.COUNTERSIGN, DayState.COUNTERSIGNED), (DayEvent.SEAL, DayState.SEALED)]:
        state = next_state(state, event)
        assert state is expected


@pytest.mark.parametrize("state,event", [(DayState.OPEN, DayEvent.COUNTERSIGN), (DayState.SEALED, DayEvent.RETURN),
                                         (DayState.COUNTERSIGNED, DayEvent.SUBMIT),
                                         (DayState.RETURNED, DayEvent.COUNTERSIGN),
                                         (DayState.RETURNED, DayEvent.SUBMIT)])
def test_illegal_steps_are_refused(state, event):
    with pytest.raises(StateError):
        next_state(state, event)


def test_no_countersigning_own_entries():
    with pytest.raises(StateError):
        check_not_own_entries("sup", {"off1", "sup"})
    check_not_own_entries("sup", {"off1", "off2"})


def test_a_returned_day_goes_back_only_with_every_returned_entry_answered():
    from wingdesk.domain.daily_log import check_all_answered

    first_round = [("submit", None), ("return", "e1"), ("return", "e2"), ("annotate", "e1")]
    with pytest.raises(StateError) as unanswered:
        check_all_answered(first_round)
    assert unanswered.value.code == "returned_unanswered" and unanswered.value.params["count"] == 1
    check_all_answered([*first_round, ("annotate", "e2")])
    second_round = [*first_round, ("annotate", "e2"), ("resubmit", None), ("return", "e1")]
    with pytest.raises(StateError):
        check_all_answered(second_round)  # e1 was answered last time, but returned again since
    check_all_answered([*second_round, ("annotate", "e1")])

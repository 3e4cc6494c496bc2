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
                                         (DayState.RETURNED, DayEvent.COUNTERSIGN)])
def test_illegal_steps_are_refused(state, event):
    with pytest.raises(StateError):
        next_state(state, event)


def test_no_countersigning_own_entries():
    with pytest.raises(StateError):
        check_not_own_entries("sup", {"off1", "sup"})
    check_not_own_entries("sup", {"off1", "off2"})

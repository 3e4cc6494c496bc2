"""The daily-log review life cycle (domain.md §2.5) as a pure state machine."""

from __future__ import annotations

from enum import StrEnum

from wingdesk.domain.errors import StateError


class DayState(StrEnum):
    OPEN = "OPEN"
    SUBMITTED = "SUBMITTED"
    RETURNED = "RETURNED"
    ANNOTATED = "ANNOTATED"
    COUNTERSIGNED = "COUNTERSIGNED"
    SEALED = "SEALED"


class DayEvent(StrEnum):
    SUBMIT = "submit"
    RETURN = "return"
    ANNOTATE = "annotate"
    RESUBMIT = "resubmit"
    COUNTERSIGN = "countersign"
    SEAL = "seal"


_TRANSITIONS: dict[tuple[DayState, DayEvent], DayState] = {
    (DayState.OPEN, DayEvent.SUBMIT): DayState.SUBMITTED,
    (DayState.SUBMITTED, DayEvent.RETURN): DayState.RETURNED,
    (DayState.ANNOTATED, DayEvent.RETURN): DayState.RETURNED,
    (DayState.RETURNED, DayEvent.ANNOTATE): DayState.RETURNED,
    (DayState.RETURNED, DayEvent.RETURN): DayState.RETURNED,  # more than one entry back in the same round
    (DayState.RETURNED, DayEvent.RESUBMIT): DayState.ANNOTATED,
    (DayState.SUBMITTED, DayEvent.COUNTERSIGN): DayState.COUNTERSIGNED,
    (DayState.ANNOTATED, DayEvent.COUNTERSIGN): DayState.COUNTERSIGNED,
    (DayState.COUNTERSIGNED, DayEvent.SEAL): DayState.SEALED,
}

AWAITING_REVIEW = (DayState.SUBMITTED, DayState.ANNOTATED)
RETURNABLE = (*AWAITING_REVIEW, DayState.RETURNED)  # a supervisor may return several entries, one after another
ENTRIES_EDITABLE = (DayState.OPEN,)


def next_state(state: DayState, event: DayEvent) -> DayState:
    try:
        return _TRANSITIONS[(state, event)]
    except KeyError:
        raise StateError("day_transition", state=str(state), event=str(event)) from None


def check_all_answered(events: list[tuple[str, str | None]]) -> None:
    """Before a returned day is resubmitted, every entry returned since the last resubmission has an officer's
    annotation after its return. `events`: (event, entry_id) in the order they happened."""
    waiting: set[str] = set()
    for event, entry_id in events:
        if event == DayEvent.RESUBMIT:
            waiting.clear()
        elif event == DayEvent.RETURN and entry_id:
            waiting.add(entry_id)
        elif event == DayEvent.ANNOTATE and entry_id:
            waiting.discard(entry_id)
    if waiting:
        raise StateError("returned_unanswered", count=len(waiting))


def check_not_own_entries(signer_id: str, author_ids: set[str]) -> None:
    """A supervisor may not countersign a day that holds entries they wrote."""
    if signer_id in author_ids:
        raise StateError("countersign_own_entries")


def check_not_own_answers(signer_id: str, events: list[tuple[str, str]], answer_authors: set[str]) -> None:
    """Nor a day in which they answered a returned entry themselves (separation of duties): the answer is the
    officer's account, and a supervisor who wrote it would be approving their own words. `events`: (event,
    actor_id) of the day; `answer_authors`: authors of the day's annotations."""
    if signer_id in answer_authors or any(e == DayEvent.ANNOTATE and actor == signer_id for e, actor in events):
        raise StateError("countersign_own_answers")


def countersign_payload(wing: str, day: str, entries: list[tuple[str, int, str, str]],
                        amendments: list[tuple[str, str]], signer_id: str, signer_role: str,
                        signed_utc: str) -> dict[str, object]:
    """The exact statement a supervisor signs: every entry version and amendment of the day, by hash.

    entries: (record_id, revision, content_sha256, author_id); amendments: (amendment_id, content_sha256).
    """
    return {
        "wing": wing,
        "day": day,
        "entries": [{"id": i, "revision": r, "content_sha256": h, "author_id": a} for i, r, h, a in sorted(entries)],
        "amendments": [{"id": i, "content_sha256": h} for i, h in sorted(amendments)],
        "signer_id": signer_id,
        "signer_role": signer_role,
        "signed_utc": signed_utc,
    }

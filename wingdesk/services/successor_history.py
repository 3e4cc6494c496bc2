"""The dead PC's wing history a new PC rebuilds from HQ's successor package (services.successor): the state of
each day of the wing's log, and where the prisoners are."""

from __future__ import annotations

from typing import Any

from wingdesk.domain.kinds.wing_log import LOG_ENTRY
from wingdesk.domain.records import Record
from wingdesk.services.context import ServiceContext
from wingdesk.services.movements import PresenceRules
from wingdesk.services.successor_types import SuccessorContents

# the log entries that move a prisoner (off the wing and back, or to another cell) or close a roll count
_PRESENCE_ENTRIES = ("MOVEMENT", "ROLL_RESOLUTION", "CELL_CHANGE")


def day_states(built: list[tuple[tuple[object, ...], str | None]], signatures: list[tuple[object, ...]],
               wing: str) -> tuple[list[tuple[str, str, str]], list[str]]:
    """The dead PC's days on this wing: (day, signer, signed at) of each day HQ holds a countersignature for (it
    was countersigned there and sealed into the bundle that brought it: SEALED here, scenario 7), and the other
    days its records name (OPEN here: HQ cannot say how far their review went, so they are reviewed again)."""
    sealed = {str(row[2]): (str(row[2]), str(row[3]), str(row[6])) for row in sorted(
        signatures, key=lambda r: str(r[6])) if row[1] == wing}
    named = {str(row[12]) for row, _ in built if row[12] is not None and row[4] == wing}
    return sorted(sealed.values()), sorted(named - set(sealed))


def replay_presence(ctx: ServiceContext, contents: SuccessorContents) -> None:
    """Where the prisoners are, as the dead PC's log had it: its movements (out, back, released, transferred),
    cell changes and roll resolutions replayed in the order they happened, with the effects a log entry has when written
    (services.movements.PresenceRules). They passed that service's checks when written; one that no longer
    fits (a second move out of a prisoner already out, a roll resolved twice) changes nothing."""
    rules, repo = PresenceRules(ctx), ctx.repo
    latest: dict[str, dict[str, Any]] = {}
    for body in contents.records:
        content = body["record"]
        if content["kind"] != LOG_ENTRY.name or content["wing"] != ctx.wing or content["body"].get(
                "entry_type") not in _PRESENCE_ENTRIES:
            continue
        if content["id"] not in latest or latest[content["id"]]["revision"] < content["revision"]:
            latest[content["id"]] = content
    for c in sorted(latest.values(), key=lambda c: (c["occurred_at"], c["recorded_at"], c["id"])):
        entry = Record(c["id"], c["kind"], c["wing"], c["prisoner_id"], c["author_id"], "", c["author_role"],
                       c["occurred_at"], c["recorded_at"], c["body"], c["sensitivity"], c["revision"], c["day"],
                       c["shift_id"])
        if entry.body["entry_type"] == "CELL_CHANGE":  # as services.wing_log writes one
            if entry.prisoner_id is not None and isinstance(entry.body.get("to_cell"), str):
                repo.set_prisoner_cell(entry.prisoner_id, entry.body["to_cell"], entry.recorded_at)
            continue
        if entry.body["entry_type"] == "ROLL_RESOLUTION":
            if repo.roll_resolution_of(str(entry.body.get("roll_entry"))) is not None:
                continue
        elif entry.prisoner_id is None or (entry.body.get("direction") == "OUT" and repo.open_movement(
                entry.prisoner_id) is not None):
            continue
        rules.apply(entry)

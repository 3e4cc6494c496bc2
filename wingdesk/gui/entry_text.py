"""Plain-text summaries of records for lists, detail panes and printouts (translated, never stored)."""

from __future__ import annotations

from typing import Any

from wingdesk.domain.kinds.wing_log import ENTRY_FIELDS
from wingdesk.domain.records import AmendmentKind, Record
from wingdesk.gui.labels import code_label as label
from wingdesk.gui.labels import field_label
from wingdesk.i18n import _
from wingdesk.i18n.formats import format_date, format_datetime, format_time, local

_SUMMARY_FIELDS = ("text", "description", "outcome", "summary", "finds", "conduct", "exceptions")


def is_late(record: Record) -> bool:
    """Recorded on a later local day than the log day it belongs to."""
    if not record.day:
        return False
    return local(record.recorded_at).date().isoformat() > record.day


def roll_discrepancy(body: dict[str, Any]) -> int | None:
    """counted − expected for a roll count; None when not a roll count or a field is missing."""
    expected, counted = body.get("expected"), body.get("counted")
    if not isinstance(expected, int) or not isinstance(counted, int):
        return None
    return counted - expected


def format_value(kind: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    if kind == "choice":
        return label(str(value))
    if kind == "bool":
        return _("Yes") if value else _("No")
    if kind == "date":
        return format_date(str(value))
    if kind == "datetime":
        return format_datetime(str(value))
    return str(value)


def entry_fields(record: Record) -> list[tuple[str, str]]:
    """(label, value) pairs of a log entry in form order, skipping empty ones."""
    entry_type = str(record.body.get("entry_type", ""))
    pairs = []
    for spec in ENTRY_FIELDS.get(entry_type, ()):
        if spec.name == "roll_entry":  # the link to the roll count it resolves: an id, not for reading
            continue
        text = format_value(spec.kind, record.body.get(spec.name))
        if text:
            pairs.append((field_label(spec.name), text))
    return pairs


def roll_summary(body: dict[str, Any]) -> str:
    diff = roll_discrepancy(body) or 0
    base = _("{kind} count: {counted} counted, {expected} expected").format(
        kind=label(str(body.get("roll_kind", ""))), counted=body.get("counted"), expected=body.get("expected"))
    if diff == 0:
        return base
    if body.get("resolution"):
        when = body.get("resolved_at")
        state = (_("resolved at {time}").format(time=format_time(when)) if when else _("resolved"))
        return _("{base}. Discrepancy {diff:+d}, {state}: {resolution}").format(
            base=base, diff=diff, state=state, resolution=body["resolution"])
    return _("{base}. Discrepancy {diff:+d}, OPEN").format(base=base, diff=diff)


def entry_summary(record: Record) -> str:
    """One line describing a log entry."""
    body = record.body
    entry_type = str(body.get("entry_type", ""))
    if entry_type == "ROLL_COUNT":
        return roll_summary(body)
    if entry_type == "ROLL_RESOLUTION":
        return _("Roll discrepancy resolved at {time}. Where: {whereabouts}. Checked by: {checked_by}").format(
            time=format_time(str(body.get("resolved_at", ""))), whereabouts=body.get("whereabouts", ""),
            checked_by=body.get("checked_by", ""))
    if entry_type == "HANDOVER":
        return _("From {outgoing} to {incoming}, roll {roll}").format(
            outgoing=body.get("outgoing_officer", ""), incoming=body.get("incoming_officer", ""),
            roll=body.get("roll", ""))
    if entry_type == "MOVEMENT":
        head = _("{direction}: {destination}").format(direction=label(str(body.get("direction", ""))),
                                                      destination=label(str(body.get("destination", ""))))
    elif entry_type == "CELL_CHANGE":
        head = _("Cell {old} to {new}").format(old=body.get("from_cell", ""), new=body.get("to_cell", ""))
    else:
        spec = ENTRY_FIELDS.get(entry_type, ())
        head = " · ".join(format_value(f.kind, body.get(f.name)) for f in spec
                          if f.kind in ("choice", "int") and body.get(f.name) not in (None, ""))
    text = next((str(body[k]) for k in _SUMMARY_FIELDS if body.get(k)), "")
    text = " ".join(text.split())
    if len(text) > 140:
        text = text[:139] + "…"
    return " — ".join(part for part in (head, text) if part)


def amendment_caption(kind: AmendmentKind | str) -> str:
    return {str(AmendmentKind.COMMENT): _("Supervisor's comment"),
            str(AmendmentKind.ANNOTATION): _("Officer's annotation"),
            str(AmendmentKind.AMENDMENT): _("Amendment")}.get(str(kind), str(kind))


def amendment_lines(record: Record) -> list[str]:
    """Each amendment as 'caption — author, time: text', oldest first."""
    return [_("{caption} — {author}, {when}: {text}").format(caption=amendment_caption(a.kind),
                                                             author=a.author_name, when=format_datetime(a.at),
                                                             text=a.text)
            for a in record.amendments]

"""A record as translated lines for display: title, meta line and (label, value) pairs from the field specs."""

from __future__ import annotations

from typing import Any

from wingdesk.domain import record_fields as rf
from wingdesk.domain.records import Record, RecordKind
from wingdesk.domain.schema import Field
from wingdesk.gui.labels import code_label, field_label, kind_label, role_label
from wingdesk.gui.when import day_text, when
from wingdesk.i18n import _, ngettext

SPECS: dict[RecordKind, tuple[Field, ...]] = {
    RecordKind.OBSERVATION: rf.OBSERVATION, RecordKind.PLAN: rf.PLAN, RecordKind.PROGRESS_NOTE: rf.PROGRESS_NOTE,
    RecordKind.CONTACT: rf.CONTACT, RecordKind.ALERT: rf.ALERT,
}
SUBTYPE = {RecordKind.OBSERVATION: "category", RecordKind.LOG_ENTRY: "entry_type", RecordKind.ALERT: "code",
           RecordKind.CONTACT: "contact_type", RecordKind.PLAN: "status", RecordKind.PROGRESS_NOTE: "discipline"}


def fields_of(record: Record) -> tuple[Field, ...]:
    if record.kind is RecordKind.LOG_ENTRY:
        return rf.LOG_ENTRY_FIELDS.get(str(record.body.get("entry_type")), ())
    return SPECS.get(record.kind, ())


def value_text(spec: Field, value: Any) -> str:
    if value is None or value == "" or value == []:
        return ""
    if spec.kind == "choice":
        return code_label(value)
    if spec.kind == "bool":
        return _("Yes") if value else ""
    if spec.kind == "date":
        return day_text(str(value))
    if spec.kind == "datetime":
        return when(str(value))
    if spec.kind == "list":
        return ngettext("{n} item", "{n} items", len(value)).format(n=len(value))
    return str(value)


def title(record: Record) -> str:
    sub = record.body.get(SUBTYPE.get(record.kind, ""), None)
    if sub is None:
        return kind_label(record.kind)
    return _("{kind}: {subtype}").format(kind=kind_label(record.kind), subtype=code_label(sub))


def meta(record: Record) -> str:
    text = _("{when}, {author} ({role})").format(when=when(record.occurred_at), author=record.author_name,
                                                  role=role_label(record.author_role))
    if record.recorded_at[:16] != record.occurred_at[:16]:
        text += " · " + _("recorded {when}").format(when=when(record.recorded_at))
    if record.body.get("urgent"):
        text += " · " + _("URGENT")
    return text


def lines(record: Record) -> list[tuple[str, str]]:
    """(label, value) for every filled field except the one already in the title."""
    skip = SUBTYPE.get(record.kind)
    found = []
    for spec in fields_of(record):
        if spec.name == skip or spec.name == "urgent":
            continue
        text = value_text(spec, record.body.get(spec.name))
        if text:
            found.append((field_label(spec.name), text))
    return found

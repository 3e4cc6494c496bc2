"""A record as translated lines for display: title, meta line and (label, value) pairs from the field specs."""

from __future__ import annotations

from typing import Any

from wingdesk.domain.kinds import spec_of
from wingdesk.domain.records import Record
from wingdesk.domain.schema import Field
from wingdesk.gui.labels import code_label, field_label, kind_label, role_label
from wingdesk.gui.when import day_text, when
from wingdesk.i18n import _, ngettext


def fields_of(record: Record) -> tuple[Field, ...]:
    return spec_of(record.kind).fields_for(record.body)


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
    sub = spec_of(record.kind).subtype(record.body)
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
    skip = spec_of(record.kind).subtype_field
    found = []
    for spec in fields_of(record):
        if spec.name == skip or spec.name == "urgent" or spec.name.endswith("_id"):
            continue  # "_id": a link to another record, not something to read (an id is noise on a card or print)
        text = value_text(spec, record.body.get(spec.name))
        if text:
            found.append((field_label(spec.name), text))
    return found

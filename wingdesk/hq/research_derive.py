"""Research facts derived from a record line as HQ ingests it (issue 17 item 4, docs/research-data.md).

Only coded, structured fields leave a line, each named in a whitelist per kind (`SCALARS`, `CODE_LISTS`, the
nested lists below) and checked against the kind's own declared choices (wingdesk.domain.kinds): a value that is
not one of its field's codes is dropped, never copied. Nothing free-text, no name, no prison number, no record id
and no day: the prisoner and the record are named by keyed HMAC-SHA256 under HQ's research key
(`HqKeys.research_key`), dates become months and ages bands. Kinds not listed here derive nothing.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from typing import Any, NamedTuple

import orjson

from wingdesk.config.package_data import SHIPPED_INSTRUMENTS, SHIPPED_MODULES, read_bytes
from wingdesk.domain import kinds
from wingdesk.domain.instruments.parse import parse_bytes
from wingdesk.domain.people import YOUNG_ADULT_AGE
from wingdesk.domain.special_groups import FEMALE, FIRST_TIME, YOUNG_ADULT
from wingdesk.hq.repository import RowTuple

PRISONER, STAFF, NOBODY = "prisoner", "staff", "none"
OTHER = "OTHER"  # an instrument, module or added step type HQ does not know: its id stays out, counted as this
_MONTH = re.compile(r"(\d{4}-(0[1-9]|1[0-2]))-\d{2}", re.ASCII)
_STATUS = re.compile(r"[A-Z][A-Z_]{0,39}", re.ASCII)
_HEX = 32  # 128 bits of each HMAC
AGE_BANDS = ((18, "UNDER_18"), (21, "18_20"), (25, "21_24"), (35, "25_34"), (45, "35_44"), (55, "45_54"),
             (65, "55_64"), (200, "65_PLUS"))


class Fact(NamedTuple):
    """One row of `research_facts` (the column order of the table)."""

    row_key: str
    rev: int
    kind: str
    subject: str
    subject_type: str
    prison: str
    wing: str
    month: str
    measure: str
    part: str
    value: str
    number: int | None


# the scalar body fields each kind gives: choice fields must hold one of their declared codes, bools become
# "true"/"false", ints go to `number`
SCALARS: Mapping[str, tuple[str, ...]] = {
    "assessment": ("assessment_kind", "status", "level", "nature", "at_risk", "imminence", "confidence",
                   "informed_how", "participated", "instrument_version"),
    "assessment_rating": ("position",),
    "plan": ("agreement_status", "status"),
    "observation": ("category", "polarity", "source_type", "urgent", "proposed_source", "proposed_assessment"),
    "incident": ("incident_type", "status"),
    "use_of_force": ("primary_reason", "status", "positive_communication", "duration_minutes", "healthcare_seen"),
    "use_of_force_statement": ("involvement",),
    "admission": ("sex", "legal_status", "first_time"),
    "training_completion": ("module_version", "language", "correct", "questions"),
}
# list fields whose items are codes of the field's declared choices
CODE_LISTS: Mapping[str, tuple[str, ...]] = {
    "use_of_force": ("reasons", "techniques", "restraints"),
    "use_of_force_statement": ("techniques_used",),
}
KINDS = tuple(SCALARS)


class Keyed:
    """HMAC-SHA256 under the research key over a label and parts, NUL-separated, 128 bits in hex. The keyed state
    after each label is made once (a copy costs less than keying anew), and prisoners' pseudonyms are remembered
    (the same few thousand people recur in every bundle)."""

    _cache_limit = 200_000

    def __init__(self, key: bytes) -> None:
        self.key = key
        self._labels: dict[bytes, Any] = {}
        self._pseudonyms: dict[str, str] = {}

    def __call__(self, label: bytes, *parts: str) -> str:
        base = self._labels.get(label)
        if base is None:
            base = self._labels[label] = hmac.new(self.key, label, "sha256")
        mac = base.copy()
        for part in parts:
            mac.update(b"\0" + part.encode("utf-8"))
        return mac.hexdigest()[:_HEX]

    def row_key(self, device_id: str, record_id: str) -> str:
        return self(_ROW, device_id, record_id)

    def pseudonym(self, prisoner_id: str) -> str:
        found = self._pseudonyms.get(prisoner_id)
        if found is None:
            if len(self._pseudonyms) >= self._cache_limit:
                self._pseudonyms.clear()
            found = self._pseudonyms[prisoner_id] = self(_PRISONER, prisoner_id)
        return found


_ROW, _PRISONER = b"wingdesk/research/record/v1", b"wingdesk/research/prisoner/v1"
_KEYED: dict[bytes, Keyed] = {}  # one per research key (HQ has one; tests make several)


def keyed_by(key: bytes) -> Keyed:
    found = _KEYED.get(key)
    if found is None:
        if len(_KEYED) > 16:
            _KEYED.clear()
        found = _KEYED[key] = Keyed(key)
    return found


def keyed(key: bytes, label: bytes, *parts: str) -> str:
    """HMAC-SHA256 under the research key over a label and the parts, NUL-separated (128 bits, hex)."""
    return keyed_by(key)(label, *parts)


def row_key(key: bytes, device_id: str, record_id: str) -> str:
    """The research rows' name for one record of one device (never its id: tombstones find them by this)."""
    return keyed_by(key).row_key(device_id, record_id)


def pseudonym(key: bytes, prisoner_id: str) -> str:
    return keyed_by(key).pseudonym(prisoner_id)


def month_of(value: Any) -> str | None:
    """YYYY-MM of an ISO date or timestamp; None for anything else."""
    found = _MONTH.match(value) if isinstance(value, str) else None
    return found.group(1) if found else None


def day_of(value: Any) -> date | None:
    if month_of(value) is None:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def age_band(born: date, on: date) -> str:
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return next(band for upper, band in AGE_BANDS if age < upper)


@cache
def _choices() -> dict[tuple[str, str], frozenset[str]]:
    """(kind, field) -> its declared codes, for every field of every kind, and (kind, "list.field") for the
    fields of their nested lists (an incident's prisoners and staff each have a `role`, with other codes)."""
    found: dict[tuple[str, str], frozenset[str]] = {}
    for spec in kinds.KINDS.values():
        fields = [(f.name, f) for f in spec.fields]
        fields += [(f"{name}.{f.name}", f) for name, nested in spec.nested.items() for f in nested]
        for name, field in fields:
            if field.choices:
                found[(spec.name, name)] = frozenset(field.choices)
    return found


@cache
def _rating_codes() -> dict[tuple[str, int], dict[str, frozenset[str]]]:
    """(instrument id, version) -> {rated part: its rating codes} for the instruments shipped with WingDesk."""
    found = {}
    for name in SHIPPED_INSTRUMENTS:
        instrument = parse_bytes(read_bytes("resources", "instruments", name))
        found[(instrument.instrument_id, instrument.version)] = {
            code: frozenset(part.scale.codes) for code, part in instrument.rated_parts().items()}
    return found


@cache
def _modules() -> frozenset[str]:
    ids = set()
    for name in SHIPPED_MODULES:
        module_id = orjson.loads(read_bytes("resources", "modules", name)).get("id")
        if isinstance(module_id, str):
            ids.add(module_id)
    return frozenset(ids)


def _scalar(kind: str, name: str, value: Any) -> tuple[str, int | None] | None:
    """(value, number) of one whitelisted field, or None when it holds nothing coded."""
    if isinstance(value, bool):
        return ("true" if value else "false"), None
    if isinstance(value, int):
        return "", value
    codes = _choices().get((kind, name))
    if codes is not None and isinstance(value, str) and value in codes:
        return value, None
    return None


class _Line:
    """The facts of one record line, built up by the per-kind readers."""

    def __init__(self, keys: Keyed, device_id: str, prison: str, row: RowTuple, record: dict[str, Any],
                 wing_code: str | None = None) -> None:
        self.keys, self.device_id, self.kind, self.record = keys, device_id, row[2], record
        body = record.get("body")
        self.body: dict[str, Any] = body if isinstance(body, dict) else {}
        prisoner = record.get("prisoner_id")
        if isinstance(prisoner, str) and prisoner:
            subject, subject_type = keys.pseudonym(prisoner), PRISONER
        elif self.kind == "training_completion" and isinstance(record.get("author_id"), str):
            subject, subject_type = keys(b"wingdesk/research/staff/v1", record["author_id"]), STAFF
        else:
            subject, subject_type = "", NOBODY
        wing = record.get("wing") if wing_code is None else wing_code
        self.key_part = (keys.row_key(device_id, row[0]), row[1], self.kind)
        self.where = (prison, wing[:120] if isinstance(wing, str) else "", month_of(record.get("occurred_at")) or "")
        self.head = (*self.key_part, subject, subject_type, *self.where)  # the columns every fact of it shares
        self.facts: list[tuple[Any, ...]] = []  # Fact's columns, as plain tuples (made by the hundred thousand)

    def add(self, measure: str, part: str = "", value: str = "", number: int | None = None,
            subject: tuple[str, str] | None = None) -> None:
        if subject is None:
            self.facts.append((*self.head, measure, part, value, number))
        else:
            self.facts.append((*self.key_part, *subject, *self.where, measure, part, value, number))

    def scalars(self) -> None:
        for name in SCALARS[self.kind]:
            found = _scalar(self.kind, name, self.body.get(name))
            if found is not None:
                self.add(name, "", *found)
        for name in CODE_LISTS.get(self.kind, ()):
            items = self.body.get(name)
            for item in items if isinstance(items, list) else ():
                found = _scalar(self.kind, name, item)
                if found is not None:
                    self.add(name, "", *found)

    def nested(self, name: str, part_field: str, value_field: str) -> list[dict[str, Any]]:
        """Each item of a nested list as (part, value) codes; returns the items that are objects."""
        items = self.body.get(name)
        kept = [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []
        for item in kept:
            part = _scalar(self.kind, f"{name}.{part_field}", item.get(part_field)) if part_field else ("", None)
            value = _scalar(self.kind, f"{name}.{value_field}", item.get(value_field)) if value_field else ("", None)
            if part is not None:
                self.add(name, part[0], value[0] if value is not None else "")
        return kept


def _assessment(line: _Line) -> None:
    body = line.body
    version = body.get("instrument_version")
    instrument = body.get("instrument_id")
    known = _rating_codes().get((instrument, version)) if isinstance(instrument, str) and isinstance(version, int) \
        else None
    line.add("instrument", "", instrument if isinstance(instrument, str) and known is not None else OTHER)
    for name in ("countersigned_on", "next_review_date", "informed_on"):
        month = month_of(body.get(name))
        if month is not None:
            line.add(name.removesuffix("_date").removesuffix("_on") + "_month", "", month)
    signed, made = day_of(body.get("countersigned_on")), day_of(line.record.get("occurred_at"))
    if signed is not None and made is not None and signed >= made:
        line.add("days_to_countersign", "", "", (signed - made).days)
    _ratings(line, known, "agreed")


def _ratings(line: _Line, known: dict[str, frozenset[str]] | None, name: str) -> None:
    """Agreed (or one assessor's) ratings, only where the part and the rating are codes of a known instrument."""
    items = line.body.get(name)
    if known is None or not isinstance(items, list):
        return
    for item in items:
        part = item.get("part") if isinstance(item, dict) else None
        if isinstance(part, str) and item.get("rating") in known.get(part, ()):
            line.add("rating", part, item["rating"])


def _assessment_rating(line: _Line) -> None:
    # the assessment it belongs to, by that assessment's own research name (its `record` column)
    assessment = line.body.get("assessment_id")
    if isinstance(assessment, str):
        line.add("assessment", "", line.keys.row_key(line.device_id, assessment))
    _ratings(line, _any_instrument(), "ratings")


@cache
def _any_instrument() -> dict[str, frozenset[str]]:
    """{part: rating codes} over every known instrument (an assessor's ratings do not name their instrument)."""
    merged: dict[str, frozenset[str]] = {}
    for codes in _rating_codes().values():
        for part, ratings in codes.items():
            merged[part] = merged.get(part, frozenset()) | ratings
    return merged


def _plan(line: _Line) -> None:
    line.nested("needs", "area", "status")
    steps = line.nested("steps", "step_type", "status")
    for step in steps:  # an intervention HQ added (a published code list): counted as OTHER, its code stays out
        kind = step.get("step_type")
        if isinstance(kind, str) and _scalar(line.kind, "steps.step_type", kind) is None:
            status = _scalar(line.kind, "steps.status", step.get("status"))
            line.add("steps", OTHER, status[0] if status is not None else "")
    line.add("steps_total", "", "", len(steps))
    line.add("steps_completed", "", "", sum(1 for step in steps if step.get("status") == "COMPLETED"))
    line.nested("reviews", "", "action")
    month = month_of(line.body.get("first_review_date"))
    if month is not None:
        line.add("first_review_month", "", month)


def _involved(line: _Line) -> None:
    """Each prisoner an incident or use-of-force report names, under their own pseudonym, with their role."""
    for item in line.body.get("prisoners") or ():
        if isinstance(item, dict) and isinstance(item.get("prisoner_id"), str) and item["prisoner_id"]:
            role = _scalar(line.kind, "prisoners.role", item.get("role"))
            line.add("involved", role[0] if role else "", "",
                     subject=(line.keys.pseudonym(item["prisoner_id"]), PRISONER))


def _admission(line: _Line) -> None:
    body = line.body
    admitted = day_of(body.get("admission_date")) or day_of(line.record.get("occurred_at"))
    born = day_of(body.get("date_of_birth"))
    if admitted is not None:
        line.add("admission_month", "", admitted.isoformat()[:7])
    groups = []
    if born is not None and admitted is not None and born <= admitted:
        line.add("age_band", "", age_band(born, admitted))
        if admitted.year - born.year - ((admitted.month, admitted.day) < (born.month, born.day)) < YOUNG_ADULT_AGE:
            groups.append(YOUNG_ADULT)
    if body.get("sex") == "F":
        groups.append(FEMALE)
    if body.get("first_time") is True:
        groups.append(FIRST_TIME)
    for group in groups:
        line.add("special_group", "", group)


def _training(line: _Line) -> None:
    module = line.body.get("module_id")
    line.add("module", "", module if module in _modules() else OTHER)
    month = month_of(line.body.get("completed_on"))
    if month is not None:
        line.add("completed_month", "", month)


_READERS = {"assessment": _assessment, "assessment_rating": _assessment_rating, "plan": _plan,
            "incident": _involved, "use_of_force": _involved, "admission": _admission, "training_completion": _training}


def _facts_of(keys: Keyed, device_id: str, prison: str, row: RowTuple, wing: str | None = None
              ) -> list[tuple[Any, ...]]:
    """The facts of one stored record line (none for a kind not whitelisted or a line that is not a record); `wing`,
    when given (the wing code HQ's hierarchy gives the device), stands for the wing the record names."""
    if row[2] not in SCALARS:
        return []
    try:
        body = orjson.loads(row[4])
    except orjson.JSONDecodeError:
        return []
    record = body.get("record") if isinstance(body, dict) else None
    if not isinstance(record, dict):
        return []
    line = _Line(keys, device_id, prison, row, record, wing)
    status = body.get("status")
    line.add("record", "", status if isinstance(status, str) and _STATUS.fullmatch(status) else "")
    line.scalars()
    reader = _READERS.get(line.kind)
    if reader is not None:
        reader(line)
    return line.facts


def derive(key: bytes, device_id: str, prison: str, rows: Iterable[RowTuple], wing: str | None = None
           ) -> list[tuple[Any, ...]]:
    """The research facts (Fact's columns) of a bundle's stored record lines (every whitelisted kind; others give
    none)."""
    keys = keyed_by(key)
    facts: list[tuple[Any, ...]] = []
    for row in rows:
        facts += _facts_of(keys, device_id, prison, row, wing)
    return facts


def derive_by_line(key: bytes, device_id: str, prison: str, rows: Iterable[RowTuple], wing: str | None = None
                   ) -> dict[tuple[str, int], list[tuple[Any, ...]]]:
    """`derive`, kept apart per (record id, revision) so the writer can take the facts of the lines it stores and
    no others (hq.research_ingest); the first copy of a line wins, as in `records`."""
    keys = keyed_by(key)
    found: dict[tuple[str, int], list[tuple[Any, ...]]] = {}
    for row in rows:
        if row[2] in SCALARS and (row[0], row[1]) not in found:
            found[(row[0], row[1])] = _facts_of(keys, device_id, prison, row, wing)
    return found

"""Retention schedule: how long each kind of record about a prisoner is kept, by what happened to the prisoner
(issue 19 item 5; domain.md §3 rule 10; security.md §2.10).

A rule names a record kind (or `*`), a trigger and a number of years, and the legal source it rests on:
- `release`: counted from the day the prisoner left the wing released (their profile's status and left-at time);
- `transfer`: counted from the day they left on transfer (the file went with them; this wing keeps a copy);
- `record`: counted from when the record happened, whatever became of the prisoner.
A record takes the first rule of its own kind whose trigger applies, else the first `*` rule whose trigger applies;
none applies to a prisoner still in custody but `record` rules. Nothing here erases anything: the schedule only says
which records are due for a governor's review (services.retention).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from wingdesk.domain.errors import ValidationError

FORMAT = "wingdesk-retention/1"
TRIGGERS = ("release", "transfer", "record")
OUTCOME_OF_TRIGGER = {"release": "RELEASED", "transfer": "TRANSFERRED"}
ANY_KIND = "*"
_ID = re.compile(r"[a-z][a-z0-9_]{0,39}", re.ASCII)
_MAX_YEARS = 100


@dataclass(frozen=True)
class RetentionRule:
    id: str
    kind: str
    trigger: str
    years: int
    source: str

    def applies(self, outcome: str) -> bool:
        return self.trigger == "record" or OUTCOME_OF_TRIGGER[self.trigger] == outcome


@dataclass(frozen=True)
class Schedule:
    version: str
    rules: tuple[RetentionRule, ...]

    def rule_for(self, kind: str, outcome: str) -> RetentionRule | None:
        """The rule a record of `kind` about a prisoner whose status is `outcome` is kept under, if any applies."""
        for wanted in (kind, ANY_KIND):
            for rule in self.rules:
                if rule.kind == wanted and rule.applies(outcome):
                    return rule
        return None

    def rule(self, rule_id: str) -> RetentionRule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def parse_schedule(data: Any) -> Schedule:
    """A schedule file read back; ValidationError(`bad_retention_schedule`) for anything else."""
    def bad(detail: str) -> ValidationError:
        return ValidationError("bad_retention_schedule", field="retention", detail=detail)

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise bad("format")
    version, raw = data.get("version"), data.get("rules")
    if not isinstance(version, str) or not version or not isinstance(raw, list) or not raw:
        raise bad("version or rules")
    rules: list[RetentionRule] = []
    for item in raw:
        if not isinstance(item, dict):
            raise bad("rule")
        rule_id, kind, trigger = item.get("id"), item.get("kind"), item.get("trigger")
        years, source = item.get("years"), item.get("source")
        if not isinstance(rule_id, str) or not _ID.fullmatch(rule_id) or any(r.id == rule_id for r in rules):
            raise bad("rule id")
        if not isinstance(kind, str) or not (kind == ANY_KIND or _ID.fullmatch(kind)):
            raise bad(f"kind of {rule_id}")
        if trigger not in TRIGGERS:
            raise bad(f"trigger of {rule_id}")
        if not isinstance(years, int) or isinstance(years, bool) or not 1 <= years <= _MAX_YEARS:
            raise bad(f"years of {rule_id}")
        if not isinstance(source, str) or not source.strip():
            raise bad(f"source of {rule_id}")  # every period names its legal basis
        rules.append(RetentionRule(rule_id, kind, str(trigger), years, source.strip()))
    return Schedule(version, tuple(rules))


def add_years(day: date, years: int) -> date:
    """The same day `years` later (29 February becomes 28 February in a year without it)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class HeldRecord:
    """One record about a prisoner, as the schedule needs it."""

    record_id: str
    kind: str
    occurred_on: date
    outcome: str  # the prisoner's status: IN_CUSTODY, RELEASED, TRANSFERRED...
    left_on: date | None  # the day they left the wing, when they did


@dataclass(frozen=True)
class DueRecord:
    record_id: str
    kind: str
    rule_id: str
    due_on: date  # the day its retention ran out


def due_on(schedule: Schedule, held: HeldRecord) -> tuple[RetentionRule, date] | None:
    """The rule a record is kept under and the day its retention runs out; None while no rule applies yet."""
    rule = schedule.rule_for(held.kind, held.outcome)
    if rule is None:
        return None
    if rule.trigger == "record":
        return rule, add_years(held.occurred_on, rule.years)
    if held.left_on is None:
        return None
    return rule, add_years(held.left_on, rule.years)


def expired(schedule: Schedule, held: list[HeldRecord], today: date) -> list[DueRecord]:
    """The records whose retention has run out by `today` (due on or before it), oldest due first."""
    found = []
    for item in held:
        result = due_on(schedule, item)
        if result is not None and result[1] <= today:
            found.append(DueRecord(item.record_id, item.kind, result[0].id, result[1]))
    return sorted(found, key=lambda d: (d.due_on, d.record_id))

"""The retention schedule (issue 19 item 5): the shipped defaults parse, name a legal source for every period and
only known record kinds; which rule a record takes by the prisoner's outcome; what is due on a day."""

import copy
import json
from datetime import date

import pytest

from wingdesk.config.package_data import read_text
from wingdesk.domain.errors import ValidationError
from wingdesk.domain.kinds import KINDS
from wingdesk.domain.retention import HeldRecord, add_years, due_on, expired, parse_schedule
from wingdesk.services.retention_schedule import SHIPPED, shipped_schedule

RAW = json.loads(read_text(*SHIPPED))


def test_the_shipped_schedule_names_a_source_for_every_period_and_only_known_kinds():
    schedule = shipped_schedule()
    assert len(schedule.rules) == len(RAW["rules"]) >= 10
    for rule in schedule.rules:
        assert rule.kind == "*" or rule.kind in KINDS, rule.id
        assert len(rule.source) > 20 and rule.years >= 1


@pytest.mark.parametrize("change", [
    lambda d: d["rules"][0].pop("source"),
    lambda d: d["rules"][0].update(source="  "),
    lambda d: d["rules"][0].update(years=0),
    lambda d: d["rules"][0].update(years=True),
    lambda d: d["rules"][0].update(trigger="death"),
    lambda d: d["rules"][1].update(id=d["rules"][0]["id"]),
    lambda d: d["rules"][0].update(kind="Log Entry"),
    lambda d: d.update(format="other/1"),
    lambda d: d.update(rules=[]),
])
def test_a_damaged_schedule_is_refused(change):
    data = copy.deepcopy(RAW)
    change(data)
    with pytest.raises(ValidationError) as caught:
        parse_schedule(data)
    assert caught.value.code == "bad_retention_schedule"


def _held(kind, outcome, left=None, occurred=date(2016, 5, 1)):
    return HeldRecord("r-" + kind, kind, occurred, outcome, left)


def test_the_rule_follows_the_prisoners_outcome():
    schedule = shipped_schedule()
    assert due_on(schedule, _held("log_entry", "IN_CUSTODY")) is None  # in custody: not counting yet
    rule, day = due_on(schedule, _held("log_entry", "RELEASED", date(2017, 3, 1)))
    assert (rule.id, day) == ("wing_log", date(2019, 3, 1))
    rule, day = due_on(schedule, _held("log_entry", "TRANSFERRED", date(2021, 4, 20)))
    assert (rule.id, day) == ("transferred", date(2022, 4, 20))  # the file went with them
    rule, day = due_on(schedule, _held("disclosure", "IN_CUSTODY"))
    assert (rule.id, day) == ("disclosure", date(2022, 5, 1))  # counted from the record's date
    rule, _day = due_on(schedule, _held("some_new_kind", "RELEASED", date(2017, 3, 1)))
    assert rule.id == "other"
    assert due_on(schedule, _held("log_entry", "RELEASED", None)) is None  # no day of leaving: never due


def test_only_what_ran_out_by_the_day_is_due():
    schedule = shipped_schedule()
    held = [_held("log_entry", "RELEASED", date(2017, 3, 1)), _held("admission", "RELEASED", date(2017, 3, 1))]
    assert [d.rule_id for d in expired(schedule, held, date(2019, 2, 28))] == []
    assert [d.rule_id for d in expired(schedule, held, date(2019, 3, 1))] == ["wing_log"]
    assert [d.rule_id for d in expired(schedule, held, date(2027, 3, 1))] == ["wing_log", "admission"]


def test_29_february_plus_years():
    assert add_years(date(2016, 2, 29), 2) == date(2018, 2, 28)
    assert add_years(date(2016, 2, 29), 4) == date(2020, 2, 29)

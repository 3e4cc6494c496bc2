"""The demo wing tells one story over its fortnight, in the language it was created in (issue 14, item 9)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from wingdesk.config.package_data import WORDLIST_LANGUAGES, read_text
from wingdesk.demo.clock import DemoClock
from wingdesk.demo.generator import DemoBuilder
from wingdesk.demo.phrases import load_phrases


def shape(value):
    """The structure of a phrases file: keys, list lengths and every non-prose value (codes, days, flags)."""
    if isinstance(value, dict):
        return {k: (v if k in ("day", "category", "code", "sex", "urgent") and not isinstance(v, dict | list)
                    else shape(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(v) for v in value]
    return type(value).__name__


@pytest.mark.parametrize("lang", [lang for lang in WORDLIST_LANGUAGES if lang != "en"])
def test_every_language_has_the_same_phrases_translated(lang):
    english, other = load_phrases("en"), load_phrases(lang)
    assert shape(other) == shape(english)
    assert json.loads(read_text("resources", "demo", "phrases", f"{lang}.json")) == other
    assert other["story"]["urgent"]["fact"] != english["story"]["urgent"]["fact"], f"{lang} is not translated"


def test_the_demo_speaks_the_language_it_is_created_in():
    builder = DemoBuilder(backend=None, clock=DemoClock(), language="mk")
    assert builder.phrases == load_phrases("mk")
    assert load_phrases("xx") == load_phrases("en")


def test_each_observation_carries_the_assessment_written_for_its_facts(sign_in):
    pairs = {item["fact"]: item["assessment"] for items in load_phrases("en")["observation_facts"].values()
             for item in items}
    pairs |= {beat["fact"]: beat["assessment"] for arc in ("low_mood", "pressure")
              for beat in load_phrases("en")["story"][arc]}
    story = load_phrases("en")["story"]
    pairs[story["urgent"]["fact"]] = story["urgent"]["assessment"]
    seen = sign_in("supervisor").observations.recent(limit=500)
    assert len(seen) > 50
    for record in seen:
        assert pairs[record.body["what_seen_heard"]] == record.body["officer_assessment"]


def test_the_fortnight_hangs_together(sign_in):
    supervisor, story = sign_in("supervisor"), load_phrases("en")["story"]
    seen = supervisor.observations.recent(limit=500)
    low_mood = [r for r in seen if r.body["what_seen_heard"] in {b["fact"] for b in story["low_mood"]}]
    assert len(low_mood) == len(story["low_mood"]) and len({r.prisoner_id for r in low_mood}) == 1
    prisoner = low_mood[0].prisoner_id
    assert supervisor.prisoners.get(prisoner).sex == "M"
    alerts = supervisor.alerts.active(prisoner)
    assert [a.body["code"] for a in alerts] == ["SELF_HARM_RISK"]
    urgent = [r for r in seen if r.body.get("urgent")]
    assert {r.body["what_seen_heard"] for r in urgent} == {story["urgent"]["fact"], story["low_mood"][2]["fact"]}
    today = supervisor.prisoners.today()
    for person in supervisor.prisoners.page(limit=1000):
        if person.expected_release:
            assert date.fromisoformat(person.expected_release) > today


def test_a_prisoner_comes_back_from_where_he_went(sign_in):
    officer = sign_in("officer")
    today = officer.prisoners.today().isoformat()
    moves = [e for e in officer.logs.day(today).entries if e.body.get("direction") in ("OUT", "IN")]
    assert moves
    out = {e.prisoner_id: e.body["destination"] for e in moves if e.body["direction"] == "OUT"}
    for entry in moves:
        if entry.body["direction"] == "IN":
            assert out[entry.prisoner_id] == entry.body["destination"]

"""Research rows carry the stable prison and wing codes HQ's prison/wing hierarchy gives the device that sent them
(hq.research_ingest, hq.hierarchy), on SQLite and PostgreSQL: before any hierarchy the device's enrolled name and
the record's own wing; after one is published, its codes; a PC the hierarchy does not name keeps the fallback; facts
derived ahead under the old place are derived again by the writer; a rebuild uses the codes too."""

from __future__ import annotations

import uuid

from tests.hierarchy_documents import changed, data
from tests.hq.conftest import Wing, enrol
from tests.hq.test_research import line, research_rows
from wingdesk.hq import publishing
from wingdesk.hq.ingest import ingest
from wingdesk.hq.research_ingest import rebuild_research


def _observation(prisoner: str) -> dict:
    return line("observation", {"category": "NEEDS_REQUEST", "polarity": "NEUTRAL", "what_seen_heard": "x",
                                "source_type": "DIRECT", "urgent": False}, prisoner)


def _places(ctx) -> set[tuple[str, str]]:
    return {(row[5], row[6]) for row in research_rows(ctx)}


def _publish(ctx, device_id: str, revision: int = 1) -> None:
    doc = changed(revision, lambda d: d["wings"][0].__setitem__("devices", [device_id]))
    publishing.publish(ctx.store, ctx.keys, ctx.clock(), publishing.HIERARCHY, data(doc), "ana")


def test_research_rows_carry_the_hierarchy_codes_once_published(ctx, hq_keys):
    wing = enrol(ctx, Wing(hq_keys, name="Krilo B"))
    other = enrol(ctx, Wing(hq_keys, name="Not in the hierarchy"))
    assert ingest(ctx, wing.bundle([_observation(str(uuid.uuid4()))])).outcome == "accepted"
    before = _places(ctx)
    assert {prison for prison, _wing in before} == {"Krilo B"}  # the enrolled name, as before any hierarchy
    _publish(ctx, wing.device_id)
    assert ingest(ctx, wing.bundle([_observation(str(uuid.uuid4()))])).outcome == "accepted"
    assert ingest(ctx, other.bundle([_observation(str(uuid.uuid4()))])).outcome == "accepted"
    after = _places(ctx)
    assert ("IDRIZOVO", "IDR_B") in after
    assert {p for p, _w in after} == {"Krilo B", "IDRIZOVO", "Not in the hierarchy"}
    assert rebuild_research(ctx.store, hq_keys.research_key) > 0
    rebuilt = _places(ctx)  # every stored line of the device, derived again under the codes
    assert {p for p, _w in rebuilt} == {"IDRIZOVO", "Not in the hierarchy"} and ("IDRIZOVO", "IDR_B") in rebuilt


def test_facts_derived_ahead_before_a_hierarchy_are_derived_again(ctx, hq_keys, monkeypatch):
    from wingdesk.hq import ingest as ingest_module
    from wingdesk.hq.research_ingest import derived_by_reader

    wing = enrol(ctx, Wing(hq_keys, name="Krilo B"))

    def publish_in_between(ask, contents):
        derived = derived_by_reader(ask, contents)  # the reader derived them under the enrolled name
        assert derived.by_line and derived.where == ("Krilo B", None)
        _publish(ctx, wing.device_id)  # then HQ publishes the hierarchy before the writer stores the lines
        return derived

    monkeypatch.setattr(ingest_module, "derived_by_reader", publish_in_between)
    assert ingest(ctx, wing.bundle([_observation(str(uuid.uuid4()))])).outcome == "accepted"
    assert _places(ctx) == {("IDRIZOVO", "IDR_B")}

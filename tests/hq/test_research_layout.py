"""The research store's tables (issue 17 item 7, docs/research-data.md): a record's facts found through its one row in
research_records; a store of the first layout (schema version 1: a row key on every fact, an index entry per fact)
opens with its facts kept and goes on working; on PostgreSQL the dashboard's counts read their partial indexes."""

from __future__ import annotations

import uuid

from tests.hq.conftest import Clock, Wing, enrol
from tests.hq.test_research import FREE, hostile_lines, line, research_rows
from wingdesk.hq import schema
from wingdesk.hq.ingest import HqContext, ingest
from wingdesk.hq.research_charts import CHARTS
from wingdesk.hq.research_derive import row_key
from wingdesk.hq.research_export import counts
from wingdesk.hq.research_sql import COLUMNS
from wingdesk.hq.store import open_store

# research_facts as schema version 1 made it (hq.schema before research_records)
_FIRST = """CREATE TABLE research_facts (
    row_key TEXT NOT NULL, rev {int} NOT NULL, kind TEXT NOT NULL, subject TEXT NOT NULL, subject_type TEXT NOT NULL,
    prison TEXT NOT NULL, wing TEXT NOT NULL, month TEXT NOT NULL, measure TEXT NOT NULL, part TEXT NOT NULL,
    value TEXT NOT NULL, number {int}){strict}"""


def _to_first_layout(store) -> list[tuple]:
    """Make a store's research tables what an HQ of schema version 1 holds, with the same facts."""
    types = schema.POSTGRES_TYPES if store.postgres else schema.SQLITE_TYPES
    with store.transaction() as repo:
        facts = repo._rows(f"SELECT {', '.join(COLUMNS)} FROM research_facts")
        repo._exec("DROP TABLE research_facts")
        repo._exec("DROP TABLE research_records")
        if store.postgres:
            repo._exec("DROP SEQUENCE research_record_no")
        repo._exec(_FIRST.format(**types))
        repo._exec("CREATE INDEX research_facts_row ON research_facts(row_key)")
        for fact in facts:
            repo._exec(f"INSERT INTO research_facts VALUES ({', '.join('?' * len(COLUMNS))})", fact)
        repo._exec("UPDATE meta SET value = '1' WHERE name = 'schema_version'")
    return facts


def _observation(prisoner: str, record_id: str, rev: int, category: str) -> dict:
    return line("observation", {"category": category, "polarity": "CONCERN", "what_seen_heard": FREE,
                                "source_type": "DIRECT"}, prisoner, rev=rev, record_id=record_id)


def test_a_store_of_the_first_layout_opens_with_its_facts_kept_and_goes_on(tmp_path, backend, hq_keys):
    prisoner, record_id = str(uuid.uuid4()), str(uuid.uuid4())
    store = open_store(tmp_path / "hq", backend)
    ctx = HqContext(store, hq_keys, clock=Clock())
    wing = enrol(ctx, Wing(hq_keys))
    ingest(ctx, wing.bundle([*hostile_lines(prisoner), _observation(prisoner, record_id, 1, "NEEDS_REQUEST")]))
    facts = _to_first_layout(store)
    store.close()

    store = open_store(tmp_path / "hq", backend)  # the upgrade runs as the store opens
    try:
        ctx = HqContext(store, hq_keys, clock=ctx.clock)
        assert sorted(research_rows(ctx)) == sorted(facts) and len(facts) > 20
        with store.transaction(write=False) as repo:
            records = repo._rows("SELECT row_key, rev, record_no FROM research_records")
            assert repo._one("SELECT value FROM meta WHERE name = 'schema_version'") == (str(schema.SCHEMA_VERSION),)
            linked = repo._rows("SELECT DISTINCT f.row_key, r.row_key FROM research_facts f "
                                "JOIN research_records r ON r.record_no = f.record_no")
        assert sorted(bytes(key).hex() for key, _, _ in records) == sorted({fact[0] for fact in facts})
        assert all(len(bytes(key)) == 16 for key, _, _ in records)
        assert all(text == bytes(key).hex() for text, key in linked) and len(linked) == len(records)

        # a newer revision replaces the facts of its record only; a new record gets a number after all others
        ingest(ctx, wing.bundle([_observation(prisoner, record_id, 2, "WELLBEING_VULNERABILITY"),
                                 _observation(prisoner, str(uuid.uuid4()), 1, "NEEDS_REQUEST")]))
        mine = row_key(hq_keys.research_key, wing.device_id, record_id)
        categories = sorted((r[0] == mine, r[1], r[10]) for r in research_rows(ctx) if r[8] == "category")
        assert categories == [(False, 1, "NEEDS_REQUEST"), (False, 1, "NEEDS_REQUEST"),
                              (True, 2, "WELLBEING_VULNERABILITY")]
        with store.transaction(write=False) as repo:
            numbers = [int(r[0]) for r in repo._rows("SELECT record_no FROM research_records ORDER BY record_no")]
            assert repo._rows("SELECT rev FROM research_records WHERE row_key = ?", (bytes.fromhex(mine),)) == [(2,)]
        assert len(numbers) == len(records) + 1 and numbers[-1] > max(int(r[2]) for r in records)
        assert [cell.group for cell in counts(store, "category", ("value",))] == [("NEEDS_REQUEST",),
                                                                                 ("WELLBEING_VULNERABILITY",)]
        now = sorted(research_rows(ctx))
    finally:
        store.close()
    store = open_store(tmp_path / "hq", backend)  # opening again changes nothing
    try:
        assert sorted(research_rows(HqContext(store, hq_keys, clock=ctx.clock))) == now
    finally:
        store.close()


def test_every_dashboard_chart_has_its_partial_indexes_and_its_counts_read_them(tmp_path, pg_schema, hq_keys):
    assert {(measure, x, series) for _, measure, x, series, _ in CHARTS} == set(schema.DASHBOARD)
    store = open_store(tmp_path / "hq", pg_schema)
    try:
        ctx = HqContext(store, hq_keys, clock=Clock())
        wing = enrol(ctx, Wing(hq_keys))
        ingest(ctx, wing.bundle(hostile_lines(str(uuid.uuid4()))))
        for measure, x, series in schema.DASHBOARD:
            with store.transaction(write=False) as repo:
                seen: list[tuple] = []
                run = repo._rows
                repo._rows = lambda sql, params=(), run=run: seen.append((sql, params)) or run(sql, params)
                repo.research_counts(measure, (x, series))
                repo._exec("SET LOCAL enable_seqscan = off")  # a table this small would be scanned anyway
                plan = "\n".join(r[0] for r in run("EXPLAIN " + seen[0][0], seen[0][1]))
            assert f"research_facts_{measure} " in plan and f"research_facts_{measure}_records" in plan, plan
    finally:
        store.close()

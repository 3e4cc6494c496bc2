"""The research store against a hostile or careless wing (issue 17 item 4): canaries put in every field a line can
carry, coded fields included, never reach research_facts nor an export; pseudonyms are stable across bundles and
differ under another HQ's key; counts suppress cells below 5; the export command refuses without a purpose."""

from __future__ import annotations

import csv
import io
import json
import uuid

import pytest

from tests.hq.conftest import Clock, Wing, enrol
from wingdesk.hq.cli import main
from wingdesk.hq.ingest import HqContext, ingest
from wingdesk.hq.keystore import HqKeys, KdfParams, save_keystore
from wingdesk.hq.research_derive import pseudonym
from wingdesk.hq.research_export import SMALL_CELL, counts, export, parquet_available
from wingdesk.hq.research_sql import COLUMNS
from wingdesk.hq.store import open_store
from wingdesk.sync import keys
from wingdesk.sync.payload import record_content_hash

CANARY = "Qxv Canarynamez"
NUMBER = "PN-77120931"
FREE = "canary free text zqxj"


def line(kind: str, body: dict, prisoner_id: str | None, *, rev: int = 1, record_id: str | None = None,
         wing: str = "B-Wing", occurred_at: str = "2026-03-14T09:00:00Z") -> dict:
    record_id = record_id or str(uuid.uuid4())
    content = {"id": record_id, "kind": kind, "revision": rev, "wing": wing, "prisoner_id": prisoner_id,
               "author_id": str(uuid.uuid4()), "author_role": "OFFICER", "occurred_at": occurred_at,
               "recorded_at": occurred_at, "sensitivity": "NORMAL", "day": occurred_at[:10], "shift_id": None,
               "body": body}
    envelope = {"record": content, "status": "ACTIVE", "author_name": CANARY, "prisoner_number": NUMBER}
    return {"record_id": record_id, "rev": rev, "kind": kind, "content_hash": record_content_hash(envelope),
            "body": envelope}


def hostile_lines(prisoner: str) -> list[dict]:
    """Each kind the store reads, its text fields holding canaries and its coded fields holding text."""
    return [
        line("observation", {"category": "NEEDS_REQUEST", "polarity": FREE, "what_seen_heard": FREE,
                             "where": CANARY, "who_present": NUMBER, "source_type": "DIRECT", "urgent": True},
             prisoner),
        line("assessment", {"assessment_kind": "INITIAL", "instrument_id": CANARY.lower(), "instrument_version": 1,
                            "status": "COUNTERSIGNED", "level": "HIGH", "nature": CANARY, "formulation": FREE,
                            "agreed": [{"part": CANARY.upper(), "rating": "HIGH", "rationale": FREE}],
                            "countersigned_on": "2026-03-20", "prisoner_comments": [{"comment": FREE}]}, prisoner),
        line("assessment", {"assessment_kind": "PERIODIC", "instrument_id": "wd.extremism_risk_spj",
                            "instrument_version": 1, "status": "AGREED", "level": "LOW",
                            "agreed": [{"part": "BELIEFS_ATTITUDES", "rating": NUMBER},
                                       {"part": "CONTEXT_INTENT", "rating": "LOW", "rationale": FREE}]}, prisoner),
        line("plan", {"reason_for_plan": FREE, "prisoner_goals_own_words": FREE, "status": "ACTIVE",
                      "agreement_status": "AGREED",
                      "needs": [{"area": "FINANCE", "goal_text": FREE, "status": CANARY}, {"area": CANARY}],
                      "steps": [{"step_type": "MENTORING_PEER", "description": FREE, "responsible_person": CANARY,
                                 "status": "COMPLETED"}]}, prisoner),
        line("incident", {"incident_type": "FIGHT", "status": "DRAFT", "place": CANARY, "description": FREE,
                          "prisoners": [{"prisoner_id": prisoner, "role": CANARY}],
                          "staff": [{"user_id": "u1", "name": CANARY, "role": "WITNESS"}]}, None),
        line("use_of_force", {"primary_reason": "DISORDER", "status": "SUBMITTED", "place": CANARY,
                              "description": FREE, "techniques": ["GUIDING_HOLD", CANARY], "duration_minutes": 4,
                              "camera_ids": NUMBER, "prisoners": [{"prisoner_id": prisoner, "role": "FIGHTER"}]},
             None),
        line("admission", {"number": NUMBER, "family_name": CANARY, "given_name": CANARY, "sex": "F",
                           "legal_status": "REMAND", "date_of_birth": "1990-06-30", "cell": CANARY,
                           "languages": CANARY, "admission_date": "2026-03-01"}, prisoner),
        line("training_completion", {"module_id": CANARY, "module_version": 2, "language": "sq", "correct": 9,
                                     "questions": 10, "completed_on": "2026-03-02"}, None),
        line("daily_log", {"text": FREE, "who": CANARY}, prisoner),  # a kind the store does not read
    ]


def research_rows(ctx: HqContext) -> list[tuple]:
    with ctx.store.transaction(write=False) as repo:
        return repo._rows(f"SELECT {', '.join(COLUMNS)} FROM research_facts")


def test_canaries_in_any_field_never_reach_the_store_or_the_export(ctx, wing, tmp_path):
    prisoner = str(uuid.uuid4())
    assert ingest(ctx, wing.bundle(hostile_lines(prisoner))).outcome == "accepted"
    rows = research_rows(ctx)
    assert rows
    text = repr(rows).lower()
    for canary in (CANARY, NUMBER, FREE, prisoner):
        assert canary.lower() not in text
    facts = {(r[2], r[8], r[9], r[10]) for r in rows}
    assert ("observation", "category", "", "NEEDS_REQUEST") in facts
    assert not any(r[8] == "polarity" for r in rows)  # text in a coded field is dropped, not copied
    assert ("assessment", "instrument", "", "OTHER") in facts and ("assessment", "level", "", "HIGH") in facts
    assert ("assessment", "rating", "CONTEXT_INTENT", "LOW") in facts
    assert [r for r in rows if r[8] == "rating"] == [r for r in rows if r[9] == "CONTEXT_INTENT"]
    assert ("plan", "needs", "FINANCE", "") in facts and ("plan", "steps", "MENTORING_PEER", "COMPLETED") in facts
    assert ("use_of_force", "techniques", "", "GUIDING_HOLD") in facts
    assert ("incident", "involved", "", "") in facts and ("use_of_force", "involved", "FIGHTER", "") in facts
    assert ("admission", "age_band", "", "35_44") in facts and ("admission", "special_group", "", "FEMALE") in facts
    assert ("training_completion", "module", "", "OTHER") in facts
    assert not any(r[2] == "daily_log" for r in rows)
    out = tmp_path / "all.csv"
    export(ctx.store, out, "hostile wing check", "tester", ctx.clock())
    data = out.read_bytes().lower()
    for canary in (CANARY, NUMBER, FREE, prisoner):
        assert canary.lower().encode() not in data
    assert len(list(csv.reader(out.read_text().splitlines()))) == len(rows) + 1


def test_a_pseudonym_is_stable_across_bundles_and_differs_under_another_key(ctx, wing, hq_keys, tmp_path):
    prisoner = str(uuid.uuid4())
    ingest(ctx, wing.bundle([line("observation", {"category": "NEEDS_REQUEST", "polarity": "CONCERN",
                                                  "what_seen_heard": FREE, "source_type": "DIRECT"}, prisoner)]))
    ingest(ctx, wing.bundle([line("plan", {"reason_for_plan": FREE, "prisoner_goals_own_words": FREE,
                                           "status": "DRAFT", "agreement_status": "DRAFT"}, prisoner)]))
    subjects = {r[3] for r in research_rows(ctx)}
    assert subjects == {pseudonym(hq_keys.research_key, prisoner)}
    other_keys = HqKeys("prod", "Other HQ", "2025-01-01T00:00:00Z", keys.generate_key_pairs())
    other = HqContext(open_store(tmp_path / "other"), other_keys, clock=Clock())
    try:
        twin = enrol(other, Wing(other_keys))
        ingest(other, twin.bundle([line("observation", {"category": "NEEDS_REQUEST", "polarity": "CONCERN",
                                                        "what_seen_heard": FREE, "source_type": "DIRECT"},
                                        prisoner)]))
        assert {r[3] for r in research_rows(other)} == {pseudonym(other_keys.research_key, prisoner)}
        assert not subjects & {r[3] for r in research_rows(other)}
    finally:
        other.store.close()


def test_a_newer_revision_replaces_the_facts_and_an_older_one_changes_nothing(ctx, wing):
    prisoner, record_id = str(uuid.uuid4()), str(uuid.uuid4())

    def observation(rev: int, category: str) -> dict:
        return line("observation", {"category": category, "polarity": "CONCERN", "what_seen_heard": FREE,
                                    "source_type": "DIRECT"}, prisoner, rev=rev, record_id=record_id)

    ingest(ctx, wing.bundle([observation(2, "NEEDS_REQUEST")]))
    ingest(ctx, wing.bundle([observation(1, "WELLBEING_VULNERABILITY")]))  # late, older
    assert [r[10] for r in research_rows(ctx) if r[8] == "category"] == ["NEEDS_REQUEST"]
    ingest(ctx, wing.bundle([observation(3, "WELLBEING_VULNERABILITY")]))
    assert [(r[1], r[10]) for r in research_rows(ctx) if r[8] == "category"] == [(3, "WELLBEING_VULNERABILITY")]


def test_counts_suppress_cells_under_five(ctx, wing):
    lines = [line("observation", {"category": "NEEDS_REQUEST", "polarity": "CONCERN", "what_seen_heard": FREE,
                                  "source_type": "DIRECT"}, str(uuid.uuid4()), occurred_at=f"2026-0{m}-02T08:00:00Z")
             for m, n in ((4, SMALL_CELL - 1), (5, SMALL_CELL)) for _ in range(n)]
    ingest(ctx, wing.bundle(lines))
    cells = {cell.group: cell.count for cell in counts(ctx.store, "category", ("month", "value"))}
    assert cells == {("2026-04", "NEEDS_REQUEST"): None, ("2026-05", "NEEDS_REQUEST"): SMALL_CELL}


def test_the_export_command_refuses_without_a_purpose_and_writes_csv_or_parquet(sqlite_ctx, tmp_path, capsys,
                                                                                monkeypatch):
    wing = enrol(sqlite_ctx, Wing(sqlite_ctx.keys))
    ingest(sqlite_ctx, wing.bundle(hostile_lines(str(uuid.uuid4()))))
    data = ["--data", str(tmp_path / "hq-sqlite")]
    save_keystore(tmp_path / "hq-sqlite" / "hq-keys.json", sqlite_ctx.keys, b"pass", KdfParams(64 * 1024, 3, 1))
    out = tmp_path / "r.csv"
    assert main([*data, "research", "export", "--out", str(out)]) != 0
    assert "--purpose" in capsys.readouterr().err and not out.exists()
    assert main([*data, "research", "export", "--out", str(tmp_path / "r.xlsx"), "--purpose", "x"]) != 0
    assert main([*data, "research", "export", "--out", str(out), "--purpose", "Needs by prison"]) == 0
    assert (tmp_path / "r.csv.dictionary.md").read_text().startswith("# WingDesk research data")
    assert main([*data, "research", "export", "--out", str(out), "--purpose", "again"]) != 0  # never overwritten
    monkeypatch.setattr("sys.stdin", io.StringIO("pass\n"))
    assert main([*data, "--password-stdin", "research", "rebuild"]) == 0
    assert main([*data, "research", "export", "--out", str(tmp_path / "again.csv"), "--purpose", "after"]) == 0
    assert sorted((tmp_path / "again.csv").read_text().splitlines()) == sorted(out.read_text().splitlines())
    parquet = tmp_path / "r.parquet"
    if not parquet_available():
        assert main([*data, "research", "export", "--out", str(parquet), "--purpose", "x"]) != 0
        return
    assert main([*data, "research", "export", "--out", str(parquet), "--purpose", "Needs by prison"]) == 0
    import pyarrow.parquet as pq

    table = pq.read_table(parquet)
    assert table.num_rows == len(out.read_text().splitlines()) - 1
    assert CANARY.encode() not in parquet.read_bytes()
    with sqlite_ctx.store.transaction(write=False) as repo:
        audited = [json.loads(r[0]) for r in repo._rows("SELECT detail FROM audit WHERE action = ?",
                                                        ("research_exported",))]
    assert [(a["format"], a["purpose"]) for a in audited] == [("csv", "Needs by prison"), ("csv", "after"),
                                                              ("parquet", "Needs by prison")]


def test_the_research_key_is_kept_in_hq_key_file_and_an_older_file_gains_one(tmp_path):
    from wingdesk.hq import keystore
    from wingdesk.sync.strict_json import canonical

    cost = KdfParams(64 * 1024, 3, 1)
    hq = keystore.rotate_enc_key(HqKeys("prod", "HQ", "2025-01-01T00:00:00Z", keys.generate_key_pairs()))
    path = tmp_path / "hq-keys.json"
    save_keystore(path, hq, b"pass", cost)
    loaded = keystore.load_keystore(path, b"pass")
    assert loaded.research_key == hq.research_key and len(hq.research_key) == 32
    assert loaded.retired_enc == hq.retired_enc and keystore.rotate_enc_key(loaded).research_key == hq.research_key
    # a file written before research keys: no flag in its public part, no key in its secret
    doc = keystore._public_doc(hq, cost, b"s" * 16)
    del doc["research_key"]
    secret = hq.current.sign_private + hq.current.enc_private + b"".join(hq.retired_enc)
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    sealed = AESGCM(keystore._kek(b"pass", b"s" * 16, cost)).encrypt(b"n" * 12, secret, canonical(doc))
    path.write_bytes(canonical(dict(doc, nonce=keystore._b64(b"n" * 12), ciphertext=keystore._b64(sealed))))
    old = keystore.load_keystore(path, b"pass")
    assert old.research_key == b"" and old.retired_enc == hq.retired_enc
    upgraded = keystore.with_research_key(path, old, b"pass")
    assert len(upgraded.research_key) == 32 and upgraded.current == hq.current
    assert keystore.load_keystore(path, b"pass").research_key == upgraded.research_key


def test_a_rebuild_derives_what_ingest_would_have(ctx, wing, hq_keys):
    from wingdesk.hq.research_ingest import rebuild_research

    prisoner = str(uuid.uuid4())
    ingest(ctx, wing.bundle(hostile_lines(prisoner)))
    derived = sorted(research_rows(ctx))
    quiet = HqContext(ctx.store, hq_keys, clock=ctx.clock, research=False)  # an HQ from before the research store
    ingest(quiet, wing.bundle(hostile_lines(str(uuid.uuid4()))))
    assert sorted(research_rows(ctx)) == derived
    assert rebuild_research(ctx.store, hq_keys.research_key, page=3) > len(derived)
    rebuilt = sorted(research_rows(ctx))
    assert set(derived) < set(rebuilt) and len(rebuilt) == 2 * len(derived)


def test_a_prison_name_that_starts_like_a_formula_is_quoted_in_the_csv(ctx, hq_keys, tmp_path):
    wing = enrol(ctx, Wing(hq_keys, name="=HYPERLINK(\"http://x\")"))
    ingest(ctx, wing.bundle([line("observation", {"category": "NEEDS_REQUEST", "polarity": "CONCERN",
                                                  "what_seen_heard": FREE, "source_type": "DIRECT"},
                                  str(uuid.uuid4()), wing="@wing")]))
    out = tmp_path / "r.csv"
    export(ctx.store, out, "formula check", "tester", ctx.clock())
    rows = list(csv.DictReader(out.read_text().splitlines()))
    assert {(r["prison"], r["wing"]) for r in rows} == {("'=HYPERLINK(\"http://x\")", "'@wing")}


def test_facts_derived_ahead_under_a_name_the_device_no_longer_has_are_derived_again(ctx, wing, monkeypatch):
    """Ingest's reader derives a bundle's facts before its write unit, with the device's name read then; if it was
    renamed in between, the writer derives them again under the name it holds (facts carry it as `prison`)."""
    from wingdesk.hq import ingest as ingest_module
    from wingdesk.hq.research_derive import derive_by_line
    from wingdesk.hq.research_ingest import Derived

    def stale(ask, contents):
        return Derived(("Renamed since", None), derive_by_line(ask.key, ask.device_id, "Renamed since",
                                                               contents.rows))

    monkeypatch.setattr(ingest_module, "derived_by_reader", stale)
    ingest(ctx, wing.bundle(hostile_lines(str(uuid.uuid4()))))
    with ctx.store.transaction(write=False) as repo:
        name = repo.get_device(wing.device_id).wing_name
    assert {row[5] for row in research_rows(ctx)} == {name}


def test_the_csv_holds_every_fact_as_stored_whichever_database_writes_it(ctx, wing, tmp_path, monkeypatch):
    """On PostgreSQL the server writes the CSV (COPY ... TO STDOUT); on SQLite Python's csv module does. Both files
    read back as the stored facts, with the same header, and the audit counts the same rows."""
    from wingdesk.hq.research_export import EXPORT_COLUMNS

    assert ingest(ctx, wing.bundle(hostile_lines(str(uuid.uuid4())))).outcome == "accepted"
    with ctx.store.transaction(write=False) as repo:
        stored = [tuple("" if v is None else str(v) for v in row)
                  for batch in repo.research_batches(list(EXPORT_COLUMNS.values())) for row in batch]
        copied = repo.research_csv(list(EXPORT_COLUMNS.values()), None, [])
        assert (copied is None) == (not ctx.store.postgres)  # the fast path is the one PostgreSQL takes
    out = tmp_path / "all.csv"
    done = export(ctx.store, out, "both databases", "tester", ctx.clock())
    header, *rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert header == list(EXPORT_COLUMNS)
    assert sorted(tuple(row) for row in rows) == sorted(stored)
    assert done.rows == len(stored) > 0


def test_parquet_holds_every_fact_as_stored_whichever_database_writes_it(ctx, hq_keys, tmp_path):
    """On PostgreSQL the Parquet file is made from the server's CSV by Arrow's reader: names holding quotes, commas,
    a newline or a formula start come through as stored (no apostrophe: Parquet is not a spreadsheet)."""
    if not parquet_available():
        pytest.skip("pyarrow is not installed")
    import pyarrow.parquet as pq

    from wingdesk.hq.research_export import EXPORT_COLUMNS

    wing = enrol(ctx, Wing(hq_keys, name='=Prison "North",\nBlock'))
    ingest(ctx, wing.bundle([line("observation", {"category": "NEEDS_REQUEST", "polarity": "CONCERN",
                                                  "what_seen_heard": FREE, "source_type": "DIRECT"},
                                  str(uuid.uuid4()), wing="@wing, \"B\"")]))
    with ctx.store.transaction(write=False) as repo:
        stored = [tuple(row) for batch in repo.research_batches(list(EXPORT_COLUMNS.values())) for row in batch]
    out = tmp_path / "all.parquet"
    done = export(ctx.store, out, "both databases", "tester", ctx.clock())
    table = pq.read_table(out)
    assert table.column_names == list(EXPORT_COLUMNS)
    assert sorted(zip(*(table.column(n).to_pylist() for n in EXPORT_COLUMNS), strict=True)) == sorted(stored)
    assert done.rows == len(stored) > 0
    assert ('=Prison "North",\nBlock', '@wing, "B"') in {(row[4], row[5]) for row in stored}


def test_on_postgresql_a_formula_name_is_quoted_even_if_it_arrived_after_the_names_were_listed(ctx, hq_keys, tmp_path,
                                                                                              monkeypatch):
    """PostgreSQL reads each statement of the export anew: a wing name written between the listing of names and the
    COPY must still get its apostrophe (the server adds it wherever needed). SQLite's read transaction is one
    snapshot, so there the listing holds."""
    if not ctx.store.postgres:
        pytest.skip("SQLite reads one snapshot")
    from wingdesk.hq.sql_repository import SqlRepository

    wing = enrol(ctx, Wing(hq_keys, name="North"))
    ingest(ctx, wing.bundle([line("observation", {"category": "NEEDS_REQUEST", "polarity": "CONCERN",
                                                  "what_seen_heard": FREE, "source_type": "DIRECT"},
                                  str(uuid.uuid4()), wing="=HYPERLINK(\"http://x\")")]))
    monkeypatch.setattr(SqlRepository, "research_places", lambda self: [("North", "Wing A")])  # listed before
    out = tmp_path / "r.csv"
    export(ctx.store, out, "race check", "tester", ctx.clock())
    assert {r["wing"] for r in csv.DictReader(out.read_text().splitlines())} == {"'=HYPERLINK(\"http://x\")"}

"""Research data pseudonymised at ingest (issue 17 item 4), end to end: canary names, prison numbers and free
texts written on a real wing, sealed in real bundles and ingested by an HQ (SQLite, and PostgreSQL where
WINGDESK_TEST_PG names one), are never found in any research table nor in the exported file's bytes; the research
rows follow revisions, and an administrator's hard delete takes them away."""

from __future__ import annotations

import csv

import pytest

from tests.integration import test_tombstones_to_hq
from tests.integration.assessment_helpers import agreed_assessment, install
from tests.integration.sync_helpers import enrol
from tests.integration.test_forged_authors import export_all
from wingdesk.hq.ingest import ingest
from wingdesk.hq.research_derive import pseudonym
from wingdesk.hq.research_export import ExportRefused, export
from wingdesk.sync import usb
from wingdesk.sync.wing_sync import WingSync

NUMBER, GIVEN, FAMILY = "QZ-48151623", "Zorkana", "Vqlemirović"
CYRILLIC = "Зорканa Вqлемировић"
TEXTS = ("canary-obs pxqwv seen at the chapel", "canary-goal mdkzq wants to read", "canary-incident fjwqk punch",
         "canary-uof hvbnq held", "canary-statement lpzxq", "canary-correction wqzpk", "canary-formulation rxqzv",
         "canary-plan-reason yqzvk", "canary-step tqzwx")
CANARIES = (NUMBER, GIVEN, FAMILY, CYRILLIC, *TEXTS)
hq = test_tombstones_to_hq.hq  # the HQ on each database (PostgreSQL where WINGDESK_TEST_PG names one)


def _research_tables(hq):
    """Every column of every research table, as text, table by table."""
    with hq.store.transaction(write=False) as repo:
        if hq.store.postgres:
            names = [r[0] for r in repo._rows("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                                              "AND substr(tablename, 1, 9) = 'research_'")]
        else:
            names = [r[0] for r in repo._rows("SELECT name FROM sqlite_master WHERE type = 'table' "
                                              "AND substr(name, 1, 9) = 'research_'")]
        return {name: repr(repo._rows(f"SELECT * FROM {name}")) for name in names}


def _facts(hq, measure):
    with hq.store.transaction(write=False) as repo:
        return repo._rows("SELECT subject, part, value, number, kind FROM research_facts WHERE measure = ? "
                          "ORDER BY part, value", (measure,))


@pytest.fixture
def written(wing, login, hq, tmp_path):
    """A wing that wrote every kind the research store covers, about a canary prisoner, and sent it to HQ."""
    wing.sync_factory = WingSync
    sup = login("sup")
    enrol(sup, hq)
    prisoner = sup.prisoners.admit(NUMBER, GIVEN, FAMILY, "F", "REMAND", name_cyrillic=CYRILLIC,
                                   date_of_birth="2006-02-03", first_time=True, cell="B1-09",
                                   admission_date="2026-01-10")
    off1, off2, psy = login("off1"), login("off2"), login("psy")
    observation = off1.observations.record(prisoner.id, "NEEDS_REQUEST", "CONCERN", TEXTS[0])
    off1.observations.amend(observation.id, TEXTS[5])
    plan = psy.treatment.create_plan(prisoner.id, {
        "reason_for_plan": TEXTS[7], "prisoner_goals_own_words": TEXTS[1],
        "needs": [{"area": "EDUCATION_TRAINING_EMPLOYMENT", "goal_text": TEXTS[1]}],
        "steps": [{"step_type": "EDUCATION", "description": TEXTS[8], "responsible_person": FAMILY,
                   "status": "COMPLETED", "start_date": "2026-01-12", "end_date": "2026-01-20"}]})
    incident = off1.incidents.create({"incident_type": "ASSAULT", "description": TEXTS[2],
                                      "prisoners": [{"prisoner_id": prisoner.id, "role": "VICTIM"}]})
    report = off1.use_of_force.report({
        "primary_reason": "ASSAULT_ON_STAFF", "place": GIVEN, "description": TEXTS[3], "duration_minutes": 2,
        "incident_id": incident.id, "techniques": ["GUIDING_HOLD"],
        "prisoners": [{"prisoner_id": prisoner.id, "role": "ASSAILANT"}],
        "staff": [{"user_id": off1.user.id, "role": "ACTIVELY_INVOLVED"}, {"user_id": off2.user.id,
                                                                            "role": "WITNESS"}]})
    off1.use_of_force.add_statement(report.id, "ACTIVELY_INVOLVED", TEXTS[4])
    install(login)
    assessment = agreed_assessment(psy, login("sw"), prisoner.id, "HIGH", "HIGH")
    login("gov").assessments.countersign(assessment)
    assert set(export_all(sup, hq, tmp_path / "one").values()) == {"accepted"}
    return {"prisoner": prisoner, "observation": observation, "sup": sup, "assessment": assessment, "plan": plan,
            "psy": psy}


def test_no_canary_reaches_the_research_store_or_its_export(written, hq, tmp_path):
    tables = _research_tables(hq)
    assert set(tables) == {"research_facts", "research_records"}
    prisoner = written["prisoner"]
    for name, rows in tables.items():
        for canary in (*CANARIES, prisoner.id, written["observation"].id, written["assessment"]):
            assert canary not in rows, (name, canary)
    out = tmp_path / "research.csv"
    done = export(hq.store, out, "Needs by prison, 2026", "analyst", hq.clock())
    data = out.read_bytes() + done.dictionary.read_bytes()
    for canary in (*CANARIES, prisoner.id):
        assert canary.encode("utf-8") not in data
    rows = list(csv.DictReader(out.read_text("utf-8").splitlines()))
    assert done.rows == len(rows) > 0
    subject = pseudonym(hq.keys.research_key, prisoner.id)
    # what an analyst needs is there, under the pseudonym, by month
    found = {(r["kind"], r["measure"], r["part"], r["value"]) for r in rows if r["subject"] == subject}
    assert {("observation", "category", "", "NEEDS_REQUEST"), ("observation", "polarity", "", "CONCERN"),
            ("plan", "needs", "EDUCATION_TRAINING_EMPLOYMENT", ""), ("plan", "steps", "EDUCATION", "COMPLETED"),
            ("incident", "involved", "VICTIM", ""), ("use_of_force", "involved", "ASSAILANT", ""),
            ("admission", "special_group", "", "FEMALE"), ("admission", "special_group", "", "FIRST_TIME"),
            ("admission", "special_group", "", "YOUNG_ADULT"), ("admission", "age_band", "", "18_20"),
            ("assessment", "level", "", "HIGH"), ("assessment", "status", "", "COUNTERSIGNED"),
            ("assessment", "instrument", "", "wd.extremism_risk_spj"),
            ("assessment", "rating", "BELIEFS_ATTITUDES", "HIGH")} <= found
    assert [r["value"] for r in rows if r["subject"] == subject and r["measure"] == "admission_month"] == ["2026-01"]
    assert all(len(r["month"]) == 7 for r in rows)  # months, never days
    assert {r["prison"] for r in rows} == {"B-Wing"} and {r["wing"] for r in rows} == {"B-Wing"}


def test_the_export_is_audited_and_refused_without_a_purpose(written, hq, tmp_path):
    with pytest.raises(ExportRefused) as refused:
        export(hq.store, tmp_path / "r.csv", "  ", "analyst", hq.clock())
    assert refused.value.code == "research_purpose_missing" and not (tmp_path / "r.csv").exists()
    export(hq.store, tmp_path / "r.csv", "Plan timeliness study", "analyst", hq.clock())
    with hq.store.transaction(write=False) as repo:
        audited = repo._rows("SELECT detail FROM audit WHERE action = 'research_exported'")
    assert len(audited) == 1
    assert '"by": "analyst"' in audited[0][0] and '"purpose": "Plan timeliness study"' in audited[0][0]


def test_a_revision_replaces_its_facts_and_a_hard_delete_removes_them(written, hq, login, tmp_path):
    subject = pseudonym(hq.keys.research_key, written["prisoner"].id)
    assert [r[2] for r in _facts(hq, "category") if r[0] == subject] == ["NEEDS_REQUEST"]
    assert [(r[1], r[2]) for r in _facts(hq, "steps") if r[0] == subject] == [("EDUCATION", "COMPLETED")]
    written["psy"].treatment.update_plan(written["plan"].id, {"steps": [
        {"step_type": "VOCATIONAL", "description": "canary-step-two", "responsible_person": "Teacher",
         "status": "PLANNED"}]})
    login("admin").deletion.delete_record(written["observation"].id, "Entered on the wrong prisoner")
    assert "accepted" in export_all(written["sup"], hq, tmp_path / "two").values()
    assert [r for r in _facts(hq, "category") if r[0] == subject] == []
    assert [r for r in _facts(hq, "polarity") if r[0] == subject] == []
    assert [r[2] for r in _facts(hq, "level") if r[0] == subject] == ["HIGH"]  # the rest stays
    assert [(r[1], r[2]) for r in _facts(hq, "steps") if r[0] == subject] == [("VOCATIONAL", "PLANNED")]
    assert [r[3] for r in _facts(hq, "steps_total") if r[0] == subject] == [1]
    assert "canary-step-two" not in repr(_research_tables(hq))


def test_a_record_derived_ahead_but_buried_before_its_bundle_came_gives_no_facts(wing, login, hq, tmp_path):
    """Facts are derived before the write unit, by the bundle's reader (hq.research_ingest.research_ask); the
    writer stores only those of the lines it keeps. Bundle 1 (two observations) is lost; the wing deletes one and
    sends 1 and 2 again, 2 (the tombstone) first: bundle 1's facts of the buried observation were derived, and must
    not be stored."""
    wing.sync_factory = WingSync
    sup = login("sup")
    enrol(sup, hq)
    prisoner = sup.prisoners.admit(NUMBER, GIVEN, FAMILY, "F", "REMAND", admission_date="2026-01-10")
    off = login("off1")
    buried = off.observations.record(prisoner.id, "NEEDS_REQUEST", "CONCERN", TEXTS[0])
    off.observations.record(prisoner.id, "WELLBEING_VULNERABILITY", "POSITIVE", TEXTS[1])
    (tmp_path / "lost").mkdir()
    sup.sync.export(tmp_path / "lost")
    login("admin").deletion.delete_record(buried.id, "Entered on the wrong prisoner")
    stick = tmp_path / "again"
    stick.mkdir()
    sup.sync.export(stick)
    data = {test_tombstones_to_hq._bundle_seq(d): d for d in (usb.read_bundle_file(p)
                                                                for p in usb.list_bundles(usb.outbox_dir(stick)))}
    assert ingest(hq, data[2]).outcome == "accepted"
    assert ingest(hq, data[1]).outcome == "accepted"
    subject = pseudonym(hq.keys.research_key, prisoner.id)
    assert [r[2] for r in _facts(hq, "category") if r[0] == subject] == ["WELLBEING_VULNERABILITY"]
    assert [r[2] for r in _facts(hq, "polarity") if r[0] == subject] == ["POSITIVE"]

"""Subject access (issue 19 item 3, domain.md scenario 15) and the prisoner's voice (item 4): the governor's copy holds
everything the wing holds on the prisoner except what a person withheld with a reason and do-not-disclose alerts;
the act is a signed disclosure record naming each withholding and its reason; comments never rewrite a record."""

from __future__ import annotations

import hashlib
import json

import pytest

from tests.integration.conftest import first_prisoner
from wingdesk.domain.errors import AccessDenied, NotFound, ValidationError
from wingdesk.domain.queries import RecordQuery

WITHHELD_CANARY = "Canary-source-7731 told us about the visit"
SHOWN_CANARY = "Canary-shown-4410 helped in the kitchen"
ALERT_CANARY = "Canary-dnd-5521 do not tell him about the transfer"
NOTE_CANARY = "Canary-clinic-9034 sleeps badly"


@pytest.fixture
def wing_data(login):
    off, sec, sup, psy = login("off1"), login("sec"), login("sup"), login("psy")
    prisoner = first_prisoner(off)
    shown = off.observations.record(prisoner.id, "POSITIVE_ENGAGEMENT", "POSITIVE", SHOWN_CANARY)
    source = off.observations.record(prisoner.id, "NEEDS_REQUEST", "CONCERN", WITHHELD_CANARY)
    sec.subject_access.withhold(source.id, "Would identify the source of the information.")
    dnd = sup.alerts.raise_alert(prisoner.id, "DO_NOT_DISCLOSE", ALERT_CANARY, "2026-01-01", review_date="2027-06-01")
    note = psy.treatment.add_note(prisoner.id, NOTE_CANARY)
    off.subject_access.add_prisoner_comment(shown.id, "I also cleaned the tables, write that too.")
    return prisoner, shown, source, dnd, note


def test_the_copy_holds_what_is_disclosed_and_never_what_is_withheld(login, wing_data):
    prisoner, shown, source, dnd, note = wing_data
    gov = login("gov")
    copy = gov.subject_access.make_copy(gov.subject_access.prisoner_id(prisoner.number))
    text = copy.to_json().decode("utf-8")
    assert SHOWN_CANARY in text and "I also cleaned the tables" in text
    assert WITHHELD_CANARY not in text and ALERT_CANARY not in text
    assert "Would identify the source" not in text  # withholding reasons stay on the wing
    assert NOTE_CANARY not in text  # sealed clinical text is not opened for the copy: the discipline discloses it
    ids = {item.record_id for item in copy.items}
    assert shown.id in ids and note.id in ids and source.id not in ids and dnd.id not in ids
    assert next(i for i in copy.items if i.record_id == note.id).sealed_fields == ("text",)
    data = json.loads(text)
    assert data["prisoner"]["number"] == prisoner.number and data["format"] == "wingdesk-subject-access/1"

    disclosures = gov.ctx.repo.list_records(RecordQuery(kinds=("disclosure",), prisoner_id=prisoner.id))
    assert len(disclosures) == 1
    body = disclosures[0].body
    assert body["copy_sha256"] == hashlib.sha256(copy.to_json()).hexdigest() and body["disclosed"] == len(copy.items)
    reasons = {w["record_id"]: w["reason"] for w in body["withheld"]}
    assert reasons == {source.id: "Would identify the source of the information.", dnd.id: "do_not_disclose_alert"}
    assert any(e.action == "subject_access" for e in gov.audit.page(0, 50))


def test_a_withholding_lifted_with_a_reason_puts_the_item_back(login, wing_data):
    prisoner, _shown, source, _dnd, _note = wing_data
    login("sec").subject_access.disclose(source.id, "The source has agreed; nothing identifies them now.")
    gov = login("gov")
    copy = gov.subject_access.make_copy(prisoner.id)
    assert source.id in {item.record_id for item in copy.items}
    assert "agreed" not in copy.to_json().decode("utf-8")  # the decision itself is not part of the copy


def test_a_comment_is_added_beside_the_record_never_into_it(login, wing_data):
    _prisoner, shown, _source, _dnd, _note = wing_data
    off = login("off1")
    stored = off.ctx.repo.get_record(shown.id)
    assert stored.body == shown.body and stored.revision == shown.revision
    comments = off.ctx.repo.amendments_for([shown.id])[shown.id]
    assert [(str(a.kind), a.author_name) for a in comments] == [("prisoner_comment", off.user.display_name)]
    with pytest.raises(ValidationError):
        off.subject_access.add_prisoner_comment(shown.id, "   ")


@pytest.mark.parametrize("who", ["off1", "sup", "psy", "sec", "admin"])
def test_only_the_governor_makes_a_copy(login, wing_data, who):
    prisoner = wing_data[0]
    session = login(who)
    with pytest.raises(AccessDenied):
        session.subject_access.make_copy(prisoner.id)


def test_withholding_needs_a_reason_and_the_right_role(login, wing_data):
    _prisoner, shown, *_ = wing_data
    with pytest.raises(ValidationError):
        login("gov").subject_access.withhold(shown.id, "  ")
    for who in ("off1", "sup", "psy"):
        with pytest.raises(AccessDenied):
            login(who).subject_access.withhold(shown.id, "Because.")


def test_a_comment_on_a_record_the_caller_cannot_read_is_refused(login, wing_data):
    _prisoner, _shown, _source, _dnd, note = wing_data
    with pytest.raises(NotFound):
        login("off1").subject_access.add_prisoner_comment(note.id, "Tell me what she wrote.")


def test_an_unknown_prison_number_is_named(login):
    with pytest.raises(NotFound):
        login("gov").subject_access.prisoner_id("NO-SUCH-1")


def test_the_reporting_officer_never_sees_why_their_entry_was_withheld(login, wing_data):
    prisoner, _shown, source, _dnd, _note = wing_data
    # the governor reads observations as summaries (no notes at all); the disclosure record tells them what was held
    for who, sees in (("off1", False), ("sup", False), ("sec", True), ("gov", False)):
        session = login(who)
        timeline = {r.id: r for r in session.prisoners.timeline(prisoner.id)}
        notes = [str(a.kind) for a in timeline[source.id].amendments]
        assert ("withhold" in notes) is sees, who


def test_the_command_writes_the_pdf_and_the_json_and_refuses_a_non_governor(wing, login, wing_data, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    prisoner = wing_data[0]
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen"}

    def run(user, password):
        return subprocess.run([sys.executable, "-m", "wingdesk", "--data", str(wing.directory), "--user", user,
                               "--password-stdin", "subject-access", prisoner.number, "--out", str(tmp_path / "out")],
                              input=password + "\n", capture_output=True, text=True, env=env, timeout=120)

    refused = run("off1", "officer one passphrase")
    assert refused.returncode != 0 and "Traceback" not in refused.stderr and not (tmp_path / "out").exists()
    done = run("gov", "governor passphrase")
    assert done.returncode == 0, done.stderr
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert [f.rsplit(".", 1)[1] for f in files] == ["json", "pdf"]
    assert all(f.startswith("subject-access-") for f in files)
    pdf = (tmp_path / "out" / files[1]).read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000  # drawn from the same copy as the JSON below
    data = json.loads((tmp_path / "out" / files[0]).read_text("utf-8"))
    assert SHOWN_CANARY in json.dumps(data, ensure_ascii=False) and WITHHELD_CANARY not in json.dumps(data)


def test_intelligence_and_its_tasks_are_neither_in_the_copy_nor_listed_as_withheld(login):
    """Listing a report even as "withheld" would tell the prisoner a source spoke about them (issue 16, 19)."""
    sec, gov = login("sec"), login("gov")
    prisoner = first_prisoner(sec)
    report = sec.intelligence.create(prisoner.id, "PRESSURE_ON_OTHERS", "Canary-intel-6120 collects debts.")
    sec.intelligence.grade(report.id, "SRC_1", "INT_C", "HANDLE_C", "Direct.", conditions="Search team only.")
    task = sec.security_tasks.request(report.id, "CELL_SEARCH", "Canary-task-3391 search the cell.")
    copy = gov.subject_access.make_copy(gov.subject_access.prisoner_id(prisoner.number))
    text = copy.to_json().decode("utf-8")
    assert "Canary-intel-6120" not in text and "Canary-task-3391" not in text
    ids = {item.record_id for item in copy.items} | {w.record_id for w in copy.withheld}
    assert report.id not in ids and task.id not in ids
    disclosure = gov.ctx.repo.list_records(RecordQuery(kinds=("disclosure",), prisoner_id=prisoner.id))[0]
    assert report.id not in json.dumps(disclosure.body) and task.id not in json.dumps(disclosure.body)

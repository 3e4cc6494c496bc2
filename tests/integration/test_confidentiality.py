"""No plaintext leaves the services: canaries absent from every file; treatment notes are ciphertext in raw SQL."""

import os
import tempfile

import sqlcipher3

from tests.integration.conftest import ACCOUNTS, first_prisoner

CANARIES = ["CanaryObsFacts7731", "CanaryAssess4410", "CanaryLogText9902", "CanaryNoteText5512", "CanaryPlanGoal8823",
            "CanaryContact3391", "ЌанариЋирилица"]


def scan(paths, needles):
    hits = []
    for path in paths:
        data = path.read_bytes()
        for needle in needles:
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                if needle.encode(encoding) in data:
                    hits.append((path.name, needle, encoding))
    return hits


def write_canaries(login):
    off = login("off1")
    prisoner = first_prisoner(off)
    off.observations.record(prisoner.id, "NEEDS_REQUEST", "NEUTRAL", f"Asked for {CANARIES[0]} {CANARIES[6]}",
                            officer_assessment=CANARIES[1])
    off.logs.add_entry("GENERAL", {"text": CANARIES[2]})
    psy = login("psy")
    psy.treatment.add_note(prisoner.id, CANARIES[3])
    psy.treatment.create_plan(prisoner.id, {"reason_for_plan": "Admission", "prisoner_goals_own_words": CANARIES[4],
                                            "agreement_status": "AGREED"})
    psy.contacts.log_contact(prisoner.id, "FAMILY", CANARIES[5], "VISIT", "Visit went well")
    return prisoner


def test_no_canary_in_any_file_of_the_wing_or_temp(wing, login):
    before = set(os.listdir(tempfile.gettempdir()))
    write_canaries(login)
    files = [p for p in wing.directory.iterdir() if p.is_file()]
    assert any(p.name.endswith("-wal") for p in files)  # the WAL is scanned too, not just the main file
    assert scan(files, CANARIES) == []
    new_temp = [p for p in (set(os.listdir(tempfile.gettempdir())) - before)]
    temp_paths = [__import__("pathlib").Path(tempfile.gettempdir()) / n for n in new_temp]
    assert scan([p for p in temp_paths if p.is_file()], CANARIES) == []


def test_officer_with_the_raw_key_sees_note_ciphertext_only(wing, login):
    write_canaries(login)
    off = login("off1")
    dek = bytes(off.ctx.vault._secrets.dek)  # what any signed-in officer's PC holds
    conn = sqlcipher3.connect(str(wing.directory / "wing.db"))
    conn.execute(f"PRAGMA key = \"x'{dek.hex()}'\"")
    rows = conn.execute("SELECT body FROM records WHERE kind = 'progress_note'").fetchall()
    assert rows and all(CANARIES[3] not in r[0] and "wdf2:PSY:" in r[0] for r in rows)
    everything = " ".join(str(r) for t in ("records", "amendments", "clinical_keys")
                          for r in conn.execute(f"SELECT * FROM {t}").fetchall())
    assert CANARIES[3] not in everything


def test_officer_services_never_return_notes(login):
    prisoner = write_canaries(login)
    off = login("off1")
    timeline = off.prisoners.timeline(prisoner.id)
    assert all(r.kind != "progress_note" for r in timeline)
    assert CANARIES[3] not in repr(timeline) and CANARIES[4] not in repr(timeline)
    assert off.search.search(CANARIES[3]) == [] and off.search.search(CANARIES[4]) == []


def test_other_discipline_cannot_read_psychology_notes(login):
    prisoner = write_canaries(login)
    sw = login("sw")
    assert all(CANARIES[3] not in repr(n) for n in sw.treatment.notes(prisoner.id))
    psy = login("psy")
    assert any(n.body.get("text") == CANARIES[3] for n in psy.treatment.notes(prisoner.id))


def test_governor_sees_note_dates_only_with_a_reason(login):
    import pytest

    from wingdesk.domain.errors import ValidationError

    prisoner = write_canaries(login)
    gov = login("gov")
    with pytest.raises(ValidationError):
        gov.treatment.notes(prisoner.id)
    notes = gov.treatment.notes(prisoner.id, reason="Complaint review 2026/14")
    assert notes and all(set(n.body) == {"discipline"} for n in notes)


def test_second_treatment_user_received_the_clinical_key(login):
    prisoner = write_canaries(login)
    sw = login("sw")
    note = sw.treatment.add_note(prisoner.id, "Social work session")
    assert sw.treatment.notes(prisoner.id)[0].id == note.id
    assert ACCOUNTS["sw"][3] == "SW"

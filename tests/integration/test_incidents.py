"""Incident reports (DRAFT → AWAITING_REVIEW → CLOSED), drafts raised by a search's finds, use-of-force reports
with each named officer's own signed statement, and the governor's daily summary (domain.md scenarios 5 and 6)."""

from __future__ import annotations

import pytest

from tests.integration.conftest import ADMIN_PW, first_prisoner
from tests.integration.test_cli import wingdesk
from wingdesk.domain.errors import AccessDenied, StateError, ValidationError
from wingdesk.i18n.messages import describe


def _count(session, kind):
    return session.ctx.repo.conn.execute("SELECT count(*) FROM records WHERE kind = ?", (kind,)).fetchone()[0]

def test_a_search_with_finds_raises_a_linked_draft_that_goes_for_review_and_is_closed(login):
    off = login("off1")
    prisoner = first_prisoner(off)
    entry = off.logs.add_entry("SEARCH", {"search_kind": "CELL", "reason": "INTELLIGENCE_LED", "place": "B1-04",
                                          "authorised_by": "SO Marku", "finds": "Mobile phone behind the sink",
                                          "find_type": "MOBILE_PHONE"}, prisoner_id=prisoner.id)
    draft = off.incidents.from_search(entry.id)
    assert draft is not None and draft.body["status"] == "DRAFT"
    assert draft.body["incident_type"] == "MOBILE_PHONE" and draft.body["place"] == "B1-04"
    assert draft.prisoner_id == prisoner.id and draft.body["prisoners"][0]["role"] == "IN_POSSESSION"
    assert draft.author_id == off.user.id and draft.occurred_at == entry.occurred_at
    with pytest.raises(ValidationError) as missing:  # no injuries or actions yet: not ready for review
        off.incidents.send_for_review(draft.id)
    assert missing.value.params["field"] == "injuries"
    off.incidents.update(draft.id, {"injuries": "None", "actions_taken": "Phone seized and bagged, SEC informed"})
    sent = off.incidents.send_for_review(draft.id)
    assert sent.body["status"] == "AWAITING_REVIEW" and sent.revision == 3
    with pytest.raises(AccessDenied):  # the officer's draft is out of their hands now
        off.incidents.update(draft.id, {"referrals": "Police"})
    with pytest.raises(AccessDenied):
        off.incidents.close(draft.id, "Done")
    sup = login("sup")
    with pytest.raises(ValidationError) as no_note:  # closing needs the supervisor's review
        sup.incidents.close(draft.id, "")
    assert no_note.value.params["field"] == "review_note" and "review" in describe(no_note.value)
    assert sup.incidents.get(draft.id).body["status"] == "AWAITING_REVIEW"  # nothing half-saved
    closed = sup.incidents.close(draft.id, "Phone sent for analysis; adjudication opened.")
    assert closed.body["status"] == "CLOSED" and closed.author_id == sup.user.id
    with pytest.raises(StateError):
        sup.incidents.update(draft.id, {"referrals": "Police"})
    assert login("sec").incidents.get(draft.id).body["status"] == "CLOSED"

def test_a_search_without_finds_raises_nothing_and_a_find_without_words_saves_nothing(login):
    off = login("off1")
    entry = off.logs.add_entry("SEARCH", {"search_kind": "AREA", "reason": "ROUTINE", "authorised_by": "SO",
                                          "finds": "Nothing found."})
    assert off.incidents.from_search(entry.id) is None and _count(off, "incident") == 0
    before = _count(off, "log_entry")
    with pytest.raises(ValidationError) as missing:
        off.logs.add_entry("SEARCH", {"search_kind": "AREA", "reason": "ROUTINE", "authorised_by": "SO",
                                      "find_type": "DRUGS"})
    assert missing.value.params["field"] == "finds"
    assert _count(off, "log_entry") == before and _count(off, "incident") == 0
    assert [name for _id, name in off.incidents.staff_choices()] == ["Olga Officer", "Omar Officer",
                                                                     "Sara Supervisor"]

def test_closing_a_draft_that_never_went_for_review_is_refused(login):
    off, sup = login("off1"), login("sup")
    draft = off.incidents.create({"incident_type": "FIGHT", "description": "Two prisoners fought at lunch",
                                  "staff": [{"user_id": off.user.id, "role": "FIRST_ON_SCENE"}]})
    with pytest.raises(StateError):
        sup.incidents.close(draft.id, "Closed")

def test_staff_names_come_from_the_accounts_not_the_form(login):
    off, sup = login("off1"), login("sup")
    draft = off.incidents.create({"incident_type": "FIGHT", "description": "Fight",
                                  "staff": [{"user_id": sup.user.id, "name": "Someone Else", "role": "WITNESS"}]})
    assert draft.body["staff"] == [{"user_id": sup.user.id, "name": "Sara Supervisor", "role": "WITNESS"}]

def _report(off, *staff):
    return off.use_of_force.report({
        "primary_reason": "FIGHT_BETWEEN_PRISONERS", "reasons": ["FIGHT_BETWEEN_PRISONERS", "ASSAULT_ON_STAFF"],
        "place": "B landing", "description": "Separated two prisoners fighting; one resisted relocation.",
        "positive_communication": True, "techniques": ["ESCORTING_HOLD", "RESTRAINT_STANDING"],
        "restraints": ["HANDCUFFS"], "duration_minutes": 6, "camera_ids": "BWC-114, CCTV-B2",
        "prisoner_injuries": "Graze to left wrist", "staff_injuries": "None", "healthcare_seen": True,
        "healthcare_seen_at": "2026-01-02T10:40:00+00:00", "healthcare_seen_by": "Nurse Hoxha",
        "prisoners": [{"prisoner_id": first_prisoner(off).id, "role": "FIGHTER"}],
        "staff": [{"user_id": u.id, "role": "ACTIVELY_INVOLVED"} for u in staff]})

def test_use_of_force_with_two_statements_completed_by_the_supervisor_and_shown_to_the_governor(login):
    off1, off2, sup = login("off1"), login("off2"), login("sup")
    report = _report(off1, off1.user, off2.user)
    assert [r.id for r in off2.use_of_force.awaiting_my_statement()] == [report.id]
    with pytest.raises(StateError) as early:
        sup.use_of_force.complete(report.id, "Proportionate")
    assert early.value.code == "uof_statements_missing"
    first = off1.use_of_force.add_statement(report.id, "ACTIVELY_INVOLVED", "I held his right arm.",
                                            ["ESCORTING_HOLD"])
    off2.use_of_force.add_statement(report.id, "ACTIVELY_INVOLVED", "I applied handcuffs.", [], "Scratch")
    assert first.author_sig is not None and first.author_id == off1.user.id
    with pytest.raises(StateError):
        off1.use_of_force.add_statement(report.id, "ACTIVELY_INVOLVED", "Again")
    with pytest.raises(ValidationError):
        sup.use_of_force.complete(report.id, "")
    done = sup.use_of_force.complete(report.id, "Force proportionate; healthcare seen at once.")
    assert done.body["status"] == "COMPLETE"
    view = login("gov").use_of_force.view(report.id)
    assert view.missing == [] and len(view.statements) == 2
    summary = login("gov").daily_summary.summary(report.occurred_at[:10])
    assert [r.id for r in summary.uses_of_force] == [report.id] and summary.statements[report.id] == 2

def test_a_statement_by_an_officer_not_named_is_refused_in_one_sentence_and_nothing_is_saved(login):
    off1, off2 = login("off1"), login("off2")
    report = _report(off1, off1.user)
    before = _count(off2, "use_of_force_statement")
    with pytest.raises(StateError) as refused:
        off2.use_of_force.add_statement(report.id, "WITNESS", "I saw it.")
    sentence = describe(refused.value)
    assert sentence == "Only staff named on this use-of-force report can write a statement for it."
    assert _count(off2, "use_of_force_statement") == before
    with pytest.raises(AccessDenied):  # security reads but writes no statement
        login("sec").use_of_force.add_statement(report.id, "WITNESS", "I saw it.")

def test_a_statement_changed_after_signing_is_caught_by_wingdesk_verify(login, wing):
    off1 = login("off1")
    report = _report(off1, off1.user)
    statement = off1.use_of_force.add_statement(report.id, "ACTIVELY_INVOLVED", "I held his right arm.")
    gov = login("gov")
    assert gov.audit.verify_everything().intact
    conn = gov.ctx.repo.conn  # sqlcipher3, keyed with the wing's database key
    conn.execute("DROP TRIGGER records_append_only_u")
    conn.execute("UPDATE records SET body = replace(body, 'right arm', 'left arm') WHERE id = ?", (statement.id,))
    report_check = gov.audit.verify_everything()
    assert (report_check.bad_item, report_check.reason) == (f"record:{statement.id}:1", "content_changed")
    for session in (off1, gov):
        session.lock()
    for extra in ((), ("--every-signature",)):
        bad = wingdesk(wing.directory, "--user", "admin", "--password-stdin", "verify", *extra, stdin=ADMIN_PW + "\n")
        assert bad.returncode == 1 and f"record:{statement.id}:1" in bad.stderr and "content_changed" in bad.stderr
        assert "arm" not in bad.stderr + bad.stdout  # never the statement's words

def test_daily_summary_counts_the_day_and_is_refused_to_officers(login):
    off = login("off1")
    day = off.ctx.clock.today().isoformat()
    off.logs.add_entry("ROLL_COUNT", {"roll_kind": "FORMAL", "expected": 48, "counted": 47})
    off.logs.add_entry("ROLL_COUNT", {"roll_kind": "FORMAL", "expected": 48, "counted": 48})
    off.logs.add_entry("MOVEMENT", {"destination": "COURT", "direction": "OUT"}, prisoner_id=first_prisoner(off).id)
    off.observations.record(first_prisoner(off).id, "CONFLICT_INTIMIDATION", "CONCERN", "Threat to kill: 'you die'",
                            source_type="DIRECT", urgent=True)
    off.incidents.create({"incident_type": "ASSAULT", "description": "Punch at servery"})
    with pytest.raises(AccessDenied):
        off.daily_summary.summary(day)
    summary = login("gov").daily_summary.summary(day)
    assert len(summary.roll_discrepancies) == 1 and summary.movements == 1 and summary.movements_out == 1
    assert len(summary.urgent_observations) == 1 and len(summary.incidents) == 1
    assert "what_seen_heard" not in summary.urgent_observations[0].body  # the governor's restricted read

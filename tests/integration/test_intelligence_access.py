"""Who sees an intelligence report, through every path (issue 16 item 2, domain.md §1 and scenario 4): security
the whole report; the governor and supervisors only the sanitised text security shared with them (supervisors
only P-coded); the reporting officer, a counsellor and a psychologist nothing at all, and the officer gets only
"received, graded, thank you". Paths: the page's reads, the prisoner timeline, record search (Ctrl+F), the
printed prisoner summary; every sharing is kept (who, to whom, why) and audited."""

from __future__ import annotations

import pytest

from tests.integration.conftest import first_prisoner
from wingdesk.domain.errors import AccessDenied, ValidationError
from wingdesk.domain.roles import Role
from wingdesk.gui.print_html import load_prisoner, prisoner_html

ORIGINAL = "Zebulon passes parcels through the kitchen hatch"
SANITISED = "Quillwort contraband route suspected near the kitchen"
HIDDEN = ("Zebulon", "kitchen hatch", "two officers saw")  # words of the original and of the rationale


@pytest.fixture
def shared_report(login, wing):
    admin = login("admin")
    admin.users.add_user("rel", "Rita Counsellor", Role.TREATMENT, "counsellor passphrase", "REL")
    admin.lock()
    officer = login("off1")
    prisoner = first_prisoner(officer)
    observation = officer.observations.record(prisoner.id, "CONTRABAND_SECURITY", "CONCERN",
                                              'Saw a parcel at the hatch; said "Friday again".',
                                              proposed_source="SRC_2", proposed_assessment="INT_B")
    officer.lock()
    sec = login("sec")
    report = sec.intelligence.create(prisoner.id, "CONTRABAND_SECURITY", ORIGINAL, observation_ids=[observation.id])
    report = sec.intelligence.grade(report.id, "SRC_2", "INT_B", "HANDLE_P", "Two officers saw it.",
                                    sanitised_text=SANITISED, share_with=["SUPERVISOR", "GOVERNOR"],
                                    share_reason="Search planning on the wing.")
    sec.lock()
    return prisoner, observation, report


def _sign_in(login, wing, name):
    return wing.sign_in("rel", "counsellor passphrase") if name == "rel" else login(name)


def _everything_seen(session, prisoner_id: str) -> str:
    """All text the user can reach about the prisoner: timeline, search for each word, the printout."""
    seen = [str(r.body) for r in session.prisoners.timeline(prisoner_id) if r.kind == "intelligence_report"]
    for word in ("Zebulon", "Quillwort", "hatch", "contraband"):
        seen += [str(r.body) for r in session.search.search(word) if r.kind == "intelligence_report"]
    seen.append(prisoner_html(session, load_prisoner(session, prisoner_id)))
    return "\n".join(seen)


def test_security_sees_the_whole_report_everywhere(login, shared_report):
    prisoner, _observation, report = shared_report
    sec = login("sec")
    assert sec.intelligence.get(report.id).body["report_text"] == ORIGINAL
    seen = _everything_seen(sec, prisoner.id)
    assert ORIGINAL in seen and SANITISED in seen and "Two officers saw it." in seen
    assert [r.id for r in sec.search.search("Zebulon")] == [report.id]


@pytest.mark.parametrize("name", ["sup", "gov"])
def test_supervisor_and_governor_see_the_sanitised_text_only(login, shared_report, name):
    prisoner, _observation, report = shared_report
    session = login(name)
    shown = session.intelligence.get(report.id)
    assert shown.body["sanitised_text"] == SANITISED
    assert set(shown.body) <= {"subject", "source_evaluation", "assessment", "handling_code",
                               "handling_conditions", "sanitised_text"}
    assert [r.id for r in session.intelligence.reports()] == [report.id]
    seen = _everything_seen(session, prisoner.id)
    assert SANITISED in seen  # the page and the printout show it
    for word in HIDDEN:
        assert word not in seen
    assert not session.search.search("Zebulon") and not session.search.search("Quillwort")


@pytest.mark.parametrize("name", ["off1", "psy", "rel"])
def test_the_reporting_officer_and_treatment_staff_never_open_it(login, wing, shared_report, name):
    prisoner, _observation, report = shared_report
    session = _sign_in(login, wing, name)
    try:
        with pytest.raises(AccessDenied):
            session.intelligence.get(report.id)
        with pytest.raises(AccessDenied):
            session.intelligence.reports()
        seen = _everything_seen(session, prisoner.id)
        for word in (*HIDDEN, "Quillwort", "2/B/P"):
            assert word not in seen
        denied = [e.object for e in session.ctx.repo.audit_page(0, 200) if e.action == "access_denied"
                  and e.actor == session.user.id]
        assert any("intelligence_report" in obj for obj in denied)  # the direct attempt is audited
    finally:
        session.lock()


def test_the_reporting_officer_is_thanked_and_told_nothing_more(login, shared_report):
    prisoner, observation, _report = shared_report
    officer = login("off1")
    items = [i for i in officer.inbox.items() if i.source == "intel_ack"]
    assert [(i.key, i.prisoner_id) for i in items] == [(f"intel_ack:{observation.id}", prisoner.id)]
    assert items[0].params == {"day": observation.occurred_at[:10]}  # no grade, no text
    other = login("off2")
    assert not [i for i in other.inbox.items() if i.source == "intel_ack"]


def test_an_ungraded_report_is_not_acknowledged(login):
    officer = login("off1")
    prisoner = first_prisoner(officer)
    observation = officer.observations.record(prisoner.id, "CONTRABAND_SECURITY", "CONCERN", "A parcel at the hatch.")
    sec = login("sec")
    sec.intelligence.create(prisoner.id, "CONTRABAND_SECURITY", ORIGINAL, observation_ids=[observation.id])
    assert not [i for i in officer.inbox.items() if i.source == "intel_ack"]


def test_what_is_not_shared_stays_with_security(login):
    """Ungraded, graded without sharing, C-coded (never to supervisors): each as the matrix says."""
    sec = login("sec")
    pid = first_prisoner(sec).id
    ungraded = sec.intelligence.create(pid, "CONTRABAND_SECURITY", ORIGINAL)
    unshared = sec.intelligence.grade(sec.intelligence.create(pid, "CONTRABAND_SECURITY", ORIGINAL).id,
                                      "SRC_1", "INT_A", "HANDLE_P", "Seen.", sanitised_text=SANITISED)
    coded = sec.intelligence.grade(sec.intelligence.create(pid, "CONTRABAND_SECURITY", ORIGINAL).id,
                                   "SRC_1", "INT_A", "HANDLE_C", "Seen.", conditions="Search team only.",
                                   sanitised_text=SANITISED, share_with=["SUPERVISOR", "GOVERNOR"],
                                   share_reason="Briefing.")
    sup, gov = login("sup"), login("gov")
    assert [r.id for r in sup.intelligence.reports()] == []
    assert [r.id for r in gov.intelligence.reports()] == [coded.id]
    assert gov.intelligence.get(coded.id).body["handling_conditions"] == "Search team only."
    for report in (ungraded, unshared, coded):
        with pytest.raises(AccessDenied):
            sup.intelligence.get(report.id)
    for report in (ungraded, unshared):
        with pytest.raises(AccessDenied):
            gov.intelligence.get(report.id)


def test_every_sharing_records_who_to_whom_and_why(login, shared_report):
    _prisoner, _observation, report = shared_report
    shared = report.body["dissemination"]
    assert {(d["to"], d["by"], d["reason"]) for d in shared} == {
        ("SUPERVISOR", "Sid Security", "Search planning on the wing."),
        ("GOVERNOR", "Sid Security", "Search planning on the wing.")}
    gov = login("gov")
    audited = [(e.actor, e.object) for e in gov.ctx.repo.audit_page(0, 200) if e.action == "intel_share"]
    sec_id = next(u.id for u in gov.users.list_users() if u.username == "sec")
    assert sorted(audited) == sorted((sec_id, f"intelligence_report:{report.id}:2:{to}")
                                     for to in ("SUPERVISOR", "GOVERNOR"))
    sec = login("sec")
    with pytest.raises(ValidationError) as bad_target:
        sec.intelligence.grade(report.id, "SRC_2", "INT_B", "HANDLE_P", "Two officers saw it.",
                               sanitised_text=SANITISED, share_with=["OFFICER"], share_reason="x")
    assert bad_target.value.code == "bad_choice"  # only supervisors and the governor may be given it
    fresh = sec.intelligence.create(report.prisoner_id, "CONTRABAND_SECURITY", ORIGINAL)
    with pytest.raises(ValidationError) as no_reason:
        sec.intelligence.grade(fresh.id, "SRC_2", "INT_B", "HANDLE_P", "Two officers saw it.",
                               sanitised_text=SANITISED, share_with=["GOVERNOR"], share_reason="")
    assert no_reason.value.code == "required"  # a new sharing needs its reason
    with pytest.raises(ValidationError):
        sec.intelligence.grade(fresh.id, "SRC_2", "INT_B", "HANDLE_P", "Why.", share_with=["GOVERNOR"],
                               share_reason="Briefing.")  # nothing to share without sanitised text
    again = sec.intelligence.grade(report.id, "SRC_2", "INT_B", "HANDLE_P", "Regraded.", sanitised_text=SANITISED,
                                   share_with=["GOVERNOR"])  # already shared with the governor: no new sharing
    assert again.body["dissemination"] == shared
    assert len([e for e in sec.ctx.repo.audit_page(0, 300) if e.action == "intel_share"]) == 2


def test_only_security_sees_who_is_linked_with_whom(login, shared_report):
    prisoner, _observation, report = shared_report
    sec = login("sec")
    other = sec.prisoners.page()[1]
    sec.intelligence.link(report.id, prisoners=[other.id])
    graph = sec.intelligence.associations(prisoner.id)
    assert graph.people == (prisoner.id, other.id) and graph.reports_between(prisoner.id, other.id) == (report.id,)
    for name in ("sup", "gov", "off1", "psy"):
        with pytest.raises(AccessDenied):  # links are never part of the sanitised text
            login(name).intelligence.associations(prisoner.id)


def test_security_cannot_write_a_note_under_the_officers_observation(login, shared_report):
    """The issue's complaint: security's only tool was a note under the observation, which the officer who wrote it
    then read. Security's evaluation goes into its own report; the matrix gives it read and grade on observations,
    not annotate (a note there would tell the reporting officer what security made of it)."""
    _prisoner, observation, _report = shared_report
    security = login("sec")
    with pytest.raises(AccessDenied):
        security.observations.amend(observation.id, "Graded 2/B, linked to the kitchen route")
    officer = login("off1")
    seen = next(r for r in officer.observations.recent() if r.id == observation.id)
    assert not [a for a in seen.amendments if "kitchen route" in a.text]

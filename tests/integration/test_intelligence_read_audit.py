"""Every read of an intelligence report on the wing is audited (issue 16; domain.md §1 "audit every read of
sensitive/restricted data", §3 rule 5): security's list and a single report, the association view, a prisoner's
timeline that holds reports, a search that finds one, and the supervisor's or governor's read of the sanitised
text. The audit names the report or the prisoner, never text or names; a read that shows no report is not audited
as one."""

from __future__ import annotations

import pytest

from tests.integration.conftest import first_prisoner

ORIGINAL = "Ozymandias hides the phone in the boiler room"
SANITISED = "A phone may be hidden in a service area"


def _reads(session) -> list[str]:
    return [e.object for e in session.ctx.repo.audit_page(0, 500, newest_first=False)
            if e.action == "read_sensitive" and e.actor == session.user.id]


@pytest.fixture
def graded(login):
    sec = login("sec")
    prisoner, other = sec.prisoners.page()[:2]
    report = sec.intelligence.create(prisoner.id, "CONTRABAND_SECURITY", ORIGINAL, linked_prisoners=[other.id])
    report = sec.intelligence.grade(report.id, "SRC_2", "INT_B", "HANDLE_P", "Seen twice.",
                                    sanitised_text=SANITISED, share_with=["SUPERVISOR", "GOVERNOR"],
                                    share_reason="Search planning.")
    sec.lock()
    return prisoner, report


def test_security_reads_are_audited_on_every_path(login, graded):
    prisoner, report = graded
    sec = login("sec")
    sec.intelligence.reports()
    assert _reads(sec)[-1] == "intelligence_report:list"
    sec.intelligence.get(report.id)
    assert _reads(sec)[-1] == f"intelligence_report:{report.id}"
    sec.intelligence.associations(prisoner.id)
    assert _reads(sec)[-1] == f"prisoner:{prisoner.id}:associations"
    sec.prisoners.timeline(prisoner.id)
    assert _reads(sec)[-1] == f"prisoner:{prisoner.id}:intelligence"
    other = report.body["linked_prisoners"][0]
    assert [r.id for r in sec.intelligence.linked_reports(other)] == [report.id]  # linked, not its subject
    assert _reads(sec)[-1] == f"prisoner:{other}:linked_reports"
    assert [r.id for r in sec.search.search("Ozymandias")] == [report.id]
    assert _reads(sec)[-1] == "intelligence_report:search"
    for obj in _reads(sec):
        assert "Ozymandias" not in obj and "boiler" not in obj


@pytest.mark.parametrize("name", ["sup", "gov"])
def test_the_sanitised_text_read_is_audited_too(login, graded, name):
    prisoner, report = graded
    session = login(name)
    session.intelligence.get(report.id)
    assert _reads(session)[-1] == f"intelligence_report:{report.id}"
    session.prisoners.timeline(prisoner.id)
    assert _reads(session)[-1] == f"prisoner:{prisoner.id}:intelligence"


def test_a_read_that_shows_no_report_is_not_audited_as_one(login, graded):
    prisoner, _report = graded
    officer = login("off1")
    officer.prisoners.timeline(prisoner.id)
    officer.search.search("Ozymandias")
    assert not [o for o in _reads(officer) if "intelligence" in o]
    sec = login("sec")
    quiet = sec.prisoners.page()[3]
    sec.prisoners.timeline(quiet.id)
    assert f"prisoner:{quiet.id}:intelligence" not in _reads(sec)
    assert first_prisoner(sec).id == prisoner.id

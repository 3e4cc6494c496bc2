"""Security tasks (issue 16, scenario 5): security asks the supervisors for an intelligence-led cell search tied to
a report; the search finds a phone (the FIND/MOBILE_PHONE incident is raised as a draft); the supervisor completes
the task with the search entry, and the result comes back to security linked to the report and the incident."""

from __future__ import annotations

import pytest

from tests.integration.conftest import first_prisoner
from wingdesk.domain.errors import AccessDenied, NotFound, StateError, ValidationError


def _sources(session):
    return [i.source for i in session.inbox.items()]


def test_a_task_goes_to_the_supervisors_and_comes_back_with_the_search_and_its_incident(login):
    sec = login("sec")
    pid = first_prisoner(sec).id
    report = sec.intelligence.create(pid, "CONTRABAND_SECURITY", "Phone in the cell, says a source.")
    task = sec.security_tasks.request(report.id, "CELL_SEARCH", "Search cell B1-00 today.", place="B1-00")
    assert task.status == "REQUESTED" and task.prisoner_id == pid
    with pytest.raises(NotFound):
        sec.security_tasks.request("no-such-report", "CELL_SEARCH", "Search.")

    sup = login("sup")
    asked = [i for i in sup.inbox.items() if i.source == "security_task"]
    assert [(i.key, i.params) for i in asked] == [(f"security_task:{task.id}", {"task_type": "CELL_SEARCH"})]
    assert "security_task" not in _sources(login("off1")) and "security_task" not in _sources(login("psy"))
    assert [t.id for t in sup.security_tasks.tasks(status="REQUESTED")] == [task.id]
    shift = sup.logs.start_shift("EARLY")
    entry = sup.logs.add_entry("SEARCH", {"search_kind": "CELL", "reason": "INTELLIGENCE_LED", "place": "B1-00",
                                          "authorised_by": "Sara Supervisor", "finds": "Phone in the mattress.",
                                          "find_type": "MOBILE_PHONE"}, prisoner_id=pid, shift_id=shift.id)
    incident = sup.incidents.from_search(entry.id)
    assert incident is not None and incident.body["status"] == "DRAFT"
    with pytest.raises(ValidationError):
        sup.security_tasks.complete(task.id, "")
    with pytest.raises(NotFound):
        sup.security_tasks.complete(task.id, "Searched.", search_entry_id=report.id)  # not a search entry
    done = sup.security_tasks.complete(task.id, "Searched at 11:00; phone found and seized.",
                                       search_entry_id=entry.id)
    assert done.status == "DONE" and done.body["incident_id"] == incident.id
    assert done.body["search_entry_id"] == entry.id and done.body["done_by"] == "Sara Supervisor"
    with pytest.raises(StateError):
        sup.security_tasks.complete(task.id, "Again.")
    assert "security_task" not in _sources(sup)

    back = sec.security_tasks.tasks(report_id=report.id)
    assert [(t.id, t.status, t.body["incident_id"]) for t in back] == [(task.id, "DONE", incident.id)]
    assert [i.key for i in sec.inbox.items() if i.source == "security_task_done"] == [
        f"security_task_done:{task.id}"]


@pytest.mark.parametrize("name", ["off1", "psy"])
def test_officers_and_treatment_staff_neither_ask_nor_see_tasks(login, name):
    sec = login("sec")
    report = sec.intelligence.create(first_prisoner(sec).id, "CONTRABAND_SECURITY", "Text.")
    task = sec.security_tasks.request(report.id, "CELL_SEARCH", "Search.")
    other = login(name)
    with pytest.raises(AccessDenied):
        other.security_tasks.tasks()
    with pytest.raises(AccessDenied):
        other.security_tasks.complete(task.id, "Done.")
    with pytest.raises(AccessDenied):
        login("sup").security_tasks.request(report.id, "CELL_SEARCH", "Search.")

"""Picking a vetted outside person in the contacts panel (issue 17 item 3), keyboard first: type to filter, Down to
pick; a valid vetting is said and needs nothing more; an expired one is said plainly and the contact is saved only
with a reason, which the record keeps. The supervisor's list on the sync page shows the wing's vetted people and
what ends within 30 days. The demo wing holds the people HQ would have sent (demo.vetted_people)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.pages_fixtures import demo_template, settle, tasks, wing, wing_dir  # noqa: F401
from wingdesk.gui import navigation
from wingdesk.gui.pages.vetted_people_page import VettedPeoplePage
from wingdesk.gui.widgets.contacts_panel import ContactsPanel


def _panel(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    psy = wing.sign_in("psychologist")
    panel = ContactsPanel(psy, tasks)
    qtbot.addWidget(panel)
    panel.resize(1280, 800)
    panel.show()
    pid = psy.prisoners.page()[0].id
    panel.load(pid)
    settle(qtbot, tasks)
    return psy, panel, pid


def _choose_type(qtbot, panel, tasks, contact_type: str) -> None:  # noqa: F811 - pytest fixtures imported from pages_fixtures
    combo = panel.form.editors["contact_type"]
    combo.setCurrentIndex(combo.findData(contact_type))
    settle(qtbot, tasks)


def _contacts(psy, pid):
    return psy.contacts.contacts(pid)


def test_pick_a_vetted_counsellor_by_typing(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    psy, panel, pid = _panel(qtbot, wing, tasks)
    _choose_type(qtbot, panel, tasks, "FAMILY")
    assert not panel.picker.isVisible()  # family: no list
    _choose_type(qtbot, panel, tasks, "RELIGIOUS_COUNSELLOR")
    assert panel.picker.isVisible() and panel.picker.list.count() == 2  # the two counsellors the demo lists
    panel.picker.filter.setFocus()
    qtbot.keyClicks(panel.picker.filter, "arben")
    assert panel.picker.list.count() == 1
    qtbot.keyClick(panel.picker.filter, Qt.Key.Key_Down)
    found = panel.picker.picked()
    assert found is not None and found.person.name == "Imam Arben Krasniqi"
    assert panel.picker.status.text().startswith("Vetted for this prison until")
    assert not panel.picker.reason.isVisible()
    assert panel.form.value("name") == "Imam Arben Krasniqi"
    panel.form.set_values({"contact_kind": "VISIT", "summary": "Friday talk on forgiveness"})
    before = len(_contacts(psy, pid))
    panel.save_button.click()
    settle(qtbot, tasks)
    saved = _contacts(psy, pid)
    assert len(saved) == before + 1
    body = next(r.body for r in saved if r.body.get("summary") == "Friday talk on forgiveness")
    assert (body["vetted_person_id"], body["vetted_standing"], body["vetting_status"]) == (
        found.person.person_id, "VETTED", "VETTED")
    assert panel.bar.text() == "Contact saved."


def test_an_expired_volunteer_needs_a_reason_and_the_reason_is_recorded(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    psy, panel, pid = _panel(qtbot, wing, tasks)
    _choose_type(qtbot, panel, tasks, "VOLUNTEER_NGO")
    panel.picker.filter.setFocus()
    qtbot.keyClicks(panel.picker.filter, "vesna")
    qtbot.keyClick(panel.picker.filter, Qt.Key.Key_Return)
    found = panel.picker.picked()
    assert found is not None and found.standing == "EXPIRED"
    assert "vetting expired on" in panel.picker.status.text() and "Give the reason" in panel.picker.status.text()
    assert panel.picker.reason.isVisible()
    panel.form.set_values({"contact_kind": "VISIT", "summary": "Parcel handed over at the gate"})
    before = len(_contacts(psy, pid))
    panel.save_button.click()
    settle(qtbot, tasks)
    assert len(_contacts(psy, pid)) == before  # nothing saved without a reason
    assert panel.picker.error.isVisible() and "Give the reason" in panel.picker.error.text()
    qtbot.keyClicks(panel.picker.reason, "The visit had already taken place; renewal asked of HQ")
    assert not panel.picker.error.isVisible()
    panel.save_button.click()
    settle(qtbot, tasks)
    body = next(r.body for r in _contacts(psy, pid) if r.body.get("summary") == "Parcel handed over at the gate")
    assert (body["name"], body["vetted_standing"], body["vetting_reason"]) == (
        "Vesna Marković", "EXPIRED", "The visit had already taken place; renewal asked of HQ")
    assert any(e.action == "contact_vetting_override" for e in psy.ctx.repo.iter_audit())


def test_withdrawn_and_other_prisons_people_are_marked_and_someone_unlisted_needs_a_reason(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    psy, panel, pid = _panel(qtbot, wing, tasks)
    _choose_type(qtbot, panel, tasks, "PEER_MENTOR")
    [item] = [panel.picker.list.item(i) for i in range(panel.picker.list.count())]
    assert item.text().endswith("Vetting withdrawn")
    panel.picker.list.setCurrentRow(0)
    assert "HQ withdrew this person's vetting" in panel.picker.status.text()
    _choose_type(qtbot, panel, tasks, "VOLUNTEER_NGO")
    texts = [panel.picker.list.item(i).text() for i in range(panel.picker.list.count())]
    assert any(t.startswith("Selma Begić") and t.endswith("Not listed for this prison") for t in texts)
    qtbot.keyClicks(panel.picker.filter, "nobody such")
    assert panel.picker.list.count() == 0 and panel.picker.picked() is None
    assert panel.picker.reason.isVisible()
    panel.form.set_values({"name": "Helper from the parish", "contact_kind": "VISIT", "summary": "Choir practice"})
    panel.save_button.click()
    settle(qtbot, tasks)
    assert panel.picker.error.isVisible()
    panel.picker.reason.setText("Came with the chaplain, escorted throughout")
    panel.save_button.click()
    settle(qtbot, tasks)
    body = next(r.body for r in _contacts(psy, pid) if r.body.get("summary") == "Choir practice")
    assert (body["name"], body["vetted_standing"]) == ("Helper from the parish", "NOT_ON_LIST")


def test_the_supervisor_sees_the_wings_vetted_people_and_what_ends_soon(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    supervisor = wing.sign_in("supervisor")
    page = VettedPeoplePage(supervisor, tasks)
    qtbot.addWidget(page)
    page.refresh()
    settle(qtbot, tasks)
    panel = page.panel
    rows = {panel.table.item(r, 0).text(): panel.table.item(r, 4).text() for r in range(panel.table.rowCount())}
    assert set(rows) == {"Imam Arben Krasniqi", "Father Nikola Jovanović", "Vesna Marković", "Elira Hoxha"}
    assert rows["Father Nikola Jovanović"] == "Ends in 18 days" and rows["Vesna Marković"] == "Vetting expired"
    assert panel.table.item(0, 0).text() == "Vesna Marković"  # soonest end first
    assert panel.summary.text() == (
        "Listed: 4. Ending within 30 days: 1. No longer valid (expired or not yet valid): 1.")
    shown = {name: "vetted_people" in [s.key for s in navigation.pages_for(wing.sign_in(name).user.role)]
             for name in ("supervisor", "governor", "security", "admin", "psychologist", "officer")}
    assert shown == {"supervisor": True, "governor": True, "security": True, "admin": True,
                     "psychologist": False, "officer": False}  # treatment staff see it where they log a contact


def test_hqs_withdrawal_reason_is_shown_as_plain_text_never_as_markup(qtbot):
    from wingdesk.domain.vetted_people import VettedPerson
    from wingdesk.gui.widgets.vetted_person_picker import VettedPersonPicker
    from wingdesk.services.vetted_people import VettedStanding

    picker = VettedPersonPicker()
    qtbot.addWidget(picker)
    person = VettedPerson("p-1", "<i>Ana</i>", "peer_mentor", "<a href='x'>NGO</a>", "", None, "2025-01-01",
                          "2025-12-31", "R-1", False, "<b>x</b>", 2)
    picker.set_people([VettedStanding(person, "WITHDRAWN", 30)])
    picker.list.setCurrentRow(0)
    assert "<b>x</b>" in picker.status.text()
    for label in (picker.status, picker.error):
        assert label.textFormat() == Qt.TextFormat.PlainText

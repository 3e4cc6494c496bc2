"""Prisoner roster: the paged table model on its own, then the page's search, filters and sorting."""

from datetime import date

from PySide6.QtCore import Qt

from wingdesk.domain.people import PrisonerFilter
from wingdesk.gui.models import prisoners_table_model as ptm
from wingdesk.gui.models.prisoners_table_model import PrisonersTableModel
from wingdesk.gui.pages.prisoners_page import PrisonersPage


def _load(qtbot, model, f=PrisonerFilter()):
    with qtbot.waitSignal(model.counted, timeout=5000) as counted:
        model.set_filter(f)
    return counted.args[0]


def test_model_counts_in_the_background_and_shows_rows(qtbot, sign_in, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    session = sign_in("officer")
    model = PrisonersTableModel(session, tasks)
    assert _load(qtbot, model) == 40 == model.rowCount()
    assert model.columnCount() == 7
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Name"
    names = [model.data(model.index(r, 1)) for r in range(model.rowCount())]
    assert len(set(names)) > 30
    assert all(model.data(model.index(r, 0)) for r in range(40))


def test_rows_beyond_the_first_page_are_fetched_on_demand(qtbot, sign_in, tasks, monkeypatch):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    monkeypatch.setattr(ptm, "PAGE_SIZE", 10)
    session = sign_in("officer")
    calls = []
    real_page = session.prisoners.page
    monkeypatch.setattr(session.prisoners, "page", lambda f, o, n: calls.append((o, n)) or real_page(f, o, n))
    model = PrisonersTableModel(session, tasks)
    _load(qtbot, model)
    assert calls == [(0, 10)]
    assert model.data(model.index(25, 1)) == "…"
    with qtbot.waitSignal(model.dataChanged, timeout=5000):
        pass
    assert model.data(model.index(25, 1)) not in ("…", None)
    assert (20, 10) in calls and (10, 10) not in calls  # only the page that was looked at


def test_sort_runs_in_sql(qtbot, sign_in, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    model = PrisonersTableModel(sign_in("officer"), tasks)
    _load(qtbot, model)
    with qtbot.waitSignal(model.counted, timeout=5000):
        model.sort(0, Qt.SortOrder.DescendingOrder)
    numbers = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert numbers == sorted(numbers, reverse=True)
    assert model.filter.sort == "number" and model.filter.descending


def test_search_box_is_debounced_and_filters(qtbot, sign_in, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    page = PrisonersPage(sign_in("officer"), tasks)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.model.counted, timeout=5000):
        page.refresh()
    name = page.model.prisoner(0).family_name
    with qtbot.waitSignal(page.model.counted, timeout=5000):
        qtbot.keyClicks(page.search_edit, name[:5])
        assert page.timer.isActive()  # nothing is queried until typing pauses
    assert 1 <= page.model.rowCount() < 40
    assert all(name[:5].lower() in page.model.prisoner(r).display_name.lower() for r in range(page.model.rowCount()))
    assert "prisoner" in page.count_label.text()


def test_filter_checkboxes(qtbot, sign_in, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    page = PrisonersPage(sign_in("supervisor"), tasks)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.model.counted, timeout=5000):
        page.refresh()
    with qtbot.waitSignal(page.model.counted, timeout=5000):
        page.female_box.setChecked(True)
    rows = [page.model.prisoner(r) for r in range(page.model.rowCount())]
    assert rows and all(p.sex == "F" for p in rows)
    with qtbot.waitSignal(page.model.counted, timeout=5000):
        page.female_box.setChecked(False)
    with qtbot.waitSignal(page.model.counted, timeout=5000):
        page.alerts_box.setChecked(True)
    assert all(page.model.prisoner(r).alert_codes for r in range(page.model.rowCount()))
    with qtbot.waitSignal(page.model.counted, timeout=5000):
        page.alerts_box.setChecked(False)
    with qtbot.waitSignal(page.model.counted, timeout=5000):
        page.young_box.setChecked(True)
    today = date.today()
    assert all(page.model.prisoner(r).is_young(today) for r in range(page.model.rowCount()))


def test_enter_on_a_row_opens_that_prisoner(qtbot, sign_in, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    page = PrisonersPage(sign_in("officer"), tasks)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.model.counted, timeout=5000):
        page.refresh()
    page.table.setFocus()
    page.table.selectRow(2)
    expected = page.model.prisoner_id(2)
    assert page.current_prisoner_id() == expected
    with qtbot.waitSignal(page.prisoner_requested, timeout=2000) as requested:
        page.table.activated.emit(page.table.currentIndex())
    assert requested.args == [expected]


def test_summary_readers_see_no_amendment_text_on_the_timeline(qtbot, sign_in, tasks):
    from PySide6.QtWidgets import QLabel

    from wingdesk.gui.pages.prisoner_page import PrisonerPage
    from wingdesk.gui.widgets.record_card import RecordCard

    supervisor = sign_in("supervisor")
    commented = next((r for p in supervisor.prisoners.page(limit=100) for r in supervisor.prisoners.timeline(p.id)
                      if r.kind == "log_entry" and r.amendments), None)
    assert commented is not None, "the demo wing has a returned log entry about a prisoner"
    page = PrisonerPage(sign_in("psychologist"), tasks, commented.prisoner_id)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: bool(page.findChildren(RecordCard)), timeout=5000)
    shown = " ".join(label.text() for label in page.findChildren(QLabel))
    assert commented.amendments[0].text not in shown


def test_the_officers_timeline_card_shows_a_level_only_where_its_sign_off_checks(qtbot, sign_in, tasks):
    """An assessment row forged into the database with raw SQL, its status COUNTERSIGNED: the officer's timeline
    card on the prisoner page shows neither its level nor its instructions; the demo's real sign-offs still show."""
    from PySide6.QtWidgets import QLabel

    from tests.integration.assessment_helpers import forged_with_sql, judgement
    from wingdesk.gui.pages.prisoner_page import PrisonerPage
    from wingdesk.gui.widgets.record_card import RecordCard

    officer, governor = sign_in("officer"), sign_in("governor")
    prisoner = next(p.id for p in officer.prisoners.page(limit=100) if officer.assessments.current_level(p.id))
    real = officer.assessments.current_level(prisoner)
    body = {"assessment_kind": "EVENT_TRIGGERED", "instrument_id": "wd.extremism_risk_spj", "instrument_version": 1,
            "status": "COUNTERSIGNED", "countersigned_by": governor.user.id, "countersigned_on": "2026-12-01",
            **judgement("LOW", management_instructions="Forged instruction FRG-77.")}
    forged = forged_with_sql(officer, "assessment", body, governor, prisoner)
    page = PrisonerPage(officer, tasks, prisoner)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: any(c.record.id == forged.id for c in page.findChildren(RecordCard)), timeout=5000)
    card = next(c for c in page.findChildren(RecordCard) if c.record.id == forged.id)
    shown = " ".join(label.text() for label in card.findChildren(QLabel))
    assert "FRG-77" not in shown and "Low" not in shown and "Countersigned" not in shown
    signed = [c for c in page.findChildren(RecordCard) if c.record.id == real.assessment_id]
    assert signed and "Countersigned" in " ".join(label.text() for label in signed[0].findChildren(QLabel))
    qtbot.waitUntil(lambda: page.level is not None, timeout=5000)
    assert page.level.assessment_id == real.assessment_id  # the profile's level is the real one

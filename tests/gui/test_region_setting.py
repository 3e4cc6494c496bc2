"""The wing's country for the instruments' regional guidance (issue 15 item 1), on the Administration page: the
administrator picks it, and the assessment forms add that country's guidance beside the instrument's own; only
an administrator gets the row. Before this row the setting could be written only through the service."""

from __future__ import annotations

from tests.gui.pages_fixtures import demo_template, settle, shown_page, tasks, wing, wing_dir  # noqa: F401
from wingdesk.gui.dialogs.assessment_dialog import AssessmentDialog, load_view
from wingdesk.gui.pages.admin_page import AdminPage

NEEDS = "wd.needs_assessment"


def _regional_item(view):
    return next((i.code, i.regional_guidance) for d in view.domains for i in d.items if i.regional_guidance)


def test_the_administrator_sets_the_country_and_the_forms_add_its_guidance(qtbot, wing, tasks):  # noqa: F811
    psy = wing.sign_in("psychologist")
    assert all(not i.regional_guidance for d in load_view(psy, NEEDS).domains for i in d.items)  # none chosen
    admin = wing.sign_in("admin")
    page = shown_page(qtbot, tasks, AdminPage, admin)
    row = page.region
    assert row.country.currentData() is None and not row.save_button.isEnabled()
    row.country.setCurrentIndex(row.country.findData("MK"))
    assert row.country.currentText() == "North Macedonia" and row.save_button.isEnabled()
    row.save()
    settle(qtbot, tasks)
    assert admin.instruments.region() == "MK" and "North Macedonia" in page.bar.text()

    view = load_view(psy, NEEDS)
    code, regional = _regional_item(view)
    form = AssessmentDialog(psy, tasks, psy.prisoners.page()[0].id, view)
    qtbot.addWidget(form)
    assert regional in form.form.rows[code].choice.toolTip()  # beside the instrument's own guidance
    assert view.region == "MK"
    again = AdminPage(admin, tasks)
    qtbot.addWidget(again)
    again.refresh()
    settle(qtbot, tasks)
    assert again.region.country.currentData() == "MK"  # shown as saved


def test_only_the_administrator_gets_the_country_row(qtbot, wing, tasks):  # noqa: F811
    for name in ("supervisor", "governor"):
        page = AdminPage(wing.sign_in(name), tasks)
        qtbot.addWidget(page)
        assert page.region is None, name

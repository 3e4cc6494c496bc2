"""Language: dates on the prisoner page follow the selected language; every code and field has a label."""

import ast
import logging
from datetime import date
from pathlib import Path

from babel.dates import format_date

from wingdesk.domain import codes
from wingdesk.domain.kinds import KINDS
from wingdesk.gui import labels
from wingdesk.gui.pages.prisoner_page import PrisonerPage
from wingdesk.i18n import set_language

GUI = Path(labels.__file__).parent


def test_prisoner_page_dates_follow_the_language(qtbot, sign_in, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    session = sign_in("officer")
    prisoner = next(p for p in session.prisoners.page() if p.admission_date)
    page = PrisonerPage(session, tasks, prisoner.id)
    qtbot.addWidget(page)
    page.refresh()
    shown = page.profile_labels["admission_date"][1]
    admitted = date.fromisoformat(prisoner.admission_date)
    english, albanian = format_date(admitted, locale="en_GB"), format_date(admitted, locale="sq_AL")
    assert english != albanian
    qtbot.waitUntil(lambda: shown.text() == english, timeout=5000)
    set_language("sq")
    page.retranslate_ui()
    assert shown.text() == albanian
    month_sq = format_date(admitted, "MMM", locale="sq_AL")
    assert month_sq in shown.text()


def test_every_code_has_a_label():  # noqa: F811 - pytest fixtures imported from pages_fixtures
    for name in dir(codes):
        values = getattr(codes, name)
        if name.isupper() and isinstance(values, tuple):
            missing = [c for c in values if c not in labels.CODE_LABELS]
            assert not missing, (name, missing)


def test_every_record_field_has_a_label():  # noqa: F811 - pytest fixtures imported from pages_fixtures
    specs = [fields for spec in KINDS.values()
             for fields in (spec.fields, *spec.subtypes.values(), *spec.nested.values())]
    own = labels.kind_own_labels()  # a kind may bring its own labels (domain/kinds, design decision 9)
    missing = {f.name for spec in specs for f in spec if f.name not in labels.FIELD_LABELS and f.name not in own}
    assert not missing


def test_no_f_strings_or_positional_placeholders_inside_translations():  # noqa: F811 - pytest fixtures imported from pages_fixtures
    mine = ["labels.py", "main_window.py", "application.py", "app_controller.py", "session_guard.py",
            "dialogs/login_dialog.py", "dialogs/first_run_wizard.py", "dialogs/observation_dialog.py",
            "pages/home_page.py", "pages/prisoners_page.py", "pages/prisoner_page.py", "record_text.py",
            "models/prisoners_table_model.py", "widgets/record_card.py", "when.py"]
    for name in mine:
        tree = ast.parse((GUI / name).read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_", "N_", "ngettext"):
                for arg in node.args:
                    assert not isinstance(arg, ast.JoinedStr), (name, node.lineno)
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        assert "{}" not in arg.value and "{0" not in arg.value, (name, node.lineno)


def test_both_fields_of_a_date_order_error_are_named_by_their_labels():
    from wingdesk.domain.errors import ValidationError

    error = ValidationError("date_order", field="end_date", other="start_date")
    try:
        set_language("en")
        assert labels.error_text(error) == "End date cannot be before Start date."
        set_language("sq")
        shown = labels.error_text(error)
        assert "end_date" not in shown and "start_date" not in shown
        assert labels.field_label("start_date") in shown
    finally:
        set_language("en")


def test_an_unexpected_error_is_one_sentence_everywhere_and_logged_without_its_text(qtbot, caplog):
    """Every screen says the same for a failure that is not a WingError, and the administrator's log says where it
    happened, never what the error's message held (it may quote a name or record text)."""
    from wingdesk.gui.widgets.message_bar import MessageBar

    def fail() -> None:
        raise KeyError("Prisoner Marko Marković")

    try:
        fail()
    except KeyError as raised:
        error = raised
    set_language("en")
    with caplog.at_level(logging.ERROR, logger="wingdesk.gui.labels"):
        shown = labels.error_text(error)
    assert shown == "Something went wrong (KeyError). Try again; if it happens again, tell the administrator."
    bar = MessageBar()
    qtbot.addWidget(bar)
    bar.show_error(error)
    assert bar.text() == shown
    logged = caplog.text
    assert "KeyError" in logged and f"{__name__}:fail:" in logged
    assert "Marko" not in logged and "Marko" not in shown


def test_times_are_on_the_24_hour_clock_with_four_digit_years_in_every_language():
    """CLDR's short formats gave Albanian '26.11.26, 7:05 m.d.' next to a form showing 19:05."""
    from datetime import UTC, datetime

    from wingdesk.i18n.formats import format_datetime, format_time

    moment = datetime(2026, 11, 26, 19, 5, tzinfo=UTC).astimezone()
    clock = moment.strftime("%H:%M")
    try:
        for code in ("en", "sq", "sr", "sr_Latn", "bs", "hr", "mk", "cnr"):
            set_language(code)
            shown = format_datetime(moment)
            assert clock in shown and "2026" in shown and format_time(moment) == clock, (code, shown)
        set_language("sr")
        assert format_datetime(moment) == f"26. 11. 2026. {clock}"  # the language's own order and separators
    finally:
        set_language("en")

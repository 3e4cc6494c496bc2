"""Render every main screen for every demo role and language to PNG files (docs, reviews, layout checks)."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from wingdesk.demo.accounts import DEMO_ACCOUNTS
from wingdesk.domain.people import PrisonerFilter
from wingdesk.gui import navigation
from wingdesk.gui.presence_screenshots import presence_screens
from wingdesk.gui.screenshots_alerts import grab_alerts, prisoner_with_alerts
from wingdesk.gui.screenshots_handover import grab_handover, handover_prisoner
from wingdesk.gui.screenshots_learning import grab_learning
from wingdesk.gui.screenshots_oversight import oversight_screens
from wingdesk.gui.screenshots_retention import grab_retention
from wingdesk.gui.screenshots_subject_access import grab_subject_access
from wingdesk.gui.screenshots_transfer import grab_transfer
from wingdesk.gui.screenshots_vetted import grab_vetted_contact
from wingdesk.gui.tasks import TaskRunner
from wingdesk.i18n import set_language
from wingdesk.services.policy import Action, Resource, scope_for

if TYPE_CHECKING:
    from wingdesk.services.ports import WingAccess
    from wingdesk.services.wing import WingServices

SIZE = (1280, 800)


def settle(tasks: TaskRunner, timeout: float = 10.0) -> None:
    """Process events until background work and short timers (debounces) have finished."""
    deadline, quiet = time.monotonic() + timeout, 0
    while time.monotonic() < deadline and quiet < 5:
        QApplication.processEvents()
        quiet = 0 if tasks.busy else quiet + 1
        time.sleep(0.03)
    QApplication.processEvents()


def run_sync(tasks: TaskRunner, work: Any) -> Any:
    """Run `work` on the task pool and wait (batch use only; the UI is not interactive here)."""
    box: dict[str, Any] = {}
    tasks.run(work, lambda r: box.setdefault("ok", r), lambda e: box.setdefault("error", e))
    while not box:
        QApplication.processEvents()
        time.sleep(0.01)
    if "error" in box:
        raise box["error"]
    return box["ok"]


def _grab(widget: QWidget, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(path))


def _one_per_role() -> list[Any]:
    seen, found = set(), []
    for acc in DEMO_ACCOUNTS:
        if acc.role not in seen:
            seen.add(acc.role)
            found.append(acc)
    return found


def _sample_prisoner(session: WingServices) -> str | None:
    if not navigation.can_read_prisoners(session.user.role):
        return None
    readable = scope_for(session.user.role, Action.READ, Resource.OBSERVATION) is not None  # asked, not tried:
    recent = session.observations.recent(1) if readable else []  # a refused call writes a denial in the audit
    if recent and recent[0].prisoner_id:
        return str(recent[0].prisoner_id)
    alerts = session.alerts.active(limit=1)
    if alerts and alerts[0].prisoner_id:
        return str(alerts[0].prisoner_id)
    first = session.prisoners.page(PrisonerFilter(), 0, 1)
    return first[0].id if first else None


def _plan_prisoner(session: WingServices) -> str | None:
    """A prisoner with a treatment plan the role may read, for the treatment page (None: no such role or plan)."""
    if not navigation.can_read_prisoners(session.user.role):
        return None
    for person in session.prisoners.page(PrisonerFilter(), 0, 60):
        try:
            if session.treatment.current_plan(person.id) is not None:
                return person.id
        except Exception:  # noqa: BLE001 - the role may not read plans: the page shows its empty state
            return None
    return None


def _role_screens(session: WingServices, tasks: TaskRunner, out: Path, langs: list[str], role: str) -> None:
    from wingdesk.gui.main_window import MainWindow

    settings = QSettings(str(Path(tempfile.mkdtemp()) / "shots.ini"), QSettings.Format.IniFormat)
    window = MainWindow(session, tasks, settings, demo=True)
    window.resize(*SIZE)
    window.show()
    prisoner_id = run_sync(tasks, lambda: _sample_prisoner(session))
    plan_prisoner = run_sync(tasks, lambda: _plan_prisoner(session)) if "treatment" in {
        s.key for s in window.specs} else None
    from wingdesk.gui.screenshots_assessment import grab_assessment
    from wingdesk.gui.screenshots_search import grab_search, search_word

    word = run_sync(tasks, lambda: search_word(session))
    with_alerts = run_sync(tasks, lambda: prisoner_with_alerts(session))
    from wingdesk.gui.screenshots_intelligence import grab_intelligence, shared_report_subject

    intelligence = run_sync(tasks, lambda: shared_report_subject(session))  # issue 16
    try:
        for lang in langs:
            set_language(lang)
            for spec in window.specs:
                window.show_page(spec.key)
                window.refresh_current()
                settle(tasks)
                if spec.key == "treatment" and plan_prisoner:
                    page: Any = window.stack.currentWidget()
                    page.show_prisoner(plan_prisoner)
                    settle(tasks)
                _grab(window, out / lang / f"{role}-{spec.key}.png")
                if getattr(window.pages.get(spec.key), "backups", None) is not None:  # issue 22: the backups tab
                    admin: Any = window.pages[spec.key]
                    admin.tabs.setCurrentWidget(admin.backups)
                    settle(tasks)
                    _grab(window, out / lang / f"{role}-{spec.key}-backups.png")
                    admin.tabs.setCurrentIndex(0)
            presence_screens(window, tasks, out, lang, role, settle, _grab)  # admission, roll resolution

            def grab(widget: QWidget, name: str, lang: str = lang) -> None:
                _grab(widget, out / lang / f"{role}-{name}.png")

            oversight_screens(window, lambda: settle(tasks), grab)
            if prisoner_id:
                window.open_prisoner(prisoner_id)
                settle(tasks)
                _grab(window, out / lang / f"{role}-prisoner.png")
            grab_search(window, tasks, word, out / lang, role, settle, _grab)  # name search, either script
            grab_alerts(window, tasks, out / lang, role, with_alerts, _grab, settle)
            grab_assessment(window, tasks, out / lang, role, prisoner_id, _grab, settle, run_sync)  # issue 15
            grab_subject_access(window, tasks, out / lang, role, prisoner_id, _grab, settle)  # issue 19
            grab_handover(window, tasks, out / lang, role, run_sync(tasks, lambda: handover_prisoner(session)),
                          _grab, settle)  # issue 19 item 2
            grab_transfer(window, tasks, out / lang, role, prisoner_id, _grab, settle)  # issue 19 item 1
            grab_vetted_contact(window, tasks, out / lang, role, prisoner_id, _grab, settle)  # issue 17 item 3
            grab_learning(window, tasks, out / lang, role, _grab, settle)  # training modules (issue 18)
            grab_retention(window, tasks, out / lang, role, _grab, settle)  # retention review (issue 19 item 5)
            grab_intelligence(window, tasks, out / lang, role, intelligence, _grab, settle)
            if navigation.can_record_observation(session.user.role):
                window.record_observation()
                dialog = window._observation_dialog
                settle(tasks)
                if dialog is not None:
                    dialog.fill_example()  # type: ignore[attr-defined]
                    settle(tasks)
                    _grab(dialog, out / lang / f"{role}-observation.png")
                    dialog.discard()  # type: ignore[attr-defined]  # reject() would ask about the example text
    finally:
        window.dispose()
        window.deleteLater()
        settle(tasks, 1)


def render_screenshots(backend: WingAccess, out: Path, langs: list[str]) -> int:
    from wingdesk.gui.dialogs.login_dialog import LoginDialog

    tasks = TaskRunner(QApplication.instance())
    for lang in langs:
        set_language(lang)
        login = LoginDialog(backend, tasks, demo=True, accounts=DEMO_ACCOUNTS)
        login.resize(520, 560)
        login.show()
        settle(tasks, 1)
        _grab(login, out / lang / "all-login.png")
        login.done(0)
        login.deleteLater()
    for acc in _one_per_role():
        session = run_sync(tasks, lambda a=acc: backend.sign_in(a.username, a.passphrase))
        try:
            _role_screens(session, tasks, out, langs, str(acc.role))
        finally:
            session.lock()
        print(f"screenshots: {acc.role} done", file=sys.stderr)
    set_language(langs[0])
    return 0

"""Admin page: add a user, unlock after lock-out, verify the audit chain."""

from __future__ import annotations

import pytest

from tests.gui.pages_fixtures import (  # noqa: F401
    PASSWORDS,
    answer_password,
    demo_template,
    settle,
    tasks,
    wing,
    wing_dir,
)
from wingdesk.domain.errors import AuthError
from wingdesk.domain.roles import Role
from wingdesk.domain.throttle import LOCK_AFTER
from wingdesk.gui.pages.admin_page import AdminPage
from wingdesk.storage.backend import LocalWing
from wingdesk.storage.vault import WingVault


def _fill_add(dialog):
    dialog.username.setText("nina.officer")
    dialog.display_name.setText("Nina Test")
    dialog.role.setCurrentIndex(dialog.role.findData(str(Role.TREATMENT)))
    dialog.discipline.setCurrentIndex(dialog.discipline.findData("EDU"))
    dialog.passphrase.setText("lantern-river-copper-meadow")
    dialog.repeat.setText("lantern-river-copper-meadow")
    return True


def test_add_user_unlock_and_verify_chain(qtbot, wing, tasks):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    admin = wing.sign_in("admin")
    page = AdminPage(admin, tasks)
    qtbot.addWidget(page)
    page.refresh()
    settle(qtbot, tasks)
    assert page.users.rowCount() == 9

    page.exec_dialog = _fill_add
    asked: list[bool] = []
    answer_password(PASSWORDS["admin"], asked)
    page.add_button.click()
    settle(qtbot, tasks)
    assert asked and page.bar.kind == "ok"
    added = next(u for u in admin.users.list_users() if u.username == "nina.officer")
    assert added.role is Role.TREATMENT and added.discipline == "EDU"

    with pytest.raises(AuthError):
        LocalWing(wing.folder).sign_in("officer2", "wrong-passphrase-here")
    vault = WingVault(wing.folder)  # the growing delay makes ten real tries slow: record the rest directly
    for _ in range(LOCK_AFTER):
        vault.record_failure("officer2", "login_failed", "2026-01-01T00:00:00Z")
    assert admin.users.is_locked("officer2")
    page.refresh()
    settle(qtbot, tasks)
    row = next(r for r in range(page.users.rowCount()) if page.users.user(r).username == "officer2")
    assert "LOCKED" in page.users.data(page.users.index(row, page.users.STATE))
    page.users_view.selectRow(row)
    assert page.unlock_button.isEnabled()
    page.unlock_button.click()
    settle(qtbot, tasks)
    assert not admin.users.is_locked("officer2")

    page.tabs.setCurrentIndex(1)
    page.verify_chain()
    settle(qtbot, tasks)
    assert "intact" in page.verify_result.text()
    assert page.audit.rowCount() > 0


def test_administrator_sets_who_counts_as_a_young_adult_without_reading_prisoners(qtbot, wing, tasks):  # noqa: F811
    admin = wing.sign_in("admin")
    page = AdminPage(admin, tasks)
    qtbot.addWidget(page)
    page.refresh()
    settle(qtbot, tasks)
    assert page.young_spin.isVisibleTo(page) and page.young_spin.value() == 21
    page.young_spin.setValue(23)
    page.idle_save.click()
    settle(qtbot, tasks)
    assert page.bar.kind == "ok", page.bar.text()
    supervisor = wing.sign_in("supervisor")
    assert supervisor.prisoners.young_adult_age() == 23
    mine = [e for e in admin.audit.page(0, 1000) if e.actor == admin.user.id]
    assert "young_adult_age" in [e.object for e in mine if e.action == "setting_change"]
    assert not [e for e in mine if e.action == "access_denied"]  # it asked nothing the administrator may not read
    page.young_spin.setValue(17)  # below the range the spin box allows: clamped, never saved as 17
    assert page.young_spin.value() == 18


def test_the_supervisor_sees_no_settings(qtbot, wing, tasks):  # noqa: F811
    page = AdminPage(wing.sign_in("supervisor"), tasks)
    qtbot.addWidget(page)
    page.refresh()
    settle(qtbot, tasks)
    assert not page.young_spin.isVisibleTo(page) and not page.idle_save.isVisibleTo(page)


def test_records_from_hq_refuses_a_file_that_is_not_hqs_package_with_one_sentence(qtbot, wing, tasks,  # noqa: F811
                                                                                 tmp_path):
    """The administrator's item for a new PC rebuilt from HQ (issue 22 item 4): the file chosen, the passphrase asked,
    and a refusal shown as one sentence with nothing written (the package itself: tests/integration)."""
    admin = wing.sign_in("admin")
    page = AdminPage(admin, tasks)
    qtbot.addWidget(page)
    assert page.from_hq_button.isVisibleTo(page) and "HQ" in page.from_hq_button.text()
    junk = tmp_path / "successor.wdb"
    junk.write_bytes(b"not a package from HQ")
    page.choose_package = lambda: str(junk)
    records = admin.ctx.repo.query("SELECT count(*) FROM records")[0][0]
    asked: list[bool] = []
    answer_password(PASSWORDS["admin"], asked)
    page.from_hq_button.click()
    settle(qtbot, tasks)
    assert asked and page.bar.kind == "error"
    assert "HQ" in page.bar.text() and page.bar.text().count(".") == 1
    assert admin.ctx.repo.query("SELECT count(*) FROM records")[0][0] == records


def test_only_the_administrator_sees_records_from_hq(qtbot, wing, tasks):  # noqa: F811
    supervisor = wing.sign_in("supervisor")
    page = AdminPage(supervisor, tasks)
    qtbot.addWidget(page)
    assert not page.from_hq_button.isVisibleTo(page)

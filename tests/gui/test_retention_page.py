"""The governor's retention review through the page (issue 19 item 5): only the governor has it; the demo's former
prisoners are due; an erasure needs a reason and the confirmation, runs in the background and empties the queue of
that prisoner; keeping longer takes the prisoner off the queue."""

from __future__ import annotations

from tests.gui.pages_fixtures import demo_template, settle, shown_page, tasks, wing, wing_dir  # noqa: F401
from wingdesk.demo.retention import FORMER
from wingdesk.gui import navigation
from wingdesk.gui.pages.retention_page import RetentionPage


def _page(qtbot, tasks, session, confirm=True):  # noqa: F811 - pytest fixtures imported from pages_fixtures
    page = shown_page(qtbot, tasks, RetentionPage, session, size=(1240, 760))
    page.confirm = lambda *_args: confirm  # asked only when an erasure is started
    page.ask_password = lambda *_args: True
    return page


def test_only_the_governor_has_the_page(wing):  # noqa: F811
    for name in ("officer", "supervisor", "security", "psychologist", "admin"):
        assert "retention" not in [s.key for s in navigation.pages_for(wing.sign_in(name).user.role)]
    assert "retention" in [s.key for s in navigation.pages_for(wing.sign_in("governor").user.role)]


def test_erase_needs_a_reason_and_the_confirmation(qtbot, wing, tasks):  # noqa: F811
    governor = wing.sign_in("governor")
    page = _page(qtbot, tasks, governor, confirm=False)
    assert sorted(p.number for p in page.items) == sorted(f[0] for f in FORMER)
    first = page.current
    assert first is not None and "Source:" in page.details.text()
    page.erase_button.click()  # no reason
    settle(qtbot, tasks)
    assert governor.ctx.repo.tombstone_count() == 0
    page.reason.setPlainText("Retention period ended; nothing pending")
    page.erase_button.click()  # the confirmation answered Cancel
    settle(qtbot, tasks)
    assert governor.ctx.repo.tombstone_count() == 0
    page.confirm = lambda *_args: True
    page.erase_button.click()
    settle(qtbot, tasks)
    assert governor.ctx.repo.tombstone_count() == len(first.records)
    assert first.prisoner_id not in [p.prisoner_id for p in page.items]


def test_keep_until_takes_the_prisoner_off_the_queue(qtbot, wing, tasks):  # noqa: F811
    governor = wing.sign_in("governor")
    page = _page(qtbot, tasks, governor)
    kept = page.current.prisoner_id
    page.reason.setPlainText("A claim is pending before the court")
    page.keep_button.click()
    settle(qtbot, tasks)
    assert kept not in [p.prisoner_id for p in page.items] and len(page.items) == len(FORMER) - 1
    assert governor.ctx.repo.tombstone_count() == 0

"""The administrator page's "records from HQ" item on a real new PC (issue 22 item 4): HQ's package written in the
background, and the status bar says what came over — record versions, prisoners, accounts waiting for a
passphrase, and a deletion made on the dead PC that stays accounted for. Set WINGDESK_SCREENSHOTS=DIR to keep a
1280x800 picture of the page in English and Macedonian."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.gui.pages_fixtures import settle, shown_page  # noqa: E402
from tests.integration.test_restore_from_hq import NEW_ADMIN, NEW_PW, _dead_pc_with_a_deletion, _fresh  # noqa: E402
from wingdesk.gui.pages.admin_page import AdminPage  # noqa: E402
from wingdesk.gui.tasks import TaskRunner  # noqa: E402
from wingdesk.hq.successors import replace_device  # noqa: E402
from wingdesk.i18n import set_language  # noqa: E402


@pytest.mark.timeout(240)
@pytest.mark.parametrize("language", ["en", "mk"])
def test_the_page_writes_hqs_package_and_says_what_came_over(qtbot, qapp, wing_template, hq, tmp_path, language):
    dead_id, kept, _wrong, _stone = _dead_pc_with_a_deletion(wing_template, hq, tmp_path)
    new, new_id = _fresh(tmp_path / "new", hq)
    package = tmp_path / "successor.wdb"
    package.write_bytes(replace_device(hq.store, hq.keys, dead_id, new_id, datetime.now(UTC)))
    set_language(language)
    tasks = TaskRunner()
    admin = new.sign_in(NEW_ADMIN, NEW_PW)
    try:
        page = shown_page(qtbot, tasks, AdminPage, admin, size=(1280, 800))
        page.choose_package = lambda: str(package)
        page._confirmed = lambda _text: True  # the confirmation box (its own tests: tests/gui)
        page.from_hq_button.click()  # just signed in: no passphrase asked again
        settle(qtbot, tasks, timeout=60000)
        text = page.bar.text()
        assert page.bar.kind == "ok", text
        assert "1" in text and admin.ctx.repo.query("SELECT count(*) FROM tombstones")[0][0] == 1
        if language == "en":
            assert "Written from HQ: " in text
            assert "1 record deleted on that PC stays accounted for by its signed deletion statement." in text
        assert admin.ctx.repo.query("SELECT count(*) FROM records WHERE id = ?", (kept.id,))[0][0] == 1
        folder = os.environ.get("WINGDESK_SCREENSHOTS")
        if folder:
            page.grab().save(str(Path(folder) / f"admin-restored-{language}.png"))
    finally:
        admin.lock()
        tasks.wait(10000)
        set_language("en")

"""The screenshot tool (`wingdesk demo --screenshots`) goes through an officer's screens without stopping."""

from __future__ import annotations

import pytest

from tests.gui.pages_fixtures import demo_template, tasks, wing, wing_dir  # noqa: F401
from wingdesk.gui.screenshots import _role_screens


@pytest.mark.timeout(120)
def test_the_officer_screens_are_grabbed_including_the_filled_observation(qtbot, wing, tasks, tmp_path,  # noqa: F811 - pytest fixtures imported from pages_fixtures
                                                                           monkeypatch):
    """The tool fills the observation dialog with example text and closes it: closing must not put the
    'discard what you wrote?' question (unanswered offscreen, it hung the whole run once)."""
    from wingdesk.gui.dialogs import observation_dialog

    asked = []
    monkeypatch.setattr(observation_dialog, "ask_yes_no", lambda *args: asked.append(args) or False)
    _role_screens(wing.sign_in("officer"), tasks, tmp_path, ["en"], "officer")
    assert (tmp_path / "en" / "officer-observation.png").stat().st_size > 0
    assert (tmp_path / "en" / "officer-search.png").stat().st_size > 0
    assert (tmp_path / "en" / "officer-prisoners_search.png").stat().st_size > 0
    for name in ("officer-learning.png", "officer-module.png", "officer-module-check.png"):  # issue 18
        assert (tmp_path / "en" / name).stat().st_size > 0, name
    assert not asked

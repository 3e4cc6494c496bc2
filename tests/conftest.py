"""Shared test settings: offscreen Qt, a quick-but-valid KDF floor, hypothesis profile."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import settings  # noqa: E402

settings.register_profile("ci", max_examples=60, deadline=None)
settings.load_profile("ci")


def _compile_catalogs() -> None:
    """Tests that switch language need the compiled catalogs (build products in wingdesk/locale, made by
    installer/dev-setup.sh and the wheel build)."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]

    def mo(po: Path) -> Path:
        return root / "wingdesk" / "locale" / po.parent.parent.name / "LC_MESSAGES" / "wingdesk.mo"

    stale = [po for po in (root / "translations").glob("*/LC_MESSAGES/wingdesk.po")
             if not mo(po).exists() or mo(po).stat().st_mtime < po.stat().st_mtime]
    if stale:
        subprocess.run([sys.executable, str(root / "installer" / "i18n.py"), "compile"], check=True,
                       capture_output=True)


_compile_catalogs()


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _cycles_collected_on_the_ui_thread(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """In a test with a QApplication, as in the app (wingdesk/gui/gc_guard.py): no reference cycle holding a widget
    is collected on a background task's thread. At the end the test's garbage is collected here, on the UI thread,
    and the other tests get the interpreter's own collection back."""
    if "qapp" not in request.fixturenames:
        yield
        return
    from wingdesk.gui.gc_guard import UiThreadCollector

    collector = UiThreadCollector(request.getfixturevalue("qapp"))
    yield
    collector.stop()


@pytest.fixture
def macedonian():  # type: ignore[no-untyped-def]
    """The program in Macedonian for one test; afterwards no translation update and the language before."""
    from wingdesk import i18n

    before = i18n.current_language()
    i18n.set_language("mk")
    yield
    i18n.apply_updates({})
    i18n.set_language(before)

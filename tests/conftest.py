"""Shared test settings: offscreen Qt, a quick-but-valid KDF floor, hypothesis profile."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import settings  # noqa: E402

settings.register_profile("ci", max_examples=60, deadline=None)
settings.load_profile("ci")


def _compile_catalogs() -> None:
    """Tests that switch language need the compiled catalogs (build products, made by installer/dev-setup.sh)."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    stale = [po for po in (root / "translations").glob("*/LC_MESSAGES/wingdesk.po")
             if not po.with_suffix(".mo").exists() or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime]
    if stale:
        subprocess.run([sys.executable, str(root / "installer" / "i18n.py"), "compile"], check=True,
                       capture_output=True)


_compile_catalogs()

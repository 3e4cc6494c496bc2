"""Files stay small and named for what they hold: no module in wingdesk/ over 400 lines (issue 12)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "wingdesk"
LIMIT = 400


def test_no_module_over_the_limit() -> None:
    long = {str(p.relative_to(ROOT)): n for p in ROOT.rglob("*.py")
            if (n := len(p.read_text("utf-8").splitlines())) > LIMIT}
    assert not long, f"split these (lines): {long}"

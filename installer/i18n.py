"""Translation catalogs: extract the template, update every language's .po, compile the .mo files.

    python installer/i18n.py extract   # wingdesk/**.py -> translations/wingdesk.pot
    python installer/i18n.py update    # merge the template into translations/<lang>/LC_MESSAGES/wingdesk.po
    python installer/i18n.py compile   # .po -> .mo (done by installer/dev-setup.sh and installer/build.py)
    python installer/i18n.py check     # untranslated/fuzzy counts per language
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "translations"
TEMPLATE = TRANSLATIONS / "wingdesk.pot"
LANGUAGES = ("sq", "sr", "sr_Latn", "bs", "hr", "mk", "cnr")


def pybabel(*args: str) -> None:
    exe = Path(sys.executable).with_name("pybabel")
    subprocess.run([str(exe), *args], check=True, cwd=ROOT)


def extract() -> None:
    pybabel("extract", "-F", "babel.cfg", "-k", "N_", "--no-location", "--sort-output", "--project", "WingDesk",
            "--copyright-holder", "WingDesk contributors", "-o", str(TEMPLATE), "wingdesk")


def update() -> None:
    for lang in LANGUAGES:
        po = TRANSLATIONS / lang / "LC_MESSAGES" / "wingdesk.po"
        if po.exists():
            pybabel("update", "--no-fuzzy-matching", "-i", str(TEMPLATE), "-d", str(TRANSLATIONS), "-D", "wingdesk",
                    "-l", lang)
        else:
            pybabel("init", "-i", str(TEMPLATE), "-d", str(TRANSLATIONS), "-D", "wingdesk", "-l", lang)


def compile_all() -> None:
    pybabel("compile", "-d", str(TRANSLATIONS), "-D", "wingdesk", "--statistics")


def check() -> int:
    from babel.messages.pofile import read_po

    missing_total = 0
    for lang in LANGUAGES:
        with open(TRANSLATIONS / lang / "LC_MESSAGES" / "wingdesk.po", "rb") as handle:
            catalog = read_po(handle)
        missing = [m.id for m in catalog if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple)
                                                                            else (m.string,)))]
        missing_total += len(missing)
        print(f"{lang:8} {len(catalog) - 1:5} messages, {len(missing):4} untranslated or fuzzy")
    return 1 if missing_total else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    result = {"extract": extract, "update": update, "compile": compile_all, "check": check}[command]()
    sys.exit(result or 0)

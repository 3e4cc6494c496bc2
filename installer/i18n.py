"""Translation catalogs: extract the template, update every language's .po, compile the .mo files.

    python installer/i18n.py extract   # wingdesk/**.py -> translations/wingdesk.pot
    python installer/i18n.py update    # merge the template into translations/<lang>/LC_MESSAGES/wingdesk.po
    python installer/i18n.py compile   # .po -> wingdesk/locale/<lang>/LC_MESSAGES/wingdesk.mo (package data)
    python installer/i18n.py check     # untranslated/fuzzy counts per language
    python installer/i18n.py sr-latin  # fill *untranslated* sr_Latn messages from sr (Cyrillic -> Latin)

The .po files in translations/ are the one source of translations (edited with Poedit, Weblate or by hand). The
.mo files are build products: the wheel build (setup.py) and installer/dev-setup.sh run `compile`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "translations"
TEMPLATE = TRANSLATIONS / "wingdesk.pot"
PACKAGE_LOCALE = ROOT / "wingdesk" / "locale"
DOMAIN = "wingdesk"
LANGUAGES = ("sq", "sr", "sr_Latn", "bs", "hr", "mk", "cnr")


def pybabel(*args: str) -> None:
    exe = Path(sys.executable).with_name("pybabel")
    subprocess.run([str(exe), *args], check=True, cwd=ROOT)


def extract() -> None:
    """Write the template beside it first: a failed extraction (say, jinja2 missing for the console's templates)
    used to leave an empty wingdesk.pot behind, which then went into a commit."""
    partial = TEMPLATE.with_suffix(".pot.partial")
    try:
        pybabel("extract", "-F", "babel.cfg", "-k", "N_", "--no-location", "--sort-output", "--project", "WingDesk",
                "--copyright-holder", "WingDesk contributors", "-o", str(partial), "wingdesk")
        partial.replace(TEMPLATE)
    finally:
        partial.unlink(missing_ok=True)


def update() -> None:
    for lang in LANGUAGES:
        po = TRANSLATIONS / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po.exists():
            # --no-wrap: long messages stay on one line, as translators' tools write them (small diffs)
            pybabel("update", "--no-fuzzy-matching", "--no-wrap", "-i", str(TEMPLATE), "-d", str(TRANSLATIONS),
                    "-D", DOMAIN, "-l", lang)
        else:
            pybabel("init", "-i", str(TEMPLATE), "-d", str(TRANSLATIONS), "-D", DOMAIN, "-l", lang)


def compile_catalogs(target: Path = PACKAGE_LOCALE, source: Path = TRANSLATIONS) -> int:
    """Every language's .po -> target/<lang>/LC_MESSAGES/wingdesk.mo (fuzzy entries left out, as pybabel does).
    Returns the number of catalogs written; a missing .po is an error, not an English-only build."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for lang in LANGUAGES:
        po = source / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if not po.is_file():
            raise FileNotFoundError(f"i18n: the catalog {po} is missing")
        with open(po, "rb") as handle:
            catalog = read_po(handle, locale=lang if lang != "cnr" else "sr_Latn_ME")
        mo = target / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        mo.parent.mkdir(parents=True, exist_ok=True)
        with open(mo, "wb") as handle:
            write_mo(handle, catalog)
    return len(LANGUAGES)


def check() -> int:
    from babel.messages.pofile import read_po

    missing_total = 0
    for lang in LANGUAGES:
        with open(TRANSLATIONS / lang / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as handle:
            catalog = read_po(handle)
        missing = [m.id for m in catalog if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple)
                                                                            else (m.string,)))]
        missing_total += len(missing)
        print(f"{lang:8} {len(catalog) - 1:5} messages, {len(missing):4} untranslated or fuzzy")
    return 1 if missing_total else 0


_CYR = "АБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШабвгдђежзијклљмнњопрстћуфхцчџш"
_LAT = ["A", "B", "V", "G", "D", "Đ", "E", "Ž", "Z", "I", "J", "K", "L", "Lj", "M", "N", "Nj", "O", "P", "R", "S",
        "T", "Ć", "U", "F", "H", "C", "Č", "Dž", "Š", "a", "b", "v", "g", "d", "đ", "e", "ž", "z", "i", "j", "k", "l",
        "lj", "m", "n", "nj", "o", "p", "r", "s", "t", "ć", "u", "f", "h", "c", "č", "dž", "š"]
_TO_LATIN = dict(zip(_CYR, _LAT, strict=True))


def to_latin(text: str) -> str:
    """Serbian Cyrillic -> Serbian Latin (the scripts map one to one; ЉУБАВ -> LJUBAV, Љубав -> Ljubav)."""
    out = []
    for i, ch in enumerate(text):
        latin = _TO_LATIN.get(ch, ch)
        if len(latin) == 2 and latin[0].isupper():
            nxt = text[i + 1] if i + 1 < len(text) else ""
            prev = text[i - 1] if i else ""
            if (nxt.isupper() and nxt.isalpha()) or (prev.isupper() and prev.isalpha() and not nxt.isalpha()):
                latin = latin.upper()
        out.append(latin)
    return "".join(out)


def sr_latin() -> int:
    """A first draft for sr_Latn from sr: only messages sr_Latn has not translated yet are filled (and marked
    fuzzy, so a reviewer confirms them); nothing a translator wrote is ever overwritten."""
    from babel.messages.pofile import read_po, write_po

    def load(lang: str):  # noqa: ANN202 - babel Catalog
        with open(TRANSLATIONS / lang / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as handle:
            return read_po(handle, locale=lang)

    cyrillic, latin = load("sr"), load("sr_Latn")
    filled = 0
    for message in latin:
        source = cyrillic.get(message.id) if message.id else None
        if source is None or not source.string or (all(message.string) if isinstance(message.string, tuple)
                                                   else message.string):
            continue
        strings = source.string
        message.string = tuple(map(to_latin, strings)) if isinstance(strings, tuple) else to_latin(strings)
        message.flags.add("fuzzy")
        filled += 1
    with open(TRANSLATIONS / "sr_Latn" / "LC_MESSAGES" / f"{DOMAIN}.po", "wb") as handle:
        write_po(handle, latin, width=0)
    print(f"sr_Latn: {filled} messages drafted from sr (marked fuzzy; review them in Poedit or Weblate)")
    return 0


def compile_command() -> int:
    count = compile_catalogs()
    print(f"compiled {count} catalogs into {PACKAGE_LOCALE}")
    return 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    result = {"extract": extract, "update": update, "compile": compile_command, "check": check,
              "sr-latin": sr_latin}[command]()
    sys.exit(result or 0)

"""Fill a language's catalog from a translator's dict file: python translations/work/apply.py LANG [SOURCE] [--latin]

SOURCE is translations/work/<SOURCE>.py (default LANG) holding T = {msgid: msgstr} and P = {msgid: [forms]}.
--latin transliterates a Serbian Cyrillic source into Serbian Latin (the scripts map one to one).
Messages missing from the source are left as they are; the msgids are never changed.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).resolve().parent
CATALOGS = HERE.parent
_CYR = "АБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШабвгдђежзијклљмнњопрстћуфхцчџш"
_LAT = ["A", "B", "V", "G", "D", "Đ", "E", "Ž", "Z", "I", "J", "K", "L", "Lj", "M", "N", "Nj", "O", "P", "R", "S",
        "T", "Ć", "U", "F", "H", "C", "Č", "Dž", "Š", "a", "b", "v", "g", "d", "đ", "e", "ž", "z", "i", "j", "k", "l",
        "lj", "m", "n", "nj", "o", "p", "r", "s", "t", "ć", "u", "f", "h", "c", "č", "dž", "š"]
_MAP = dict(zip(_CYR, _LAT, strict=True))


def to_latin(text: str) -> str:
    out = []
    for i, ch in enumerate(text):
        latin = _MAP.get(ch, ch)
        if len(latin) == 2 and latin[0].isupper():
            nxt = text[i + 1] if i + 1 < len(text) else ""
            prev = text[i - 1] if i else ""
            if (nxt.isupper() and nxt.isalpha()) or (prev.isupper() and prev.isalpha() and not nxt.isalpha()):
                latin = latin.upper()  # ЉУБАВ -> LJUBAV
        out.append(latin)
    return "".join(out)


def load(source: str) -> tuple[dict, dict]:
    spec = importlib.util.spec_from_file_location(f"tw_{source}", HERE / f"{source}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, "T", {}), getattr(module, "P", {})


def apply(lang: str, source: str, latin: bool) -> tuple[int, int]:
    singular, plural = load(source)
    convert = to_latin if latin else (lambda s: s)
    path = CATALOGS / lang / "LC_MESSAGES" / "wingdesk.po"
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=lang if lang != "cnr" else "sr_Latn_ME")
    filled = missing = 0
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            forms = plural.get(message.id[0])
            if forms:
                message.string = tuple(convert(f) for f in forms)
        else:
            text = singular.get(message.id)
            if text:
                message.string = convert(text)
        done = all(message.string) if isinstance(message.string, tuple) else bool(message.string)
        if done:
            message.flags.discard("fuzzy")
            filled += 1
        else:
            missing += 1
    with open(path, "wb") as handle:
        write_po(handle, catalog, width=0, omit_header=False)
    return filled, missing


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    lang = args[0]
    filled, missing = apply(lang, args[1] if len(args) > 1 else lang, "--latin" in sys.argv)
    print(f"{lang}: {filled} translated, {missing} missing")

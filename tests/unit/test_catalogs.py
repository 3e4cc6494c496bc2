"""Every catalog is complete, current with the code, placeholder-exact, plural-complete and in its own script."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from wingdesk.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]
PLACEHOLDER = re.compile(r"\{(\w*)\}")
COMMANDS = re.compile(r"[A-Za-z][\w-]*\.[a-z]{2,4}\b|'[^']*'|\"[^\"]*\"|--[\w-]+|wingdesk[\w-]*|\*\.\w+")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
LATIN_WORD = re.compile(r"[A-Za-zčćđšžëçČĆĐŠŽËÇ]{2,}")
KEEP_LATIN = {"WingDesk", "HQ", "USB", "HTTPS", "HTTP", "PDF", "SQLCipher", "Argon2id", "age", "URL", "ID", "OK",
              "PSY", "SW", "EDU", "REL", "UTC", "JSON", "CA", "TLS", "PNG", "Qt", "PostgreSQL", "SQLite", "wdb",
              "WINGDESK", "inbox", "outbox", "Ctrl", "Enter", "Esc", "Tab", "Shift"}


@pytest.fixture(scope="module")
def source_ids():
    keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
    found = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(
            str(ROOT / "wingdesk"), method_map=[("**.py", "python"), ("**/console/templates/**.html", "jinja2")],
            keywords=keywords):
        found.add(message if isinstance(message, str) else message[0])
    return found


def load(lang):
    with open(ROOT / "translations" / lang / "LC_MESSAGES" / "wingdesk.po", "rb") as handle:
        return read_po(handle)


def forms(message):
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalog_is_current_and_complete(lang, source_ids):
    catalog = load(lang)
    ids = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}
    behind = sorted(source_ids - set(ids))
    assert not behind, f"{lang}: {len(behind)} source strings missing, e.g. {behind[:3]}"
    untranslated = [i for i in source_ids if not all(forms(ids[i])) or ids[i].fuzzy]
    assert not untranslated, f"{lang}: {len(untranslated)} untranslated or fuzzy, e.g. {untranslated[:3]}"


def test_template_is_current(source_ids):
    """wingdesk.pot is what translators start from: an empty or stale one once went into a commit unnoticed."""
    with open(ROOT / "translations" / "wingdesk.pot", "rb") as handle:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    assert template == source_ids, f"{len(source_ids - template)} missing, {len(template - source_ids)} stale"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_placeholders_and_plural_forms(lang):
    catalog = load(lang)
    for message in catalog:
        if not message.id or not all(forms(message)):
            continue
        source = message.id if isinstance(message.id, str) else message.id[0]
        expected = set(PLACEHOLDER.findall(source))
        for text in forms(message):
            assert set(PLACEHOLDER.findall(text)) == expected, f"{lang}: placeholders differ in {source!r}"
        if isinstance(message.id, tuple):
            assert len(forms(message)) == catalog.num_plurals, f"{lang}: plural forms missing in {source!r}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_script(lang):
    for message in load(lang):
        for text in forms(message) if message.id else []:
            # Commands and options users type stay in Latin letters: 'wingdesk init', --tls-cert.
            bare = COMMANDS.sub("", PLACEHOLDER.sub("", text))
            if lang in ("sr", "mk"):
                stray = [w for w in LATIN_WORD.findall(bare) if w not in KEEP_LATIN and not w.isupper()]
                assert len(stray) <= 1, f"{lang}: Latin words {stray} in {text!r}"
            else:
                assert not CYRILLIC.search(bare), f"{lang}: Cyrillic in {text!r}"


def test_runtime_switch_changes_text_and_formats():
    import subprocess
    import sys

    subprocess.run([sys.executable, str(ROOT / "installer" / "i18n.py"), "compile"], check=True,
                   capture_output=True)
    from wingdesk import i18n
    from wingdesk.i18n.formats import format_date

    english = "Wrong user name or password."
    seen = {}
    try:
        for lang in LANGUAGES:
            i18n.set_language(lang)
            seen[lang] = (i18n._(english), format_date("2026-03-05", "long"))
    finally:
        i18n.set_language("en")
    assert seen["en"] == (english, "5 March 2026")
    assert all(seen[lang][0] != english for lang in TRANSLATED)
    assert "mars" in seen["sq"][1] and "март" in seen["sr"][1] and "mart" in seen["sr_Latn"][1]
    assert "март" in seen["mk"][1] and "ožujka" in seen["hr"][1]

"""Which strings a translation update may replace (domain/translations/rules.py), and the translator that layers an
update over the shipped catalogue (i18n.updates): every refusal, every shipped translation accepted, and an entry
that no longer fits the program ignored with the shipped text shown instead."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from tests.unit.test_catalogs import ROOT
from wingdesk import i18n
from wingdesk.config.catalog_template import shipped_catalogue, template
from wingdesk.domain.translations.document import TranslationError, accepted, parse_document
from wingdesk.domain.translations.rules import NPLURALS, PROTECTED, SHIPPED, refusal, shape
from wingdesk.i18n.updates import usable

TEMPLATE = {"Save": None, "&Save": None, "Hello {name}": None, "{n} item": "{n} items", "%(count)d of %s": None,
            "Done": None, "%s": None, "%(n)s": None, "{:d} of {:s}": None, "Delete <b>{name}</b>?": None,
            "A &amp; B": None, "{percent}% right": None}


def _why(msgid, forms, nplurals=3, plural=None):
    found = refusal(msgid, plural if plural is not None else TEMPLATE.get(msgid), tuple(forms), TEMPLATE, nplurals)
    return found.code if found else None


def test_a_sound_entry_passes():
    assert _why("Hello {name}", ["Здраво {name}"]) is None
    assert _why("&Save", ["&Зачувај"]) is None
    assert _why("{n} item", ["{n} stavka", "{n} stavke", "{n} stavki"]) is None
    assert _why("%(count)d of %s", ["%(count)d од %s"]) is None
    assert _why("Save", ["Ред 1\nРед 2"]) is None  # a line break is allowed
    assert _why("Delete <b>{name}</b>?", ["Да се избрише <b>{name}</b>?"]) is None  # the same markup
    assert _why("A &amp; B", ["A &amp; Б"]) is None
    assert _why("%s", ["%s 100%%"]) is None
    assert _why("{percent}% right", ["{percent}% točno"]) is None  # never %-formatted: a % is plain text


@pytest.mark.parametrize(("msgid", "forms", "code"), [
    ("Hello {name}", ["Здраво {ime}"], "placeholders"),  # renamed
    ("Hello {name}", ["Здраво"], "placeholders"),  # dropped
    ("Hello {name}", ["Здраво {name} {extra}"], "placeholders"),  # added
    ("Hello {name}", ["Здраво {name!r}"], "placeholders"),  # a conversion added
    ("Hello {name}", ["Здраво {name"], "placeholders"),  # str.format would fail
    ("Save", ["Зачувај {0}"], "placeholders"),  # a positional field added
    ("%(count)d of %s", ["%(count)s од %s"], "placeholders"),  # a kind changed
    ("%(count)d of %s", ["%(count)d од"], "placeholders"),  # a positional one dropped
    ("{n} item", ["{n} stavka", "{n} stavke"], "plural_count"),  # Serbian has three
    ("{n} item", ["{n} stavka", "{n} stavke", "{n} stavki", "{n} x"], "plural_count"),
    ("{n} item", ["{n} stavka", "{count} stavke", "{n} stavki"], "placeholders"),  # in one form only
    ("&Save", ["Зачувај"], "mnemonic"),  # the shortcut marker lost
    ("&Save", ["Зачувај && затвори"], "mnemonic"),  # an escaped && is not a marker
    ("Save", ["Зачувај\x07"], "control"),
    ("Save", ["Зачувај\u202e"], "control"),  # a direction override
    ("Save", ["x" * 201], "too_long"),  # at least 200 characters are allowed
    ("Save", [""], "empty"),
    ("Not in the program", ["Нема"], "unknown"),
    ("%s", ["%s … % d"], "placeholders"),  # "% d" is a field to the % operator: it would raise TypeError
    ("%(n)s", ["%(n)s %(n)y"], "placeholders"),  # an unknown conversion: it would raise ValueError
    ("%s", ["%s 5%"], "placeholders"),  # a lone % at the end
    ("%s", ["%-5s"], None),  # flags and width do not change what is formatted
    ("%s", ["%*s"], "placeholders"),  # a * width takes one more argument
    ("{:d} of {:s}", ["{:s} od {:d}"], "placeholders"),  # auto-numbered fields are taken in order
    ("{:d} of {:s}", ["{:d} od {:s}"], None),
    ("Save", ["Зачувај %s"], "placeholders"),  # a field the English has not
    ("Save", ["Зачу\u200bвај"], "control"),  # a zero-width space
    ("Save", ["Зачу\u00adвај"], "control"),  # a soft hyphen
    ("Save", ["Зачувај\u2028"], "control"),  # a line separator
    ("Save", ["Зачувај\u2029"], "control"),  # a paragraph separator
    ("Save", ["\ufeffЗачувај"], "control"),
    ("Save", ["Зачу\u2060вај"], "control"),  # a word joiner
    ("Save", ["<b>Зачувај</b>"], "markup"),  # a plain text made rich text
    ("Save", ["Зачувај <"], "markup"),  # a lone <
    ("Save", ["Зачувај&nbsp;"], "markup"),  # an entity the English has not
    ("Save", ["Зачувај&#8238;"], "markup"),
    ("Delete <b>{name}</b>?", ["Да се избрише <b>Петар</b><!-- {name} -->?"], "markup"),  # hidden in a comment
    ("Delete <b>{name}</b>?", ["Да се избрише {name}?"], "markup"),  # a tag dropped
    ("Delete <b>{name}</b>?", ["Да се избрише <i>{name}</i>?"], "markup"),  # another tag
    ("Delete <b>{name}</b>?", ["</b>Да се избрише <b>{name}?"], "markup"),  # the same tags, another order
    ("Delete <b>{name}</b>?", ["Да се избрише <b style='color:white'>{name}</b>?"], "markup"),
    ("A &amp; B", ["A и Б"], "markup"),
])
def test_each_refusal(msgid, forms, code):
    assert _why(msgid, forms) == code


def test_a_plural_text_sent_as_singular_is_unknown():
    assert refusal("{n} item", None, ("{n} ставка",), TEMPLATE, 2).code == "unknown"


def test_shape_reads_every_kind_of_placeholder():
    assert shape("{a} {b!r:>3} {} {:d} %(n)s %d %% %-5.2f %*s") == (
        ((("a", "", ""), ("b", "r", ">3")), (("", "", ""), ("", "", "d"))), (("n", "s"),), ("d", "f", "*s"))
    assert shape("50% done {percent}% right") == (((("percent", "", ""),), ()), (), ())  # not %-formatted
    assert shape("%s 50% done") == (((), ()), (), ("s", "d"))  # %-formatted: "% d" is a field there


def test_the_security_critical_texts_are_never_replaced():
    """The fingerprint and codes compared with HQ by phone and the confirmations before something is gone for good:
    an update may not replace them even with a sound text, and each one is a text of the program."""
    for lang in SHIPPED:
        known, shipped = template(lang), shipped_catalogue(lang)
        for msgid in PROTECTED:
            assert msgid in known, msgid
            assert refusal(msgid, known[msgid], shipped[msgid].forms, known, NPLURALS[lang]).code == "protected"


FINGERPRINT = ("Key file of {hq} ({env}). HQ key fingerprint: <b>{fingerprint}</b>. Compare it with the "
               "fingerprint HQ read to you by phone.")


def test_an_update_may_not_hide_the_hq_fingerprint_behind_markup():
    """The enrolment panel shows this text in a QLabel that renders it as rich text. An update keeping the placeholder
    inside an HTML comment and showing a fixed fingerprint instead would defeat the phone comparison."""
    forged = ("Клучна датотека на {hq} ({env}). Отпечаток на клучот на HQ: <b>1A2B 3C4D 5E6F 7A8B</b>"
              "<!-- {fingerprint} -->. Споредете го со отпечатокот што HQ ви го прочита по телефон.")
    assert refusal(FINGERPRINT, None, (forged,), template("mk"), 2) is not None
    assert _why("Delete <b>{name}</b>?", [forged.replace("{hq} ({env})", "").replace("fingerprint", "name")]) \
        == "markup"


def test_an_update_may_not_turn_a_plain_text_into_rich_text():
    known = template("mk")
    msgid = next(m for m, p in known.items() if p is None and "{name}" in m and "<" not in m and "&" not in m)
    assert refusal(msgid, None, ("<span style='color:transparent'>{name}</span> x",), known, 2).code == "markup"


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_shipped_translation_passes_the_rules(lang):
    known, shipped = template(lang), shipped_catalogue(lang)
    assert len(shipped) > 2000
    refused = [msgid for msgid, s in shipped.items() if msgid not in PROTECTED and
               refusal(msgid, s.plural, s.forms, known, NPLURALS[lang])]
    assert refused == []


@pytest.mark.parametrize("lang", SHIPPED)
def test_plural_counts_are_the_catalogues_own(lang):
    with open(ROOT / "translations" / lang / "LC_MESSAGES" / "wingdesk.po", "rb") as handle:
        assert read_po(handle).num_plurals == NPLURALS[lang]


def test_the_document_refuses_an_unknown_language_and_malformed_entries():
    good = {"format": 1, "language": "mk", "version": 1, "entries": [{"id": "Save", "str": ["Зачувај"]}]}
    assert parse_document(good).entries[0].forms == ("Зачувај",)
    for bad, code in (({**good, "language": "de"}, "translation_language"),
                      ({**good, "language": "en"}, "translation_language"),
                      ({**good, "version": 0}, "translation_malformed"),
                      ({**good, "version": True}, "translation_malformed"),
                      ({**good, "extra": 1}, "translation_malformed"),
                      ({**good, "entries": [{"id": "Save", "str": "Зачувај"}]}, "translation_malformed"),
                      ({**good, "entries": [{"id": "Save", "str": ["a"]}, {"id": "Save", "str": ["b"]}]},
                       "translation_malformed"),
                      ({**good, "entries": [{"id": "x", "str": ["y"]}] * 5001}, "translation_too_large")):
        with pytest.raises(TranslationError) as refused:
            parse_document(bad)
        assert refused.value.code == code


def test_accepted_splits_what_this_program_may_use():
    document = parse_document({"format": 1, "language": "mk", "version": 2, "entries": [
        {"id": "Save", "str": ["Зачувај"]}, {"id": "Hello {name}", "str": ["Здраво"]}]})
    kept, refused = accepted(document, TEMPLATE)
    assert kept == {"Save": ("Зачувај",)}
    assert [(e.msgid, why.code) for e, why in refused] == [("Hello {name}", "placeholders")]


def _mk_plural():
    return next((m, s) for m, s in shipped_catalogue("mk").items() if s.plural and "{n}" in m)


def test_the_translator_layers_an_update_over_the_shipped_catalogue(macedonian):
    msgid, plural = "Cancel", _mk_plural()
    shipped = i18n._("Cancel")
    heard = []
    i18n.on_language_changed(heard.append)
    try:
        assert i18n.apply_updates({"mk": {msgid: ("Откажи сега",), plural[0]: ("{n} еден", "{n} многу")}})
    finally:
        i18n.remove_listener(heard.append)
    assert heard == ["mk"]  # windows that follow language changes retranslate at once
    assert i18n._("Cancel") == "Откажи сега"
    assert i18n.ngettext(plural[0], plural[1].plural, 5).format(n=5) == "5 многу"
    assert i18n.ngettext(plural[0], plural[1].plural, 1).format(n=1) == "1 еден"
    assert i18n._("Close") == shipped_catalogue("mk")["Close"].forms[0]  # not in the update: the shipped text
    i18n.set_language("en")
    assert i18n._("Cancel") == "Cancel"
    i18n.set_language("mk")
    assert i18n._("Cancel") == "Откажи сега"
    assert not i18n.apply_updates({"mk": {msgid: ("Откажи сега",), plural[0]: ("{n} еден", "{n} многу")}})
    i18n.apply_updates({})
    assert i18n._("Cancel") == shipped


def test_an_entry_that_no_longer_fits_the_program_is_ignored(macedonian):
    """After a program upgrade an update's English text may be gone or have other placeholders; a damaged store
    may hold anything: each such entry is left out at load and the shipped text is shown, never a crash."""
    msgid = next(m for m, s in shipped_catalogue("mk").items() if s.plural is None and "{" in m)
    shipped = i18n._(msgid)
    wrong = {msgid: ("{no_such_field} " + shipped,),  # its placeholders no longer match
             "An English text an older program had": ("Стар текст",),  # gone from this program
             "Cancel": ("Откажи", "вишок")}  # two forms for a singular text
    assert usable("mk", wrong) == {}
    i18n.apply_updates({"mk": wrong})
    assert i18n._(msgid) == shipped
    assert i18n._("Cancel") == shipped_catalogue("mk")["Cancel"].forms[0]
    assert usable("en", {"Cancel": ("x",)}) == {}


def test_the_translator_ignores_protected_texts_and_markup_even_if_handed_them(macedonian):
    """Whatever reached the wing's database, the translator's own check at load keeps the shipped fingerprint
    sentence and the shipped text of a plain label."""
    forged = ("Клучна датотека на {hq} ({env}). Отпечаток: <b>{fingerprint}</b>. Споредете го со отпечатокот "
              "што HQ ви го прочита по телефон.")  # a sound text, but the sentence is protected
    try:
        i18n.apply_updates({"mk": {FINGERPRINT: (forged,), "Close": ("<b>Затвори</b>",), "Cancel": ("Откажи сега",)}})
        assert i18n._(FINGERPRINT) == shipped_catalogue("mk")[FINGERPRINT].forms[0]
        assert i18n._("Close") == shipped_catalogue("mk")["Close"].forms[0]
        assert i18n._("Cancel") == "Откажи сега"
    finally:
        i18n.apply_updates({})

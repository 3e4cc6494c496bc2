"""Catalogs read as a fluent speaker writes: no masculine past participle before a person's name, one script per
word, the service's own terms (mk: not "convicted" for every prisoner; sr: handing in a day is not sending to HQ)."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PERSON = r"\{(?:name|author|user|officer|who|signer)\}"
# l-participles (masculine past: "Оверио", "Supotpisao", "Odštampao", "Отпечатил") just before a person placeholder
PARTICIPLE = re.compile(r"\b(?!(?:kao|као)\b)\w+(?:ао|ио|ео|ил|ал|ел|ao|io|eo)\b:?\s*" + PERSON)
CYRILLIC, LATIN = re.compile(r"[\u0400-\u04FF]"), re.compile(r"[A-Za-z\u00C0-\u024F]")


def strings(lang):
    with open(ROOT / "translations" / lang / "LC_MESSAGES" / "wingdesk.po", "rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id:
            source = message.id if isinstance(message.id, str) else message.id[0]
            for text in (message.string if isinstance(message.string, tuple) else (message.string,)):
                yield source, text


@pytest.mark.parametrize("lang", ["sr", "sr_Latn", "bs", "cnr", "hr", "mk"])
def test_no_masculine_participle_before_a_name(lang):
    found = [text for _source, text in strings(lang) if PARTICIPLE.search(text)]
    assert not found, found[:3]


@pytest.mark.parametrize("lang", ["sq", "sr", "sr_Latn", "bs", "cnr", "hr", "mk"])
def test_no_word_mixes_scripts(lang):
    """"сè" with a Latin è looks right and is not found by a search for "сѐ"."""
    mixed = [word for _source, text in strings(lang) for word in re.findall(r"\w+", text)
             if CYRILLIC.search(word) and LATIN.search(word)]
    assert not mixed, mixed[:5]


def test_macedonian_says_prisoner_not_convicted():
    convicted = [(source, text) for source, text in strings("mk") if "осуденик" in text.lower()]
    assert not convicted, convicted[:3]
    assert dict(strings("mk"))["Prisoners"] == "Затвореници"
    assert dict(strings("mk"))["Convicted"] == "Осуден"  # the legal status itself keeps its word


@pytest.mark.parametrize("lang", ["sr", "sr_Latn"])
def test_serbian_hands_in_a_day_and_sends_to_hq(lang):
    texts = dict(strings(lang))
    day = " ".join(texts[s] for s in ("Submit", "Submit day", "Submit day for review", "Resubmit day",
                                      "The day was submitted for review.")).lower()
    hq = texts["Send to HQ &now"].replace("&", "").lower()
    send = hq.split()[0][:4]  # "пошаљ" / "pošal"
    assert send not in day and "послат" not in day and "poslat" not in day, (hq, day)


def test_montenegrin_certificate():
    assert not [t for _s, t in strings("cnr") if "certifikat" in t.lower()]


def test_countersignature_and_print_footer_are_neutral():
    expected = {"sr": "Овера: {name}", "sr_Latn": "Overa: {name}", "bs": "Supotpis: {name}",
                "cnr": "Supotpis: {name}", "hr": "Supotpis: {name}"}
    for lang, start in expected.items():
        texts = dict(strings(lang))
        assert texts["Countersigned by {name} on {when}: signature valid."].startswith(start)
        assert not PARTICIPLE.search(texts["Printed by {name} ({role}). Confidential: handle as an official record."])

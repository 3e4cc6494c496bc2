"""Names sort by each language's alphabet, digraphs included, in Latin and Cyrillic."""

import pytest

from wingdesk.domain.collation import name_keys, sort_key


def ordered(names, language):
    return sorted(names, key=lambda n: sort_key(n, language))


def test_gaj_latin_order():
    names = ["Džeko", "Đurić", "Dedić", "Čolić", "Cvijić", "Ćosić", "Lukić", "Ljubić", "Nikolić", "Njegoš", "Šarić",
             "Zorić", "Žarković", "Sava"]
    assert ordered(names, "hr") == ["Cvijić", "Čolić", "Ćosić", "Dedić", "Džeko", "Đurić", "Lukić", "Ljubić",
                                    "Nikolić", "Njegoš", "Sava", "Šarić", "Zorić", "Žarković"]


def test_albanian_digraphs_and_letters():
    names = ["Dhimitri", "Dardani", "Ëndri", "Emini", "Gjoka", "Gashi", "Shala", "Sula", "Xhafa", "Xhelili", "Xani",
             "Çela", "Cani"]
    assert ordered(names, "sq") == ["Cani", "Çela", "Dardani", "Dhimitri", "Emini", "Ëndri", "Gashi", "Gjoka",
                                    "Sula", "Shala", "Xani", "Xhafa", "Xhelili"]


@pytest.mark.parametrize("language,expected", [
    ("sr", ["Ђорђевић", "Јовановић", "Љубић", "Николић", "Њего", "Ћосић", "Џаковић", "Шарић"]),
    ("mk", ["Ѓорѓиев", "Јованов", "Љубевски", "Николовски", "Њаго", "Ќосев", "Џамбазов", "Шарков"]),
])
def test_cyrillic_alphabets(language, expected):
    shuffled = list(reversed(expected))
    assert ordered(shuffled, language) == expected


def test_case_insensitive_and_word_boundaries():
    assert ordered(["ana Zec", "Ana Babić", "Anab Zec"], "bs") == ["Ana Babić", "ana Zec", "Anab Zec"]


def test_other_script_comes_after_and_english_is_plain():
    assert ordered(["Петровић", "Zec"], "hr") == ["Zec", "Петровић"]
    assert ordered(["Zec", "Петровић"], "sr") == ["Петровић", "Zec"]
    assert ordered(["Čolić", "Dedić", "Cvijić"], "en") == ["Čolić", "Cvijić", "Dedić"]


def test_prisoner_keys_use_cyrillic_name_for_cyrillic_languages():
    keys = name_keys("Petrović", "Marko", "Марко Петровић")
    assert keys["sort_sr"] == sort_key("Петровић Марко", "sr")
    assert keys["sort_gaj"] == sort_key("Petrović Marko", "hr")
    assert set(keys) == {"sort_en", "sort_sq", "sort_gaj", "sort_sr", "sort_mk"}

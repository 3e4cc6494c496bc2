"""Serbian/Macedonian Cyrillic ↔ Latin for names offered at admission."""

from __future__ import annotations

import pytest

from wingdesk.domain.transliteration import has_cyrillic, other_script, to_cyrillic, to_latin


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("Марко Петровић", "Marko Petrović"),
    ("Ђорђе Бојовић", "Đorđe Bojović"),
    ("Љубиша Њежић", "Ljubiša Nježić"),
    ("Џенан Џеко", "Dženan Džeko"),
    ("ЉУБИША", "LJUBIŠA"),
    ("Јелена Жарковић-Шошкић", "Jelena Žarković-Šoškić"),
])
def test_serbian_both_ways(cyrillic: str, latin: str) -> None:
    assert to_latin(cyrillic) == latin
    assert to_cyrillic(latin) == cyrillic
    assert other_script(cyrillic) == latin
    assert other_script(latin) == cyrillic


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("Ѓорѓи Ќосевски", "Gjorgji Kjosevski"),
    ("Ѕвездан Трајковски", "Dzvezdan Trajkovski"),
    ("Љупчо Јованоски", "Ljupčo Jovanoski"),
])
def test_macedonian_both_ways(cyrillic: str, latin: str) -> None:
    assert to_latin(cyrillic, "mk") == latin
    assert to_cyrillic(latin, "mk") == cyrillic


def test_other_characters_stay() -> None:
    assert to_cyrillic("Hoxha O'Neil 12") == "Хоxха О'Неил 12"  # no Cyrillic x or q: kept, for the officer to fix
    assert to_latin("Петар (Пера)") == "Petar (Pera)"
    assert has_cyrillic("Бојовић") and not has_cyrillic("Bojović")


def test_a_serbian_name_in_macedonian_keeps_its_letters_both_ways() -> None:
    assert to_latin("Јовановић", "mk") == "Jovanović" and to_latin("Ѓорѓи", "sr") == "Gjorgji"
    assert to_cyrillic("Jovanović", "mk") == "Јовановић"
    assert to_cyrillic("Gjorgji", "sr") == "Гјоргји"  # Serbian has no ѓ: letter for letter

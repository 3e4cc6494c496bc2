"""One search key for names: case, diacritics and script (Serbian/Macedonian Cyrillic ↔ Latin) folded alike."""

import pytest

from wingdesk.domain.name_display import other_script_name, pick_key, shown_name
from wingdesk.domain.name_key import key_words, matches, name_key, prisoner_name_key
from wingdesk.domain.people import Prisoner

SAME = [
    ("đorđe", "djordje", "Ђорђе", "ĐORĐE", "Djordje"),
    ("LJUBIŠA", "ljubisa", "Љубиша", "Ǉubiša"),
    ("thaci", "Thaçi", "THAÇI"),
    ("Petrovic", "Petrović", "Петровић", "PETROVIĆ"),
    ("Bojović", "Бојовић", "bojovic"),
    ("Njegoš", "Његош", "njegos"),
    ("Džaković", "Џаковић", "dzakovic"),
    ("Ćosić", "Ћосић", "Čosić", "cosic"),
    ("Ëndri", "endri", "Endri"),
    ("Ѓорѓи", "Gjorgji", "Ǵorǵi"),  # Macedonian ѓ: gj in Latin, ǵ in the academic romanisation
    ("Ќосев", "Kjosev", "Ḱosev"),
    ("Ѕвездан", "Dzvezdan"),
    ("O'Brien", "OBrien", "O’Brien"),
]


@pytest.mark.parametrize("spellings", SAME)
def test_every_spelling_has_one_key(spellings):
    assert len({name_key(s) for s in spellings}) == 1, {s: name_key(s) for s in spellings}


@pytest.mark.parametrize("a,b", [("Petrović", "Petrovna"), ("Lukić", "Ljukić"), ("Šarić", "Sadić"),
                                 ("Ђорђе", "Гордана")])
def test_different_names_keep_different_keys(a, b):
    assert name_key(a) != name_key(b)


def test_key_holds_only_plain_letters_digits_and_single_spaces():
    key = name_key("  Marko  Petrović-Jovanović, (T-004) 100% _x_ ")
    assert key == "marko petrovic jovanovic t 004 100 x"
    assert key_words("Marko marko MARKO Петровић Petrović") == ["marko", "petrovic"]


def test_prisoner_key_holds_both_scripts_once():
    assert prisoner_name_key("Marko", "Petrović", "Марко Петровић") == "marko petrovic"
    assert prisoner_name_key("Marko", "Bojović", "Марко Бојовић Јанков") == "marko bojovic jankov"


@pytest.mark.parametrize("typed", ["đorđe", "djordje", "Ђорђе", "Đorđević", "ђорђев", "dje đorđ", "t-012", "b2-04"])
def test_matches_every_word_in_any_order_and_script(typed):
    prisoner = Prisoner("p", "T-012", "B", "Đorđe", "Đorđević", "M", "REMAND", "Ђорђе Ђорђевић", cell="B2-04")
    assert matches(typed, *pick_key(prisoner))


def test_no_match_on_a_missing_word_or_empty_text():
    prisoner = Prisoner("p", "T-012", "B", "Ana", "Anić", "F", "REMAND")
    assert not matches("ana petrovic", *pick_key(prisoner))
    assert not matches("  ,- ", *pick_key(prisoner))
    assert not matches("t-2", *pick_key(prisoner)) and matches("T-01", *pick_key(prisoner))


def test_cyrillic_languages_show_the_cyrillic_name_when_there_is_one():
    both = Prisoner("p", "1", "B", "Marko", "Petrović", "M", "REMAND", "Марко Петровић")
    latin = Prisoner("q", "2", "B", "Ana", "Anić", "F", "REMAND")
    assert shown_name(both, "sr") == shown_name(both, "mk") == "Петровић, Марко"
    assert shown_name(both, "sr_Latn") == shown_name(both, "en") == "Petrović, Marko"
    assert shown_name(latin, "sr") == "Anić, Ana"
    assert other_script_name(both, "sr") == "Petrović, Marko" and other_script_name(both, "hr") == "Марко Петровић"
    assert other_script_name(latin, "sr") is None

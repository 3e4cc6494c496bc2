"""Objective-language warnings with the bundled word lists (English and regional languages)."""

import pytest

from wingdesk.domain.wording import check_wording
from wingdesk.storage.resources import load_wordlists

LISTS = list(load_wordlists())


def codes(text):
    return {w.code for w in check_wording(text, LISTS)}


def test_scenario_three_warns_twice():
    assert codes("He seems radicalised, prays a lot") == {"label", "religion_only"}


def test_behaviour_with_quotes_is_fine():
    assert codes('At 14:10 in the yard he said "you will pay for this" to officer K and pushed the door.') == set()


def test_religion_with_behaviour_is_not_religion_only():
    assert "religion_only" not in codes("After prayer he threatened another prisoner in the corridor")


@pytest.mark.parametrize("text", ["Izgleda radikalizovan, mnogo se moli", "Изгледа радикализован, много се моли",
                                  "Duket i radikalizuar, falet shumë"])
def test_regional_languages(text):
    assert "label" in codes(text)


@pytest.mark.parametrize("typed", ["problematican zatvorenik", "problematičan zatvorenik", "eshte i rrezikshem"])
def test_diacritics_are_optional(typed):
    assert "label" in codes(typed)


def test_plain_description_has_no_label():
    assert "label" not in codes("zatvorenik je ustao u sedam i otišao na posao")


def test_all_eight_lists_are_loaded():
    assert len(LISTS) == 8 and all(w.labels and w.religion and w.behaviour for w in LISTS)

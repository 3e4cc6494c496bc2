"""System language detection reads POSIX, BCP 47 and Windows locale names, Latin Serbian included."""

import pytest

from wingdesk import i18n
from wingdesk.i18n.locale_names import language_from_locale


@pytest.mark.parametrize("name,expected", [
    ("Serbian (Latin)_Serbia", "sr_Latn"), ("Serbian (Latin)_Serbia.1250", "sr_Latn"),
    ("Serbian (Cyrillic)_Serbia.1251", "sr"), ("Serbian (Latin)_Montenegro", "cnr"),
    ("Albanian_Albania", "sq"), ("Albanian_Albania.1250", "sq"), ("Albanian_Kosovo", "sq"),
    ("Macedonian_North Macedonia", "mk"), ("Macedonian (FYROM)_Former Yugoslav Republic of Macedonia.1251", "mk"),
    ("Bosnian (Latin)_Bosnia and Herzegovina", "bs"), ("Croatian_Croatia.1250", "hr"),
    ("English_United States.1252", "en"), ("German_Germany", "en"),
    ("sr_RS@latin", "sr_Latn"), ("sr_RS.UTF-8@latin", "sr_Latn"), ("sr@latin", "sr_Latn"), ("sr_RS", "sr"),
    ("sr_RS.UTF-8", "sr"), ("sr_ME.UTF-8", "cnr"), ("sr-Latn-RS", "sr_Latn"), ("sr-Cyrl-RS", "sr"),
    ("sr_Latn_RS", "sr_Latn"), ("bs-Latn-BA", "bs"), ("sq-AL", "sq"), ("sq_XK.UTF-8", "sq"), ("mk_MK", "mk"),
    ("hr_HR.UTF-8", "hr"), ("cnr_ME", "cnr"), ("me_ME", "cnr"), ("en_GB.UTF-8", "en"), ("de_DE.UTF-8", "en"),
    ("C", "en"), ("POSIX", "en"), ("", "en"), (None, "en"), ("C.UTF-8", "en"),
])
def test_locale_names(name, expected):
    assert language_from_locale(name) == expected


@pytest.mark.parametrize("variable,value,expected", [
    ("LANGUAGE", "sr@latin:sr", "sr_Latn"), ("LANG", "sr_RS@latin", "sr_Latn"), ("LC_ALL", "mk_MK.UTF-8", "mk"),
    ("LANG", "sq_AL.UTF-8", "sq"),
])
def test_system_language_reads_the_environment(monkeypatch, variable, value, expected):
    for name in ("LANGUAGE", "LC_ALL", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(variable, value)
    assert i18n.system_language() == expected


def test_without_environment_the_c_library_locale_is_read(monkeypatch):
    for name in ("LANGUAGE", "LC_ALL", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(i18n._locale, "getlocale", lambda: ("Serbian (Latin)_Serbia", "1250"))
    assert i18n.system_language() == "sr_Latn"

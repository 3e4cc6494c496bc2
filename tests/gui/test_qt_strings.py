"""Qt's own buttons and context menus speak each of our languages: Qt's catalog for Croatian only, our own
translations (gui.qt_strings) for the rest — never Croatian for Bosnian, Montenegrin or Serbian."""

import re

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMessageBox, QPlainTextEdit

from wingdesk.gui import qt_strings
from wingdesk.gui.qt_translations import QtTranslations

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
Std = QDialogButtonBox.StandardButton
EXPECTED = {  # (OK, Cancel, Yes, Save, line-edit Paste) as a speaker of each language reads them
    "sq": ("Në rregull", "Anulo", "&Po", "Ruaj", "&Ngjit"),
    "sr": ("У реду", "Откажи", "&Да", "Сачувај", "&Налепи"),
    "sr_Latn": ("U redu", "Otkaži", "&Da", "Sačuvaj", "&Nalepi"),
    "bs": ("U redu", "Odustani", "&Da", "Sačuvaj", "&Zalijepi"),
    "cnr": ("U redu", "Odustani", "&Da", "Sačuvaj", "&Zalijepi"),
    "mk": ("Во ред", "Откажи", "&Да", "Зачувај", "&Залепи"),
}


@pytest.fixture
def qt_language(qapp):
    switcher = QtTranslations.__new__(QtTranslations)  # not registered as a language listener in tests
    switcher.app, switcher.translator = qapp, None
    yield switcher
    switcher.switch("en")


def _shown(qtbot):
    box = QDialogButtonBox(Std.Ok | Std.Cancel | Std.Yes | Std.Save)
    qtbot.addWidget(box)
    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    paste = next(a.text() for a in menu.actions() if a.objectName() == "edit-paste").split("\t")[0]
    return tuple(box.button(b).text() for b in (Std.Ok, Std.Cancel, Std.Yes, Std.Save)) + (paste,)


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_our_languages_get_our_translations(qtbot, qt_language, language):
    assert qt_language.switch(language)
    assert isinstance(qt_language.translator, qt_strings.QtStringsTranslator)
    assert _shown(qtbot) == EXPECTED[language]


def test_croatian_uses_qts_own_catalog_and_english_none(qtbot, qt_language):
    assert qt_language.switch("hr")
    assert not isinstance(qt_language.translator, qt_strings.QtStringsTranslator)
    shown = _shown(qtbot)
    assert shown[1] == "Odustani" and shown != ("OK", "Cancel", "&Yes", "Save", "&Paste")
    assert not qt_language.switch("en")
    assert _shown(qtbot) == ("OK", "Cancel", "&Yes", "Save", "&Paste")


def test_a_switch_retranslates_open_widgets(qtbot, qt_language):
    qt_language.switch("sr")
    box = QDialogButtonBox(Std.Cancel)
    qtbot.addWidget(box)
    assert box.button(Std.Cancel).text() == "Откажи"
    qt_language.switch("sq")
    QApplication.processEvents()
    assert box.button(Std.Cancel).text() == "Anulo"


def test_text_edit_menu_and_message_box_details(qtbot, qt_language):
    qt_language.switch("mk")
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    texts = [a.text().split("\t")[0] for a in edit.createStandardContextMenu().actions() if a.text()]
    assert "&Копирај" in texts and "Избери ги сите" in texts
    box = QMessageBox(QMessageBox.Icon.Information, "t", "x")
    box.setDetailedText("d")
    qtbot.addWidget(box)
    box.show()
    assert any(b.text() == "Прикажи детали..." for b in box.buttons())


def test_every_string_is_in_every_language_in_its_script_with_its_accelerator():
    for context, rows in qt_strings.STRINGS.items():
        for source, row in rows.items():
            assert len(row) == len(qt_strings.LANGUAGES), (context, source)
            for language, text in zip(qt_strings.LANGUAGES, row, strict=True):
                assert text and text != source or source in ("Folder", "Disk"), (context, source, language)
                assert bool(CYRILLIC.search(text)) == (language in ("sr", "mk")), (language, text)
                assert text.count("&") == source.count("&"), (context, source, language)

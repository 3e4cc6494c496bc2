"""Qt's own buttons, dialogs and context menus in the user's language: Qt's shipped qtbase_<lang>.qm where Qt has
one for that very language (Croatian), WingDesk's own translations of the strings it shows (gui.qt_strings) for
Albanian, Serbian (both scripts), Bosnian, Montenegrin and Macedonian; never one language's catalog for another."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from wingdesk.i18n import on_language_changed

QT_CATALOG = {"hr": "qtbase_hr"}  # Qt ships these; it has none for sq, sr, sr_Latn, bs, cnr, mk


class QtTranslations:
    """Keeps one QTranslator installed for the current language and swaps it when the language changes."""

    def __init__(self, app: QCoreApplication) -> None:
        self.app = app
        self.translator: QTranslator | None = None
        on_language_changed(self.switch)

    def switch(self, language: str) -> bool:
        """Install the translator for `language`; False when Qt stays in English (English, or a missing file)."""
        from wingdesk.gui import qt_strings

        if self.translator is not None:
            self.app.removeTranslator(self.translator)
            self.translator = None
        translator: QTranslator
        if language in QT_CATALOG:
            translator = QTranslator(self.app)
            if not translator.load(QT_CATALOG[language], QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                return False
        elif language in qt_strings.LANGUAGES:
            translator = qt_strings.QtStringsTranslator(language, self.app)
        else:
            return False
        self.app.installTranslator(translator)
        self.translator = translator
        return True

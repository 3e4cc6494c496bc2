"""Qt's own dialog texts in the user's language, from Qt's shipped qtbase_<lang>.qm where one exists.

Qt 6 ships Croatian among our languages; for the others WingDesk sets its dialogs' button texts itself.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from wingdesk.i18n import on_language_changed

QT_CATALOG = {"hr": "qtbase_hr", "bs": "qtbase_hr", "cnr": "qtbase_hr", "sr_Latn": "qtbase_hr"}


class QtTranslations:
    """Keeps one QTranslator installed for the current language and swaps it when the language changes."""

    def __init__(self, app: QCoreApplication) -> None:
        self.app = app
        self.translator: QTranslator | None = None
        on_language_changed(self.switch)

    def switch(self, language: str) -> bool:
        if self.translator is not None:
            self.app.removeTranslator(self.translator)
            self.translator = None
        name = QT_CATALOG.get(language, f"qtbase_{language}")
        translator = QTranslator(self.app)
        if translator.load(name, QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            self.app.installTranslator(translator)
            self.translator = translator
            return True
        return False

"""WingDesk's own translations of the Qt strings its screens show, for the languages Qt ships no catalog for.

Qt 6 ships qtbase_hr among our languages and nothing for sq, sr, sr_Latn, bs, cnr or mk; Croatian is not put in
front of Bosnian, Montenegrin or Serbian readers. The (context, source) pairs are the ones Qt asks for when it
builds what we show (recorded with a logging QTranslator): standard dialog buttons (QPlatformTheme), the edit
context menus of line edits, text edits (QWidgetTextControl) and spin boxes, QMessageBox's details button and the
basics of Qt's own file dialog (Linux; Windows shows its native one). Key names (Ctrl, Shift) stay as printed on
the keys.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTranslator

LANGUAGES = ("sq", "sr", "sr_Latn", "bs", "cnr", "mk")
Row = tuple[str, str, str, str, str, str]

_BUTTONS: dict[str, Row] = {
    "OK": ("Në rregull", "У реду", "U redu", "U redu", "U redu", "Во ред"),
    "Save": ("Ruaj", "Сачувај", "Sačuvaj", "Sačuvaj", "Sačuvaj", "Зачувај"),
    "Save All": ("Ruaji të gjitha", "Сачувај све", "Sačuvaj sve", "Sačuvaj sve", "Sačuvaj sve", "Зачувај ги сите"),
    "Open": ("Hap", "Отвори", "Otvori", "Otvori", "Otvori", "Отвори"),
    "&Yes": ("&Po", "&Да", "&Da", "&Da", "&Da", "&Да"),
    "Yes to &All": ("Po për të &gjitha", "Да за &све", "Da za &sve", "Da za &sve", "Da za &sve", "Да за &сите"),
    "&No": ("&Jo", "&Не", "&Ne", "&Ne", "&Ne", "&Не"),
    "N&o to All": ("J&o për të gjitha", "Н&е за све", "N&e za sve", "N&e za sve", "N&e za sve", "Н&е за сите"),
    "Abort": ("Ndërprit", "Прекини", "Prekini", "Prekini", "Prekini", "Прекини"),
    "Retry": ("Provo përsëri", "Покушај поново", "Pokušaj ponovo", "Pokušaj ponovo", "Pokušaj ponovo",
              "Обиди се повторно"),
    "Ignore": ("Shpërfill", "Занемари", "Zanemari", "Zanemari", "Zanemari", "Занемари"),
    "Close": ("Mbyll", "Затвори", "Zatvori", "Zatvori", "Zatvori", "Затвори"),
    "Cancel": ("Anulo", "Откажи", "Otkaži", "Odustani", "Odustani", "Откажи"),
    "Discard": ("Hidhe poshtë", "Одбаци", "Odbaci", "Odbaci", "Odbaci", "Отфрли"),
    "Help": ("Ndihmë", "Помоћ", "Pomoć", "Pomoć", "Pomoć", "Помош"),
    "Apply": ("Zbato", "Примени", "Primeni", "Primijeni", "Primijeni", "Примени"),
    "Reset": ("Rivendos", "Поништи измене", "Poništi izmene", "Poništi izmjene", "Poništi izmjene",
              "Врати на почеток"),
    "Restore Defaults": ("Rikthe parazgjedhjet", "Врати подразумевано", "Vrati podrazumevano",
                         "Vrati zadane vrijednosti", "Vrati podrazumijevano", "Врати ги стандардните вредности"),
}
_EDIT_MENU: dict[str, Row] = {
    "&Undo": ("&Zhbëj", "&Опозови", "&Opozovi", "&Poništi", "&Poništi", "&Врати"),
    "&Redo": ("&Ribëj", "&Понови", "&Ponovi", "&Ponovi", "&Ponovi", "&Повтори"),
    "Cu&t": ("&Prit", "Исе&ци", "Ise&ci", "Izr&eži", "Isije&ci", "Исе&чи"),
    "&Copy": ("&Kopjo", "&Копирај", "&Kopiraj", "&Kopiraj", "&Kopiraj", "&Копирај"),
    "&Paste": ("&Ngjit", "&Налепи", "&Nalepi", "&Zalijepi", "&Zalijepi", "&Залепи"),
    "Delete": ("Fshi", "Обриши", "Obriši", "Izbriši", "Obriši", "Избриши"),
    "Select All": ("Përzgjidhi të gjitha", "Изабери све", "Izaberi sve", "Označi sve", "Izaberi sve",
                   "Избери ги сите"),
}
_SPIN_MENU: dict[str, Row] = {
    "&Select All": ("&Përzgjidhi të gjitha", "&Изабери све", "&Izaberi sve", "&Označi sve", "&Izaberi sve",
                    "&Избери ги сите"),
    "&Step up": ("Një hap &lart", "Корак на&више", "Korak na&više", "Korak na&više", "Korak na&više",
                 "Чекор на&горе"),
    "Step &down": ("Një hap &poshtë", "Корак на&ниже", "Korak na&niže", "Korak na&niže", "Korak na&niže",
                   "Чекор на&долу"),
}
_MESSAGE_BOX: dict[str, Row] = {
    "Show Details...": ("Shfaq hollësitë...", "Прикажи детаље...", "Prikaži detalje...", "Prikaži detalje...",
                        "Prikaži detalje...", "Прикажи детали..."),
    "Hide Details...": ("Fshih hollësitë...", "Сакриј детаље...", "Sakrij detalje...", "Sakrij detalje...",
                        "Sakrij detalje...", "Сокриј детали..."),
}
_FILE_DIALOG: dict[str, Row] = {
    "&Choose": ("&Zgjidh", "&Изабери", "&Izaberi", "&Odaberi", "&Izaberi", "&Избери"),
    "&Open": ("&Hap", "&Отвори", "&Otvori", "&Otvori", "&Otvori", "&Отвори"),
    "&Look in:": ("&Shiko në:", "&Тражи у:", "&Traži u:", "&Traži u:", "&Traži u:", "&Барај во:"),
    "Directory:": ("Dosja:", "Фасцикла:", "Fascikla:", "Folder:", "Fascikla:", "Папка:"),
    "File &name:": ("&Emri i skedarit:", "&Назив датотеке:", "&Naziv datoteke:", "&Naziv datoteke:",
                    "&Naziv datoteke:", "&Име на датотеката:"),
    "Files of &type:": ("&Lloji i skedarëve:", "&Врста датотека:", "&Vrsta datoteka:", "&Vrsta datoteka:",
                        "&Vrsta datoteka:", "&Тип на датотеки:"),
    "Back": ("Prapa", "Назад", "Nazad", "Nazad", "Nazad", "Назад"),
    "Forward": ("Përpara", "Напред", "Napred", "Naprijed", "Naprijed", "Напред"),
    "Parent Directory": ("Dosja mëmë", "Надређена фасцикла", "Nadređena fascikla", "Nadređeni folder",
                         "Nadređena fascikla", "Надредена папка"),
    "Create New Folder": ("Krijo dosje të re", "Направи нову фасциклу", "Napravi novu fasciklu",
                          "Napravi novi folder", "Napravi novu fasciklu", "Создај нова папка"),
    "Create a New Folder": ("Krijo dosje të re", "Направи нову фасциклу", "Napravi novu fasciklu",
                            "Napravi novi folder", "Napravi novu fasciklu", "Создај нова папка"),
    "&New Folder": ("Dosje e &re", "&Нова фасцикла", "&Nova fascikla", "&Novi folder", "&Nova fascikla",
                    "&Нова папка"),
    "List View": ("Pamje liste", "Приказ листе", "Prikaz liste", "Prikaz liste", "Prikaz liste", "Приказ на листа"),
    "Detail View": ("Pamje me hollësi", "Детаљан приказ", "Detaljan prikaz", "Detaljan prikaz", "Detaljan prikaz",
                    "Детален приказ"),
    "&Rename": ("&Riemërto", "&Преименуј", "&Preimenuj", "&Preimenuj", "&Preimenuj", "&Преименувај"),
    "&Delete": ("&Fshi", "&Обриши", "&Obriši", "&Izbriši", "&Obriši", "&Избриши"),
    "Show &hidden files": ("Shfaq skedarët e &fshehur", "Прикажи &скривене датотеке", "Prikaži &skrivene datoteke",
                           "Prikaži &skrivene datoteke", "Prikaži &skrivene datoteke", "Прикажи &скриени датотеки"),
    "All Files (*)": ("Të gjithë skedarët (*)", "Све датотеке (*)", "Sve datoteke (*)", "Sve datoteke (*)",
                      "Sve datoteke (*)", "Сите датотеки (*)"),
    "Directories": ("Dosjet", "Фасцикле", "Fascikle", "Folderi", "Fascikle", "Папки"),
    "Files": ("Skedarët", "Датотеке", "Datoteke", "Datoteke", "Datoteke", "Датотеки"),
    "Go back": ("Kthehu prapa", "Иди назад", "Idi nazad", "Idi nazad", "Idi nazad", "Оди назад"),
    "Go forward": ("Shko përpara", "Иди напред", "Idi napred", "Idi naprijed", "Idi naprijed", "Оди напред"),
    "Go to the parent directory": ("Shko te dosja mëmë", "Иди у надређену фасциклу", "Idi u nadređenu fasciklu",
                                   "Idi u nadređeni folder", "Idi u nadređenu fasciklu", "Оди во надредената папка"),
    "Change to list view mode": ("Kalo në pamjen e listës", "Пређи на приказ листе", "Pređi na prikaz liste",
                                 "Pređi na prikaz liste", "Pređi na prikaz liste", "Префрли на приказ на листа"),
    "Change to detail view mode": ("Kalo në pamjen me hollësi", "Пређи на детаљан приказ",
                                   "Pređi na detaljan prikaz", "Pređi na detaljan prikaz", "Pređi na detaljan prikaz",
                                   "Префрли на детален приказ"),
    "List of places and bookmarks": ("Lista e vendeve dhe e faqeshënuesve", "Списак места и обележивача",
                                     "Spisak mesta i obeleživača", "Popis mjesta i oznaka",
                                     "Spisak mjesta i obilježivača", "Список на места и обележувачи"),
    "Sidebar": ("Shiriti anësor", "Бочна трака", "Bočna traka", "Bočna traka", "Bočna traka", "Странична лента"),
}
_FILE_MODEL: dict[str, Row] = {
    "Name": ("Emri", "Назив", "Naziv", "Naziv", "Naziv", "Име"),
    "Size": ("Madhësia", "Величина", "Veličina", "Veličina", "Veličina", "Големина"),
    "Type": ("Lloji", "Врста", "Vrsta", "Vrsta", "Vrsta", "Тип"),
    "Date Modified": ("Data e ndryshimit", "Датум измене", "Datum izmene", "Datum izmjene", "Datum izmjene",
                      "Датум на измена"),
    "Computer": ("Kompjuteri", "Рачунар", "Računar", "Računar", "Računar", "Компјутер"),
}
_ICONS: dict[str, Row] = {
    "Drive": ("Disku", "Диск", "Disk", "Disk", "Disk", "Диск"),
    "Folder": ("Dosje", "Фасцикла", "Fascikla", "Folder", "Fascikla", "Папка"),
}

STRINGS: dict[str, dict[str, Row]] = {
    "QPlatformTheme": _BUTTONS, "QLineEdit": _EDIT_MENU, "QWidgetTextControl": _EDIT_MENU,
    "QAbstractSpinBox": _SPIN_MENU, "QMessageBox": _MESSAGE_BOX, "QFileDialog": _FILE_DIALOG,
    "QFileSystemModel": _FILE_MODEL, "QAbstractFileIconProvider": _ICONS,
}


class QtStringsTranslator(QTranslator):
    """A QTranslator over STRINGS for one language; unknown strings stay untranslated (Qt then shows the source)."""

    def __init__(self, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        column = LANGUAGES.index(language)
        self.table = {(context, source): row[column] for context, rows in STRINGS.items()
                      for source, row in rows.items()}

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return self.table.get((context, source))  # None: "not translated here" (a null QString for Qt)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return not self.table

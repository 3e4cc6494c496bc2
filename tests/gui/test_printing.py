"""Printing puts records on paper only: a chosen file (Qt's 'Print to File', a PDF or XPS printer) gets nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from wingdesk.gui import printing


class _Printer:
    def __init__(self, name: str = "", file: str = "") -> None:
        self._name, self._file = name, file

    def printerName(self) -> str:  # noqa: N802 - QPrinter's name
        return self._name

    def outputFileName(self) -> str:  # noqa: N802 - QPrinter's name
        return self._file


def test_file_printers_are_recognised():
    assert printing.prints_to_file(_Printer("HP LaserJet 400", "/tmp/x.pdf"))
    for name in ("Microsoft Print to PDF", "Microsoft XPS Document Writer", "Send To OneNote 2016", "Fax",
                 "PDF24", "CutePDF Writer", "Print to File"):
        assert printing.prints_to_file(_Printer(name)), name
    for name in ("HP LaserJet 400 M401", "Canon iR-ADV C5535", "Kyocera ECOSYS P2040dn", "Profile office", ""):
        assert not printing.prints_to_file(_Printer(name)), name


def test_print_to_file_writes_nothing_and_says_why(qtbot, tmp_path, monkeypatch):
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    preview = printing._Preview("<p>Observation about a prisoner (marker PR-5512)</p>", "Wing log", None)
    qtbot.addWidget(preview.dialog)
    target = tmp_path / "records.pdf"
    preview.printer.setOutputFileName(str(target))
    preview._paint(preview.printer)
    assert not target.exists()
    assert warned and "paper only" in warned[0]

    preview.printer.setOutputFileName("")  # and the check can fail: painted when no file is chosen
    painted = []
    monkeypatch.setattr(preview.doc, "print_", lambda printer: painted.append(printer))
    preview._paint(preview.printer)
    assert painted

"""Print and PDF: a day's log and a prisoner summary as QTextDocument, shown in a print preview."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QMessageBox, QWidget

from wingdesk.gui.dialogs.confirm_password import ask_password
from wingdesk.gui.labels import error_text
from wingdesk.gui.print_html import day_html, load_day, load_prisoner, prisoner_html
from wingdesk.gui.tasks import TaskRunner
from wingdesk.i18n import _
from wingdesk.i18n.formats import format_date

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


def make_document(html: str) -> QTextDocument:
    doc = QTextDocument()
    doc.setHtml(html)
    return doc


def write_pdf(html: str, path: str | Path, title: str = "") -> Path:
    """Render HTML to an A4 PDF file."""
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("WingDesk")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(6, 6, 6, 6), QPageLayout.Unit.Millimeter))
    writer.setResolution(300)
    make_document(html).print_(writer)  # no page size set: print_ lays out for the writer's page and DPI
    return Path(path)


def day_document_html(session: WingServices, day: str) -> str:
    return day_html(session, load_day(session, day))


def prisoner_document_html(session: WingServices, prisoner_id: str) -> str:
    return prisoner_html(session, load_prisoner(session, prisoner_id))


def render_day_pdf(session: WingServices, day: str, path: str | Path) -> Path:
    return write_pdf(day_document_html(session, day), path, _("Wing log {day}").format(day=day))


def render_prisoner_pdf(session: WingServices, prisoner_id: str, path: str | Path) -> Path:
    return write_pdf(prisoner_document_html(session, prisoner_id), path, _("Prisoner summary"))


# Printers that write a file instead of paper (Windows' own, and the usual virtual ones): their output would be
# an unencrypted copy of the records on the PC or a stick. A name match is a heuristic; Qt's "Print to File"
# is caught exactly by its file name.
_FILE_PRINTERS = re.compile(r"pdf|xps|onenote|\bfax\b|\bfile\b", re.IGNORECASE)


def prints_to_file(printer: QPrinter) -> bool:
    """True when the chosen output is a file rather than a physical printer."""
    return bool(printer.outputFileName()) or bool(_FILE_PRINTERS.search(printer.printerName()))


class _Preview:
    """Keeps the document alive while the preview dialog paints it."""

    def __init__(self, html: str, title: str, parent: QWidget | None) -> None:
        self.doc = make_document(html)
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setDocName(title)
        self.dialog = QPrintPreviewDialog(self.printer, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.paintRequested.connect(self._paint)

    def _paint(self, printer: QPrinter) -> None:
        if prints_to_file(printer):  # not painting leaves no file: the PDF engine opens it only when painting
            QMessageBox.warning(self.dialog, _("Printing"), _(
                "WingDesk prints on paper only: a file would hold these records unencrypted. Choose a printer."))
            return
        self.doc.print_(printer)

    def run(self) -> None:
        self.dialog.exec()
        self.dialog.deleteLater()


def _preview(html: str, title: str, parent: QWidget | None) -> None:
    _Preview(html, title, parent).run()


def preview(html: str, title: str, parent: QWidget | None) -> None:
    """The print preview of a document built elsewhere (the governor's daily summary); paper only, as above."""
    _preview(html, title, parent)


def _fail(parent: QWidget | None, error: BaseException) -> None:
    QMessageBox.warning(parent, _("Printing"), error_text(error))


def print_day(session: WingServices, tasks: TaskRunner, day: str, parent: QWidget | None = None) -> None:
    """Re-ask the password, build the day's log in the background, then show the print preview."""
    if not ask_password(session, tasks, _("Printing takes records off the wing PC."), parent):
        return
    title = _("Wing log {day}").format(day=format_date(day))
    tasks.run(lambda: load_day(session, day), lambda data: _preview(day_html(session, data), title, parent),
              lambda error: _fail(parent, error))


def print_prisoner_summary(session: WingServices, tasks: TaskRunner, prisoner_id: str,
                           parent: QWidget | None = None) -> None:
    """Re-ask the password, build the prisoner summary in the background, then show the print preview."""
    if not ask_password(session, tasks, _("Printing takes records off the wing PC."), parent):
        return
    tasks.run(lambda: load_prisoner(session, prisoner_id),
              lambda data: _preview(prisoner_html(session, data), _("Prisoner summary"), parent),
              lambda error: _fail(parent, error))

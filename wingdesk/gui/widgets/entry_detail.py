"""Read-only view of one log entry: the original fields unchanged, then every comment and annotation below it."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from wingdesk.domain.records import Record
from wingdesk.gui.entry_text import amendment_caption, entry_fields, is_late
from wingdesk.gui.labels import code_label as label
from wingdesk.i18n import _
from wingdesk.i18n.formats import format_date, format_datetime


def entry_html(record: Record, prisoner: str = "") -> str:
    """HTML of an entry as recorded, with its amendments listed after (used on screen and in print)."""
    rows = [(_("Happened at"), format_datetime(record.occurred_at)),
            (_("Recorded at"), format_datetime(record.recorded_at)),
            (_("Officer"), record.author_name)]
    if prisoner:
        rows.append((_("Prisoner"), prisoner))
    rows += entry_fields(record)
    parts = [f"<h3>{escape(label(str(record.body.get('entry_type', ''))))}</h3>"]
    if is_late(record):
        parts.append("<p style='color:#8a4b00'><b>" + escape(_("Late entry: recorded on {date}, after the log "
                                                                "day {day}.").format(
            date=format_date(record.recorded_at), day=format_date(record.day or record.recorded_at))) + "</b></p>")
    parts.append("<table cellspacing='0' cellpadding='3'>")
    for name, value in rows:
        parts.append(f"<tr><td valign='top'><b>{escape(name)}</b></td>"
                     f"<td>{escape(value).replace(chr(10), '<br>')}</td></tr>")
    parts.append("</table>")
    if record.amendments:
        parts.append("<h4>" + escape(_("Comments and annotations (the original above is unchanged)")) + "</h4>")
        for a in record.amendments:
            head = _("{caption} by {author}, {when}").format(caption=amendment_caption(a.kind), author=a.author_name,
                                                             when=format_datetime(a.at))
            parts.append(f"<p style='margin-left:12px'><i>{escape(head)}</i><br>"
                         f"{escape(a.text).replace(chr(10), '<br>')}</p>")
    return "".join(parts)


class EntryDetail(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.record: Record | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setAccessibleName(_("Entry details"))
        self.show_record(self.record)

    def show_record(self, record: Record | None, prisoner: str = "") -> None:
        self.record = record
        if record is None:
            self.setHtml("<p>" + escape(_("Select an entry to see it in full.")) + "</p>")
        else:
            self.setHtml(entry_html(record, prisoner))
        self.setAccessibleDescription(self.toPlainText())

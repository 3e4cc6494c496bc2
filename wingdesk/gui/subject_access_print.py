"""The prisoner's subject-access copy as files: a readable PDF and the machine-readable JSON (issue 19 item 3).
Both are made from the same SubjectAccessCopy, which holds nothing withheld; written whole or not at all."""

from __future__ import annotations

import os
import sys
from html import escape
from pathlib import Path

from wingdesk.domain.records import Record
from wingdesk.domain.subject_access import DisclosedItem, SubjectAccessCopy
from wingdesk.gui import record_text
from wingdesk.gui.labels import code_label, field_label
from wingdesk.gui.print_html import PRINT_STYLE
from wingdesk.gui.when import when
from wingdesk.i18n import _

_PROFILE = ("number", "family_name", "given_name", "name_cyrillic", "date_of_birth", "sex", "legal_status",
            "cell", "admission_date", "expected_release", "languages")


def _as_record(item: DisclosedItem) -> Record:
    return Record(id=item.record_id, kind=item.kind, wing="", prisoner_id=None, author_id="",
                  author_name=item.author_name, author_role=item.author_role, occurred_at=item.occurred_at,
                  recorded_at=item.recorded_at, body=item.body, revision=item.revision)


def subject_access_html(copy: SubjectAccessCopy) -> str:
    p = copy.prisoner
    name = f"{p.get('family_name', '')}, {p.get('given_name', '')}"
    out = [PRINT_STYLE, "<h1>" + escape(_("Your records held by the wing: {name} ({number})").format(
        name=name, number=p.get("number", ""))) + "</h1>",
        "<p class='small'>" + escape(_("Made on {when} by {author}, {wing}. {n} records.").format(
            when=when(copy.made_at), author=copy.made_by, wing=copy.wing, n=len(copy.items))) + "</p>",
        "<h2>" + escape(_("Your details")) + "</h2><table>"]
    for key in _PROFILE:
        value = p.get(key)
        if value not in (None, ""):
            shown = code_label(value) if key in ("sex", "legal_status") else str(value)
            out.append(f"<tr><th>{escape(field_label(key))}</th><td>{escape(shown)}</td></tr>")
    out.append("</table><h2>" + escape(_("Records")) + "</h2>")
    for item in copy.items:
        record = _as_record(item)
        out.append("<p><b>" + escape(record_text.title(record)) + "</b><br><span class='small'>"
                   + escape(record_text.meta(record)) + "</span><br>")
        out.extend(f"<b>{escape(label)}:</b> {escape(value)}<br>" for label, value in record_text.lines(record))
        if item.sealed_fields:
            out.append("<i>" + escape(_("Part of this record is held sealed by the treatment service that wrote it; "
                                        "ask that service for it.")) + "</i><br>")
        for note in item.notes:
            out.append("<span class='small'>" + escape(_("{kind} by {author}, {when}:").format(
                kind=code_label(note["kind"].upper()), author=note["by"], when=when(note["at"]))) + "</span> "
                + escape(note["text"]) + "<br>")
        out.append("</p>")
    return "".join(out)


def file_stem(copy: SubjectAccessCopy) -> str:
    number = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in str(copy.prisoner.get("number", "")))
    return f"subject-access-{number}-{copy.made_at[:10]}"


def write_subject_access(copy: SubjectAccessCopy, folder: Path) -> list[Path]:
    """Write the JSON and the PDF into `folder` (each through a temporary name, then renamed: a pulled stick or a
    full disk leaves no file that looks complete). Needs a Qt GUI application for the PDF (made if missing)."""
    from PySide6.QtGui import QGuiApplication

    from wingdesk.gui.printing import write_pdf

    if QGuiApplication.instance() is None:
        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the command line on a server without a screen
        QGuiApplication(["wingdesk"])
    folder.mkdir(parents=True, exist_ok=True)
    stem = file_stem(copy)
    done = []
    for suffix in (".json", ".pdf"):
        final, partial = folder / (stem + suffix), folder / (stem + suffix + ".partial")
        try:
            if suffix == ".json":
                with open(partial, "wb") as out:
                    out.write(copy.to_json())
                    out.flush()
                    os.fsync(out.fileno())
            else:
                write_pdf(subject_access_html(copy), partial, _("Subject access copy"))
            if os.name == "posix":
                os.chmod(partial, 0o600)  # the prisoner's data: readable by the one who made it until handed over
            os.replace(partial, final)
        finally:
            partial.unlink(missing_ok=True)
        done.append(final)
    return done

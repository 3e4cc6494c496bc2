"""The printed summary of a pre-release handover, for the agency's paper file (issue 19 item 2): to whom, on what
legal basis, which items (never their text: that is in the sealed file) and the sealed file's fingerprint."""

from __future__ import annotations

from html import escape

from wingdesk.domain.kinds import spec_of
from wingdesk.domain.people import Prisoner
from wingdesk.gui.labels import code_label
from wingdesk.gui.print_html import PRINT_STYLE
from wingdesk.gui.prisoner_names import prisoner_label
from wingdesk.gui.when import when
from wingdesk.i18n import _
from wingdesk.i18n.formats import format_date
from wingdesk.services.handover import HandoverResult


def handover_summary_html(result: HandoverResult, prisoner: Prisoner, file_name: str) -> str:
    record, body = result.record, result.record.body
    out = [PRINT_STYLE, "<h1>" + escape(_("Handover to {agency}").format(agency=body["agency_name"])) + "</h1>",
           "<table>"]
    rows = ((_("Prisoner"), prisoner_label(prisoner)),
            (_("Agency"), f"{body['agency_name']} ({code_label(body['agency_type'])})"),
            (_("Prepared"), _("{when} by {author}, {wing}").format(when=when(record.recorded_at),
                                                                  author=record.author_name, wing=record.wing)),
            (_("Legal basis"), code_label(body["legal_basis"])),
            (_("Legal basis or consent, in words"), body["basis_detail"]),
            (_("Sealed file"), file_name),
            (_("Fingerprint of the file (SHA-256)"), body["file_sha256"]))
    out.extend(f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>" for label, value in rows)
    out.append("</table><h2>" + escape(_("Items handed over")) + "</h2><table>")
    for choice in result.items:
        out.append(f"<tr><td>{escape(code_label(choice.section))}</td>"
                   f"<td>{escape(_(spec_of(choice.kind).label))}</td>"
                   f"<td class='nw'>{escape(format_date(choice.occurred_at[:10]))}</td></tr>")
    out.append("</table><p class='small'>" + escape(_(
        "The file is sealed to the agency's own key: only the agency can open it, with the age tool "
        "(age -d -i KEYFILE). Check that the fingerprint above matches the file received.")) + "</p>")
    return "".join(out)

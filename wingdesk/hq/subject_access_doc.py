"""HQ's subject-access copy as files: the machine-readable JSON and a readable, self-contained, printable HTML page
(HQ has no Qt and its `hq` extra no PDF library: the page is printed to paper or PDF from any browser). Both are
made from the same HqCopy, which holds nothing withheld.

Each file is written under a temporary name, flushed to disk and only then given its final name, so a full disk
or a pulled stick leaves no file that looks whole; on POSIX they are 0600 from the moment they exist. The caller
records the disclosure between `write_partial` and `finish`: a copy whose disclosure could not be recorded is
deleted, never handed over."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

from wingdesk.domain.kinds import KINDS
from wingdesk.hq.repository import HqStore
from wingdesk.hq.subject_access import HqCopy, HqItem, clean_reason, gather, record_disclosure
from wingdesk.i18n import N_
from wingdesk.sync.reference import utc_text

Translate = Callable[[str], str]
_STYLE = ("<style>body{font-family:sans-serif;font-size:11pt;margin:2em;color:#000}h1{font-size:16pt}"
          "h2{font-size:13pt;border-bottom:1px solid #888;margin-top:1.6em}h3{font-size:11pt;margin:1em 0 .2em}"
          "table{border-collapse:collapse}th,td{text-align:left;vertical-align:top;padding:2px 8px 2px 0}"
          ".small{font-size:9pt;color:#444}.item{page-break-inside:avoid;margin-bottom:.8em}"
          "@media print{body{margin:0}}</style>")
_NOTE_KINDS = {"amendment": N_("Correction"), "annotation": N_("Annotation"), "comment": N_("Comment"),
               "prisoner_comment": N_("Your comment")}
_PROFILE_LABELS = {
    "number": N_("Prison number"), "family_name": N_("Family name"), "given_name": N_("Given name"),
    "name_cyrillic": N_("Name in Cyrillic"), "date_of_birth": N_("Date of birth"), "sex": N_("Sex"),
    "legal_status": N_("Legal status"), "first_time": N_("First time in prison"), "cell": N_("Cell"),
    "admission_date": N_("Admission date"), "expected_release": N_("Expected release"),
    "languages": N_("Languages"), "interpreter_needed": N_("Interpreter needed")}
_ROLES = {"officer": N_("Wing officer"), "supervisor": N_("Supervisor"), "treatment": N_("Treatment staff"),
          "security": N_("Security officer"), "governor": N_("Governor"), "admin": N_("Administrator")}
_EVENTS = {"admission": N_("Admission"), "transfer_in": N_("Transfer in"), "transfer_out": N_("Transfer out"),
           "release": N_("Release")}


def file_stem(copy: HqCopy) -> str:
    number = "".join(ch if (ch.isascii() and ch.isalnum()) or ch in "-_" else "_" for ch in copy.number)
    return f"hq-subject-access-{number}-{copy.made_at[:10]}"


def _value(value: Any, labels: dict[str, str], tr: Translate) -> str:
    if isinstance(value, bool):
        return tr(N_("Yes")) if value else tr(N_("No"))
    if isinstance(value, str):
        return tr(labels[value]) if value in labels else value
    if isinstance(value, list):
        return "; ".join(_value(v, labels, tr) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{_label(k, labels, tr)}: {_value(v, labels, tr)}" for k, v in sorted(value.items()))
    return "" if value is None else str(value)


def _label(name: str, labels: dict[str, str], tr: Translate) -> str:
    return tr(labels[name]) if name in labels else name.replace("_", " ").capitalize()


def _body_rows(body: dict[str, Any], labels: dict[str, str], tr: Translate) -> str:
    rows = [f"<tr><th>{escape(_label(k, labels, tr))}</th><td>{escape(_value(v, labels, tr))}</td></tr>"
            for k, v in sorted(body.items()) if v not in (None, "", [], {})]
    return "<table>" + "".join(rows) + "</table>"


def _item_html(entry: HqItem, tr: Translate, added: dict[str, str]) -> str:
    item = entry.item
    spec = KINDS[item.kind]
    labels = {**added, **spec.labels} if item.kind == "plan" else dict(spec.labels)  # a plan: HQ's added steps
    title = tr(spec.label) + (f" – {_value(item.subtype, labels, tr)}" if item.subtype else "")
    out = [f"<div class='item'><h3>{escape(title)}</h3><div class='small'>", escape(tr(N_(
        "Happened {occurred}, written {recorded} by {author} ({role}); version {revision}.")).format(
        occurred=item.occurred_at, recorded=item.recorded_at, author=item.author_name,
        role=tr(_ROLES[item.author_role.lower()]) if item.author_role.lower() in _ROLES else item.author_role,
        revision=item.revision)), "</div>", _body_rows(item.body, labels, tr)]
    if item.sealed_fields:
        out.append("<p><i>" + escape(tr(N_("Part of this record is held sealed by the treatment service that "
                                            "wrote it; ask that service for it."))) + "</i></p>")
    for old in entry.earlier:
        out.append("<div class='small'>" + escape(tr(N_("Earlier version {revision}, written {recorded}:")).format(
            revision=old["revision"], recorded=old["recorded_at"])) + "</div>" + _body_rows(old["body"], labels, tr))
    for note in item.notes:
        kind = tr(_NOTE_KINDS.get(note["kind"], note["kind"]))
        out.append("<p><span class='small'>" + escape(tr(N_("{kind} by {author}, {when}:")).format(
            kind=kind, author=note["by"], when=note["at"])) + "</span> " + escape(note["text"]) + "</p>")
    out.append("</div>")
    return "".join(out)


def copy_html(copy: HqCopy, tr: Translate, language: str = "en") -> str:
    """The readable copy: a page that needs nothing else (no script, no link, no image) to be read or printed; a
    step type HQ added (a published code list) reads with its label in `language` (else English)."""
    added = {code: labels.get(language) or labels.get("en") or code for code, labels in copy.added_labels.items()}
    title = tr(N_("Your records held by HQ: prison number {number}")).format(number=copy.number)
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>", escape(title), "</title>", _STYLE,
           "</head><body><h1>", escape(title), "</h1><p class='small'>",
           escape(tr(N_("Made on {when} by {author} at HQ. Records: {n}; wings: {wings}.")).format(
               when=copy.made_at, author=copy.made_by, n=len(copy.items), wings=len(copy.wings()))),
           "</p><h2>", escape(tr(N_("Your details"))), "</h2><table>"]
    for key, value in copy.profile.items():
        if key in _PROFILE_LABELS and value not in (None, ""):
            out.append(f"<tr><th>{escape(tr(_PROFILE_LABELS[key]))}</th><td>{escape(_value(value, {}, tr))}</td></tr>")
    out.append("</table>")
    if copy.roster:
        out.append("<h2>" + escape(tr(N_("Admissions, transfers and releases sent by HQ"))) + "</h2><table>")
        for event in copy.roster:
            name = tr(_EVENTS[event["event"]]) if event["event"] in _EVENTS else event["event"]
            out.append(f"<tr><td>{escape(event['at'])}</td><td>{escape(name)}</td>"
                       f"<td>{escape(event['wing'] or tr(N_('every wing')))}</td></tr>")
        out.append("</table>")
    for wing, items in copy.wings():
        out.append("<h2>" + escape(tr(N_("Records written at {wing}")).format(wing=wing)) + "</h2>")
        out.extend(_item_html(entry, tr, added) for entry in items)
    if not copy.items:
        out.append("<p>" + escape(tr(N_("HQ holds no records about you."))) + "</p>")
    out.append("</body></html>")
    return "".join(out)


def copy_files(copy: HqCopy, tr: Translate, language: str = "en") -> list[tuple[str, bytes]]:
    """(file name, content) of the JSON and the HTML (in `tr`'s language, `language`)."""
    stem = file_stem(copy)
    return [(stem + ".json", copy.to_json()), (stem + ".html", copy_html(copy, tr, language).encode("utf-8"))]


def digests(files: list[tuple[str, bytes]]) -> dict[str, str]:
    """The SHA-256 of each file by its type, as HQ's audit entry keeps them."""
    return {name.rsplit(".", 1)[-1]: hashlib.sha256(data).hexdigest() for name, data in files}


def write_partial(copy: HqCopy, folder: Path, tr: Translate, language: str = "en") -> list[tuple[Path, Path, str]]:
    """Write the JSON and the HTML under temporary names in `folder`; (partial, final, SHA-256) for each."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[tuple[Path, Path, str]] = []
    try:
        for name, data in copy_files(copy, tr, language):
            final, partial = folder / name, folder / (name + ".partial")
            partial.unlink(missing_ok=True)  # a leftover of an attempt that failed
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
            written.append((partial, final, hashlib.sha256(data).hexdigest()))
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
    except BaseException:
        discard(written)
        raise
    return written


def finish(written: list[tuple[Path, Path, str]]) -> list[Path]:
    """Give the written files their final names (after the disclosure is recorded)."""
    try:
        for partial, final, _digest in written:
            os.replace(partial, final)
    finally:
        discard(written)
    return [final for _partial, final, _digest in written]


def discard(written: list[tuple[Path, Path, str]]) -> None:
    for partial, _final, _digest in written:
        partial.unlink(missing_ok=True)


def export_copy(store: HqStore, number: str, folder: Path, by: str, reason: str | None, now: datetime,
                tr: Translate, language: str = "en") -> tuple[HqCopy, list[Path]]:
    """Gather the copy, write both files, record the disclosure in HQ's audit, then name the files: no file is
    left under its final name unless the disclosure is recorded."""
    why = clean_reason(reason)
    copy = gather(store, number, by, utc_text(now))
    written = write_partial(copy, folder, tr, language)
    try:
        record_disclosure(store, copy, by, why, {final.suffix[1:]: digest for _p, final, digest in written},
                          copy.made_at)
    except BaseException:
        discard(written)
        raise
    return copy, finish(written)

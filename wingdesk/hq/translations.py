"""HQ publishes translation updates to every wing (issue 17 item 3, docs/publishing.md "Translation updates").

An hq_admin uploads a gettext .po file for one language WingDesk ships. Each entry is compared with the program's
own catalogue of that language (config.catalog_template): an English text the program does not have is ignored
(listed in the preview), an entry that is untranslated, fuzzy or the same as the shipped text is left out, and an
entry that breaks a rule (domain/translations/rules.py: placeholders, plural forms, the `&` shortcut marker,
control characters, length) is refused and listed with why. What remains is the update: one document per
language and version, signed with HQ's key in the signed-file shape of instruments and modules (under the purpose
prefix "translation") and queued like them for every wing (hq.publishing), the newest version per language only.
The version is the next one for that language, fixed at preview; a publish after another version of the same
language was published meanwhile is refused.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from babel.messages.pofile import read_po

from wingdesk.config.catalog_template import shipped_catalogue, template
from wingdesk.crypto import signing
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.instruments.parse import loads_json
from wingdesk.domain.translations.document import (
    MAX_BYTES,
    MAX_ENTRIES,
    WRAPPER,
    Entry,
    TranslationDocument,
    TranslationError,
    accepted,
    parse_document,
)
from wingdesk.domain.translations.rules import NPLURALS, Refusal, refusal
from wingdesk.hq import publishing
from wingdesk.hq.keystore import HqKeys
from wingdesk.hq.signed_files import signed_file
from wingdesk.hq.sql_repository import ALL_DEVICES
from wingdesk.hq.store import SqlStore
from wingdesk.i18n.locale_names import language_from_locale
from wingdesk.sync.reference import reference_item, utc_text

KIND = publishing.TRANSLATION
MAX_IGNORED_SHOWN = 50


@dataclass(frozen=True)
class Change:
    msgid: str
    plural: str | None
    old: tuple[str, ...]  # the shipped text (every plural form)
    new: tuple[str, ...]


@dataclass(frozen=True)
class RefusedEntry:
    msgid: str
    new: tuple[str, ...]
    why: Refusal


@dataclass(frozen=True)
class TranslationPreview:
    kind: str
    language: str
    version: int
    newest: int | None  # the version already published for this language, if any
    changes: tuple[Change, ...]
    refused: tuple[RefusedEntry, ...]
    ignored: tuple[str, ...]  # English texts this program does not have (the first MAX_IGNORED_SHOWN)
    ignored_count: int
    left_out: int  # untranslated, fuzzy, or the same as the shipped text
    document: bytes  # canonical JSON of the unsigned document: what publish signs
    sha256: str  # of `document`
    size: int  # of the upload


def read_upload(data: bytes) -> tuple[str, list[tuple[str, str | None, tuple[str, ...]]], int]:
    """(language, [(msgid, plural, forms)] translated and not fuzzy, how many were untranslated or fuzzy) of a
    .po file; TranslationError when it is not one, or not for a language WingDesk ships."""
    if len(data) > MAX_BYTES:
        raise TranslationError("translation_too_large", limit=MAX_BYTES // 1024)
    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
        identifier = catalog.locale_identifier
        messages = [m for m in catalog if m.id]
    except Exception:  # noqa: BLE001 - babel raises many kinds of error on a file that is not a .po
        raise TranslationError("translation_not_po") from None
    language = language_from_locale(str(identifier)) if identifier else ""
    if language not in NPLURALS:
        raise TranslationError("translation_language")
    if len(messages) > 2 * MAX_ENTRIES:
        raise TranslationError("translation_too_large", limit=MAX_BYTES // 1024)
    found, left_out = [], 0
    for message in messages:
        if isinstance(message.id, (tuple, list)):
            msgid, plural = str(message.id[0]), str(message.id[1])
            forms = [str(s or "") for s in message.string or ()]
        else:
            msgid, plural, forms = str(message.id), None, [str(message.string or "")]
        while len(forms) > 1 and not forms[-1]:
            forms.pop()  # babel fills missing plural forms with ""
        if message.fuzzy or not any(forms):
            left_out += 1
            continue
        found.append((msgid, plural, tuple(forms)))
    return language, found, left_out


def preview(store: SqlStore, data: bytes) -> TranslationPreview:
    """What the upload changes for its language, checked by the rules the wings apply; TranslationError (one
    sentence) when the file as a whole is refused or changes nothing."""
    language, found, left_out = read_upload(data)
    shipped, known = shipped_catalogue(language), template(language)
    changes, refused, ignored = [], [], []
    for msgid, plural, forms in found:
        if msgid not in shipped or shipped[msgid].plural != plural:
            ignored.append(msgid)
            continue
        if forms == shipped[msgid].forms:
            left_out += 1
            continue
        why = refusal(msgid, plural, forms, known, NPLURALS[language])
        if why is None:
            changes.append(Change(msgid, plural, shipped[msgid].forms, forms))
        else:
            refused.append(RefusedEntry(msgid, forms, why))
    if not changes:
        raise TranslationError("translation_no_change")
    newest = _newest(store, language)
    document = TranslationDocument(language, (newest or 0) + 1,
                                   tuple(Entry(c.msgid, c.plural, c.new) for c in sorted(changes,
                                                                                          key=lambda c: c.msgid)))
    body = canonical_bytes(document.as_json())
    if len(body) > MAX_BYTES:
        raise TranslationError("translation_too_large", limit=MAX_BYTES // 1024)
    return TranslationPreview(KIND, language, document.version, newest, tuple(changes), tuple(refused),
                              tuple(ignored[:MAX_IGNORED_SHOWN]), len(ignored), left_out, body,
                              hashlib.sha256(body).hexdigest(), len(data))


def _newest(store: SqlStore, language: str) -> int | None:
    with store.transaction(write=False) as repo:
        row = repo._one("SELECT MAX(version) FROM publications WHERE kind = ? AND item_id = ?", (KIND, language))
    return int(row[0]) if row and row[0] is not None else None


def sign_translation(document: bytes, sign_private: bytes, now: datetime) -> tuple[TranslationDocument, bytes]:
    """(the checked document, the signed file's bytes); TranslationError when this program would not use every
    entry of it (HQ signs only what its own wings accept)."""
    raw = loads_json(document, MAX_BYTES, "translation", TranslationError)
    parsed = parse_document(raw)
    usable, refused = accepted(parsed, template(parsed.language))
    if refused or not usable:
        raise TranslationError("translation_no_change" if not usable else "translation_malformed")
    return parsed, signed_file(raw, sign_private, now, signing.TRANSLATION_PREFIX, WRAPPER)


def publish(store: SqlStore, hq_keys: HqKeys, now: datetime, document: bytes, staff: str,
            names: Mapping[str, str] | None = None) -> publishing.Publication:
    """Sign the previewed document with HQ's key and queue it for every wing, all or nothing, audited with
    `staff`'s name; PublishRefused("not_newer") when this or a later version of its language is published.
    `names` (language -> its name) gives the title the publications list shows."""
    parsed, signed = sign_translation(document, hq_keys.current.sign_private, now)
    language, version = parsed.language, parsed.version
    titles = {"en": (names or {}).get(language, language)}
    rid, at, digest = publishing.record_id(KIND, language), utc_text(now), hashlib.sha256(signed).hexdigest()
    body = {"id": language, "version": version, "file": base64.b64encode(signed).decode("ascii")}
    item = reference_item(KIND, body, rid, version)
    with store.transaction() as repo:
        newest = repo._one("SELECT MAX(version) FROM publications WHERE kind = ? AND item_id = ?", (KIND, language))
        if newest and newest[0] is not None and newest[0] >= version:
            raise publishing.PublishRefused("not_newer", item=language, version=version, newest=newest[0])
        if publishing._published_bytes(repo, rid) + len(item["body"]["file"]) > publishing.PUBLISHED_BUDGET:
            raise publishing.PublishRefused("over_budget", limit=publishing.PUBLISHED_BUDGET // (1024 * 1024))
        seqs = {d.device_id: d.ref_seq for d in repo.list_devices() if d.revoked_after_seq is None}
        repo.add_reference_item(ALL_DEVICES, item, at)
        repo._exec(f"INSERT INTO publications ({publishing._COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (KIND, language, version, json.dumps(titles, ensure_ascii=False), digest, rid, at, staff,
                    json.dumps(seqs, sort_keys=True)))
        repo.audit(at, "published", "", "", f"staff={staff[:60]} kind={KIND} id={language} version={version} "
                                            f"sha256={digest} devices={len(seqs)} strings={len(parsed.entries)}")
    return publishing.Publication(KIND, language, version, titles, digest, at, staff, None)


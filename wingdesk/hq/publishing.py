"""HQ publishes assessment instruments, training modules and code lists to every wing (issue 17 item 3,
docs/publishing.md).

An upload is validated exactly as a wing validates it (the domain parsers, through hq.instruments and hq.modules)
and previewed; publishing signs it with HQ's key and queues it as one reference item for all devices, so every
enrolled, non-revoked wing's next HQ→wing bundle carries it (hq.outbox) and a wing enrolled later gets it too.
The item's record_id is fixed per kind and id and its rev is the version: a newer version supersedes the older
(only the newest rides in a bundle), an older or equal one is refused. Each publication is kept with who published
it and every device's ref_seq at that moment, so the console can say which of a device's bundles carried it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from wingdesk.crypto import signing
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.code_lists.model import STEP_TYPES, AddedCodes, CodeList, CodeListError, merged
from wingdesk.domain.code_lists.parse import MAX_BYTES as CODE_LIST_MAX
from wingdesk.domain.code_lists.parse import WRAPPER as CODE_LIST_WRAPPER
from wingdesk.domain.code_lists.parse import loads as code_list_loads
from wingdesk.domain.code_lists.parse import parse_code_list
from wingdesk.domain.hierarchy.changes import check_continues
from wingdesk.domain.hierarchy.model import HierarchyError
from wingdesk.domain.hierarchy.parse import MAX_BYTES as HIERARCHY_MAX
from wingdesk.domain.hierarchy.parse import WRAPPER as HIERARCHY_WRAPPER
from wingdesk.domain.instruments.model import LANGUAGES, InstrumentError
from wingdesk.domain.instruments.parse import MAX_BYTES as INSTRUMENT_MAX
from wingdesk.domain.instruments.parse import loads_json, parse_definition
from wingdesk.domain.instruments.signed_file import key_id, read_signed
from wingdesk.domain.modules.model import ModuleError
from wingdesk.domain.modules.parse import MAX_BYTES as MODULE_MAX
from wingdesk.domain.modules.parse import loads, parse_package
from wingdesk.domain.translations.document import MAX_BYTES as PO_MAX
from wingdesk.hq import hierarchy
from wingdesk.hq.code_lists import sign_code_list
from wingdesk.hq.instruments import sign_instrument
from wingdesk.hq.keystore import HqKeys
from wingdesk.hq.modules import WRAPPER as MODULE_WRAPPER
from wingdesk.hq.modules import sign_module
from wingdesk.hq.sql_repository import ALL_DEVICES
from wingdesk.hq.store import SqlStore
from wingdesk.sync.reference import PUBLISHED_KINDS, reference_item, utc_text

INSTRUMENT, MODULE, TRANSLATION, CODE_LIST = "instrument", "training_module", "translation", "code_list"
HIERARCHY = hierarchy.KIND  # the prison/wing hierarchy: its own console page (console/hierarchy_pages.py)
assert set(PUBLISHED_KINDS) == {INSTRUMENT, MODULE, TRANSLATION, CODE_LIST, HIERARCHY}  # named, not by position
KINDS = (INSTRUMENT, MODULE, CODE_LIST, HIERARCHY)  # signed files; a translation is a .po upload (hq.translations)
MAX_UPLOAD = {INSTRUMENT: INSTRUMENT_MAX, MODULE: MODULE_MAX, CODE_LIST: CODE_LIST_MAX, TRANSLATION: PO_MAX,
              HIERARCHY: HIERARCHY_MAX}
LIST_LIMIT = 50
# every HQ→wing bundle carries the newest version of everything published (a cumulative snapshot), and a bundle
# may be 256 MiB (sync.header.MAX_BUNDLE_LEN): published files together stay well inside it, beside the roster
PUBLISHED_BUDGET = 128 * 1024 * 1024
_NS = uuid.UUID("9d3c4e2a-7b1f-4c6d-8e5a-2f0b1c9d7e43")
_COLS = "kind, item_id, version, title, sha256, record_id, published_at, published_by, ref_seqs"


class PublishRefused(Exception):
    """`code`: not_newer (`item`, `version`, `newest`), over_budget (`limit` in MiB), not_this_hq, bad_kind,
    drops_code (`item`, `version`, `left_out`: a code list leaving out a code an earlier version published)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code, self.params = code, params


@dataclass(frozen=True)
class Preview:
    kind: str
    item_id: str
    version: int
    title: str  # in the reader's language (else English)
    languages: tuple[str, ...]
    sections: tuple[str, ...]  # an instrument's domains, a module's sections
    roles: tuple[str, ...]  # who may use an instrument; who must complete a module
    sha256: str  # of the upload: the publish form names it, so what is signed is what was previewed
    size: int
    newest: int | None  # the version already published, if any
    entries: tuple[tuple[str, str, bool], ...] = ()  # a code list's (code, label in the reader's language, retired)


@dataclass(frozen=True)
class Delivery:
    device_id: str
    wing_name: str
    revoked: bool
    ref_seq: int | None  # the first HQ→wing bundle that carried it, None while none has been written
    written_at: str | None


@dataclass(frozen=True)
class Publication:
    kind: str
    item_id: str
    version: int
    titles: dict[str, str]  # by language: every one an instrument has, those a module is written in
    sha256: str  # of the signed file the wings receive
    published_at: str
    published_by: str
    superseded_by: int | None
    deliveries: tuple[Delivery, ...] = ()


def record_id(kind: str, item_id: str) -> str:
    return str(uuid.uuid5(_NS, f"{kind}:{item_id}"))


def unwrap(kind: str, data: bytes, hq_sign_public: bytes) -> bytes:
    """The definition itself, or, for a file this HQ already signed (`instrument sign`, `module sign`, `exchange
    adopt`), the definition inside it once its signature under this HQ's key is checked: PublishRefused
    ("not_this_hq") for a file another key signed or one changed after signing."""
    if kind not in KINDS:
        raise PublishRefused("bad_kind")
    name, wrapper, limit, error, prefix = {
        INSTRUMENT: ("instrument", "instrument_file", INSTRUMENT_MAX, InstrumentError, signing.INSTRUMENT_PREFIX),
        MODULE: ("module", MODULE_WRAPPER, MODULE_MAX, ModuleError, signing.MODULE_PREFIX),
        CODE_LIST: ("code_list", CODE_LIST_WRAPPER, CODE_LIST_MAX, CodeListError, signing.CODE_LIST_PREFIX),
        HIERARCHY: ("hierarchy", HIERARCHY_WRAPPER, HIERARCHY_MAX, HierarchyError, signing.HIERARCHY_PREFIX),
    }[kind]
    if set(loads_json(data, limit, name, error)) != {wrapper, "sig"}:
        return data
    signed = read_signed(data, wrapper, limit, name, error)
    try:
        valid = signed.hq_key_id == key_id(hq_sign_public) and signing.verify(
            hq_sign_public, prefix, signed.statement, signed.signature)
    except ValueError:  # no canonical form: nothing can have signed it
        valid = False
    if not valid:
        raise PublishRefused("not_this_hq")
    return canonical_bytes(signed.definition)


def preview(store: SqlStore, kind: str, data: bytes, language: str, hq_sign_public: bytes) -> Preview:
    """What the upload is, checked as a wing checks it; InstrumentError, ModuleError or CodeListError (one sentence)
    if refused, PublishRefused("drops_code") for a code list leaving out a published code. The SHA-256 is of the
    upload as sent."""
    digest, data = hashlib.sha256(data).hexdigest(), unwrap(kind, data, hq_sign_public)
    entries: tuple[tuple[str, str, bool], ...] = ()
    if kind == INSTRUMENT:
        instrument = parse_definition(loads_json(data))
        item_id, version = instrument.instrument_id, instrument.version
        title = instrument.title.get(language) or instrument.title["en"]
        sections = tuple(d.title.get(language) or d.title["en"] for d in instrument.domains)
        languages, roles = tuple(instrument.title), tuple(sorted(instrument.roles))
    elif kind == MODULE:
        module = parse_package(loads(data))
        item_id, version = module.module_id, module.version
        _shown, content = module.in_language(language)
        title, sections = content.title, content.sections
        languages, roles = module.languages, tuple(sorted(module.required_for))
    elif kind == CODE_LIST:
        code_list = parse_code_list(code_list_loads(data))
        titles = _code_list_titles(code_list)
        item_id, version, title = code_list.name, code_list.version, titles.get(language, titles["en"])
        languages, sections, roles = code_list.languages, (), ()
        entries = tuple((e.code, e.label(language), e.retired) for e in code_list.entries)
        _keeps_every_code(store, code_list)
    else:  # the hierarchy has its own preview (hq.hierarchy.preview)
        raise PublishRefused("bad_kind")  # never reached: unwrap refused it first
    with store.transaction(write=False) as repo:
        newest = repo._one("SELECT MAX(version) FROM publications WHERE kind = ? AND item_id = ?", (kind, item_id))
    return Preview(kind, item_id, version, title, languages, sections, roles, digest, len(data),
                   newest[0] if newest else None, entries)


def _keeps_every_code(store: SqlStore, code_list: CodeList) -> None:
    """PublishRefused("drops_code") when the list leaves out a code an earlier version published: only the newest
    version travels, so a wing enrolled later would have no label for the records that name it (retire it instead)."""
    missing = sorted(added_codes(store, code_list.name).known - {entry.code for entry in code_list.entries})
    if missing:
        raise PublishRefused("drops_code", item=code_list.name, version=code_list.version, left_out=missing[0])


def _code_list_titles(code_list: CodeList) -> dict[str, str]:
    """A code list's title in every language, for the list of publications: the labels it adds, in order."""
    return {lang: ", ".join(e.label(lang) for e in code_list.entries)[:200] for lang in LANGUAGES}


def publish(store: SqlStore, hq_keys: HqKeys, now: datetime, kind: str, data: bytes, staff: str) -> Publication:
    """Sign the upload with HQ's key and queue it for every wing, all or nothing, audited with `staff`'s name.
    PublishRefused("not_newer") when this version (or a later one) of the same id is already published."""
    data = unwrap(kind, data, hq_keys.current.sign_public)
    if kind == INSTRUMENT:
        instrument, signed = sign_instrument(data, hq_keys.current.sign_private, now)
        item_id, version, titles = instrument.instrument_id, instrument.version, dict(instrument.title)
    elif kind == MODULE:
        module, signed = sign_module(data, hq_keys.current.sign_private, now)
        item_id, version = module.module_id, module.version
        titles = {lang: module.content[lang].title for lang in module.languages}
    elif kind == CODE_LIST:
        code_list, signed = sign_code_list(data, hq_keys.current.sign_private, now)
        item_id, version, titles = code_list.name, code_list.version, _code_list_titles(code_list)
        _keeps_every_code(store, code_list)
    elif kind == HIERARCHY:
        revision, signed = hierarchy.sign_hierarchy(data, hq_keys.current.sign_private, now)
        check_continues(hierarchy.current(store), revision)  # again at publish: another admin may have published
        item_id, version, titles = hierarchy.ITEM_ID, revision.revision, hierarchy.titles(revision)
    else:
        raise PublishRefused("bad_kind")
    rid, at, digest = record_id(kind, item_id), utc_text(now), hashlib.sha256(signed).hexdigest()
    body = {"id": item_id, "version": version, "file": base64.b64encode(signed).decode("ascii")}
    item = reference_item(kind, body, rid, version)
    with store.transaction() as repo:
        newest = repo._one("SELECT MAX(version) FROM publications WHERE kind = ? AND item_id = ?", (kind, item_id))
        if newest and newest[0] is not None and newest[0] >= version:
            raise PublishRefused("not_newer", item=item_id, version=version, newest=newest[0])
        if _published_bytes(repo, rid) + len(item["body"]["file"]) > PUBLISHED_BUDGET:
            raise PublishRefused("over_budget", limit=PUBLISHED_BUDGET // (1024 * 1024))
        seqs = {d.device_id: d.ref_seq for d in repo.list_devices() if d.revoked_after_seq is None}
        repo.add_reference_item(ALL_DEVICES, item, at)
        repo._exec(f"INSERT INTO publications ({_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (kind, item_id, version, json.dumps({k: v[:200] for k, v in titles.items()}, ensure_ascii=False),
                    digest, rid, at, staff, json.dumps(seqs, sort_keys=True)))
        repo.audit(at, "published", "", "", f"staff={staff[:60]} kind={kind} id={item_id} version={version} "
                                            f"sha256={digest} devices={len(seqs)}")
    return Publication(kind, item_id, version, titles, digest, at, staff, None)


def _published_bytes(repo: Any, leaving_out: str) -> int:
    """The size of what every bundle carries of the published files (newest versions), but for `leaving_out`."""
    rows = repo._rows("SELECT record_id, rev, LENGTH(body) FROM reference_items WHERE kind IN "
                      f"({', '.join('?' * len(PUBLISHED_KINDS))})", PUBLISHED_KINDS)
    newest: dict[str, tuple[int, int]] = {}
    for rid, rev, size in rows:
        if rid != leaving_out and (rid not in newest or newest[rid][0] < rev):
            newest[rid] = (rev, int(size))
    return sum(size for _rev, size in newest.values())


def publications(store: SqlStore) -> list[Publication]:
    """The newest LIST_LIMIT publications, newest first, each with every device's first bundle that carried it
    (a superseded version only in bundles written before the next version was published)."""
    with store.transaction(write=False) as repo:
        rows = repo._rows(f"SELECT {_COLS} FROM publications ORDER BY published_at DESC, item_id, version DESC "
                          "LIMIT ?", (LIST_LIMIT,))
        devices = repo.list_devices()
        later: dict[tuple[str, str], tuple[int, dict[str, int]]] = {}  # (kind, id) -> the next version's seqs
        found = []
        for kind, item_id, version, titles, digest, _rid, at, by, seqs_text in sorted(
                rows, key=lambda r: (r[0], r[1], -r[2])):
            seqs: dict[str, int] = json.loads(seqs_text)
            newer = later.get((kind, item_id))
            deliveries = []
            for device in devices:
                after = seqs.get(device.device_id, 0)
                row = repo._one("SELECT ref_seq, created_at FROM outbox_bundles WHERE device_id = ? AND ref_seq > ? "
                                "ORDER BY ref_seq LIMIT 1", (device.device_id, after))
                if row is not None and newer is not None and row[0] > newer[1].get(device.device_id, 0):
                    row = None  # written after the next version was published: that one rode instead
                deliveries.append(Delivery(device.device_id, device.wing_name, device.revoked_after_seq is not None,
                                           row[0] if row else None, row[1] if row else None))
            found.append(Publication(kind, item_id, version, json.loads(titles), digest, at, by,
                                     newer[0] if newer else None, tuple(deliveries)))
            later[(kind, item_id)] = (version, seqs)
    return sorted(found, key=lambda p: (p.published_at, p.kind, p.item_id, p.version), reverse=True)


def added_codes(store: SqlStore, list_name: str = STEP_TYPES) -> AddedCodes:
    """What the code lists HQ published add to `list_name` (every version, each code's label from the newest version
    naming it), read back from the signed files queued for the wings: for HQ's own pages and copies."""
    with store.transaction(write=False) as repo:
        rows = repo._rows("SELECT body FROM reference_items WHERE kind = ? AND record_id = ?",
                          (CODE_LIST, record_id(CODE_LIST, list_name)))
    versions = []
    for (body,) in rows:
        try:
            data = base64.b64decode(json.loads(body)["file"], validate=True)
            signed = read_signed(data, CODE_LIST_WRAPPER, CODE_LIST_MAX, "code_list", CodeListError)
            versions.append(parse_code_list(signed.definition))
        except (ValueError, KeyError, TypeError, CodeListError):  # HQ queued only what it checked: never expected
            continue
    return merged(versions)

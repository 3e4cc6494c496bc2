"""hq.translations on SQLite and PostgreSQL: a .po upload is previewed against the program's own catalogue (changes,
refusals with their reason, English texts the program lacks ignored), published as one HQ-signed document per
language and version for every wing, a newer version supersedes (only it rides in a bundle), a publish whose
version another admin published meanwhile is refused, and files that are no .po, for another language or that
change nothing are refused with nothing stored."""

from __future__ import annotations

import base64

import pytest

from tests.hq.conftest import Wing
from tests.translation_files import po_file
from wingdesk.config.catalog_template import shipped_catalogue
from wingdesk.crypto import signing
from wingdesk.domain.instruments.signed_file import read_signed
from wingdesk.domain.translations.document import MAX_BYTES, TranslationError
from wingdesk.hq import publishing, translations
from wingdesk.hq.devices import enrol_device
from wingdesk.hq.outbox import build_outbox_bundle
from wingdesk.sync.reference import open_hq_bundle

CANCEL = "Cancel"


def _plural(language: str) -> tuple[str, str]:
    return next((m, s.plural) for m, s in shipped_catalogue(language).items() if s.plural and "{n}" in m
                and "{n}" in s.plural and m.count("{") == 1 and s.plural.count("{") == 1)


def _placeholder_text(language: str) -> str:
    return next(m for m, s in shipped_catalogue(language).items() if s.plural is None and "{name}" in m)


def _queued(ctx) -> list[dict]:
    with ctx.store.transaction(write=False) as repo:
        return [i for i in repo.reference_items("") if i["kind"] == "translation"]


def test_preview_counts_changes_refusals_and_ignored_texts(ctx):
    named = _placeholder_text("sr")
    plural, _english = _plural("sr")
    data = po_file("sr", {CANCEL: "Откажи одмах", named: "Без имена", plural: ("{n} један", "{n} два"),
                          "&No such menu": "Сачувај", "A text the program never had": "Нешто",
                          "Close": shipped_catalogue("sr")["Close"].forms[0]}, whole=True)
    shown = translations.preview(ctx.store, data)
    assert (shown.language, shown.version, shown.newest) == ("sr", 1, None)
    assert [(c.msgid, c.old, c.new) for c in shown.changes] == [
        (CANCEL, shipped_catalogue("sr")[CANCEL].forms, ("Откажи одмах",))]
    reasons = {r.msgid: (r.why.code, r.why.params) for r in shown.refused}
    assert reasons[named] == ("placeholders", {"expected": "{name}"})
    assert reasons[plural] == ("plural_count", {"got": 2, "expected": 3})
    assert set(reasons) == {named, plural}  # "&No such menu" is no text of this program: ignored, not refused
    assert (shown.ignored, shown.ignored_count) == (("&No such menu", "A text the program never had"), 2)
    assert shown.left_out > 2000  # the unchanged rest of the catalogue
    assert _queued(ctx) == []  # a preview stores nothing


def test_publish_signs_queues_and_supersedes(ctx):
    wings = [Wing(ctx.keys, name=name) for name in ("Krilo A", "Krilo B")]
    for wing in wings:
        enrol_device(ctx.store, *wing.enrolment(), "prod", ctx.clock())
    first = translations.preview(ctx.store, po_file("mk", {CANCEL: "Откажи веднаш"}))
    done = translations.publish(ctx.store, ctx.keys, ctx.clock(), first.document, "ana", {"mk": "Македонски"})
    assert (done.kind, done.item_id, done.version, done.titles) == ("translation", "mk", 1, {"en": "Македонски"})
    build_outbox_bundle(ctx, wings[0].device_id)
    second = translations.preview(ctx.store, po_file("mk", {CANCEL: "Откажи го тоа", "Close": "Затвори веднаш"}))
    assert (second.version, second.newest) == (2, 1)
    stale = translations.preview(ctx.store, po_file("mk", {CANCEL: "Откажи пак"}))  # another admin, same version
    translations.publish(ctx.store, ctx.keys, ctx.clock(), second.document, "ana")
    with pytest.raises(publishing.PublishRefused) as refused:
        translations.publish(ctx.store, ctx.keys, ctx.clock(), stale.document, "bo")
    assert (refused.value.code, refused.value.params["newest"]) == ("not_newer", 2)
    assert [i["rev"] for i in _queued(ctx)] == [1, 2]
    opened = open_hq_bundle(build_outbox_bundle(ctx, wings[1].device_id), ctx.keys.current.sign_public,
                            wings[1].keys.enc_private, wings[1].device_id, "prod")
    assert [(t["rev"], t["body"]["id"]) for t in opened.translations] == [(2, "mk")]  # only the newest rides
    signed = read_signed(base64.b64decode(opened.translations[0]["body"]["file"]), "translation_file")
    assert signing.verify(ctx.keys.current.sign_public, signing.TRANSLATION_PREFIX, signed.statement,
                          signed.signature)
    assert signed.definition["entries"] == [{"id": CANCEL, "str": ["Откажи го тоа"]},
                                            {"id": "Close", "str": ["Затвори веднаш"]}]
    newest, older = [p for p in publishing.publications(ctx.store) if p.kind == "translation"]
    assert (newest.version, older.version, older.superseded_by) == (2, 1, 2)
    with ctx.store.transaction(write=False) as repo:
        audit = repo._rows("SELECT detail FROM audit WHERE action = 'published' ORDER BY id")
    assert [row[0].split(" sha256=")[0] for row in audit] == ["staff=ana kind=translation id=mk version=1",
                                                              "staff=ana kind=translation id=mk version=2"]


@pytest.mark.parametrize(("data", "code"), [
    (b'{"instrument": 1}', "translation_not_po"),
    (b"\xff\xfe not text", "translation_not_po"),
    (po_file("de", {CANCEL: "Abbrechen"}), "translation_language"),
    (po_file("en", {CANCEL: "Stop"}), "translation_language"),
    (po_file("mk", {CANCEL: "x"}, header=""), "translation_language"),
    (po_file("mk", {}, whole=True), "translation_no_change"),  # the shipped catalogue as it is
    (po_file("mk", {CANCEL: "Откажи {name}"}), "translation_no_change"),  # its only change refused
    (po_file("mk", {CANCEL: "Откажи веднаш"}, fuzzy=(CANCEL,)), "translation_no_change"),  # fuzzy: left out
    (b"#" * (MAX_BYTES + 1), "translation_too_large"),
])
def test_refused_files_store_nothing(ctx, data, code):
    with pytest.raises(TranslationError) as refused:
        translations.preview(ctx.store, data)
    assert refused.value.code == code
    assert _queued(ctx) == []


def test_sign_refuses_a_document_this_program_would_not_use(ctx):
    shown = translations.preview(ctx.store, po_file("mk", {CANCEL: "Откажи веднаш"}))
    forged = shown.document.replace("Откажи веднаш".encode(), "Откажи {x}".encode())
    with pytest.raises(TranslationError):
        translations.publish(ctx.store, ctx.keys, ctx.clock(), forged, "ana")
    assert _queued(ctx) == []

"""hq.hierarchy through hq.publishing on SQLite and PostgreSQL (`WINGDESK_TEST_PG`): a revision is checked as the
wings check it and against the revision in force, signed under its own purpose, queued for every wing with only the
newest revision riding in a bundle; refusals store nothing; a file this HQ signed is accepted, another key's is not;
research reads each PC's prison and wing codes from the newest revision."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime

import pytest

from tests.hierarchy_documents import PC_A, PC_B, changed, data
from tests.hq.conftest import Wing
from wingdesk.crypto import signing
from wingdesk.domain.hierarchy.model import HierarchyError
from wingdesk.domain.hierarchy.parse import WRAPPER
from wingdesk.domain.instruments.signed_file import read_signed
from wingdesk.hq import hierarchy, publishing
from wingdesk.hq.devices import enrol_device
from wingdesk.hq.keystore import HqKeys
from wingdesk.hq.outbox import build_outbox_bundle
from wingdesk.sync import keys
from wingdesk.sync.reference import open_hq_bundle


def _queued(ctx) -> list[dict]:
    with ctx.store.transaction(write=False) as repo:
        return [i for i in repo.reference_items("") if i["kind"] == "hierarchy"]


def _publish(ctx, raw: bytes):
    return publishing.publish(ctx.store, ctx.keys, ctx.clock(), publishing.HIERARCHY, raw, "ana")


def test_a_revision_is_signed_queued_superseded_and_carried_to_every_wing(ctx):
    wing = Wing(ctx.keys, name="Krilo A")
    enrol_device(ctx.store, *wing.enrolment(), "prod", ctx.clock())
    first = _publish(ctx, data(changed(1, lambda d: d["wings"][0].__setitem__("devices", [wing.device_id]))))
    assert (first.kind, first.item_id, first.version, first.titles) == ("hierarchy", "prisons", 1,
                                                                        {"en": "IDRIZOVO, SKOPJE"})
    [item] = _queued(ctx)
    signed = read_signed(base64.b64decode(item["body"]["file"]), WRAPPER, kind="hierarchy", error=HierarchyError)
    assert signing.verify(ctx.keys.current.sign_public, signing.HIERARCHY_PREFIX, signed.statement, signed.signature)
    assert not signing.verify(ctx.keys.current.sign_public, signing.CODE_LIST_PREFIX, signed.statement,
                              signed.signature)  # its own purpose: no other signed file passes as a hierarchy
    with pytest.raises(HierarchyError) as refused:
        _publish(ctx, data(changed(1, lambda d: None)))
    assert refused.value.code == "hierarchy_not_newer"
    _publish(ctx, data(changed(2, lambda d: d["wings"][0].update(devices=[wing.device_id], capacity=41))))
    opened = open_hq_bundle(build_outbox_bundle(ctx, wing.device_id), ctx.keys.current.sign_public,
                            wing.keys.enc_private, wing.device_id, "prod")
    assert [i["rev"] for i in opened.hierarchies] == [2]  # only the newest rides
    current = hierarchy.current(ctx.store)
    assert current is not None and current.revision == 2 and current.wing("IDR_B").capacity == 41
    with ctx.store.transaction(write=False) as repo:
        assert hierarchy.codes_by_device(repo) == {wing.device_id: ("IDRIZOVO", "IDR_B"), PC_B: ("SKOPJE", "SK_1")}


def test_refusals_store_nothing(ctx):
    for raw, code in ((data(changed(1, lambda d: d["wings"][1]["devices"].append(PC_A))), "hierarchy_device_twice"),
                      (b"[]", "hierarchy_not_json")):
        with pytest.raises(HierarchyError) as refused:
            _publish(ctx, raw)
        assert refused.value.code == code
    _publish(ctx, data())
    with pytest.raises(HierarchyError) as refused:
        _publish(ctx, data(changed(2, lambda d: d["prisons"].pop(1) and d["wings"].pop(1))))
    assert refused.value.code == "hierarchy_code_dropped"
    assert [i["rev"] for i in _queued(ctx)] == [1]
    with ctx.store.transaction(write=False) as repo:
        assert len(repo._rows("SELECT * FROM publications WHERE kind = 'hierarchy'", ())) == 1


def test_a_file_this_hq_signed_is_accepted_and_another_keys_is_not(ctx):
    _revision, signed = hierarchy.sign_hierarchy(data(), ctx.keys.current.sign_private,
                                                 datetime(2026, 12, 1, tzinfo=UTC))
    shown = hierarchy.preview(ctx.store, signed, ctx.keys.current.sign_public)
    assert shown.hierarchy.revision == 1 and json.loads(shown.data) == json.loads(data())  # the document inside
    other = HqKeys("prod", "Other", "2025-01-01T00:00:00Z", keys.generate_key_pairs())
    _revision, foreign = hierarchy.sign_hierarchy(data(), other.current.sign_private,
                                                  datetime(2026, 12, 1, tzinfo=UTC))
    with pytest.raises(publishing.PublishRefused) as refused:
        hierarchy.preview(ctx.store, foreign, ctx.keys.current.sign_public)
    assert refused.value.code == "not_this_hq"
    _publish(ctx, signed)
    assert [i["rev"] for i in _queued(ctx)] == [1]


def test_no_hierarchy_gives_no_codes(ctx):
    with ctx.store.transaction(write=False) as repo:
        assert hierarchy.codes_by_device(repo) == {}
    assert hierarchy.current(ctx.store) is None and '"revision": 1' in hierarchy.draft(None)

"""hq.publishing on SQLite and PostgreSQL: a publication queues one signed reference item for all devices, newer
versions supersede (only the newest rides in a bundle), older or equal ones are refused with nothing stored, and
the list says which bundle of each device carried what."""

from __future__ import annotations

import base64
import json

import pytest

from tests.hq.conftest import Wing
from tests.module_packages import package
from wingdesk.domain.modules.model import ModuleError
from wingdesk.hq import publishing
from wingdesk.hq.devices import enrol_device, revoke_device
from wingdesk.hq.outbox import build_outbox_bundle
from wingdesk.sync.reference import open_hq_bundle


def _module(version: int, title: str = "Title") -> bytes:
    raw = package(version=version, module_id="wd.intervention", languages=("en", "mk"))
    raw["content"]["mk"]["title"] = title + " <img src=x onerror=alert(1)>"  # plain text: kept, shown escaped
    return json.dumps(raw, ensure_ascii=False).encode()


def _publish(ctx, version: int, staff: str = "ana") -> publishing.Publication:
    return publishing.publish(ctx.store, ctx.keys, ctx.clock(), publishing.MODULE, _module(version), staff)


def _queued(ctx) -> list[dict]:
    with ctx.store.transaction(write=False) as repo:
        return [i for i in repo.reference_items("") if i["kind"] in publishing.KINDS]


def test_publish_supersede_refuse_and_deliveries(ctx):
    wings = [Wing(ctx.keys, name=name) for name in ("Krilo A", "Krilo B", "Krilo C")]
    for wing in wings:
        enrol_device(ctx.store, *wing.enrolment(), "prod", ctx.clock())
    revoke_device(ctx.store, wings[2].device_id, ctx.clock())
    first = _publish(ctx, 1)
    assert (first.item_id, first.version, first.titles["mk"]) == ("wd.intervention", 1,
                                                                   "Title <img src=x onerror=alert(1)>")
    build_outbox_bundle(ctx, wings[0].device_id)
    _publish(ctx, 3)
    for version in (3, 2):
        with pytest.raises(publishing.PublishRefused) as refused:
            _publish(ctx, version)
        assert refused.value.code == "not_newer" and refused.value.params["newest"] == 3
    assert [(i["rev"], i["kind"]) for i in _queued(ctx)] == [(1, "training_module"), (3, "training_module")]
    data = build_outbox_bundle(ctx, wings[1].device_id)
    opened = open_hq_bundle(data, ctx.keys.current.sign_public, wings[1].keys.enc_private, wings[1].device_id,
                            "prod")
    assert [(m["rev"], m["body"]["version"]) for m in opened.modules] == [(3, 3)]
    assert base64.b64decode(opened.modules[0]["body"]["file"]).startswith(b'{"module_file"')
    newest, older = publishing.publications(ctx.store)
    assert (newest.version, newest.superseded_by, older.version, older.superseded_by) == (3, None, 1, 3)
    by_wing = {d.wing_name: d for d in older.deliveries}
    assert by_wing["Krilo A"].ref_seq == 1 and by_wing["Krilo B"].ref_seq is None  # B's bundle came after v3
    assert by_wing["Krilo C"].revoked and by_wing["Krilo C"].ref_seq is None
    by_wing = {d.wing_name: d for d in newest.deliveries}
    assert by_wing["Krilo A"].ref_seq is None and by_wing["Krilo B"].ref_seq == 1
    with ctx.store.transaction(write=False) as repo:
        audit = repo._rows("SELECT detail FROM audit WHERE action = 'published' ORDER BY id")
    assert [row[0].split(" sha256=")[0] for row in audit] == [
        "staff=ana kind=training_module id=wd.intervention version=1",
        "staff=ana kind=training_module id=wd.intervention version=3"]


def test_a_refused_package_stores_nothing(ctx):
    with pytest.raises(ModuleError):
        publishing.publish(ctx.store, ctx.keys, ctx.clock(), publishing.MODULE, b'{"format": 1}', "ana")
    scripted = json.loads(_module(1))
    scripted["content"]["en"]["questions"][0]["text"] = "Which? <script>alert(1)</script>"
    with pytest.raises(ModuleError) as refused:  # a script anywhere in a package, not only in its Markdown
        publishing.publish(ctx.store, ctx.keys, ctx.clock(), publishing.MODULE, json.dumps(scripted).encode(), "ana")
    assert refused.value.code == "module_script"
    with pytest.raises(publishing.PublishRefused):
        publishing.publish(ctx.store, ctx.keys, ctx.clock(), "roster", _module(1), "ana")
    assert _queued(ctx) == [] and publishing.publications(ctx.store) == []


def test_preview_in_the_readers_language(ctx):
    shown = publishing.preview(ctx.store, publishing.MODULE, _module(2, "Наслов"), "mk", ctx.keys.current.sign_public)
    assert (shown.title, shown.languages, shown.roles, shown.newest) == (
        "Наслов <img src=x onerror=alert(1)>", ("en", "mk"), ("officer",), None)
    _publish(ctx, 2)
    assert publishing.preview(ctx.store, publishing.MODULE, _module(4), "sq", ctx.keys.current.sign_public).newest == 2

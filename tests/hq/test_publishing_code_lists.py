"""hq.publishing of code lists (the plan step types HQ adds) on SQLite and PostgreSQL (`WINGDESK_TEST_PG`): the
document is checked as the wings check it, signed under the code-list purpose, queued for every wing with the
newest version only riding in a bundle; older or equal versions and bad documents store nothing."""

from __future__ import annotations

import base64
import json

import pytest

from tests.code_list_documents import ANGER, data
from tests.hq.conftest import Wing
from wingdesk.crypto import signing
from wingdesk.domain.code_lists.model import CodeListError
from wingdesk.domain.code_lists.parse import WRAPPER
from wingdesk.domain.instruments.signed_file import read_signed
from wingdesk.hq import publishing
from wingdesk.hq.code_lists import sign_code_list
from wingdesk.hq.devices import enrol_device
from wingdesk.hq.outbox import build_outbox_bundle
from wingdesk.sync.reference import open_hq_bundle


def _queued(ctx) -> list[dict]:
    with ctx.store.transaction(write=False) as repo:
        return [i for i in repo.reference_items("") if i["kind"] == publishing.CODE_LIST]


def test_a_code_list_is_signed_queued_and_superseded(ctx):
    wing = Wing(ctx.keys, name="Krilo A")
    enrol_device(ctx.store, *wing.enrolment(), "prod", ctx.clock())
    first = publishing.publish(ctx.store, ctx.keys, ctx.clock(), publishing.CODE_LIST, data(1), "ana")
    assert (first.kind, first.item_id, first.version) == ("code_list", "step_types", 1)
    assert first.titles["mk"] == ANGER["mk"] and first.titles["hr"] == ANGER["en"]  # English where none given
    [item] = _queued(ctx)
    assert (item["record_id"], item["rev"]) == (publishing.record_id("code_list", "step_types"), 1)
    signed = read_signed(base64.b64decode(item["body"]["file"]), WRAPPER, kind="code_list", error=CodeListError)
    assert signing.verify(ctx.keys.current.sign_public, signing.CODE_LIST_PREFIX, signed.statement,
                          signed.signature)
    assert not signing.verify(ctx.keys.current.sign_public, signing.INSTRUMENT_PREFIX, signed.statement,
                              signed.signature)  # its own purpose: no other signed file passes as a code list
    with pytest.raises(publishing.PublishRefused) as refused:
        publishing.publish(ctx.store, ctx.keys, ctx.clock(), publishing.CODE_LIST, data(1), "ana")
    assert refused.value.code == "not_newer" and refused.value.params["newest"] == 1
    publishing.publish(ctx.store, ctx.keys, ctx.clock(), publishing.CODE_LIST, data(2), "ana")
    opened = open_hq_bundle(build_outbox_bundle(ctx, wing.device_id), ctx.keys.current.sign_public,
                            wing.keys.enc_private, wing.device_id, "prod")
    assert [(i["rev"], i["body"]["version"]) for i in opened.code_lists] == [(2, 2)]  # only the newest rides
    newest, older = publishing.publications(ctx.store)
    assert (newest.version, older.superseded_by, newest.deliveries[0].ref_seq) == (2, 2, 1)
    with ctx.store.transaction(write=False) as repo:
        assert len(repo._rows("SELECT * FROM publications WHERE kind = 'code_list'", ())) == 2


def test_a_version_leaving_out_a_published_code_is_refused(ctx):
    publishing.publish(ctx.store, ctx.keys, ctx.clock(), publishing.CODE_LIST,
                       data(1, [{"code": "ANGER_MANAGEMENT", "label": ANGER}, {"code": "RJ_CIRCLE",
                                                                             "label": {"en": "Circle"}}]), "ana")
    dropped = data(2, [{"code": "ANGER_MANAGEMENT", "label": ANGER}])  # only the newest travels: it must keep all
    for attempt in (lambda: publishing.preview(ctx.store, publishing.CODE_LIST, dropped, "en",
                                               ctx.keys.current.sign_public),
                    lambda: publishing.publish(ctx.store, ctx.keys, ctx.clock(), publishing.CODE_LIST, dropped, "ana")):
        with pytest.raises(publishing.PublishRefused) as refused:
            attempt()
        assert (refused.value.code, refused.value.params) == ("drops_code", {"item": "step_types", "version": 2,
                                                                              "left_out": "RJ_CIRCLE"})
    assert [i["rev"] for i in _queued(ctx)] == [1]
    publishing.publish(ctx.store, ctx.keys, ctx.clock(), publishing.CODE_LIST,
                       data(2, [{"code": "ANGER_MANAGEMENT", "label": ANGER},
                                {"code": "RJ_CIRCLE", "label": {"en": "Circle"}, "retired": True}]), "ana")
    assert publishing.added_codes(ctx.store).offered == ("ANGER_MANAGEMENT",)


def test_a_refused_code_list_stores_nothing(ctx):
    with pytest.raises(CodeListError) as refused:
        publishing.publish(ctx.store, ctx.keys, ctx.clock(), publishing.CODE_LIST,
                           data(1, [{"code": "EDUCATION", "label": {"en": "Education again"}}]), "ana")
    assert refused.value.code == "code_list_builtin_code"
    with pytest.raises(CodeListError):  # an instrument sent as a code list
        publishing.publish(ctx.store, ctx.keys, ctx.clock(), publishing.CODE_LIST, json.dumps({"id": "x"}).encode(),
                           "ana")
    assert _queued(ctx) == [] and publishing.publications(ctx.store) == []


def test_a_file_this_hq_signed_is_accepted_and_another_keys_refused(ctx):
    from datetime import UTC, datetime

    from wingdesk.sync import keys

    _list, mine = sign_code_list(data(4), ctx.keys.current.sign_private, datetime.now(UTC))
    shown = publishing.preview(ctx.store, publishing.CODE_LIST, mine, "mk", ctx.keys.current.sign_public)
    assert (shown.item_id, shown.version, shown.entries) == ("step_types", 4,
                                                             (("ANGER_MANAGEMENT", ANGER["mk"], False),))
    _list, theirs = sign_code_list(data(5), keys.generate_key_pairs().sign_private, datetime.now(UTC))
    with pytest.raises(publishing.PublishRefused) as refused:
        publishing.preview(ctx.store, publishing.CODE_LIST, theirs, "en", ctx.keys.current.sign_public)
    assert refused.value.code == "not_this_hq"


def test_hqs_subject_access_copy_labels_an_added_step_type_in_its_language(ctx, tmp_path):
    import uuid

    from tests.code_list_documents import RESTORE
    from tests.hq.conftest import enrol
    from tests.hq.test_subject_access import NOW, NUMBER, _files, _record
    from wingdesk.hq.ingest import ingest
    from wingdesk.hq.outbox import add_reference
    from wingdesk.hq.subject_access_doc import export_copy
    from wingdesk.sync.wing_records import record_line

    publishing.publish(ctx.store, ctx.keys, ctx.clock(), publishing.CODE_LIST,
                       data(1, [{"code": "ANGER_MANAGEMENT", "label": ANGER}, {"code": "RJ_CIRCLE",
                                                                             "label": RESTORE}]), "ana")
    publishing.publish(ctx.store, ctx.keys, ctx.clock(), publishing.CODE_LIST,
                       data(2, [{"code": "ANGER_MANAGEMENT", "label": {"en": "Anger (group)", "mk": "Гнев (група)"}},
                                {"code": "RJ_CIRCLE", "label": RESTORE, "retired": True}]),
                       "ana")  # the circle retired in version 2: still labelled
    wing = enrol(ctx, Wing(ctx.keys, name="Wing B"))
    plan = _record("plan", {"status": "ACTIVE", "reason_for_plan": "r", "prisoner_goals_own_words": "g",
                            "steps": [{"step_type": "ANGER_MANAGEMENT", "status": "PLANNED"},
                                      {"step_type": "RJ_CIRCLE", "status": "PLANNED"}]}, str(uuid.uuid4()), "Wing B")
    assert ingest(ctx, wing.bundle([record_line(plan, NUMBER, wing.device_id, "0")])).outcome == "accepted"
    add_reference(ctx, "roster", {"event": "admission", "prisoner": {"number": NUMBER, "given_name": "A",
                                                                     "family_name": "B", "sex": "F",
                                                                     "legal_status": "CONVICTED"}})
    _copy, paths = export_copy(ctx.store, NUMBER, tmp_path / "mk", "ana", "Request of 1 Dec", NOW, lambda s: s, "mk")
    machine, html = _files(paths)
    assert "Гнев (група)" in html and RESTORE["mk"] in html and "ANGER_MANAGEMENT" not in html
    assert "ANGER_MANAGEMENT" in json.dumps(machine)  # the machine-readable file keeps the codes
    _copy, paths = export_copy(ctx.store, NUMBER, tmp_path / "hr", "ana", "Request of 1 Dec", NOW, lambda s: s, "hr")
    assert "Anger (group)" in _files(paths)[1]  # no Croatian label: English

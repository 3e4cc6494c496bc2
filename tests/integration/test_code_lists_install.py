"""Code lists HQ published, installed on a wing from its HQ→wing bundles (services.code_lists): each refusal inside
an HQ-signed bundle (an older version, a version number reused with other content, a file changed after HQ signed
it) is audited with its code and changes nothing while the rest of the bundle applies; the command line says what
was installed; installed versions never change."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime

import pytest

from tests.code_list_documents import ANGER, data, document
from tests.integration.sync_helpers import enrol
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.hq import publishing
from wingdesk.hq.code_lists import sign_code_list
from wingdesk.hq.outbox import add_reference, build_outbox_bundle
from wingdesk.sync.wing_sync import WingSync


def _queue(hq, version: int, signed: bytes) -> None:
    add_reference(hq, "code_list", {"id": "step_types", "version": version,
                                    "file": base64.b64encode(signed).decode()}, record_id=str(uuid.uuid4()),
                  rev=version)


def _published(wing, login, hq, version: int, path) -> str:
    """Enrol the wing with HQ, publish version `version` of the plan step types and write HQ's next bundle for the
    wing to `path`; the wing's device id."""
    wing.sync_factory = WingSync
    device = enrol(login("admin"), hq)
    publishing.publish(hq.store, hq.keys, datetime.now(UTC), publishing.CODE_LIST, data(version), "ana")
    path.write_bytes(build_outbox_bundle(hq, device))
    return device


def _signed(hq, raw: dict) -> bytes:
    return sign_code_list(canonical_bytes(raw), hq.keys.current.sign_private, datetime.now(UTC))[1]


def test_refusals_are_audited_and_change_nothing(wing, login, hq, tmp_path):
    device = _published(wing, login, hq, 2, tmp_path / "1.wdb")
    sup = login("sup")
    assert sup.sync.import_files([tmp_path / "1.wdb"]).code_lists_installed == 1
    _queue(hq, 1, _signed(hq, document(1)))  # older than the version in use
    _queue(hq, 2, _signed(hq, document(2, [{"code": "OTHER_CONTENT", "label": {"en": "Other"}}])))  # reused number
    changed = json.loads(_signed(hq, document(3)))
    changed["code_list_file"]["definition"]["entries"][0]["label"]["en"] = "Changed after signing"
    _queue(hq, 3, json.dumps(changed, ensure_ascii=False).encode())
    (tmp_path / "2.wdb").write_bytes(build_outbox_bundle(hq, device))
    result = sup.sync.import_files([tmp_path / "2.wdb"])
    assert result.files[0].outcome == "applied" and result.code_lists_installed == 0
    actions = [(e.action, e.object) for e in sup.ctx.repo.iter_audit()]
    for code in ("code_list_older_version", "code_list_version_conflict", "code_list_signature"):
        assert ("code_list_refused", f"code_list:{code}") in actions
        assert ("published_refused", f"hq_bundle:{code}") in actions
    assert [v for v, _h in sup.ctx.repo.code_list_versions("step_types")] == [2]
    added = login("psy").treatment.added_step_types()
    assert added.offered == ("ANGER_MANAGEMENT",) and added.label("ANGER_MANAGEMENT", "mk") == ANGER["mk"]
    assert "Changed after signing" not in repr(actions)


def test_installed_versions_never_change(wing, login, hq, tmp_path):
    _published(wing, login, hq, 1, tmp_path / "1.wdb")
    sup = login("sup")
    sup.sync.import_files([tmp_path / "1.wdb"])
    conn = sup.ctx.repo.conn
    with pytest.raises(Exception, match="installed code lists"):
        conn.execute("UPDATE code_lists SET document = '{}'")
    with pytest.raises(Exception, match="installed code lists"):
        conn.execute("DELETE FROM code_lists")


def test_the_command_line_import_says_how_many_code_lists_it_installed(wing, login, hq, tmp_path, monkeypatch,
                                                                       capsys):
    from tests.integration.test_sync_cli import _run

    _published(wing, login, hq, 1, tmp_path / "1.wdb")
    assert _run(wing.directory, monkeypatch, "sync", "import", str(tmp_path / "1.wdb")) == 0
    assert "Installed from HQ: code list versions 1." in capsys.readouterr().out


def test_a_code_list_row_written_by_hand_adds_no_codes(wing, login, hq, tmp_path):
    """An insider holding the database key inserts rows (the append-only triggers stop UPDATE and DELETE, not
    INSERT): an unsigned version, and another document under HQ's real signature. Neither adds a code."""
    _published(wing, login, hq, 1, tmp_path / "1.wdb")
    sup = login("sup")
    assert sup.sync.import_files([tmp_path / "1.wdb"]).code_lists_installed == 1
    genuine = sup.ctx.repo.get_code_list("step_types", 1)
    restore = [{"code": "RESTORATIVE_CIRCLE", "label": {"en": "Restorative justice circle"}}]
    for version, key_id, signature in ((9, "forged", b"\0" * 64), (8, genuine.hq_key_id, genuine.signature)):
        sup.ctx.repo.execute(
            "INSERT INTO code_lists (list_name, version, document, content_sha256, hq_key_id, signed_at, signature, "
            "installed_at, installed_by) VALUES ('step_types', ?, ?, 'x', ?, ?, ?, '2026-12-07T00:00:00Z', ?)",
            (version, canonical_bytes(document(version, restore)).decode(), key_id, genuine.signed_at, signature,
             sup.user.id))
    assert [v for v, _h in sup.ctx.repo.code_list_versions("step_types")] == [1, 8, 9]
    added = login("psy").treatment.added_step_types()
    assert added.offered == ("ANGER_MANAGEMENT",) and "RESTORATIVE_CIRCLE" not in added.known

"""HQ's prison/wing hierarchy installed on a wing from its HQ→wing bundles (services.hierarchy): the official names
for this PC and the other PCs are in force after the import; the next cumulative bundle installs nothing twice;
each refusal inside an HQ-signed bundle (an older revision, a revision number reused with other content, a file
changed after HQ signed it, one another key signed) is audited with its code and changes nothing while the rest of
the bundle applies; installed revisions never change; a row written into the database by hand is never in force."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime

import pytest

from tests.hierarchy_documents import IDRIZOVO, PC_B, changed, data, document
from tests.integration.sync_helpers import enrol
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.hq import publishing
from wingdesk.hq.hierarchy import sign_hierarchy
from wingdesk.hq.keystore import HqKeys
from wingdesk.hq.outbox import add_reference, build_outbox_bundle
from wingdesk.sync import keys
from wingdesk.sync.wing_sync import WingSync


def _ours(device: str, revision: int = 1, **wing: object) -> dict:
    return changed(revision, lambda d: d["wings"][0].update(devices=[device], **wing))


def _published(wing, login, hq, path) -> str:
    """Enrol the wing with HQ, publish revision 1 naming its PC in IDR_B and write HQ's next bundle to `path`."""
    wing.sync_factory = WingSync
    device = enrol(login("admin"), hq)
    publishing.publish(hq.store, hq.keys, datetime.now(UTC), publishing.HIERARCHY, data(_ours(device)), "ana")
    path.write_bytes(build_outbox_bundle(hq, device))
    return device


def _queue(hq, revision: int, signed: bytes) -> None:
    add_reference(hq, "hierarchy", {"id": "prisons", "version": revision, "file": base64.b64encode(signed).decode()},
                  record_id=str(uuid.uuid4()), rev=revision)


def _signed(hq, raw: dict, private: bytes | None = None) -> bytes:
    return sign_hierarchy(canonical_bytes(raw), private or hq.keys.current.sign_private, datetime.now(UTC))[1]


def test_the_hierarchy_is_in_force_after_the_import_and_installed_once(wing, login, hq, tmp_path):
    device = _published(wing, login, hq, tmp_path / "1.wdb")
    officer = login("off1")
    assert officer.hierarchy.place() is None  # nothing installed yet: the wing's own name is shown
    sup = login("sup")
    assert sup.sync.import_files([tmp_path / "1.wdb"]).hierarchy_installed == 1
    place = login("off1").hierarchy.place()
    assert place is not None
    assert (place.prison_name, place.wing_name, place.capacity, place.units) == (IDRIZOVO, "Б крило", 40,
                                                                                 ("young", "first_time"))
    assert set(login("gov").hierarchy.places()) == {device, PC_B}
    (tmp_path / "2.wdb").write_bytes(build_outbox_bundle(hq, device))  # cumulative: carries revision 1 again
    assert sup.sync.import_files([tmp_path / "2.wdb"]).hierarchy_installed == 0
    actions = [(e.action, e.object) for e in sup.ctx.repo.iter_audit()]
    assert actions.count(("hierarchy_installed", "hierarchy:1")) == 1


def test_refusals_are_audited_and_change_nothing(wing, login, hq, tmp_path):
    device = _published(wing, login, hq, tmp_path / "1.wdb")
    sup = login("sup")
    sup.sync.import_files([tmp_path / "1.wdb"])
    publishing.publish(hq.store, hq.keys, datetime.now(UTC), publishing.HIERARCHY,
                       data(_ours(device, 3, capacity=41)), "ana")
    (tmp_path / "2.wdb").write_bytes(build_outbox_bundle(hq, device))
    assert sup.sync.import_files([tmp_path / "2.wdb"]).hierarchy_installed == 1
    _queue(hq, 2, _signed(hq, _ours(device, 2)))  # older than the revision in force
    _queue(hq, 3, _signed(hq, _ours(device, 3, capacity=99)))  # revision number reused with other content
    tampered = json.loads(_signed(hq, _ours(device, 4)))
    tampered["hierarchy_file"]["definition"]["wings"][0]["capacity"] = 400
    _queue(hq, 4, json.dumps(tampered, ensure_ascii=False).encode())
    other = HqKeys("prod", "Other", "2025-01-01T00:00:00Z", keys.generate_key_pairs())
    _queue(hq, 5, _signed(hq, _ours(device, 5, capacity=500), other.current.sign_private))
    (tmp_path / "3.wdb").write_bytes(build_outbox_bundle(hq, device))
    result = sup.sync.import_files([tmp_path / "3.wdb"])
    assert result.files[0].outcome == "applied" and result.hierarchy_installed == 0
    actions = [(e.action, e.object) for e in sup.ctx.repo.iter_audit()]
    for code in ("hierarchy_older_version", "hierarchy_version_conflict", "hierarchy_signature",
                 "hierarchy_wrong_key"):
        assert ("hierarchy_refused", f"hierarchy:{code}") in actions
        assert ("published_refused", f"hq_bundle:{code}") in actions
    assert [r for r, _h in sup.ctx.repo.hierarchy_versions()] == [1, 3]  # every genuine revision kept
    assert login("off1").hierarchy.place().capacity == 41


def test_installed_revisions_never_change(wing, login, hq, tmp_path):
    _published(wing, login, hq, tmp_path / "1.wdb")
    sup = login("sup")
    sup.sync.import_files([tmp_path / "1.wdb"])
    with pytest.raises(Exception, match="installed hierarchy revisions"):
        sup.ctx.repo.conn.execute("UPDATE hierarchy_revisions SET document = '{}'")
    with pytest.raises(Exception, match="installed hierarchy revisions"):
        sup.ctx.repo.conn.execute("DELETE FROM hierarchy_revisions")


def test_a_row_written_by_hand_is_never_in_force(wing, login, hq, tmp_path):
    """An insider holding the database key inserts rows (the triggers stop UPDATE and DELETE, not INSERT): an
    unsigned revision, and another document under HQ's real signature. Neither is in force; each is audited."""
    device = _published(wing, login, hq, tmp_path / "1.wdb")
    sup = login("sup")
    sup.sync.import_files([tmp_path / "1.wdb"])
    genuine = sup.ctx.repo.hierarchy_revisions()[0]
    for revision, key_id, signature in ((9, "forged", b"\0" * 64), (8, genuine.hq_key_id, genuine.signature)):
        sup.ctx.repo.execute(
            "INSERT INTO hierarchy_revisions (revision, document, content_sha256, hq_key_id, signed_at, signature, "
            "installed_at, installed_by) VALUES (?, ?, 'x', ?, ?, ?, '2026-12-07T00:00:00Z', ?)",
            (revision, canonical_bytes(_ours(device, revision, name="Forged wing")).decode(), key_id,
             genuine.signed_at, signature, sup.user.id))
    officer = login("off1")
    assert officer.hierarchy.place().wing_name == "Б крило" and officer.hierarchy.revision() == 1
    actions = [(e.action, e.object) for e in sup.ctx.repo.iter_audit()]
    assert ("hierarchy_refused", "hierarchy:hierarchy_unverified:9") in actions
    assert ("hierarchy_refused", "hierarchy:hierarchy_unverified:8") in actions


def test_the_command_line_import_says_how_many_revisions_it_installed(wing, login, hq, tmp_path, monkeypatch,
                                                                     capsys):
    from tests.integration.test_sync_cli import _run

    _published(wing, login, hq, tmp_path / "1.wdb")
    assert _run(wing.directory, monkeypatch, "sync", "import", str(tmp_path / "1.wdb")) == 0
    assert "Installed from HQ: prison/wing hierarchy revisions 1." in capsys.readouterr().out


def test_a_first_document_without_this_pc_falls_back(wing, login, hq, tmp_path):
    wing.sync_factory = WingSync
    device = enrol(login("admin"), hq)
    publishing.publish(hq.store, hq.keys, datetime.now(UTC), publishing.HIERARCHY, data(document(1)), "ana")
    (tmp_path / "1.wdb").write_bytes(build_outbox_bundle(hq, device))
    sup = login("sup")
    assert sup.sync.import_files([tmp_path / "1.wdb"]).hierarchy_installed == 1
    assert sup.hierarchy.place() is None and sup.hierarchy.revision() == 1

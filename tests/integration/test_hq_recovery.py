"""HQ recovery of a wing whose administrators are gone (issue 22 item 3; docs/security.md §6): the attacks first.

Each refusal is one clear sentence and changes nothing: the slot file is byte for byte the same, and no account or
recovery row appears. The happy path removes the administrator's slot, recovers, signs the new administrator in,
checks every signature and the audit chain, and finds the notice in another user's inbox.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.integration.conftest import ACCOUNTS
from tests.integration.sync_helpers import enrol
from wingdesk.crypto import recovery_docs, recovery_keys
from wingdesk.crypto.kdf import floor_params
from wingdesk.crypto.keyslots import SlotFile
from wingdesk.domain.errors import AccessDenied, IntegrityError, WingError
from wingdesk.hq import recovery
from wingdesk.hq.admin_keys import new_admin_key
from wingdesk.i18n.messages import describe
from wingdesk.storage.backend import LocalWing
from wingdesk.sync import keys
from wingdesk.sync.wing_sync import WingSync

NEW_PW = "a brand new administrator passphrase"


class Setup:
    def __init__(self, wing: LocalWing, hq, tmp_path: Path, login) -> None:
        wing.sync_factory = WingSync  # what app.py wires
        self.wing, self.hq, self.dir = wing, hq, wing.directory
        self.key_file = tmp_path / "recovery.key"
        self.key_file.write_bytes(recovery_keys.new_key_file())
        self.admins = [new_admin_key("Ana"), new_admin_key("Bora"), new_admin_key("Cvet")]
        for admin in self.admins[:2]:  # Cvet's key is never registered
            recovery.register_admin(hq.store, admin, datetime.now(UTC))
        admin = login("admin")
        self.device = enrol(admin, hq)
        self.install(admin, self.device)
        admin.lock()

    def install(self, session, device: str) -> int:
        data = recovery.recipient_file(self.hq.store, device, self.key_file, self.hq.keys.current.sign_private,
                                       datetime.now(UTC))
        return session.recovery.install_recovery_key(data)

    def grant(self, approvers=None, now=None, lifetime=recovery_docs.GRANT_LIFETIME, device=None):
        return recovery.issue_grant(self.hq.store, device or self.device, self.key_file,
                                    self.admins[:2] if approvers is None else approvers,
                                    self.hq.keys.current.sign_private, now or datetime.now(UTC), lifetime)

    def drop_admin_slot(self) -> None:
        drop_admin_slot(self.dir)

    def recover(self, data: bytes, code: str, username: str = "rescuer"):
        return self.wing.recover(data, code, username, "Rhea Rescuer", NEW_PW)


def drop_admin_slot(folder: Path) -> None:
    """Every administrator gone: the only admin's slot and data-key grant leave the slot file."""
    slots = SlotFile.load(folder / "slots.json")
    admin = slots.find("admin")
    assert admin is not None
    slots.remove(admin.user_id)
    slots.save(folder / "slots.json")


@pytest.fixture
def setup(wing, hq, tmp_path, login):
    return Setup(wing, hq, tmp_path, login)


def _refused(setup: Setup, code: str, data: bytes, grant_code: str) -> WingError:
    before = (setup.dir / "slots.json").read_bytes()
    with pytest.raises(WingError) as caught:
        setup.recover(data, grant_code)
    assert caught.value.code == code
    sentence = describe(caught.value)
    assert "\n" not in sentence and "changed" in sentence or code in ("no_recovery_slot",), sentence
    assert (setup.dir / "slots.json").read_bytes() == before  # nothing changed
    sup = setup.wing.sign_in("sup", ACCOUNTS["sup"][2])
    try:
        assert "rescuer" not in {u.username for u in sup.ctx.repo.list_users(include_removed=True)}
        assert sup.ctx.repo.recoveries() == []
    finally:
        sup.lock()
    return caught.value


def _resigned(data: bytes, change, sign_private: bytes) -> bytes:
    body = json.loads(data)["recovery_grant"]
    change(body)
    approvers = body.pop("approvers")
    return recovery_docs.sign_grant(body, approvers, sign_private)


def test_recovery_slot_follows_a_key_rotation_and_is_in_the_slot_file(setup, login):
    slots = SlotFile.load(setup.dir / "slots.json")
    assert slots.recovery is not None and slots.recovery.generation == 1
    admin = login("admin")
    admin.users.remove_user("off2")  # a removal rotates the data key
    admin.lock()
    rotated = SlotFile.load(setup.dir / "slots.json")
    assert rotated.recovery is not None and rotated.recovery.sealed != slots.recovery.sealed
    issued = setup.grant()
    setup.drop_admin_slot()
    setup.recover(issued.data, issued.code)  # the re-sealed slot opens today's database


def test_only_an_administrator_installs_the_recovery_key(setup, login):
    data = recovery.recipient_file(setup.hq.store, setup.device, setup.key_file, setup.hq.keys.current.sign_private,
                                   datetime.now(UTC))
    with pytest.raises(AccessDenied):
        login("sup").recovery.install_recovery_key(data)
    forged = recovery_docs.make_recipient_doc(setup.device, 5, "age1" + "q" * 58, datetime.now(UTC),
                                              keys.generate_key_pairs().sign_private)
    with pytest.raises(IntegrityError) as caught:
        login("admin").recovery.install_recovery_key(forged)
    assert caught.value.code == "recovery_key_file_invalid"


def test_a_replayed_grant_is_refused(setup, tmp_path):
    issued = setup.grant()
    setup.drop_admin_slot()
    old_slots = (setup.dir / "slots.json").read_bytes()
    setup.recover(issued.data, issued.code)
    with pytest.raises(IntegrityError) as caught:  # as it is: the slot moved on to the next generation
        setup.recover(issued.data, issued.code, "second")
    assert caught.value.code == "recovery_grant_generation"
    # the old slot file brought back, its version raised past the database's: the used grant id refuses it
    doc = json.loads(old_slots)
    doc["version"] = 999
    (setup.dir / "slots.json").write_text(json.dumps(doc))
    with pytest.raises(IntegrityError) as caught:
        setup.recover(issued.data, issued.code, "second")
    assert caught.value.code == "recovery_grant_used"
    assert "already used" in describe(caught.value)


def test_a_grant_for_another_device_is_refused(setup, wing_template, tmp_path):
    other_dir = tmp_path / "other"
    shutil.copytree(wing_template, other_dir)
    other = LocalWing(other_dir, kdf=floor_params(), sync_factory=WingSync)
    session = other.sign_in("admin", "admin passphrase for tests")
    other_device = enrol(session, setup.hq)
    setup.install(session, other_device)
    session.lock()
    issued = setup.grant(device=other_device)
    setup.drop_admin_slot()
    _refused(setup, "recovery_grant_other_device", issued.data, issued.code)
    # the other device's grant with this device's id written in: HQ's signature no longer holds
    body = json.loads(issued.data)["recovery_grant"]
    body["device_id"] = setup.device
    relabelled = json.dumps({"recovery_grant": body, "sig": json.loads(issued.data)["sig"]}).encode()
    _refused(setup, "recovery_grant_other_device", relabelled, issued.code)


def test_an_expired_grant_is_refused(setup):
    issued = setup.grant(now=datetime.now(UTC) - timedelta(hours=3), lifetime=timedelta(hours=1))
    setup.drop_admin_slot()
    _refused(setup, "recovery_grant_expired", issued.data, issued.code)


def test_a_tampered_or_foreign_signed_grant_is_refused(setup):
    issued = setup.grant()
    setup.drop_admin_slot()
    doc = json.loads(issued.data)
    doc["recovery_grant"]["expires_at"] = "2099-01-01T00:00:00Z"  # a longer life, the signature kept
    _refused(setup, "recovery_grant_forged", json.dumps(doc).encode(), issued.code)
    doc = json.loads(issued.data)
    doc["sig"] = doc["sig"][:10] + ("A" if doc["sig"][10] != "A" else "B") + doc["sig"][11:]
    _refused(setup, "recovery_grant_forged", json.dumps(doc).encode(), issued.code)
    # someone with the recovery key file but not HQ's signing key makes a grant of their own
    stranger = keys.generate_key_pairs().sign_private
    _refused(setup, "recovery_grant_forged", _resigned(issued.data, lambda b: None, stranger), issued.code)
    _refused(setup, "recovery_grant_invalid", issued.data[:-20], issued.code)
    _refused(setup, "recovery_code_wrong", issued.data, "WRONG-CODE0-00000-00000")


def test_two_distinct_registered_hq_administrators_must_approve(setup):
    ana, bora, cvet = setup.admins
    for approvers, error in (([ana], recovery.ApprovalsMissing), ([ana, ana], recovery.ApprovalsMissing),
                             ([ana, cvet], recovery.AdminUnknown)):
        with pytest.raises(error):
            setup.grant(approvers=approvers)
    with setup.hq.store.transaction(write=False) as repo:
        assert repo.recovery_generation(setup.device) == 1  # no grant was recorded
    # HQ's own key over a grant naming one approver (as HQ never writes one): the wing refuses it too
    issued = setup.grant()
    one = _resigned(issued.data, lambda b: b.update(approvers=[ana.admin_id]), setup.hq.keys.current.sign_private)
    setup.drop_admin_slot()
    _refused(setup, "recovery_grant_approvals", one, issued.code)


def test_all_admins_gone_hq_recovers_and_the_wing_verifies(setup, login):
    issued = setup.grant()
    setup.drop_admin_slot()
    with pytest.raises(WingError):
        setup.wing.sign_in("admin", "admin passphrase for tests")
    before = (setup.dir / "slots.json").read_bytes()
    with pytest.raises(WingError) as caught:  # a name already taken (the gone administrator's) is refused
        setup.recover(issued.data, issued.code, "admin")
    assert caught.value.code == "duplicate" and (setup.dir / "slots.json").read_bytes() == before
    grant_id, approvers = setup.recover(issued.data, issued.code)
    assert grant_id == issued.grant_id and sorted(approvers) == sorted(a.admin_id for a in setup.admins[:2])
    rescuer = setup.wing.sign_in("rescuer", NEW_PW)
    try:
        assert rescuer.user.role == "admin"
        report = rescuer.audit.verify_everything(every_signature=True)
        assert report.intact, (report.bad_item, report.reason)
        recovered = [e for e in rescuer.ctx.repo.iter_audit() if e.action == "wing_recovered"]
        assert [(e.actor, e.object) for e in recovered] == [(rescuer.user.id, f"grant:{grant_id}")]
        assert rescuer.ctx.repo.recovery_grant_used(grant_id)
    finally:
        rescuer.lock()
    slots = SlotFile.load(setup.dir / "slots.json")
    assert slots.recovery is not None and slots.recovery.generation == 2  # the travelled identity opens nothing
    off = login("off1")
    items = [i for i in off.inbox.items() if i.source == "wing_recovered"]
    assert len(items) == 1 and items[0].params["admin"] == "Rhea Rescuer"
    # HQ's next grant is of generation 2 and works
    with setup.hq.store.transaction(write=False) as repo:
        assert repo.recovery_generation(setup.device) == 2


def test_the_recovery_key_reaches_the_wing_in_an_hq_bundle(wing, hq, tmp_path, login):
    import base64

    from wingdesk.hq.outbox import add_reference, build_outbox_bundle

    wing.sync_factory = WingSync
    key_file = tmp_path / "recovery.key"
    key_file.write_bytes(recovery_keys.new_key_file())
    device = enrol(login("admin"), hq)
    assert SlotFile.load(wing.directory / "slots.json").recovery is None
    recovery.recipient_file(hq.store, device, key_file, hq.keys.current.sign_private, datetime.now(UTC))  # queued
    forged = recovery_docs.make_recipient_doc(device, 9, "age1" + "q" * 58, datetime.now(UTC),
                                              keys.generate_key_pairs().sign_private)
    add_reference(hq, "recovery_key", {"file": base64.b64encode(forged).decode("ascii")}, device)
    sup = login("sup")
    (tmp_path / "1.wdb").write_bytes(build_outbox_bundle(hq, device))
    assert sup.sync.import_files([tmp_path / "1.wdb"]).files[0].outcome == "applied"
    slots = SlotFile.load(wing.directory / "slots.json")
    assert slots.recovery is not None and slots.recovery.generation == 1  # the forged one (generation 9) refused
    actions = [(e.action, e.object) for e in sup.ctx.repo.iter_audit()]
    assert ("recovery_key_installed", f"device:{device}") in actions
    assert ("recovery_key_refused", "hq_bundle:recovery_key_file_invalid") in actions
    (tmp_path / "2.wdb").write_bytes(build_outbox_bundle(hq, device))
    sup.sync.import_files([tmp_path / "2.wdb"])  # the cumulative snapshot again: each item is applied once
    assert SlotFile.load(wing.directory / "slots.json").version == slots.version


def _deleted_by(session, login) -> str:
    off = login("off2")
    entry = off.logs.add_entry("GENERAL", {"text": "Written about the wrong person"},
                               prisoner_id=off.prisoners.page()[0].id)
    session.deletion.delete_record(entry.id, "Court order 12/2026")
    return entry.id


def test_verify_takes_a_recovered_administrator_from_hqs_signed_grant(setup, login):
    """`wingdesk verify` names administrators from the signed audit chain (docs/security.md §5): an account made by
    HQ recovery is one because its `wing_recovered` entry is bound to a grant HQ signed for this device."""
    issued = setup.grant()
    setup.drop_admin_slot()
    setup.recover(issued.data, issued.code)
    rescuer = setup.wing.sign_in("rescuer", NEW_PW)
    try:
        _deleted_by(rescuer, login)
    finally:
        rescuer.lock()
    report = login("gov").audit.verify_everything(every_signature=True)
    assert report.intact, (report.bad_item, report.reason)


@pytest.mark.parametrize("how", ["made_up", "stolen", "self_signed"])
def test_a_recovery_entry_written_by_hand_makes_no_administrator(setup, login, how):
    """An officer with the raw database key makes their row 'admin' and appends a `wing_recovered` entry of their own
    naming a made-up grant, the grant of a real recovery (used by someone else), or a grant row they wrote for
    themselves signed with a key that is not HQ's: no administrator."""
    grant_id = "made-up"
    if how == "stolen":
        issued = setup.grant()
        setup.drop_admin_slot()
        grant_id = setup.recover(issued.data, issued.code)[0]
    off = login("off1")
    conn = off.ctx.repo.conn
    if how == "self_signed":
        body = recovery_docs.grant_body(setup.device, 1, "age1" + "q" * 58, b"x", datetime.now(UTC))
        doc = recovery_docs.sign_grant(body, ["a", "b"], keys.generate_key_pairs().sign_private)
        grant_id = body["grant_id"]
        with off.ctx.repo.transaction():
            off.ctx.repo.add_recovery(grant_id, setup.device, 1, "2026-01-01T00:00:00Z", off.user.id, ("a", "b"), doc)
            off.audit_trail.append(off.user.id, "wing_recovered", f"grant:{grant_id}",
                                   hashlib.sha256(doc).hexdigest())
    for (trigger,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'users'"
                                   ).fetchall():
        conn.execute(f"DROP TRIGGER {trigger}")
    conn.execute("UPDATE users SET role = 'admin' WHERE id = ?", (off.user.id,))
    conn.commit()
    content = conn.execute("SELECT content_hash FROM audit WHERE action = 'wing_recovered'").fetchone()
    if how != "self_signed":
        with off.ctx.repo.transaction():
            off.audit_trail.append(off.user.id, "wing_recovered", f"grant:{grant_id}", content[0] if content else "")
    off.lock()
    raised = login("off1")
    deleted = _deleted_by(raised, login)
    report = login("gov").audit.verify_everything(every_signature=True)
    assert not report.intact and report.bad_item == f"tombstone:{deleted}" and report.reason == "not_administrator"

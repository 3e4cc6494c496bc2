"""Wing side of sync: enrol, export to a stick, HQ ingest, HQ outbox back, receipts, roster, revocation, HTTPS."""

import errno
import os
import pathlib
import shutil
import stat

import pytest
import trustme

from tests.integration.conftest import first_prisoner
from tests.integration.sync_helpers import enrol, running_server
from wingdesk.domain.errors import AccessDenied, AuthError
from wingdesk.hq.ingest import ingest
from wingdesk.hq.outbox import add_reference, build_outbox_bundle, write_outbox
from wingdesk.services.progress import Cancelled
from wingdesk.services.sync_types import SyncFailed
from wingdesk.sync import keys, usb, wing_transport
from wingdesk.sync.receipts import sign_receipt, verify_receipt
from wingdesk.sync.wing_sync import WingSync

CANARY = "CANARY-7f3a-zebra-lantern"


@pytest.fixture(autouse=True)
def _stick_plugged_in(tmp_path):
    """The USB sticks the tests here write to: plugged in (a missing one is refused, see below)."""
    for name in ("stick", "s1", "s2", "a", "b"):
        (tmp_path / name).mkdir()


@pytest.fixture
def sync_wing(wing):
    wing.sync_factory = WingSync  # what app.py wires
    return wing


@pytest.fixture
def sup(sync_wing, login, hq):
    session = login("sup")
    enrol(session, hq)
    return session


def _observe(login, text=CANARY):
    off = login("off1")
    prisoner = first_prisoner(off)
    return off.observations.record(prisoner.id, "POSITIVE_ENGAGEMENT", "POSITIVE", f"Seen: {text}")


def _ingest_stick(hq, stick):
    return [ingest(hq, usb.read_bundle_file(p)) for p in usb.list_bundles(usb.outbox_dir(stick))]


def test_round_trip_over_usb(sup, login, hq, tmp_path):
    _observe(login)
    before = sup.sync.status()
    assert before.enrolment_state == "requested" and before.pending_records > 0
    stick = tmp_path / "stick"
    result = sup.sync.export(stick)
    assert len(result.written) == 1 and result.new_bundles == 1
    files = usb.list_bundles(usb.outbox_dir(stick))
    assert [p.name for p in files] == [pathlib.Path(w.path).name for w in result.written]
    assert CANARY.encode() not in files[0].read_bytes()
    outcomes = _ingest_stick(hq, stick)
    assert [o.outcome for o in outcomes] == ["accepted"]
    assert sup.sync.status().pending_bundles == 1  # nothing is acknowledged until a receipt comes back
    device_id = sup.sync.status().device_id
    write_outbox(hq, [device_id], stick)
    imported = sup.sync.import_files([stick])
    assert [f.outcome for f in imported.files] == ["applied"] and imported.acknowledged == 1
    after = sup.sync.status()
    assert after.pending_records == 0 and after.pending_bundles == 0 and after.enrolment_state == "enrolled"
    assert after.last_receipt_status == "accepted"
    kept = sup.ctx.repo.query("SELECT bytes FROM sync_bundles")
    assert kept == [(None,)]  # the outbox bytes are let go once acknowledged
    actions = {e.action for e in sup.ctx.repo.iter_audit()}
    assert {"sync_enrol", "sync_seal", "sync_export", "sync_import", "sync_receipt"} <= actions


def test_canary_absent_from_bundle_and_database_files(sup, login, tmp_path, sync_wing):
    _observe(login)
    sup.sync.export(tmp_path / "stick")
    for path in [*usb.list_bundles(usb.outbox_dir(tmp_path / "stick")), *sync_wing.directory.iterdir()]:
        if path.is_file():
            assert CANARY.encode() not in path.read_bytes(), path.name


def test_re_export_copies_identical_bytes(sup, login, tmp_path):
    _observe(login)
    first = sup.sync.export(tmp_path / "a")
    second = sup.sync.export(tmp_path / "b")
    assert second.new_bundles == 0
    read = [sorted(p.read_bytes() for p in usb.list_bundles(usb.outbox_dir(tmp_path / d))) for d in "ab"]
    assert read[0] == read[1] and len(read[0]) == 1
    again = sup.sync.export(tmp_path / "a")  # same file already there: left as is
    assert [w.bundle_hash for w in again.written] == [w.bundle_hash for w in first.written]


def test_new_records_go_into_the_next_bundle_chained(sup, login, hq, tmp_path):
    _observe(login, "first")
    sup.sync.export(tmp_path / "s1")
    _observe(login, "second")
    result = sup.sync.export(tmp_path / "s2")
    assert result.new_bundles == 1 and len(result.written) == 2
    outcomes = _ingest_stick(hq, tmp_path / "s2")
    assert sorted(o.outcome for o in outcomes) == ["accepted", "accepted"]
    assert sorted(o.seq for o in outcomes) == [1, 2]


def test_forged_and_foreign_receipts_leave_the_outbox(sup, login, hq, tmp_path):
    _observe(login)
    sup.sync.export(tmp_path / "stick")
    real = _ingest_stick(hq, tmp_path / "stick")[0]
    fields = verify_receipt(real.receipt, hq.keys.current.sign_public).fields()
    impostor = keys.generate_key_pairs()
    forged = sign_receipt({**fields, "hq_key_id": impostor.sign_key_id}, impostor.sign_private)
    foreign = sign_receipt({**fields, "device_id": "7c1e7e8e-1111-4c2d-9a57-0b1f4c1e9a11"},
                           hq.keys.current.sign_private)
    wrong_hash = sign_receipt({**fields, "bundle_hash": "ab" * 32, "hcs": 0, "hcs_hash": ""},
                              hq.keys.current.sign_private)
    for name, data in (("forged", forged), ("foreign", foreign), ("wrong_hash", wrong_hash)):
        (tmp_path / f"{name}.json").write_bytes(data)
    result = sup.sync.import_files([tmp_path / "forged.json", tmp_path / "foreign.json", tmp_path / "wrong_hash.json"])
    assert [(f.outcome, f.code) for f in result.files] == [
        ("refused", "receipt_invalid"), ("receipt", "foreign"), ("receipt", "not_ours")]
    assert result.acknowledged == 0 and sup.sync.status().pending_bundles == 1
    (tmp_path / "real.json").write_bytes(real.receipt)
    assert sup.sync.import_files([tmp_path / "real.json"]).acknowledged == 1
    assert sup.sync.status().pending_bundles == 0


def test_stale_reference_data_is_refused(sup, hq, tmp_path):
    device_id = sup.sync.status().device_id
    old = build_outbox_bundle(hq, device_id)
    new = build_outbox_bundle(hq, device_id)
    for name, data in (("old.wdb", old), ("new.wdb", new)):
        (tmp_path / name).write_bytes(data)
    assert [f.outcome for f in sup.sync.import_files([tmp_path / "new.wdb"]).files] == ["applied"]
    again = sup.sync.import_files([tmp_path / "old.wdb", tmp_path / "new.wdb"])
    assert [(f.outcome, f.code) for f in again.files] == [("stale", "stale_reference_data")] * 2
    assert sup.sync.status().ref_seq == 2


def test_revoked_user_cannot_sign_in_and_old_bundle_cannot_revive(sup, sync_wing, hq, tmp_path):
    device_id = sup.sync.status().device_id
    off2 = sup.ctx.repo.find_user("off2")
    add_reference(hq, "user", {"user_id": off2.id, "username": "off2", "display_name": "Olga Officer",
                               "role": "officer"}, device_id)
    before = build_outbox_bundle(hq, device_id)
    add_reference(hq, "revocation", {"target": "user", "id": off2.id}, device_id)
    revoking = build_outbox_bundle(hq, device_id)
    (tmp_path / "before.wdb").write_bytes(before)
    (tmp_path / "revoking.wdb").write_bytes(revoking)
    result = sup.sync.import_files([tmp_path / "revoking.wdb"])
    assert result.users_revoked == 1
    with pytest.raises(AuthError):
        sync_wing.sign_in("off2", "officer two passphrase")
    stale = sup.sync.import_files([tmp_path / "before.wdb"])
    assert stale.files[0].outcome == "stale"
    assert sup.ctx.repo.find_user("off2") is None
    sync_wing.sign_in("off1", "officer one passphrase").lock()  # the others still sign in after the rotation


def test_roster_events_update_prisoners(sup, hq, tmp_path):
    device_id = sup.sync.status().device_id
    add_reference(hq, "roster", {"event": "admission", "prisoner": {
        "number": "HQ-900", "given_name": "New", "family_name": "Arrival", "sex": "M",
        "legal_status": "REMAND", "cell": "B2-01"}}, device_id)
    add_reference(hq, "roster", {"event": "release", "number": "T-001"}, device_id)
    add_reference(hq, "roster", {"event": "transfer_out", "prisoner": {"number": "T-002"}}, device_id)
    (tmp_path / "r.wdb").write_bytes(build_outbox_bundle(hq, device_id))
    result = sup.sync.import_files([tmp_path / "r.wdb"])
    assert result.roster_applied == 3
    numbers = {p.number for p in sup.prisoners.page()}
    assert "HQ-900" in numbers and "T-001" not in numbers and "T-002" not in numbers
    (tmp_path / "r2.wdb").write_bytes(build_outbox_bundle(hq, device_id))  # cumulative: same items again
    assert sup.sync.import_files([tmp_path / "r2.wdb"]).roster_applied == 0


def test_pulled_stick_leaves_only_part_files_and_records_pending(sup, login, tmp_path, monkeypatch):
    _observe(login)
    stick = tmp_path / "stick"

    real_fsync = os.fsync

    def no_space(fd):  # the folders' entries fit; the bundle's data does not
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            return real_fsync(fd)
        raise OSError(errno.ENOSPC, "No space left on device")

    def gone(self, *a, **k):  # the stick is gone: a leftover .part cannot be removed either
        if not os.path.exists(self):
            raise FileNotFoundError(errno.ENOENT, "No such file")
        raise OSError(errno.EIO, "I/O error")

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", no_space)
        patch.setattr(pathlib.Path, "unlink", gone)
        with pytest.raises(SyncFailed) as failed:
            sup.sync.export(stick)
    assert failed.value.code == "unsafe_write"
    outbox = usb.outbox_dir(stick)
    assert [p.name.endswith(".part") for p in outbox.iterdir()] == [True]
    status = sup.sync.status()
    assert status.pending_records > 0 and status.pending_bundles == 1
    result = sup.sync.export(stick)
    assert result.partials_removed == 1
    assert [p.suffix for p in outbox.iterdir()] == [".wdb"]


def test_https_push_to_real_uvicorn(sup, login, hq, tmp_path):
    _observe(login)
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    with running_server(hq, cert, tmp_path) as url:
        assert sup.sync.probe(url, str(ca_file))
        assert not sup.sync.probe(url)  # the system trust store does not know the throwaway CA
        result = sup.sync.push(url, str(ca_file))
        assert result.sent == 1 and result.acknowledged == 1 and not result.refused
        assert sup.sync.status().pending_bundles == 0
        again = sup.sync.push(url, str(ca_file))
        assert again.sent == 0
        _observe(login, "with another CA")
        other = tmp_path / "other-ca.pem"
        trustme.CA().cert_pem.write_to_path(str(other))
        with pytest.raises(SyncFailed) as untrusted:  # not 'unreachable': HQ answered with a certificate we refuse
            sup.sync.push(url, str(other))
        assert untrusted.value.code == "hq_certificate_untrusted"
        assert sup.sync.status().pending_bundles == 1
    with pytest.raises(SyncFailed) as down:
        sup.sync.push(url, str(ca_file))
    assert down.value.code == "hq_unreachable"
    assert sup.sync.status().pending_bundles == 1  # sealed and kept for the next try


def test_only_sync_roles_may_sync(sync_wing, login):
    with pytest.raises(AccessDenied):
        login("off1").sync.status()
    assert login("gov").sync.status().enrolment_state == "none"
    with pytest.raises(SyncFailed) as error:
        login("admin").sync.export("/nonexistent")
    assert error.value.code == "not_enrolled"


def test_sync_without_adapter_says_so(wing, login):
    with pytest.raises(SyncFailed) as error:
        login("sup").sync.status()
    assert error.value.code == "sync_not_installed"


def test_amendments_and_countersignatures_reach_hq_and_verify_there(sup, login, hq, tmp_path):
    import json

    from wingdesk.hq.countersignatures import verify_countersignature

    off = login("off1")
    entry = off.logs.add_entry("GENERAL", {"text": "Landing quiet"})
    off.logs.submit_day()
    sup.logs.return_entry(entry.day, entry.id, "Which landing?")
    off.logs.annotate_entry(entry.id, "B2")
    off.logs.resubmit_day(entry.day)
    sup.logs.countersign(entry.day)
    stick = tmp_path / "stick"
    assert sup.logs.day(entry.day).day.state == "COUNTERSIGNED"
    sup.sync.export(stick)
    assert sup.logs.day(entry.day).day.state == "SEALED"  # its countersignature is now inside a sealed bundle
    assert [o.outcome for o in _ingest_stick(hq, stick)] == ["accepted"]
    with hq.store.transaction(write=False) as repo:  # what HQ holds, read back from its own store
        lines = [(kind, json.loads(body)) for kind, body in repo._rows("SELECT kind, body FROM records")]
    records = {(b["record"]["id"], b["record"]["revision"]): b for k, b in lines
               if k not in ("amendment", "countersignature", "user_key")}
    amendments = {b["id"]: b for k, b in lines if k == "amendment"}
    signatures = [b for k, b in lines if k == "countersignature"]
    assert len(amendments) == 2 and len(signatures) == 1
    assert verify_countersignature(signatures[0], lambda i, r: records.get((i, r)), amendments.get) == (True, "")
    tampered = {k: {**v, "text": "changed at HQ"} for k, v in amendments.items()}
    assert verify_countersignature(signatures[0], lambda i, r: records.get((i, r)), tampered.get) == (
        False, "records_changed")
    other_key = bytes.fromhex(signatures[0]["signer_public_key"])[::-1]
    assert verify_countersignature(signatures[0], lambda i, r: records.get((i, r)), amendments.get,
                                   trusted_key=other_key)[0] is False


def test_hq_address_must_be_https(sup):
    with pytest.raises(SyncFailed):
        sup.sync.set_hq_url("http://hq.example.invalid")
    sup.sync.set_hq_url("https://hq.example.invalid")
    assert sup.sync.status().hq_url == "https://hq.example.invalid"


def test_saving_the_address_keeps_the_ca_file(sup):
    sup.sync.set_hq_url("https://hq.example.invalid", "/etc/wingdesk/hq-ca.pem")
    sup.sync.set_hq_url("https://hq.example.invalid")  # the sync page saves the address alone
    assert sup.ctx.repo.get_setting("sync_hq_ca_file") == "/etc/wingdesk/hq-ca.pem"
    sup.sync.set_hq_url("https://hq.example.invalid", "")
    assert not sup.ctx.repo.get_setting("sync_hq_ca_file")


def test_a_missing_or_pulled_stick_is_never_reported_as_written(sup, login, tmp_path, monkeypatch):
    """The stick's folder is not recreated on the PC's own disk: a missing stick, or one pulled between two files,
    is 'stick_missing', its bundles stay pending, and a later export to the real stick writes them."""
    _observe(login)
    gone = tmp_path / "not-plugged-in"
    with pytest.raises(SyncFailed) as missing:
        sup.sync.export(gone)
    assert missing.value.code == "stick_missing" and not gone.exists()

    sup.sync.export(tmp_path / "stick")  # the first bundle reaches the stick...
    _observe(login, "second")
    stick = tmp_path / "s1"
    real_write = usb.write_bundle

    def pulled_after_writing(directory, data, root=None):
        written = real_write(directory, data, root)
        shutil.rmtree(stick)  # ...then the stick goes, and the mount point is an empty folder of the PC's own disk
        stick.mkdir()
        return written

    monkeypatch.setattr(usb, "write_bundle", pulled_after_writing)
    monkeypatch.setattr(wing_transport, "_device_of", _devices_changing_after(2))
    with pytest.raises(SyncFailed) as pulled:
        sup.sync.export(stick)
    assert pulled.value.code == "stick_missing"
    assert sup.sync.status().pending_bundles == 2  # nothing is lost: both wait for HQ's receipts


def _devices_changing_after(calls: int):
    """st_dev of the stick folder as the export sees it: the stick's for `calls` looks, then the PC disk's."""
    seen = []

    def device_of(_root):
        seen.append(1)
        return 1 if len(seen) <= calls else 2

    return device_of


def test_an_earlier_hq_file_left_on_the_stick_is_skipped_not_an_error(sup, login, hq, tmp_path):
    _observe(login)
    stick = tmp_path / "stick"
    sup.sync.export(stick)
    _ingest_stick(hq, stick)
    device_id = sup.sync.status().device_id
    write_outbox(hq, [device_id], stick)
    first = sup.sync.import_files([stick])
    assert [f.outcome for f in first.files] == ["applied"]
    write_outbox(hq, [device_id], stick)  # the next visit: HQ adds a newer file next to the old one
    second = sup.sync.import_files([stick])
    assert sorted(f.outcome for f in second.files) == ["applied", "stale"]
    assert not second.refused and len(second.stale) == 1


def _stop_at(call: int):
    """A progress callback that stops the work at its `call`-th report, as the page's Stop button does."""
    calls = []

    def progress(done, total):
        calls.append((done, total))
        if len(calls) == call:
            raise Cancelled()

    return progress, calls


def test_a_stopped_export_leaves_complete_files_only_and_the_rest_pending(sup, login, tmp_path):
    _observe(login)
    sup.sync.export(tmp_path / "a")  # bundle 1 sealed, not acknowledged
    _observe(login, "second")
    stick = tmp_path / "b"
    progress, calls = _stop_at(2)  # (0, 2) before writing, then (1, 2): stop after the first file
    result = sup.sync.export(stick, progress)
    assert calls == [(0, 2), (1, 2)] and result.stopped and len(result.written) == 1
    outbox = usb.outbox_dir(stick)
    assert [p.suffix for p in outbox.iterdir()] == [".wdb"]  # complete, checked, no .part left
    first = next(usb.outbox_dir(tmp_path / "a").iterdir())
    assert usb.read_bundle_file(next(outbox.iterdir())) == usb.read_bundle_file(first)
    assert sup.sync.status().pending_bundles == 2
    assert "sync_export_stopped" in {e.action for e in sup.ctx.repo.iter_audit()}
    again = sup.sync.export(stick)
    assert not again.stopped and len(again.written) == 2


def _hq_holds(hq, device_id):
    """(highest contiguous sequence number HQ holds for the device, its quarantined bundles)."""
    with hq.store.transaction(write=False) as repo:
        return repo.get_device(device_id).hcs, repo.count_quarantined(device_id)[0]


def test_a_push_stopped_mid_upload_stores_nothing_of_that_bundle_and_sends_it_whole_later(
    sup, login, hq, tmp_path, monkeypatch
):
    _observe(login)
    sup.sync.export(tmp_path / "a")  # bundle 1 sealed
    _observe(login, "second")  # bundle 2 is sealed by the push
    device_id = sup.sync.status().device_id
    monkeypatch.setattr(wing_transport, "UPLOAD_PART", 256)  # several parts per bundle
    ca = trustme.CA()
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    reports, acked_at = [], []

    def stop_during_second_upload(done, total):
        reports.append((done, total))
        if not acked_at and _hq_holds(hq, device_id)[0] >= 1:
            acked_at.append(len(reports))  # the report closing bundle 1
        # then bundle 2's first part, then its second: stop there, with part of bundle 2 sent
        if acked_at and len(reports) == acked_at[0] + 2:
            raise Cancelled()

    with running_server(hq, ca.issue_cert("127.0.0.1"), tmp_path) as url:
        result = sup.sync.push(url, str(ca_file), stop_during_second_upload)
        assert result.stopped and result.sent == 1 and result.acknowledged == 1 and not result.refused
        assert _hq_holds(hq, device_id) == (1, 0)  # nothing of the cut-off bundle: not stored, not quarantined
        assert sup.sync.status().pending_bundles == 1
        assert any(e.action == "sync_push" and e.object.endswith(":stopped") for e in sup.ctx.repo.iter_audit())
        again = sup.sync.push(url, str(ca_file))
        assert not again.stopped and again.sent == 1 and again.acknowledged == 1
    assert _hq_holds(hq, device_id) == (2, 0) and sup.sync.status().pending_bundles == 0


def test_a_push_cut_off_midway_says_how_many_bundles_got_through(sup, login, hq, tmp_path, monkeypatch):
    import httpx2

    _observe(login)
    sup.sync.export(tmp_path / "a")  # bundle 1 sealed
    _observe(login, "second")  # bundle 2 is sealed by the push
    device_id = sup.sync.status().device_id
    monkeypatch.setattr(wing_transport, "UPLOAD_PART", 256)
    ca = trustme.CA()
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    parts_after_first = []

    def network_drops_during_second_upload(done, total):
        if _hq_holds(hq, device_id)[0] >= 1:
            parts_after_first.append(done)
            if len(parts_after_first) == 3:
                raise httpx2.WriteError("connection reset by peer")  # what the socket says when the link drops

    with running_server(hq, ca.issue_cert("127.0.0.1"), tmp_path) as url:
        with pytest.raises(SyncFailed) as cut:
            sup.sync.push(url, str(ca_file), network_drops_during_second_upload)
    assert cut.value.code == "hq_unreachable"
    assert (cut.value.params["sent"], cut.value.params["acknowledged"], cut.value.params["total"]) == (1, 1, 2)
    assert sup.sync.status().pending_bundles == 1  # the cut-off bundle stays for the next push
    audited = [e.object for e in sup.ctx.repo.iter_audit() if e.action == "sync_push_failed"]
    assert audited == ["https:hq_unreachable:sent:1/2:acked:1"]

"""A transfer package on its own file, carried by USB stick (issue 19 item 1, "or on its own file by USB"), between
two demo wings enrolled at one HQ. The receiving governor opens the file and accepts it as one HQ delivered, with
the same checks: sealed to this PC only, signed by a governor key HQ lists for the sending PC, opened once. The copy
HQ routes later is not applied again; the receipt goes back through HQ. Attacks: tampered, truncated, re-signed by
an insider, addressed elsewhere, replayed; each refused in one sentence with nothing changed. Saving is atomic: a
full or pulled stick leaves no file that looks complete, and nothing is sealed."""

from __future__ import annotations

import base64
import errno
import hashlib
import json

import pytest

from tests.integration.test_transfer import (  # noqa: F401 - the two-prison fixture and its canaries
    ALERT_CANARY,
    DND_CANARY,
    INTEL_ORIGINAL,
    INTEL_SANITISED,
    WITHHELD_CANARY,
    prisons,
)
from wingdesk.domain.errors import AccessDenied, ValidationError, WingError
from wingdesk.domain.transfer import SIGNED, TransferPeer, content_json, envelope_bytes, statement
from wingdesk.i18n.messages import describe
from wingdesk.services.sync_types import SyncFailed
from wingdesk.sync import transfer_file
from wingdesk.sync.transfer_file import read_package, write_package


def _export(gov, prisoner_id, device, path):
    return gov.transfer.export(prisoner_id, device, lambda data: write_package(path, data))


def _state(session):
    """Everything an import could change on the receiving wing."""
    repo = session.ctx.repo
    return (repo.list_transfers(), [p.number for p in session.prisoners.page()], repo.prisoner_id_by_number("X-100"))


def test_a_package_on_a_stick_is_accepted_once_and_hqs_copy_is_not_applied_again(prisons, hq, tmp_path):  # noqa: F811
    s = prisons
    sender, receiver, devices = s["sender"], s["receiver"], s["devices"]
    stick = tmp_path / "stick"
    stick.mkdir()
    gov_a, gov_b = sender.login("gov"), receiver.login("gov")
    sealed = _export(gov_a, s["prisoner"].id, devices["b"], stick / "t.wdtransfer")
    data = (stick / "t.wdtransfer").read_bytes()
    assert data == sealed.envelope and sealed.carried and not list(stick.glob("*.part"))
    for canary in (ALERT_CANARY, INTEL_SANITISED, DND_CANARY, INTEL_ORIGINAL, "X-100", "Krasniqi"):
        assert canary.encode() not in data  # sealed: the stick shows nothing if it is lost

    row = gov_b.transfer.receive_file(read_package(stick / "t.wdtransfer"))
    assert row.via == "FILE" and [r.transfer_id for r in gov_b.transfer.pending()] == [sealed.transfer_id]
    text = str(gov_b.transfer.preview(row.transfer_id))
    assert ALERT_CANARY in text and INTEL_SANITISED in text
    for canary in (DND_CANARY, WITHHELD_CANARY, INTEL_ORIGINAL):
        assert canary not in text
    gov_b.transfer.accept(row.transfer_id)
    assert [p.number for p in receiver.login("sup").prisoners.page()].count("X-100") == 1

    sender.send(hq)  # the sender's `transfer` record still goes to HQ, which routes the package as always
    receiver.fetch(hq, devices["b"])
    assert gov_b.transfer.pending() == []
    [only] = gov_b.ctx.repo.list_transfers("IN")
    assert only.state == "ACCEPTED" and only.via == "FILE"
    assert [p.number for p in receiver.login("sup").prisoners.page()].count("X-100") == 1
    assert any(e.action == "sync_transfer" and e.object == "transfer:already_here:1"
               for e in gov_b.ctx.repo.iter_audit())

    with pytest.raises(ValidationError) as replayed:  # the file opened again after acceptance
        gov_b.transfer.receive_file(data)
    assert replayed.value.code == "transfer_replayed"

    receiver.send(hq)  # the signed receipt goes back through HQ, as for a package HQ delivered
    sender.fetch(hq, devices["a"])
    [sent] = gov_a.transfer.transfers_of(s["prisoner"].id)
    assert sent.state == "ACKNOWLEDGED"


def test_through_hq_first_then_the_same_file_waits_once(prisons, hq, tmp_path):  # noqa: F811
    s = prisons
    sender, receiver, devices = s["sender"], s["receiver"], s["devices"]
    path = tmp_path / "t.wdtransfer"
    sealed = _export(sender.login("gov"), s["prisoner"].id, devices["b"], path)
    sender.send(hq)
    receiver.fetch(hq, devices["b"])
    gov_b = receiver.login("gov")
    row = gov_b.transfer.receive_file(read_package(path))
    assert row.via == "HQ" and len(gov_b.transfer.pending()) == 1  # the one HQ delivered, not a second
    gov_b.transfer.accept(sealed.transfer_id)
    before = _state(gov_b)
    with pytest.raises(ValidationError) as replayed:
        gov_b.transfer.receive_file(read_package(path))
    assert replayed.value.code == "transfer_replayed" and _state(gov_b) == before


def _forged_by(session, receiver_peer, prisoner_number="X-100", posing_as=None):
    """A package an insider at the sending prison seals and signs with their own key (as from `posing_as`'s PC)."""
    device = posing_as or session.sync.status().device_id
    transfer_id = "0f4e2a44-7a61-4c55-9b2e-9d1e1b0c0a11"
    content = {"transfer_id": transfer_id, "from_device": device, "to_device": receiver_peer.device_id,
               "prisoner": {"number": prisoner_number, "given_name": "Forged", "family_name": "Person", "sex": "M",
                            "legal_status": "CONVICTED"}, "records": [], "intelligence": [], "log_references": []}
    sealed = session.ctx.keyring.seal_for_agency(receiver_peer.recipient, content_json(content))
    signed = statement(transfer_id, device, "A-Wing", receiver_peer.device_id, session.ctx.keyring.public_key(),
                       sealed)
    return envelope_bytes(signed, session.ctx.keyring.sign_transfer(signed), sealed)


def _resealed(data: bytes, change) -> bytes:
    raw = json.loads(data)
    change(raw)
    return json.dumps(raw).encode()


def test_tampered_forged_or_misaddressed_files_are_refused_in_one_sentence_and_nothing_changes(prisons, tmp_path):  # noqa: F811
    s = prisons
    sender, receiver, devices = s["sender"], s["receiver"], s["devices"]
    path = tmp_path / "t.wdtransfer"
    _export(sender.login("gov"), s["prisoner"].id, devices["b"], path)
    good = path.read_bytes()
    gov_b = receiver.login("gov")
    [peer_b] = [p for p in sender.login("gov").transfer.destinations() if p.device_id == devices["b"]]
    sealed = base64.b64decode(json.loads(good)["sealed"])
    flipped = bytes([sealed[0]]) + bytes([sealed[1] ^ 1]) + sealed[2:]

    def with_sealed(raw):  # content changed and its hash recomputed: the signature no longer holds
        raw["sealed"] = base64.b64encode(flipped).decode()
        raw["package_sha256"] = hashlib.sha256(flipped).hexdigest()

    attacks = {
        "truncated (a pulled stick)": (good[: len(good) // 2], "transfer_malformed"),
        "not a package": (b"\x00PK\x03\x04 holiday photos", "transfer_malformed"),
        "a byte of the sealed content changed": (_resealed(good, lambda raw: raw.update(
            sealed=base64.b64encode(flipped).decode())), "transfer_malformed"),
        "content changed, hash recomputed": (_resealed(good, with_sealed), "transfer_bad_signature"),
        "the sending prison's name changed": (_resealed(good, lambda raw: raw.update(from_wing="X")),
                                              "transfer_bad_signature"),
        "sealed and signed by the sending supervisor": (_forged_by(sender.login("sup"), peer_b),
                                                        "transfer_unknown_sender"),
        "the governor's key swapped for the supervisor's": (_resealed(good, lambda raw: raw.update(
            governor_key=sender.login("sup").ctx.keyring.public_key().hex())), "transfer_unknown_sender"),
        "signed by the supervisor under the governor's key": (_resealed(good, lambda raw: raw.update(
            signature=sender.login("sup").ctx.keyring.sign_transfer(
                {k: raw[k] for k in SIGNED}).hex())), "transfer_bad_signature"),
    }
    before = _state(gov_b)
    for name, (data, code) in attacks.items():
        with pytest.raises(WingError) as refused:
            gov_b.transfer.receive_file(data)
        assert refused.value.code == code, name
        sentence = describe(refused.value)
        assert sentence.count(".") == 1 and "X-100" not in sentence and "{" not in sentence, name
        assert _state(gov_b) == before, name
    with pytest.raises(AccessDenied) as elsewhere:  # the package opened on the sending PC itself
        sender.login("gov").transfer.receive_file(good)
    assert elsewhere.value.code == "transfer_not_for_this_prison"

    # a peer list from an HQ that sends no governor keys: nothing vouches for the signer, nothing is opened
    with gov_b.ctx.repo.transaction():
        [peer_a] = [p for p in gov_b.ctx.repo.list_transfer_peers() if p.device_id == devices["a"]]
        gov_b.ctx.repo.put_transfer_peer(TransferPeer(peer_a.device_id, peer_a.wing_name, peer_a.recipient), 99)
    with pytest.raises(ValidationError) as unvouched:
        gov_b.transfer.receive_file(good)
    assert unvouched.value.code == "transfer_unknown_sender" and _state(gov_b) == before


def test_a_new_governors_file_waits_for_hqs_list_and_no_governor_passes_for_another_pc(prisons, hq,  # noqa: F811
                                                                                       tmp_path):
    """The two test wings are copies of one template, so their governors share a key: a governor added on the
    sending wing has a key of its own, which HQ learns from the next bundle and lists to the others afterwards."""
    from tests.integration.conftest import ADMIN_PW
    from wingdesk.domain.roles import Role
    from wingdesk.hq.transfers import publish_transfer_peers

    s = prisons
    sender, receiver, devices = s["sender"], s["receiver"], s["devices"]
    admin = sender.wing.sign_in("admin", ADMIN_PW)
    admin.users.add_user("gov2", "Goran Governor", Role.GOVERNOR, "second governor passphrase", None)
    admin.lock()
    gov2 = sender.wing.sign_in("gov2", "second governor passphrase")
    sender.sessions["gov2"] = gov2
    sender.send(hq)  # the new key reaches HQ, announced by the sending wing's administrator
    path = tmp_path / "t.wdtransfer"
    _export(gov2, s["prisoner"].id, devices["b"], path)
    gov_b = receiver.login("gov")
    before = _state(gov_b)
    with pytest.raises(ValidationError) as not_yet:  # HQ has not listed the new governor's key to B yet
        gov_b.transfer.receive_file(path.read_bytes())
    assert not_yet.value.code == "transfer_unknown_sender" and "sync with HQ" in describe(not_yet.value)
    assert _state(gov_b) == before

    publish_transfer_peers(hq)
    receiver.fetch(hq, devices["b"])
    [peer_b] = [p for p in gov2.transfer.destinations() if p.device_id == devices["b"]]
    with pytest.raises(ValidationError) as posed:  # A's governor key is not one HQ lists for B's PC
        gov_b.transfer.receive_file(_forged_by(gov2, peer_b, prisoner_number="T-777", posing_as=devices["b"]))
    assert posed.value.code == "transfer_unknown_sender" and _state(gov_b) == before
    row = gov_b.transfer.receive_file(path.read_bytes())
    assert row.via == "FILE" and gov_b.transfer.preview(row.transfer_id)["governor"] == "Goran Governor"


def test_only_the_governor_opens_or_saves_a_transfer_file(prisons, tmp_path):  # noqa: F811
    s = prisons
    path = tmp_path / "t.wdtransfer"
    _export(s["sender"].login("gov"), s["prisoner"].id, s["devices"]["b"], path)
    for name in ("sup", "off1"):
        with pytest.raises(AccessDenied):
            s["receiver"].login(name).transfer.receive_file(path.read_bytes())
        with pytest.raises(AccessDenied):
            _export(s["sender"].login(name), s["prisoner"].id, s["devices"]["b"], tmp_path / f"{name}.wdtransfer")
    assert s["receiver"].login("gov").transfer.pending() == []


def test_a_full_or_pulled_stick_leaves_no_complete_file_and_nothing_sealed(prisons, tmp_path, monkeypatch):  # noqa: F811
    s = prisons
    gov, prisoner, device = s["sender"].login("gov"), s["prisoner"], s["devices"]["b"]
    stick = tmp_path / "stick"
    stick.mkdir()

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(transfer_file.os, "fsync", full)
        with pytest.raises(SyncFailed) as refused:
            _export(gov, prisoner.id, device, stick / "t.wdtransfer")
    assert refused.value.code == "transfer_file_unsafe" and describe(refused.value).count(".") == 1
    assert list(stick.iterdir()) == []  # neither the file nor its .part
    assert gov.transfer.transfers_of(prisoner.id) == []  # nothing sealed: the governor simply tries again

    with pytest.raises(SyncFailed) as pulled:  # the stick's folder is gone: it is not recreated on this PC
        _export(gov, prisoner.id, device, tmp_path / "gone" / "t.wdtransfer")
    assert pulled.value.code == "transfer_file_unsafe" and not (tmp_path / "gone").exists()
    assert gov.transfer.transfers_of(prisoner.id) == []

    (stick / "other.wdtransfer").write_bytes(b"another prisoner's package")
    with pytest.raises(SyncFailed) as taken:
        _export(gov, prisoner.id, device, stick / "other.wdtransfer")
    assert taken.value.code == "transfer_file_exists"
    assert (stick / "other.wdtransfer").read_bytes() == b"another prisoner's package"

    first = _export(gov, prisoner.id, device, stick / "t.wdtransfer")
    again = _export(gov, prisoner.id, device, stick / "again.wdtransfer")  # a lost stick: the same package again
    assert again.carried is None and again.transfer_id == first.transfer_id
    assert (stick / "again.wdtransfer").read_bytes() == (stick / "t.wdtransfer").read_bytes()
    assert len(gov.transfer.transfers_of(prisoner.id)) == 1
    with pytest.raises(ValidationError) as elsewhere:
        gov.transfer.export(prisoner.id, "7d2b1a86-6a5e-4f0e-b0b8-2f9e4f5d6c70", lambda data: None)
    assert elsewhere.value.code == "transfer_already_sent"


def test_a_weak_governor_key_in_hqs_list_is_not_kept(prisons):  # noqa: F811
    from wingdesk.sync.wing_transfers import apply_transfer_items

    gov_b = prisons["receiver"].login("gov")
    body = {"device_id": "2c6f2f7e-1b5a-4d8e-9a3c-0e6b7d1f2a33", "wing_name": "Weak Wing",
            "recipient": gov_b.transfer.destinations()[0].recipient, "governor_keys": ["00" * 32]}
    with gov_b.ctx.repo.transaction():
        outcomes = apply_transfer_items(gov_b.ctx.repo, "me", [{"record_id": "r1", "rev": 1, "kind": "transfer_peer",
                                                                "body": body}], 5, "2026-01-01T00:00:00Z")
    assert outcomes == {"invalid": 1}
    assert "Weak Wing" not in [p.wing_name for p in gov_b.ctx.repo.list_transfer_peers()]


def _cli(prison, monkeypatch, user, *argv):
    import io

    from tests.integration.conftest import ACCOUNTS
    from wingdesk.cli import sync_commands
    from wingdesk.cli.main import run
    from wingdesk.cli.wiring import Wiring
    from wingdesk.crypto.kdf import floor_params
    from wingdesk.storage.backend import LocalWing
    from wingdesk.sync.wing_sync import WingSync

    monkeypatch.setattr("sys.stdin", io.StringIO(ACCOUNTS[user][2] + "\n"))
    wiring = Wiring(open_wing=lambda f: LocalWing(f, kdf=floor_params(), sync_factory=WingSync),
                    open_demo_wing=lambda f: (None, None), sync_commands=sync_commands)
    return run(["--data", str(prison.wing.directory), "--user", user, "--password-stdin", "--lang", "en",
                "transfer", *argv], wiring)


def test_the_command_line_saves_opens_and_accepts_a_transfer_file(prisons, tmp_path, monkeypatch, capsys):  # noqa: F811
    s = prisons
    sender, receiver = s["sender"], s["receiver"]
    out = tmp_path / "stick" / "t.wdtransfer"
    out.parent.mkdir()
    assert _cli(sender, monkeypatch, "gov", "list") == 0
    assert f"prison\t{s['devices']['b']}\tB-Wing" in capsys.readouterr().out
    assert _cli(sender, monkeypatch, "off1", "export", "X-100", "--to", "b-wing", "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "role" in err and not out.exists()
    assert _cli(sender, monkeypatch, "gov", "export", "X-100", "--to", "b-wing", "--out", str(out)) == 0
    assert "accepted there only once" in capsys.readouterr().err and out.exists()

    bad = tmp_path / "stick" / "bad.wdtransfer"
    bad.write_bytes(out.read_bytes()[:-40])
    assert _cli(receiver, monkeypatch, "gov", "import", str(bad)) == 2
    err = capsys.readouterr().err
    assert err == "Error: This transfer package is damaged: it was not accepted.\n"
    assert _cli(receiver, monkeypatch, "gov", "import", str(out)) == 0
    captured = capsys.readouterr()
    transfer_id, number = captured.out.split("\t")[:2]
    assert number == "X-100" and "transfer accept" in captured.err
    assert _cli(receiver, monkeypatch, "gov", "list") == 0
    assert f"waiting\t{transfer_id}\tFILE" in capsys.readouterr().out
    assert _cli(receiver, monkeypatch, "gov", "accept", transfer_id) == 0
    capsys.readouterr()
    assert _cli(receiver, monkeypatch, "gov", "import", str(out)) == 2
    assert "already been accepted" in capsys.readouterr().err
    assert receiver.login("gov").ctx.repo.prisoner_id_by_number("X-100") is not None


def test_a_pc_not_enrolled_says_so_in_one_sentence(wing, tmp_path, monkeypatch, capsys):
    from types import SimpleNamespace

    from wingdesk.i18n.sync_messages import describe_sync

    package = tmp_path / "t.wdtransfer"
    package.write_bytes(b"{}")
    assert _cli(SimpleNamespace(wing=wing), monkeypatch, "gov", "import", str(package)) == 2
    err = capsys.readouterr().err
    assert err == f"Error: {describe_sync(SyncFailed('not_enrolled'))}\n" and "enrolled" in err


def test_schema_34_keeps_the_packages_and_peers_of_schema_32(tmp_path):
    from wingdesk.crypto.secrets import random_key
    from wingdesk.storage import migrations
    from wingdesk.storage.database import open_database
    from wingdesk.storage.repository import SqlRepository

    db = open_database(tmp_path / "w.db", random_key(), create=True)
    migrations.migrate(db.conn, target=32)
    db.conn.execute("INSERT INTO transfers (transfer_id, direction, other_device, governor_key, package_sha256, "
                    "envelope, state, at) VALUES ('t1', 'IN', 'd1', 'aa', 'bb', x'7b7d', 'RECEIVED', '2026-01-01')")
    db.conn.execute("INSERT INTO transfer_peers (device_id, wing_name, recipient, ref_seq) "
                    "VALUES ('d1', 'A', 'age1x', 3)")
    assert migrations.migrate(db.conn) >= 34
    repo = SqlRepository(db)
    assert repo.get_transfer("t1").via == "HQ"
    assert repo.list_transfer_peers() == [TransferPeer("d1", "A", "age1x", ())]
    db.close()

"""Transfer between prisons through HQ (issue 19 item 1, domain.md §5 scenario 13): two wings enrolled at one HQ;
the sending governor seals the file for the other prison's PC, it travels in the wing→HQ bundle, HQ routes it into
the receiving device's HQ→wing bundle, the receiving governor accepts it, and the receipt comes back to the sender.
Canaries: withheld and do-not-disclose items and intelligence originals never travel; a package for another device,
a replayed package, a forged signature and an officer's attempt are refused."""

from __future__ import annotations

import shutil
from datetime import date, timedelta

import pytest

from tests.integration.conftest import ACCOUNTS
from tests.integration.sync_helpers import enrol
from wingdesk.crypto.kdf import floor_params
from wingdesk.domain.errors import AccessDenied, ValidationError
from wingdesk.hq.ingest import ingest
from wingdesk.hq.outbox import build_outbox_bundle
from wingdesk.hq.transfers import publish_transfer_peers
from wingdesk.storage.backend import LocalWing
from wingdesk.sync import usb
from wingdesk.sync.wing_sync import WingSync

ALERT_CANARY = "Canary-alert-5120 hourly checks at night"
DND_CANARY = "Canary-dnd-7731 do not tell him about the inquiry"
WITHHELD_CANARY = "Canary-withheld-4402 the neighbour reported him"
INTEL_ORIGINAL = "Canary-intel-8857 named a recruiter on landing C"
INTEL_SANITISED = "Canary-sanitised-3301 pressure on younger prisoners reported"
LOG_CANARY = "Canary-log-2210 refused to return to his cell"
TODAY = date.today()


def _day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


class Prison:
    def __init__(self, wing: LocalWing, name: str, tmp) -> None:
        self.wing, self.tmp, self.sessions = wing, tmp / name, {}
        self.tmp.mkdir()
        wing.sync_factory = WingSync

    def login(self, name):
        if name not in self.sessions:
            self.sessions[name] = self.wing.sign_in(name, ACCOUNTS[name][2])
        return self.sessions[name]

    def send(self, hq) -> None:
        stick = self.tmp / f"stick{len(list(self.tmp.iterdir()))}"
        stick.mkdir()
        self.login("sup").sync.export(stick)
        for path in usb.list_bundles(usb.outbox_dir(stick)):
            assert ingest(hq, usb.read_bundle_file(path)).outcome == "accepted"

    def fetch(self, hq, device) -> bytes:
        data = build_outbox_bundle(hq, device)
        path = self.tmp / f"hq{len(list(self.tmp.iterdir()))}.wdb"
        path.write_bytes(data)
        assert self.login("sup").sync.import_files([path]).files[0].outcome == "applied"
        return data

    def close(self) -> None:
        for session in self.sessions.values():
            session.lock()


@pytest.fixture
def prisons(wing_template, tmp_path, hq):
    shutil.copytree(wing_template, tmp_path / "first")
    shutil.copytree(wing_template, tmp_path / "second")
    sender = Prison(LocalWing(tmp_path / "first", kdf=floor_params()), "a", tmp_path)
    receiver = Prison(LocalWing(tmp_path / "second", kdf=floor_params()), "b", tmp_path)
    devices = {"a": enrol(sender.login("sup"), hq), "b": enrol(receiver.login("sup"), hq)}
    publish_transfer_peers(hq)
    sender.fetch(hq, devices["a"])
    receiver.fetch(hq, devices["b"])
    sup, sec = sender.login("sup"), sender.login("sec")
    prisoner = sup.prisoners.admit("X-100", "Arben", "Krasniqi", "M", "CONVICTED", date_of_birth="1990-02-02")
    alert = sup.alerts.raise_alert(prisoner.id, "SELF_HARM_RISK", ALERT_CANARY, _day(-3), review_date=_day(30))
    sup.alerts.raise_alert(prisoner.id, "DO_NOT_DISCLOSE", DND_CANARY, _day(-3), review_date=_day(30))
    withheld = sup.alerts.raise_alert(prisoner.id, "VULNERABLE", WITHHELD_CANARY, _day(-3), review_date=_day(30))
    sec.subject_access.withhold(withheld.id, "Would identify who told us.")
    log = sup.observations.record(prisoner.id, "ROUTINE_CHANGE", "NEUTRAL", LOG_CANARY)
    report = sec.intelligence.create(prisoner.id, "PRESSURE_ON_OTHERS", INTEL_ORIGINAL)
    sec.intelligence.grade(report.id, "SRC_2", "INT_B", "HANDLE_P", "Seen by two officers.",
                           sanitised_text=INTEL_SANITISED, share_with=["GOVERNOR"], share_reason="Transfer review")
    yield dict(sender=sender, receiver=receiver, devices=devices, prisoner=prisoner, alert=alert, log=log)
    sender.close()
    receiver.close()


def _all_bytes(*blobs: bytes) -> bytes:
    return b"".join(blobs)


def test_a_file_travels_through_hq_is_accepted_and_the_sender_is_told(prisons, hq):
    s = prisons
    sender, receiver, devices = s["sender"], s["receiver"], s["devices"]
    gov_a = sender.login("gov")
    assert [p.device_id for p in gov_a.transfer.destinations()] == [devices["b"]]
    sealed = gov_a.transfer.seal(s["prisoner"].id, devices["b"])
    for canary in (ALERT_CANARY, INTEL_SANITISED, DND_CANARY, INTEL_ORIGINAL):
        assert canary.encode() not in sealed.envelope  # sealed: nothing readable on the way
    sender.send(hq)
    receiver.fetch(hq, devices["b"])
    gov_b = receiver.login("gov")
    [waiting] = gov_b.transfer.pending()
    assert waiting.transfer_id == sealed.transfer_id
    content = gov_b.transfer.preview(waiting.transfer_id)
    text = str(content)
    assert ALERT_CANARY in text and INTEL_SANITISED in text and s["log"].id in text
    for canary in (DND_CANARY, WITHHELD_CANARY, INTEL_ORIGINAL, LOG_CANARY):
        assert canary not in text  # withheld, do-not-disclose, intelligence originals, log text: never carried
    [alert] = [r for r in content["records"] if r["id"] == s["alert"].id]
    assert alert["author_sig"] == s["alert"].author_sig.hex()  # the sender's signature kept

    record = gov_b.transfer.accept(waiting.transfer_id)
    assert record.body["direction"] == "IN" and record.body["other_device"] == devices["a"]
    arrived = receiver.login("sup").prisoners.page()
    [here] = [p for p in arrived if p.number == "X-100"]
    assert gov_b.transfer.carried_file(here.id)["records"][0]["author_name"]
    with pytest.raises(ValidationError):
        gov_b.transfer.accept(waiting.transfer_id)  # accepted once

    receiver.send(hq)  # the receipt travels back through HQ
    sender.fetch(hq, devices["a"])
    [sent] = gov_a.transfer.transfers_of(s["prisoner"].id)
    assert sent.state == "ACKNOWLEDGED"


def test_the_sending_wing_keeps_the_file_read_only(prisons):
    s = prisons
    sup = s["sender"].login("sup")
    s["sender"].login("gov").transfer.seal(s["prisoner"].id, s["devices"]["b"])
    with pytest.raises(ValidationError) as refused:
        sup.observations.record(s["prisoner"].id, "ROUTINE_CHANGE", "NEUTRAL", "After the transfer")
    assert refused.value.code == "prisoner_transferred_out"
    amendment = sup.observations.amend(s["log"].id, "Corrected: it was the evening")  # corrections stay possible
    assert amendment.text == "Corrected: it was the evening"
    with pytest.raises(ValidationError):
        s["sender"].login("gov").transfer.seal(s["prisoner"].id, s["devices"]["b"])  # sealed once


def test_an_officer_cannot_seal(prisons):
    s = prisons
    with pytest.raises(AccessDenied):
        s["sender"].login("off1").transfer.seal(s["prisoner"].id, s["devices"]["b"])
    with pytest.raises(AccessDenied):
        s["sender"].login("sup").transfer.seal(s["prisoner"].id, s["devices"]["b"])


def test_a_package_for_another_device_or_replayed_is_refused(prisons, hq):
    s = prisons
    sender, receiver, devices = s["sender"], s["receiver"], s["devices"]
    sealed = sender.login("gov").transfer.seal(s["prisoner"].id, devices["b"])
    sender.send(hq)
    first = receiver.fetch(hq, devices["b"])
    gov_b = receiver.login("gov")
    gov_b.transfer.accept(sealed.transfer_id)
    # HQ (or someone with its key) routes the same package again in a later bundle: refused as a replay
    from wingdesk.hq.outbox import add_reference
    from wingdesk.sync.reference import open_hq_bundle  # noqa: F401 - the format the item rides in
    envelope = sealed.envelope.decode()
    governor_key = sender.login("gov").transfer.transfers_of(s["prisoner"].id)[0].governor_key
    add_reference(hq, "transfer", {"envelope": envelope, "governor_key": governor_key,
                                   "from_device": devices["a"]}, device_id=devices["b"])
    receiver.fetch(hq, devices["b"])
    assert gov_b.transfer.pending() == []
    assert first  # the first bundle was applied once
    # the same package delivered to the sender's own PC (not the one it is sealed to) is not kept there
    add_reference(hq, "transfer", {"envelope": envelope, "governor_key": governor_key,
                                   "from_device": devices["a"]}, device_id=devices["a"])
    sender.fetch(hq, devices["a"])
    assert sender.login("gov").transfer.pending() == []


def test_a_forged_package_is_not_routed_by_hq(prisons, hq):
    """A supervisor's key is not a governor's: HQ does not vouch for it, so nothing reaches the receiver."""
    s = prisons
    sender, receiver, devices = s["sender"], s["receiver"], s["devices"]
    gov = sender.login("gov")
    sealed = gov.transfer.seal(s["prisoner"].id, devices["b"])
    assert sealed.record.body["envelope"]
    tampered = sealed.envelope.replace(b'"from_wing": "', b'"from_wing": "X')
    import orjson

    from wingdesk.hq.transfers import route_transfers
    with hq.store.transaction() as repo:
        held = repo.user_keys(devices["a"])
        body = orjson.dumps({"record": {"body": {"direction": "OUT", "envelope": tampered.decode(),
                                                 "other_device": devices["b"]}}})
        assert route_transfers(repo, devices["a"], [("r", 1, "transfer", "h", body)], held, "2025-01-01T00:00:00Z") == 0
        good = orjson.dumps({"record": {"body": {"direction": "OUT", "envelope": sealed.envelope.decode(),
                                                 "other_device": devices["b"]}}})
        assert route_transfers(repo, devices["b"], [("r", 1, "transfer", "h", good)], held, "2025-01-01T00:00:00Z") == 0
    receiver.fetch(hq, devices["b"])
    assert receiver.login("gov").transfer.pending() == []


def test_the_governors_are_told_in_their_inbox(prisons, hq):
    s = prisons
    sender, receiver, devices = s["sender"], s["receiver"], s["devices"]
    sealed = sender.login("gov").transfer.seal(s["prisoner"].id, devices["b"])
    sender.send(hq)
    receiver.fetch(hq, devices["b"])
    gov_b = receiver.login("gov")
    assert [i.source for i in gov_b.inbox.items() if i.source.startswith("transfer")] == ["transfer_waiting"]
    gov_b.transfer.accept(sealed.transfer_id)
    assert not [i for i in gov_b.inbox.items() if i.source.startswith("transfer")]
    receiver.send(hq)
    sender.fetch(hq, devices["a"])
    [told] = [i for i in sender.login("gov").inbox.items() if i.source == "transfer_acknowledged"]
    assert told.prisoner_id == s["prisoner"].id and told.params["prison"] == "B-Wing"

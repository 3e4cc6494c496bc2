"""Bundles forged in another person's name, sealed with the device key any wing user can read, are refused at HQ.

HQ holds each wing user's signing key from enrolment and checks every record, amendment and countersignature
against it (hq.authors); a failure quarantines the bundle with its reason and stores nothing of it.
"""

import json
from dataclasses import replace

import pytest

from tests.integration.conftest import first_prisoner
from tests.integration.sync_helpers import enrol
from wingdesk.crypto import signing
from wingdesk.domain.authorship import statement_of_record
from wingdesk.domain.records import Record, iso, new_id, utc_now
from wingdesk.domain.roles import Role
from wingdesk.hq.ingest import ingest
from wingdesk.hq.reports import device_statuses
from wingdesk.sync import usb
from wingdesk.sync.bundle import bundle_hash, seal_bundle
from wingdesk.sync.header import GENESIS_HASH, KIND_WING_TO_HQ
from wingdesk.sync.wing_records import extra_line, record_line
from wingdesk.sync.wing_sync import WingSync


@pytest.fixture
def insider(wing, login, hq):
    """An officer of an enrolled wing, holding the database key (and so the device's signing key)."""
    wing.sync_factory = WingSync
    enrol(login("sup"), hq)
    return login("off1")


def forge(session, hq, lines, seq=1, prev=GENESIS_HASH):
    device = session.ctx.repo.get_sync_device()  # readable by anyone who can open the database
    data = seal_bundle(KIND_WING_TO_HQ, device.device_id, seq, prev, lines, device.sign_private,
                       device.hq_enc_public, device.env)
    return ingest(hq, data), data


def governor_record(session, signature_by=None):
    governor = session.ctx.repo.find_user("gov")
    record = Record(new_id(), "observation", session.ctx.wing, first_prisoner(session).id, governor.id,
                    "Governor Himself", "governor", iso(utc_now()), iso(utc_now()),
                    {"category": "NEEDS_REQUEST", "polarity": "CONCERN", "what_seen_heard": "Forged"})
    if signature_by is not None:
        record = replace(record, author_sig=signature_by.ctx.keyring.sign_record(statement_of_record(record)))
    return record


def stored_records(hq):
    with hq.store.transaction(write=False) as repo:
        return repo.record_count()


@pytest.mark.parametrize("signed", [True, False])
def test_an_observation_claiming_the_governor_as_author_is_refused(insider, hq, signed):
    device_id = insider.ctx.repo.get_sync_device().device_id
    record = governor_record(insider, insider if signed else None)
    result, _ = forge(insider, hq, [record_line(record, "T-000", device_id, "0001")])
    assert result.outcome == "quarantined"
    reason = device_statuses(hq.store)[0].last_quarantine_reason
    assert reason == ("author_bad_signature" if signed else "author_unsigned")
    assert stored_records(hq) == 0


def test_a_record_by_an_account_hq_does_not_know_is_refused(insider, hq):
    device_id = insider.ctx.repo.get_sync_device().device_id
    record = replace(governor_record(insider), author_id=new_id())
    result, _ = forge(insider, hq, [record_line(record, "T-000", device_id, "0001")])
    assert result.outcome == "quarantined"
    assert device_statuses(hq.store)[0].last_quarantine_reason == "author_unknown"


def test_a_countersignature_with_a_junk_signature_is_refused_and_the_line_key_is_not_trusted(insider, hq, login):
    device_id = insider.ctx.repo.get_sync_device().device_id
    own = insider.observations.record(first_prisoner(insider).id, "NEEDS_REQUEST", "CONCERN", "Genuine")
    governor = insider.ctx.repo.find_user("gov").id
    payload = {"wing": insider.ctx.wing, "day": "2025-03-01", "entries": [], "amendments": [],
               "signer_id": governor, "signer_role": "governor", "signed_utc": "2025-03-01T12:00:00Z"}
    fields = {"id": new_id(), "wing": insider.ctx.wing, "day": "2025-03-01", "signer_id": governor,
              "payload": json.dumps(payload, sort_keys=True), "signed_at": "2025-03-01T12:00:00Z"}
    junk = dict(fields, signature="AAAA", signer_public_key=insider.ctx.keyring.public_key().hex())
    first, data = forge(insider, hq, [record_line(own, "T-000", device_id, "0001"),
                                      extra_line("countersignature", junk, device_id, "0002")])
    assert first.outcome == "quarantined"
    assert device_statuses(hq.store)[0].last_quarantine_reason.startswith("countersignature_")
    # signed by the insider over the same payload, with the insider's key in the line: still not the governor's
    own_key = signing.sign(insider.ctx.keyring._signer, signing.COUNTERSIGN_PREFIX, payload)
    mine = dict(fields, signature=own_key.hex(), signer_public_key=insider.ctx.keyring.public_key().hex())
    second, _ = forge(insider, hq, [record_line(own, "T-000", device_id, "0001"),
                                    extra_line("countersignature", mine, device_id, "0002")], seq=2,
                      prev=bundle_hash(data))
    assert second.outcome == "quarantined"
    assert stored_records(hq) == 0


def test_the_wing_s_own_signed_records_are_accepted(insider, hq, login, tmp_path):
    insider.observations.record(first_prisoner(insider).id, "NEEDS_REQUEST", "CONCERN", "Genuine")
    sup = login("sup")
    stick = tmp_path / "stick"
    stick.mkdir()
    sup.sync.export(stick)
    outcomes = [ingest(hq, usb.read_bundle_file(p)) for p in usb.list_bundles(usb.outbox_dir(stick))]
    assert [o.outcome for o in outcomes] == ["accepted"]
    assert stored_records(hq) > 0


def export_all(session, hq, stick):
    stick.mkdir(exist_ok=True)
    session.sync.export(stick)
    return {o.seq: o.outcome for o in (ingest(hq, usb.read_bundle_file(p))
                                        for p in usb.list_bundles(usb.outbox_dir(stick)))}


def test_keys_made_after_enrolment_reach_hq_through_the_administrator(insider, hq, login, wing, tmp_path):
    admin = login("admin")
    admin.users.add_user("late", "Lea Late", Role.OFFICER, "late officer passphrase")
    admin.users.reset_password("off1", "officer one new passphrase")
    late = wing.sign_in("late", "late officer passphrase")
    late.observations.record(first_prisoner(late).id, "NEEDS_REQUEST", "CONCERN", "By the new colleague")
    late.lock()
    renewed = wing.sign_in("off1", "officer one new passphrase")
    renewed.observations.record(first_prisoner(renewed).id, "NEEDS_REQUEST", "CONCERN", "With the new key")
    renewed.lock()
    assert export_all(login("sup"), hq, tmp_path / "stick") == {1: "accepted"}
    assert login("gov").audit.verify_everything(every_signature=True).intact  # old and new keys both verify


def test_a_key_announced_by_someone_other_than_an_administrator_is_refused(insider, hq, tmp_path):
    device_id = insider.ctx.repo.get_sync_device().device_id
    mine = insider.ctx.keyring.public_key()
    statement = {"user_id": new_id(), "role": "governor", "public_key": mine.hex(), "announced_at": "2025-03-01"}
    forged = {"id": new_id(), "user_id": statement["user_id"], "role": "governor", "public_key": mine.hex(),
              "announced_at": "2025-03-01", "author_id": insider.user.id,
              "admin_sig": signing.sign(insider.ctx.keyring._signer, signing.USER_KEY_PREFIX, statement).hex()}
    result, _ = forge(insider, hq, [extra_line("user_key", forged, device_id, "0001")])
    assert result.outcome == "quarantined"
    assert device_statuses(hq.store)[0].last_quarantine_reason == "user_key_not_admin"

"""The wing refuses weak public keys where they enter (new users, sign-in, HQ key file, sealing to a user) and
never lets one "verify" a countersignature: the insider who writes the identity key into the database gains
nothing."""

from __future__ import annotations

import json

import pytest

from tests.integration.conftest import ACCOUNTS
from tests.sync.test_weak_keys import key_file_with
from tests.weak_key_vectors import (
    FORGERY_KEY,
    FORGERY_SIGNATURE,
    NON_CANONICAL_ED25519,
    SMALL_ORDER_ED25519,
    WEAK_X25519,
    ids,
)
from wingdesk.crypto import bech32, grants, signing
from wingdesk.crypto.kdf import floor_params
from wingdesk.crypto.public_keys import WeakPublicKey
from wingdesk.domain.daily_log import countersign_payload
from wingdesk.domain.roles import Role
from wingdesk.i18n.sync_messages import describe_sync
from wingdesk.services.sync_types import SyncFailed
from wingdesk.storage.backend import LocalWing
from wingdesk.storage.vault import SLOT_FILE, wing_exists
from wingdesk.sync import keys
from wingdesk.sync.wing_sync import WingSync

WEAK_SIGN = SMALL_ORDER_ED25519 + NON_CANONICAL_ED25519[:1]  # the eight small-order points and a non-canonical one
WEAK_RECIPIENTS = [bech32.encode("age", raw) for raw in WEAK_X25519[:7] + WEAK_X25519[7:8]]
SENTENCE = "A public key was refused because it is weak (genuine keys never are); nothing was stored."


def _raw(session):
    return session.ctx.repo.conn


@pytest.mark.parametrize("weak", WEAK_SIGN, ids=ids(WEAK_SIGN))
def test_a_new_user_with_a_weak_signing_key_is_refused_and_nothing_stored(weak, wing, login, monkeypatch):
    admin = login("admin")
    slots_before = (wing.directory / SLOT_FILE).read_bytes()
    monkeypatch.setattr(signing, "public_key", lambda _seed: weak)  # as if key generation gave this key
    with pytest.raises(WeakPublicKey):
        admin.users.add_user("newcomer", "New Comer", Role.OFFICER, "newcomer passphrase for tests")
    monkeypatch.undo()
    assert (wing.directory / SLOT_FILE).read_bytes() == slots_before
    assert "newcomer" not in {u.username for u in admin.users.list_users()}


@pytest.mark.parametrize("recipient", WEAK_RECIPIENTS, ids=ids(WEAK_X25519[:8]))
def test_a_new_user_with_a_low_order_grant_key_is_refused_and_nothing_stored(recipient, wing, login, monkeypatch):
    admin = login("admin")
    slots_before = (wing.directory / SLOT_FILE).read_bytes()
    genuine = grants.new_grant_identity
    monkeypatch.setattr(grants, "new_grant_identity", lambda: (genuine()[0], recipient))
    with pytest.raises(WeakPublicKey):
        admin.users.add_user("newcomer", "New Comer", Role.TREATMENT, "newcomer passphrase for tests", "PSY")
    monkeypatch.undo()
    assert (wing.directory / SLOT_FILE).read_bytes() == slots_before
    assert "newcomer" not in {u.username for u in admin.users.list_users()}


def test_a_new_wing_with_a_weak_admin_key_is_not_created(tmp_path, monkeypatch):
    monkeypatch.setattr(signing, "public_key", lambda _seed: FORGERY_KEY)
    folder = tmp_path / "wing"
    with pytest.raises(WeakPublicKey):
        LocalWing(folder, kdf=floor_params()).create("B-Wing", "Test Prison", "admin", "Ada Admin",
                                                     "admin passphrase for tests")
    assert not wing_exists(folder) and not any(folder.iterdir())


@pytest.mark.timeout(300)
def test_signing_in_over_a_weak_key_written_into_the_database_is_refused(wing, login):
    admin = login("admin")
    off1 = admin.ctx.repo.find_user("off1")
    for weak in WEAK_SIGN:
        _raw(admin).execute("UPDATE users SET public_key = ? WHERE id = ?", (weak, off1.id))
        with pytest.raises(WeakPublicKey) as refused:
            wing.sign_in("off1", ACCOUNTS["off1"][2])
        assert describe_sync(refused.value) == SENTENCE
    _raw(admin).execute("UPDATE users SET public_key = ?, grant_recipient = ? WHERE id = ?",
                        (off1.public_key, WEAK_RECIPIENTS[0], off1.id))
    with pytest.raises(WeakPublicKey):
        wing.sign_in("off1", ACCOUNTS["off1"][2])
    assert admin.users.lockouts() == {}  # an integrity refusal, not a wrong password counted against them


def test_the_identity_key_forgery_does_not_verify_a_rewritten_day(login):
    """An insider rewrites a countersigned entry, re-makes the payload, and signs it "as" the supervisor with the
    identity key: on today's Ed25519 check that reads as valid; WingDesk must say bad_signature."""
    off = login("off1")
    off.logs.add_entry("GENERAL", {"text": "Quiet night on the landing"})
    off.logs.submit_day()
    sup = login("sup")
    day = sup.logs.review_queue()[0].day
    sup.logs.countersign(day)
    conn = _raw(sup)
    conn.execute("DROP TRIGGER records_append_only_u")
    conn.execute("UPDATE records SET body = replace(body, 'Quiet', 'Noisy') WHERE kind = 'log_entry'")
    stored = sup.ctx.repo.countersignatures(sup.wing, day)[0]
    old = json.loads(stored.payload)
    entries, notes = sup.logs._payload_entries(day)
    forged = countersign_payload(sup.ctx.wing, day, entries, notes, stored.signer_id, old["signer_role"],
                                 old["signed_utc"])
    assert forged != old  # the records did change
    conn.execute("UPDATE countersignatures SET payload = ?, signature = ? WHERE id = ?",
                 (json.dumps(forged), FORGERY_SIGNATURE, stored.id))
    conn.execute("UPDATE users SET public_key = ? WHERE id = ?", (FORGERY_KEY, stored.signer_id))
    assert [(c.valid, c.reason) for c in sup.logs.verify_day(day)] == [(False, "bad_signature")]
    for weak in WEAK_SIGN[1:]:  # nor does any other weak key, with any of the usual forgery signatures
        conn.execute("UPDATE users SET public_key = ? WHERE id = ?", (weak, stored.signer_id))
        for signature in (FORGERY_SIGNATURE, bytes(64), weak + bytes(32)):
            conn.execute("UPDATE countersignatures SET signature = ? WHERE id = ?", (signature, stored.id))
            assert [c.valid for c in sup.logs.verify_day(day)] == [False]


def test_rotating_the_data_key_to_a_low_order_grant_key_is_refused_and_nothing_changes(wing, login):
    admin = login("admin")
    slots_before = (wing.directory / SLOT_FILE).read_bytes()
    off2 = admin.ctx.repo.find_user("off2")
    _raw(admin).execute("UPDATE users SET grant_recipient = ? WHERE id = ?", (WEAK_RECIPIENTS[2], off2.id))
    with pytest.raises(WeakPublicKey):  # removing off1 re-seals the data key to everyone else, off2 included
        admin.users.remove_user("off1")  # (pyrage itself would panic on such a recipient)
    assert (wing.directory / SLOT_FILE).read_bytes() == slots_before


@pytest.mark.parametrize("weak", WEAK_SIGN, ids=ids(WEAK_SIGN))
def test_an_hq_key_file_with_a_weak_key_is_refused_by_name(weak, wing, login):
    wing.sync_factory = WingSync  # what app.py wires
    admin = login("admin")
    genuine = keys.generate_key_pairs()
    for key_file in (key_file_with(weak, genuine.enc_public),
                     key_file_with(genuine.sign_public, WEAK_X25519[WEAK_SIGN.index(weak)], genuine)):
        with pytest.raises(SyncFailed) as refused:
            admin.sync.enrol(key_file)
        assert refused.value.code == "weak_public_key" and describe_sync(refused.value) == SENTENCE
    assert admin.sync.status().enrolment_state == "none"

"""Signed audit heads leave the wing in every bundle; HQ flags a wing whose chain was cut or rewritten since."""


from tests.integration.conftest import first_prisoner
from tests.integration.test_insider_evidence import rechain
from wingdesk.crypto import signing
from wingdesk.domain.authorship import audit_head_statement
from wingdesk.hq.audit_heads import REWRITTEN, SHORTENED
from wingdesk.hq.ingest import ingest
from wingdesk.hq.reports import device_statuses, status_lines
from wingdesk.sync import usb


def export_and_ingest(session, hq, stick):
    stick.mkdir(exist_ok=True)
    session.sync.export(stick)
    return {o.seq: o for o in (ingest(hq, usb.read_bundle_file(p)) for p in usb.list_bundles(usb.outbox_dir(stick)))}


def observe(login, text):
    off = login("off1")
    off.observations.record(first_prisoner(off).id, "POSITIVE_ENGAGEMENT", "POSITIVE", text)


def stored_head(hq, device_id):
    with hq.store.transaction(write=False) as repo:
        return repo.last_audit_head(device_id)


def test_every_bundle_carries_the_sealing_users_signed_head(sup_at_hq, login, hq, tmp_path):
    observe(login, "first")
    before = sup_at_hq.ctx.repo.last_audit()
    outcomes = export_and_ingest(sup_at_hq, hq, tmp_path / "s1")
    assert outcomes[1].outcome == "accepted"
    device_id = sup_at_hq.sync.status().device_id
    bundle_seq, audit_seq, entry_hash, at_previous, signer, signature = stored_head(hq, device_id)
    assert (bundle_seq, audit_seq, entry_hash, at_previous, signer) == (1, before.seq, before.entry_hash, "",
                                                                         sup_at_hq.user.id)
    assert signing.verify(sup_at_hq.ctx.repo.get_user(sup_at_hq.user.id).public_key, signing.AUDIT_HEAD_PREFIX,
                          audit_head_statement(device_id, audit_seq, entry_hash), signature)
    observe(login, "second")
    assert export_and_ingest(sup_at_hq, hq, tmp_path / "s2")[2].outcome == "accepted"
    assert stored_head(hq, device_id)[3] == entry_hash  # bundle 2 names where bundle 1's head was
    assert login("gov").audit.verify_everything().intact


def test_a_chain_cut_short_after_a_bundle_is_quarantined_and_shown(sup_at_hq, login, hq, tmp_path):
    observe(login, "first")
    assert export_and_ingest(sup_at_hq, hq, tmp_path / "s1")[1].outcome == "accepted"
    conn = sup_at_hq.ctx.repo.conn
    conn.execute("DROP TRIGGER audit_append_only_d")
    last = conn.execute("SELECT max(seq) FROM audit").fetchone()[0]
    conn.execute("DELETE FROM audit WHERE seq > ?", (last - 20,))
    observe(login, "after the cut")
    second = export_and_ingest(sup_at_hq, hq, tmp_path / "s2")[2]
    assert second.outcome == "quarantined"
    rows = device_statuses(hq.store)
    assert rows[0].last_quarantine_reason == SHORTENED and rows[0].last_quarantine_seq == 2
    assert any(SHORTENED in line for line in status_lines(rows))
    report = login("gov").audit.verify_everything()  # and on the wing: the chain no longer holds the head sent to HQ
    assert not report.intact


def test_a_chain_rewritten_below_the_last_head_is_quarantined(sup_at_hq, login, hq, tmp_path):
    observe(login, "first")
    assert export_and_ingest(sup_at_hq, hq, tmp_path / "s1")[1].outcome == "accepted"
    governor = sup_at_hq.ctx.repo.find_user("gov").id
    rechain(sup_at_hq.ctx.repo.conn, 10, lambda entry: {"actor": governor})
    observe(login, "after the rewrite")
    assert export_and_ingest(sup_at_hq, hq, tmp_path / "s2")[2].outcome == "quarantined"
    assert device_statuses(hq.store)[0].last_quarantine_reason == REWRITTEN

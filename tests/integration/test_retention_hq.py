"""A retention erasure reaches HQ (issue 19 item 5): the governor's signed tombstones travel in the next bundle, HQ
deletes its copy, and no table at HQ holds the erased text; no bundle sealed afterwards carries it. A governor's
tombstone that names no rule is refused by HQ as not an administrator's."""

from dataclasses import replace

from tests.integration.sync_helpers import enrol
from tests.integration.test_forged_authors import export_all
from tests.integration.test_retention import REASON, release
from tests.integration.test_tombstones_to_hq import _forge, _holding, _last_reason, _line, _rows
from wingdesk.sync import usb
from wingdesk.sync.wing_sync import WingSync

CANARY = "hq canary mzqxvtr on the landing"


def _at_hq(wing, login, hq, tmp_path):
    wing.sync_factory = WingSync
    enrol(login("sup"), hq)
    off = login("off1")
    gone = off.prisoners.page()[0]
    entry = off.logs.add_entry("GENERAL", {"text": CANARY}, prisoner_id=gone.id)
    off.logs.correct_entry(entry.id, f"Correction: {CANARY}, B1-02")
    release(off, gone.id)
    sup = login("sup")
    assert set(export_all(sup, hq, tmp_path / "one").values()) == {"accepted"}
    assert _holding(hq, CANARY) == ["records"]
    return sup, gone, entry


def test_an_erasure_reaches_hq_and_leaves_the_text_in_no_hq_table(wing, login, hq, tmp_path):
    sup, gone, entry = _at_hq(wing, login, hq, tmp_path)
    gov = login("gov")
    erased = gov.retention.erase(gone.id, REASON)
    outcomes = export_all(sup, hq, tmp_path / "two")
    assert "accepted" in outcomes.values() and "quarantined" not in outcomes.values()
    assert _holding(hq, CANARY) == [] and _holding(hq, "mzqxvtr") == []
    assert _rows(hq, "SELECT count(*) FROM records WHERE record_id = ?", (entry.id,))[0][0] == 0
    kept = _rows(hq, "SELECT record_id, signer_id FROM tombstones")
    assert len(kept) == erased.erased and (entry.id, gov.user.id) in kept
    # bundles sealed after the erasure: not in their bytes, and not in what HQ stored after opening them
    stick = tmp_path / "three"
    login("off1").logs.add_entry("GENERAL", {"text": "Quiet night"})
    assert "accepted" in export_all(sup, hq, stick).values()
    for path in usb.list_bundles(usb.outbox_dir(stick)):
        assert b"mzqxvtr" not in path.read_bytes()
    assert _holding(hq, "mzqxvtr") == []
    assert gov.audit.verify_everything(every_signature=True).intact


def test_hq_refuses_a_governor_tombstone_naming_no_rule(wing, login, hq, tmp_path):
    sup, gone, entry = _at_hq(wing, login, hq, tmp_path)
    gov = login("gov")
    gov.retention.erase(gone.id, REASON)
    stone = [s for s in _stones(gov) if s.record_id == entry.id][0]
    bare = replace(stone, rule="")  # a governor's hard delete in all but name, signed with their own key
    bare = replace(bare, signature=gov.ctx.keyring.sign_tombstone(bare.statement()))
    seq, prev = sup.ctx.repo.last_sealed_bundle()
    outcome = _forge(sup, hq, _line(sup, bare), seq + 1, prev).outcome
    assert outcome == "quarantined" and _last_reason(hq) == "tombstone_not_admin"
    assert _holding(hq, CANARY) == ["records"]  # nothing deleted at HQ


def _stones(session):
    import json

    from wingdesk.domain.tombstones import tombstone_of
    rows = session.ctx.repo.conn.execute("SELECT statement, signature FROM tombstones").fetchall()
    return [tombstone_of(json.loads(text), bytes(sig)) for text, sig in rows]

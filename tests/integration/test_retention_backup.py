"""What an old backup holds after a retention erasure (issue 19 item 5; docs/retention.md, "Backups").

Record text is under the wing's database key only, and a backup is an encrypted copy made with that same key and
the same key slots: a backup made before the erasure still holds the erased records (and the wrapped clinical keys
of the prisoner, with the discipline key that opens them) until it expires (keep N, 7 by default). These tests pin
down exactly that, so the documentation cannot claim more: its files never show the text in the clear, but a
restore of it brings the records back; they are then due in the governor's queue again, and erased again."""

from tests.integration.conftest import ACCOUNTS
from tests.integration.test_backup_restore import SUP_PW, _backup
from tests.integration.test_retention import CANARY, NOTE_CANARY, REASON, _files_holding, written


def test_an_old_backup_holds_the_erased_text_encrypted_and_a_restore_brings_it_back_as_due(wing, login, tmp_path):
    gone, _staying, entry = written(login)
    stick = tmp_path / "stick"
    _backup(wing, stick)
    gov = login("gov")
    gov.retention.erase(gone.id, REASON)
    gov.lock()
    assert _files_holding(stick, b"rtnqzvx") == []  # the backup's files: encrypted, never the text in the clear
    wing.restore(str(stick), "sup", SUP_PW)
    gov = wing.sign_in("gov", ACCOUNTS["gov"][2])
    psy = wing.sign_in("psy", ACCOUNTS["psy"][2])
    try:
        assert gov.ctx.repo.get_record(entry.id) is not None  # the restored wing holds the erased record again
        assert CANARY in gov.ctx.repo.get_record(entry.id).body["text"]
        notes = psy.treatment.notes(gone.id)  # and the sealed note opens: its key came back with the backup
        assert any(n.body.get("text") == NOTE_CANARY for n in notes)
        assert [p.prisoner_id for p in gov.retention.queue()] == [gone.id]  # due again: the governor sees it
        assert gov.ctx.repo.tombstone_count() == 0
        gov.retention.erase(gone.id, REASON)
        assert gov.ctx.repo.get_record(entry.id) is None and gov.retention.queue() == []
    finally:
        gov.lock()
        psy.lock()

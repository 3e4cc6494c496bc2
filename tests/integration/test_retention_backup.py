"""What an old backup holds after a retention erasure, and what a restore of it yields (issue 19 item 5;
docs/retention.md, "Backups").

Record text is under the wing's database key only, and a backup is an encrypted copy made with that same key and the
same key slots: a backup made before the erasure still holds the erased records (and the wrapped clinical keys of
the prisoner, with the discipline key that opens them) until it expires (keep N, 7 by default). Its files never show
the text in the clear. A restore over the wing that made the erasure makes it again before the copy is swapped in
(the replaced wing's governor-signed tombstones, read with the restoring user's passphrase); a restore where that
wing cannot be read (a new PC, a damaged file) brings the records back, due again in the governor's queue."""

import shutil

from tests.integration.conftest import ACCOUNTS
from tests.integration.test_backup_restore import SUP_PW, _backup
from tests.integration.test_retention import (
    CANARY,
    NOTE_CANARY,
    REASON,
    _decrypted,
    _files_holding,
    _tables_holding,
    written,
)


def _erased_after_backup(wing, login, stick):
    gone, _staying, entry = written(login)
    _backup(wing, stick)
    gov = login("gov")
    gov.retention.erase(gone.id, REASON)
    gov.lock()
    assert _files_holding(stick, b"rtnqzvx") == [] and _files_holding(stick, b"plwkjhq") == []  # encrypted
    return gone, entry


def test_a_restore_over_the_wing_makes_its_erasures_again(wing, login, tmp_path):
    gone, entry = _erased_after_backup(wing, login, tmp_path / "stick")
    result = wing.restore(str(tmp_path / "stick"), "sup", SUP_PW)
    assert result.erasures_reapplied == 4
    gov = wing.sign_in("gov", ACCOUNTS["gov"][2])
    try:
        conn = gov.ctx.repo.conn
        assert gov.ctx.repo.get_record(entry.id) is None and gov.retention.queue() == []
        assert _tables_holding(conn, CANARY) == [] and b"rtnqzvx" not in _decrypted(conn, tmp_path)
        assert conn.execute("SELECT count(*) FROM discipline_prisoner_keys WHERE prisoner_id = ?",
                            (gone.id,)).fetchone()[0] == 0
        assert "retention_reapply" in [e.action for e in gov.audit.page(0, 200)]
    finally:
        gov.lock()
    admin = wing.sign_in("admin", "admin passphrase for tests")
    try:
        report = admin.audit.verify_everything(every_signature=True)
        assert report.intact, report
    finally:
        admin.lock()
    # the live wing folder: the restored database, and the replaced one kept beside it, hold no trace of it
    for needle in (b"rtnqzvx", b"plwkjhq"):
        assert _files_holding(wing.directory, needle) == []


def test_a_restore_onto_a_new_pc_brings_the_records_back_as_due(wing, login, tmp_path):
    gone, entry = _erased_after_backup(wing, login, tmp_path / "stick")
    shutil.rmtree(wing.directory)  # the PC was lost: nothing of the erasure is left to read
    wing.directory.mkdir()
    result = wing.restore(str(tmp_path / "stick"), "sup", SUP_PW)
    assert result.erasures_reapplied == 0
    gov = wing.sign_in("gov", ACCOUNTS["gov"][2])
    psy = wing.sign_in("psy", ACCOUNTS["psy"][2])
    try:
        assert CANARY in gov.ctx.repo.get_record(entry.id).body["text"]  # the erased record is back
        assert any(n.body.get("text") == NOTE_CANARY for n in psy.treatment.notes(gone.id))  # its key came back too
        assert [p.prisoner_id for p in gov.retention.queue()] == [gone.id]  # due again: the governor sees it
        gov.retention.erase(gone.id, REASON)
        assert gov.ctx.repo.get_record(entry.id) is None and gov.retention.queue() == []
    finally:
        gov.lock()
        psy.lock()

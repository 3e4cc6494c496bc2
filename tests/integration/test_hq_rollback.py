"""HQ restored from a backup: its reference chain forks from what the wing applied (docs/sync-bundle.md §8.1).

The attack: HQ's database goes back to a backup, an officer's account is revoked there, and the next HQ bundle
reuses a ref_seq the wing already applied. Before the chain rule the wing skipped it as "older than the HQ data
already applied here" and the revoked officer could still sign in.
"""

import shutil

import pytest

from tests.integration.sync_helpers import enrol
from wingdesk.domain.errors import AuthError
from wingdesk.hq.ingest import HqContext
from wingdesk.hq.keystore import HqKeys
from wingdesk.hq.outbox import add_reference, build_outbox_bundle
from wingdesk.hq.store import open_store
from wingdesk.sync import keys
from wingdesk.sync.wing_sync import WingSync


class _Hq:
    """An HQ whose database can be backed up and restored (the store is reopened on the copied files)."""

    def __init__(self, folder):
        self.folder, self.keys = folder, HqKeys("prod", "HQ test", "2025-01-01T00:00:00Z", keys.generate_key_pairs())
        self.ctx = HqContext(open_store(folder), self.keys)

    def backup(self, to):
        self.ctx.store.close()
        shutil.copytree(self.folder, to)
        self.ctx = HqContext(open_store(self.folder), self.keys)

    def restore(self, backup):
        self.ctx.store.close()
        shutil.rmtree(self.folder)
        shutil.copytree(backup, self.folder)
        self.ctx = HqContext(open_store(self.folder), self.keys)

    def close(self):
        self.ctx.store.close()


@pytest.fixture
def hq(tmp_path):
    hq = _Hq(tmp_path / "hq")
    yield hq
    hq.close()


@pytest.fixture
def sup(wing, login, hq):
    wing.sync_factory = WingSync
    session = login("sup")
    enrol(session, hq.ctx)
    return session


def _hand_over(session, tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    return session.sync.import_files([tmp_path / name])


def test_a_revocation_from_a_restored_hq_is_applied_and_the_rollback_said(wing, login, sup, hq, tmp_path):
    device_id = sup.sync.status().device_id
    off2 = sup.ctx.repo.find_user("off2")
    assert _hand_over(sup, tmp_path, "1.wdb", build_outbox_bundle(hq.ctx, device_id)).files[0].outcome == "applied"
    hq.backup(tmp_path / "hq-backup")
    assert _hand_over(sup, tmp_path, "2.wdb", build_outbox_bundle(hq.ctx, device_id)).files[0].outcome == "applied"
    hq.restore(tmp_path / "hq-backup")  # HQ is back at ref_seq 1: its next bundle is a second "2"
    add_reference(hq.ctx, "revocation", {"target": "user", "id": off2.id}, device_id)
    result = _hand_over(sup, tmp_path, "2b.wdb", build_outbox_bundle(hq.ctx, device_id))
    assert result.users_revoked == 1
    with pytest.raises(AuthError):
        wing.sign_in("off2", "officer two passphrase")
    assert [f.outcome for f in result.files] == ["hq_rollback"]
    status = sup.sync.status()
    assert (status.hq_rollback_from, status.hq_rollback_to) == (2, 2)
    actions = [e.action for e in login("admin").audit.page(0, 100)]
    assert "sync_hq_rollback" in actions


def test_sync_status_says_it_plainly(wing, sup, hq, tmp_path, monkeypatch, capsys):
    from tests.integration.test_sync_cli import _run

    device_id = sup.sync.status().device_id
    _hand_over(sup, tmp_path, "1.wdb", build_outbox_bundle(hq.ctx, device_id))
    hq.backup(tmp_path / "hq-backup")
    _hand_over(sup, tmp_path, "2.wdb", build_outbox_bundle(hq.ctx, device_id))
    hq.restore(tmp_path / "hq-backup")
    (tmp_path / "2b.wdb").write_bytes(build_outbox_bundle(hq.ctx, device_id))
    assert _run(wing.directory, monkeypatch, "sync", "import", str(tmp_path / "2b.wdb")) == 0
    assert "HQ's data went back" in capsys.readouterr().err
    assert _run(wing.directory, monkeypatch, "sync", "status") == 0
    out = capsys.readouterr().out
    assert "HQ was probably restored from a backup" in out and "up to number 2, then HQ sent number 2" in out


def test_after_a_rollback_the_restored_hq_chain_is_followed_and_the_old_one_refused(sup, hq, tmp_path):
    device_id = sup.sync.status().device_id
    _hand_over(sup, tmp_path, "1.wdb", build_outbox_bundle(hq.ctx, device_id))
    hq.backup(tmp_path / "hq-backup")
    old_two = build_outbox_bundle(hq.ctx, device_id)
    old_three = build_outbox_bundle(hq.ctx, device_id)
    _hand_over(sup, tmp_path, "2.wdb", old_two)
    hq.restore(tmp_path / "hq-backup")
    assert _hand_over(sup, tmp_path, "2b.wdb", build_outbox_bundle(hq.ctx, device_id)).files[0].outcome == "hq_rollback"
    assert _hand_over(sup, tmp_path, "3b.wdb", build_outbox_bundle(hq.ctx, device_id)).files[0].outcome == "applied"
    # the pre-restore history cannot take the wing back: its next bundle chains to a superseded one
    assert _hand_over(sup, tmp_path, "3.wdb", old_three).files[0].outcome == "stale"
    assert sup.sync.status().ref_seq == 3


def test_a_revocation_in_an_hq_file_the_wing_cannot_place_is_still_applied(wing, sup, hq, tmp_path):
    """The wing took bundle 4 only; HQ then went back to its backup at 1 and revoked an officer in a second "2".
    The wing knows neither hash at 2, so it cannot tell a fork from an old file: skipped as old, yet the
    revocation in it is applied all the same (revoking twice is harmless; losing one is not)."""
    device_id = sup.sync.status().device_id
    off2 = sup.ctx.repo.find_user("off2")
    _hand_over(sup, tmp_path, "1.wdb", build_outbox_bundle(hq.ctx, device_id))
    hq.backup(tmp_path / "hq-backup")
    for _ in range(2):
        build_outbox_bundle(hq.ctx, device_id)
    assert _hand_over(sup, tmp_path, "4.wdb", build_outbox_bundle(hq.ctx, device_id)).files[0].outcome == "applied"
    hq.restore(tmp_path / "hq-backup")
    add_reference(hq.ctx, "revocation", {"target": "user", "id": off2.id}, device_id)
    result = _hand_over(sup, tmp_path, "2b.wdb", build_outbox_bundle(hq.ctx, device_id))
    assert [f.outcome for f in result.files] == ["stale"]
    assert result.users_revoked == 1
    with pytest.raises(AuthError):
        wing.sign_in("off2", "officer two passphrase")
    assert sup.sync.status().ref_seq == 4

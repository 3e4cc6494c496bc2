"""`wingdesk backup` and `wingdesk restore` from the command line: one line on success or refusal, no secrets."""

from tests.integration.test_cli import ADMIN_PW, wingdesk


def test_backup_then_restore_and_a_corrupt_backup_refused(tmp_path):
    folder = tmp_path / "wing"
    made = wingdesk(folder, "--password-stdin", "init", "--wing", "C-Wing", "--admin", "boss", stdin=ADMIN_PW + "\n")
    assert made.returncode == 0, made.stderr
    stick = tmp_path / "stick"
    done = wingdesk(folder, "--user", "boss", "--password-stdin", "backup", "--to", str(stick), "--keep", "2",
                    stdin=ADMIN_PW + "\n")
    assert done.returncode == 0 and "Backup written and checked" in done.stdout, done.stderr
    restored = wingdesk(folder, "--user", "boss", "--password-stdin", "restore", str(stick), stdin=ADMIN_PW + "\n")
    assert restored.returncode == 0 and "recorded in the audit log" in restored.stdout, restored.stderr
    assert "HQ" not in restored.stdout  # not enrolled: nothing to wait for
    audit = wingdesk(folder, "--user", "boss", "--password-stdin", "audit", "verify", stdin=ADMIN_PW + "\n")
    assert audit.returncode == 0, audit.stderr
    backup = next(stick.iterdir())
    data = bytearray((backup / "wing.db").read_bytes())
    data[-100] ^= 0xFF
    (backup / "wing.db").write_bytes(bytes(data))
    refused = wingdesk(folder, "--user", "boss", "--password-stdin", "restore", str(backup), stdin=ADMIN_PW + "\n")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert refused.stderr.strip().count("\n") == 0 and "damaged or incomplete" in refused.stderr
    assert ADMIN_PW not in refused.stderr + refused.stdout
    position = wingdesk(folder, "--user", "boss", "--password-stdin", "restore", "--continue-after", "3:zz",
                        stdin=ADMIN_PW + "\n")
    assert position.returncode == 2 and "SEQ:HASH" in position.stderr

"""`wingdesk verify`: exit 0 when everything holds, 1 naming the first bad item (never record text)."""

from tests.integration.test_cli import ADMIN_PW, wingdesk
from wingdesk.crypto.kdf import floor_params
from wingdesk.domain.roles import Role
from wingdesk.storage.backend import LocalWing

OFFICER_PW = "officer passphrase for verify"


def test_verify_then_a_raw_edit_is_named(tmp_path):
    folder = tmp_path / "wing"
    made = wingdesk(folder, "--password-stdin", "init", "--wing", "V-Wing", "--admin", "boss", stdin=ADMIN_PW + "\n")
    assert made.returncode == 0, made.stderr
    wing = LocalWing(folder, kdf=floor_params())
    admin = wing.sign_in("boss", ADMIN_PW)
    admin.users.add_user("off", "Olga Officer", Role.OFFICER, OFFICER_PW)
    admin.lock()
    officer = wing.sign_in("off", OFFICER_PW)
    officer.logs.add_entry("GENERAL", {"text": "Secret words on the landing"})
    officer.lock()
    ok = wingdesk(folder, "--user", "boss", "--password-stdin", "verify", stdin=ADMIN_PW + "\n")
    assert ok.returncode == 0, ok.stderr
    assert "Verified:" in ok.stdout and "1 record versions" in ok.stdout

    session = LocalWing(folder, kdf=floor_params()).sign_in("boss", ADMIN_PW)
    conn = session.ctx.repo.conn
    conn.execute("DROP TRIGGER records_append_only_u")
    conn.execute("UPDATE records SET body = replace(body, 'Secret', 'Other')")
    record_id = conn.execute("SELECT id FROM records").fetchone()[0]
    session.lock()
    for extra in ((), ("--every-signature",)):
        bad = wingdesk(folder, "--user", "boss", "--password-stdin", "verify", *extra, stdin=ADMIN_PW + "\n")
        assert bad.returncode == 1
        assert f"record:{record_id}:1" in bad.stderr and "content_changed" in bad.stderr
        assert "Secret" not in bad.stderr + bad.stdout and "Other" not in bad.stderr and "Traceback" not in bad.stderr

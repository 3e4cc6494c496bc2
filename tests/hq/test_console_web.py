"""The HQ console over Starlette's TestClient: sign-in and lock-out, sessions, form tokens, headers, escaping,
roles, enrolment and revocation refusals, the HQ→wing download; every action in HQ's audit log."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from tests.hq.conftest import Clock, Wing
from tests.hq.console_fixtures import ADMIN, ANALYST, IDLE_S, PASSPHRASE, SECURITY, form_token, make_hq
from wingdesk.hq.devices import enrol_device
from wingdesk.hq.ingest import ingest
from wingdesk.sync.reference import open_hq_bundle

HOSTILE = "<script>alert(1)</script> \"Krilo\" 'B' \u202egnp.exe"


@pytest.fixture
def hq(tmp_path, hq_keys):
    made = make_hq(tmp_path / "hq", hq_keys, Clock)
    yield made
    made.store.close()


def client(hq) -> TestClient:
    return TestClient(hq.app, base_url="https://testserver", follow_redirects=False)


def sign_in(c: TestClient, name: str = ADMIN, passphrase: str = PASSPHRASE):
    page = c.get("/login")
    return c.post("/login", data={"csrf": form_token(page.text, "/login"), "name": name, "passphrase": passphrase})


def test_sign_in_sets_a_strict_cookie_and_is_audited(hq):
    c = client(hq)
    answer = sign_in(c)
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "secure" in cookie and "samesite=strict" in cookie
    assert c.get("/").headers["location"] == "/devices"
    assert c.get("/devices").status_code == 200
    assert hq.audit("console_sign_in") == [("console_sign_in", "", f"staff={ADMIN} role=hq_admin")]


def test_a_new_session_id_after_sign_in(hq):
    c = client(hq)
    c.get("/login")
    before = c.cookies.get("wd_console")
    sign_in(c)
    assert c.cookies.get("wd_console") != before


def test_wrong_passphrase_is_one_sentence_and_audited(hq):
    answer = sign_in(client(hq), ADMIN, "not the passphrase at all")
    assert answer.status_code == 401 and "The name or the passphrase is wrong." in answer.text
    assert "Traceback" not in answer.text
    assert hq.audit("console_sign_in_refused")[0][2] == f"staff={ADMIN} wrong_password"


def test_lockout_after_repeated_failures(hq, monkeypatch):
    times = iter(range(10_000, 10**9, 10_000))  # far apart: the throttle's delays never apply
    monkeypatch.setattr("wingdesk.hq.console.auth_pages.time.time", lambda: next(times))
    c = client(hq)
    for _ in range(10):
        assert sign_in(c, ADMIN, "wrong wrong wrong wrong").status_code == 401
    locked = sign_in(c, ADMIN, PASSPHRASE)
    assert locked.status_code == 401 and "This account is locked" in locked.text


def test_throttle_between_failures(hq, monkeypatch):
    monkeypatch.setattr("wingdesk.hq.console.auth_pages.time.time", lambda: 50_000.0)
    c = client(hq)
    for _ in range(3):
        sign_in(c, ADMIN, "wrong wrong wrong wrong")
    answer = sign_in(c, ADMIN, PASSPHRASE)
    assert answer.status_code == 429 and "wait 1 seconds" in answer.text


def test_form_without_token_or_from_elsewhere_or_replayed_is_refused(hq):
    c = client(hq)
    page = c.get("/login")
    no_token = c.post("/login", data={"name": ADMIN, "passphrase": PASSPHRASE})
    assert no_token.status_code == 403 and "nothing was done" in no_token.text
    token = form_token(page.text, "/login")
    foreign = c.post("/login", data={"csrf": token, "name": ADMIN, "passphrase": PASSPHRASE},
                     headers={"Origin": "https://evil.example"})
    assert foreign.status_code == 403
    sign_in(c)
    devices = c.get("/devices").text
    token = form_token(devices, "/logout")
    assert c.post("/logout", data={"csrf": token}).status_code == 303
    sign_in(c)
    replay = c.post("/logout", data={"csrf": token})
    assert replay.status_code == 403 and "already sent" in replay.text
    assert len(hq.audit("console_form_refused")) == 3


def test_security_headers_on_every_page(hq):
    c = client(hq)
    sign_in(c)
    for answer in (c.get("/devices"), c.get("/login"), c.get("/nowhere"), c.get("/static/console.css")):
        csp = answer.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp and "script-src" not in csp
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "same-origin"
    assert c.get("/nowhere").status_code == 404
    assert "<script" not in c.get("/devices").text


def test_hostile_wing_name_is_shown_escaped(hq):
    wing = Wing(hq.ctx.keys, name=HOSTILE)
    data, code = wing.enrolment()
    enrol_device(hq.store, data, code, "prod", hq.ctx.clock())
    c = client(hq)
    sign_in(c)
    for page in (c.get("/devices").text, c.get(f"/devices/{wing.device_id}").text):
        assert "<script>alert" not in page and "\u202e" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&#34;Krilo&#34;" in page
        assert "\\u202egnp.exe" in page


@pytest.mark.parametrize("who", [ANALYST, SECURITY])
def test_other_roles_are_refused_the_operations_pages(hq, who):
    wing = Wing(hq.ctx.keys)
    data, code = wing.enrolment()
    enrol_device(hq.store, data, code, "prod", hq.ctx.clock())
    c = client(hq)
    sign_in(c, who)
    assert c.get("/").status_code == 200
    for path in ("/devices", f"/devices/{wing.device_id}"):
        answer = c.get(path)
        assert answer.status_code == 403 and "may not open this page" in answer.text
    home = c.get("/").text
    token = form_token(home, "/logout")  # a token this session really holds: the role, not the token, refuses
    refused = c.post(f"/devices/{wing.device_id}/revoke", data={"csrf": token, "reason": "x"})
    assert refused.status_code == 403
    assert len(hq.audit("console_refused")) == 3 and all(f"staff={who}" in r[2] for r in hq.audit("console_refused"))


def test_idle_session_ends_and_is_audited(hq):
    c = client(hq)
    sign_in(c)
    hq.clock.now += IDLE_S + 1
    answer = c.get("/devices")
    assert answer.status_code == 303 and answer.headers["location"] == "/login?expired=1"
    assert "Your session ended" in c.get("/login?expired=1").text
    assert len(hq.audit("console_session_expired")) == 1


def _enrol(c: TestClient, data: bytes, code: str):
    token = form_token(c.get("/devices").text, "/devices/enrol")
    return c.post("/devices/enrol", data={"csrf": token, "code": code}, files={"request": ("req.json", data)})


def test_enrol_refusals_and_success(hq):
    c = client(hq)
    sign_in(c)
    wing = Wing(hq.ctx.keys)
    data, code = wing.enrolment()
    wrong = _enrol(c, data, "AAAA-AAAA")
    assert wrong.status_code == 400 and "the code is not the one the wing shows" in wrong.text
    forged = data.replace(b'"wing_name":"Wing B"', b'"wing_name":"Wing C"')
    assert forged != data and _enrol(c, forged, code).status_code == 400
    assert _enrol(c, b"\x00garbage{", code).status_code == 400
    assert _enrol(c, b"x" * (70 * 1024), code).status_code == 413
    big = c.post("/devices/enrol", content=b"x" * (300 * 1024), headers={"content-type": "application/octet-stream"})
    assert big.status_code == 413 and "too large" in big.text
    for answer in (wrong, big):
        assert "Traceback" not in answer.text
    done = _enrol(c, data, code)
    assert done.status_code == 303 and done.headers["location"] == f"/devices/{wing.device_id}"
    page = c.get(done.headers["location"]).text
    assert f"Device {wing.device_id} enrolled for Wing B." in page
    again = _enrol(c, data, code)
    assert again.status_code == 400 and "already enrolled" in again.text
    assert [r[2] for r in hq.audit("console_enrol_refused")][:3] == [
        f"staff={ADMIN} enrolment_invalid", f"staff={ADMIN} enrolment_invalid", f"staff={ADMIN} enrolment_invalid"]
    assert hq.audit("console_enrolled") == [("console_enrolled", wing.device_id, f"staff={ADMIN}")]


def test_bundle_arrives_then_revoke_with_reason_and_download(hq):
    wing = Wing(hq.ctx.keys)
    data, code = wing.enrolment()
    enrol_device(hq.store, data, code, "prod", hq.ctx.clock())
    ingest(hq.ctx, wing.bundle(n=4))
    c = client(hq)
    sign_in(c)
    page = c.get(f"/devices/{wing.device_id}").text
    assert "No bundle has arrived" not in page and ">4</td>" in page
    base = f"/devices/{wing.device_id}"
    download = c.post(f"{base}/outbox", data={"csrf": form_token(page, f"{base}/outbox")})
    assert download.status_code == 200 and download.headers["content-disposition"].endswith('.wdb"')
    opened = open_hq_bundle(download.content, hq.ctx.keys.current.sign_public, wing.keys.enc_private,
                            wing.device_id, "prod")
    assert opened is not None
    page = c.get(f"/devices/{wing.device_id}").text
    empty = c.post(f"{base}/revoke", data={"csrf": form_token(page, f"{base}/revoke"), "reason": "  "})
    assert empty.status_code == 400
    page = c.get(f"/devices/{wing.device_id}").text
    revoked = c.post(f"/devices/{wing.device_id}/revoke",
                     data={"csrf": form_token(page, f"/devices/{wing.device_id}/revoke"), "reason": "PC stolen <b>"})
    assert revoked.status_code == 303
    assert "revoked after bundle 1" in c.get(f"/devices/{wing.device_id}").text
    assert hq.audit("console_revoked")[0][2] == f"staff={ADMIN} after_seq=1 reason=PC stolen <b>"
    assert len(hq.audit("console_outbox_downloaded")) == 1 and len(hq.audit("outbox_sealed")) == 1


def test_a_crash_is_one_sentence_without_a_traceback(hq, monkeypatch):
    def broken(_store):
        raise RuntimeError("secret detail")

    monkeypatch.setattr("wingdesk.hq.console.ops_pages.device_rows", broken)
    c = TestClient(hq.app, base_url="https://testserver", follow_redirects=False, raise_server_exceptions=False)
    sign_in(c)
    answer = c.get("/devices")
    assert answer.status_code == 500 and "Something went wrong" in answer.text
    assert "secret detail" not in answer.text and "Traceback" not in answer.text
    assert answer.headers["x-frame-options"] == "DENY"


def test_language_picker_translates_the_page(hq):
    c = client(hq)
    page = c.get("/login")
    answer = c.post("/language", data={"csrf": form_token(page.text, "/language"), "lang": "sq", "back": "//evil"})
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    assert '<html lang="sq">' in c.get("/login").text
    assert "Hyr</button>" in c.get("/login").text


def test_staff_add_from_the_command_line(tmp_path, monkeypatch, capsys):
    import io
    import sys

    from wingdesk.hq.cli import main

    data = tmp_path / "hq"
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long HQ passphrase for tests\n"))
    assert main(["--data", str(data), "--password-stdin", "init", "--kdf-memory-mib", "64"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    assert main(["--data", str(data), "staff", "add", "dana", "--role", "analyst"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    assert main(["--data", str(data), "staff", "add", "DANA", "--role", "analyst"]) == 1
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert main(["--data", str(data), "staff", "add", "<script>", "--role", "analyst"]) == 1
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert main(["--data", str(data), "staff", "add", "eve", "--role", "analyst"]) == 1
    assert main(["--data", str(data), "staff", "unlock", "dana"]) == 0
    err = capsys.readouterr().err
    assert "already exists" in err and "1 to 40 letters" in err and "Traceback" not in err


def test_audit_head_continuity_and_quarantine_reasons_are_shown(hq):
    from wingdesk.hq.console.queries import _continuity
    from wingdesk.hq.repository import QuarantineEntry

    rows = [(1, 10, "a", ""), (2, 12, "b", "a"), (3, 14, "c", "x"), (5, 20, "e", "d"), (6, 19, "f", "e")]
    assert [h.continuity for h in _continuity(rows)] == ["first", "continues", "break", "not_adjacent", "break"]
    wing = Wing(hq.ctx.keys)
    data, code = wing.enrolment()
    enrol_device(hq.store, data, code, "prod", hq.ctx.clock())
    with hq.store.transaction() as repo:
        for seq, audit_seq, entry, previous in rows[:3]:
            repo.add_audit_head(wing.device_id, seq, (seq, audit_seq, entry, previous, "u", b"s"))
        repo.quarantine_bundle(QuarantineEntry("h", "b", wing.device_id, 4, "audit_chain_rewritten <i>",
                                               "2025-03-01T10:00:00Z", b"x"), None, 0)
        repo.quarantine_bundle(QuarantineEntry("h2", "b2", wing.device_id, 5, "audit_chain_rewritten",
                                               "2025-03-01T11:00:00Z", b"x"), None, 0)
    c = client(hq)
    sign_in(c)
    page = c.get(f"/devices/{wing.device_id}").text
    assert page.count('class="tag bad">break<') == 1 and page.count('class="tag ok">continues<') == 1
    assert "rewritten after HQ had seen it." in page and "audit_chain_rewritten &lt;i&gt;" in page


def test_the_operations_pages_on_either_database(tmp_path, store, hq_keys):
    """SQLite and PostgreSQL (when WINGDESK_TEST_PG is set): staff table, sign-in, enrolment, a bundle, quarantine."""
    hq = make_hq(tmp_path, hq_keys, Clock, store)
    c = client(hq)
    assert sign_in(c).status_code == 303
    wing = Wing(hq.ctx.keys)
    data, code = wing.enrolment()
    assert _enrol(c, data, code).status_code == 303
    ingest(hq.ctx, wing.bundle(n=2))
    fork = Wing(hq.ctx.keys)
    fork.device_id, fork.keys = wing.device_id, wing.keys
    ingest(hq.ctx, fork.bundle(n=1))  # another bundle 1 from the same device: quarantined
    page = c.get(f"/devices/{wing.device_id}").text
    assert ">2</td>" in page and "Nothing from this device is in quarantine." not in page
    assert hq.audit("console_enrolled")[0][1] == wing.device_id


def test_the_devices_list_reads_what_the_status_report_reads(tmp_path, store, hq_keys):
    """console.device_list's grouped queries against hq.reports.device_statuses' per-device ones."""
    from dataclasses import replace

    from wingdesk.hq.console.device_list import device_rows
    from wingdesk.hq.devices import revoke_device
    from wingdesk.hq.reports import device_statuses

    hq = make_hq(tmp_path, hq_keys, Clock, store)
    wings = [Wing(hq.ctx.keys, name=f"Wing {i}") for i in range(3)]
    for wing in wings:
        data, code = wing.enrolment()
        enrol_device(hq.store, data, code, "prod", hq.ctx.clock())
    sent = [wings[0].bundle(n=2) for _ in range(5)]
    for index in (0, 2, 4):  # bundles 2 and 4 missing
        ingest(hq.ctx, sent[index])
    ingest(hq.ctx, wings[1].bundle(n=1))
    fork = Wing(hq.ctx.keys)
    fork.device_id, fork.keys = wings[1].device_id, wings[1].keys
    ingest(hq.ctx, fork.bundle(n=1))
    with hq.store.transaction() as repo:
        repo._exec("UPDATE bundles SET clock_skew_s = -90000 WHERE device_id = ? AND seq = 1", (wings[0].device_id,))
        repo._exec("UPDATE bundles SET clock_skew_s = 100000 WHERE device_id = ? AND seq = 3", (wings[0].device_id,))
        for seq, audit_seq in ((1, 5), (3, 9)):
            repo.add_audit_head(wings[0].device_id, seq, (seq, audit_seq, "h", "", "u", b"s"))
    revoke_device(hq.store, wings[2].device_id, hq.ctx.clock())
    expected = [replace(row, last_quarantine_seq=None, last_quarantine_reason="") for row in device_statuses(store)]
    assert device_rows(store) == expected
    assert expected[0].gaps == [2, 4] and expected[0].clock_skew_s == 100000 and expected[0].audit_head_seq == 9
    assert expected[1].quarantined_bundles == 1


def test_a_flood_of_sign_in_pages_does_not_sign_anyone_out(monkeypatch):
    from wingdesk.hq.console import sessions as module

    monkeypatch.setattr(module, "MAX_SESSIONS", 50)
    store = module.Sessions(600, lambda: 0.0)
    token, _ = store.new("admin.ana", "hq_admin")
    for _ in range(500):  # anonymous sessions, as GET /login makes them
        store.new()
    assert store.find(token)[0] is not None

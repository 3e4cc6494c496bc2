"""Subject access at HQ (issue 19 item 3): a prisoner's copy of everything HQ holds on them across wings, by the
wings' rules. Canaries in a do-not-disclose alert, a withheld record (and the reason for withholding it), an
intelligence report, a security task and a sealed clinical field never reach either file or the audit; records from
two wings are both in it, with earlier versions and amendments; the disclosure is audited by ids and counts; an
unknown prison number, a wrong passphrase or a non-administrator gets one sentence and exit 1. On SQLite, and on
PostgreSQL when WINGDESK_TEST_PG is set (the `store` fixture's backends)."""

from __future__ import annotations

import io
import json
import os
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.hq.conftest import Wing, enrol
from wingdesk.domain.records import Amendment, Record, new_id
from wingdesk.hq.cli import main
from wingdesk.hq.console.staff import add_staff, ensure_table
from wingdesk.hq.ingest import ingest
from wingdesk.hq.keystore import KEYSTORE_NAME, KdfParams, save_keystore
from wingdesk.hq.outbox import add_reference
from wingdesk.hq.subject_access import DECISION, UNKNOWN_KIND, SubjectAccessRefused
from wingdesk.hq.subject_access_doc import export_copy
from wingdesk.sync.wing_records import extra_line, record_line

NUMBER, OTHER_NUMBER = "PN-4410-B", "PN-4410"  # one a prefix of the other: never mixed up
DNP = "canary do-not-disclose zqj1"
WITHHELD, WITHHOLD_REASON = "canary withheld record zqj2", "canary source would be known zqj3"
INTEL, TASK, SEALED = "canary intelligence zqj4", "canary security task zqj5", "canary sealed clinical zqj6"
NEVER = (DNP, WITHHELD, WITHHOLD_REASON, INTEL, TASK, SEALED)
ADMIN, PASSPHRASE = "admin.ana", "violet harbour seven lanterns"
NOW = datetime(2026, 12, 7, 16, 0, tzinfo=UTC)


def _record(kind: str, body: dict, prisoner_id: str, wing: str, rev: int = 1, record_id: str | None = None,
            at: str = "2026-03-14T09:00:00Z") -> Record:
    return Record(id=record_id or new_id(), kind=kind, wing=wing, prisoner_id=prisoner_id, author_id="u-1",
                  author_name="Officer Ana", author_role="OFFICER", occurred_at=at, recorded_at=at, body=body,
                  revision=rev)


def _amend(record: Record, kind: str, text: str, at: str) -> dict:
    a = Amendment(id=new_id(), record_id=record.id, kind=kind, author_id="u-2", author_name="Governor Ila", at=at,
                  text=text)
    return {"id": a.id, "record_id": a.record_id, "kind": kind, "author_id": a.author_id,
            "author_name": a.author_name, "at": a.at, "text": a.text, "content_sha256": a.content_sha256()}


class TwoWings:
    """Wing A and wing B each hold the prisoner under their own id; HQ holds what they sent."""

    def __init__(self, ctx, hq_keys) -> None:
        self.a = enrol(ctx, Wing(hq_keys, name="Prison Zenica / Wing A"))
        self.b = enrol(ctx, Wing(hq_keys, name="Prison Foča / Wing B"))
        self.pid_a, self.pid_b = str(uuid.uuid4()), str(uuid.uuid4())
        obs = _record("observation", {"category": "NEEDS_REQUEST", "what_seen_heard": "asked for a Koran class"},
                      self.pid_a, "Wing A")
        self.corrected = _record("observation", {"category": "POSITIVE_ENGAGEMENT",
                                                 "what_seen_heard": "first version text"}, self.pid_a, "Wing A")
        newer = _record("observation", {"category": "POSITIVE_ENGAGEMENT", "what_seen_heard": "second version text"},
                        self.pid_a, "Wing A", rev=2, record_id=self.corrected.id)
        dnp = _record("alert", {"code": "DO_NOT_DISCLOSE", "description": DNP, "active_from": "2026-03-01"},
                      self.pid_a, "Wing A")
        withheld = _record("observation", {"category": "CONCERN", "what_seen_heard": WITHHELD}, self.pid_a,
                           "Wing A")
        lifted = _record("observation", {"category": "ROUTINE_CHANGE", "what_seen_heard": "lifted then shown"},
                         self.pid_a, "Wing A")
        intel = _record("intelligence_report", {"subject": "PRISONER", "report_text": INTEL}, self.pid_a, "Wing A")
        task = _record("security_task", {"instruction": TASK}, self.pid_a, "Wing A")
        note = _record("progress_note", {"discipline": "PSY", "text": f"wdseal:{SEALED}"}, self.pid_b, "Wing B")
        plan = _record("plan", {"status": "ACTIVE", "reason_for_plan": "wing B plan text",
                                "prisoner_goals_own_words": "finish school"}, self.pid_b, "Wing B",
                       at="2026-05-01T10:00:00Z")
        future = _record("kind_from_a_newer_wing", {"text": "unknown kind text"}, self.pid_b, "Wing B")
        someone_else = _record("observation", {"category": "CONCERN", "what_seen_heard": "other prisoner text"},
                               str(uuid.uuid4()), "Wing A")
        self.records = {"obs": obs, "corrected": self.corrected, "dnp": dnp, "withheld": withheld, "lifted": lifted,
                        "intel": intel, "task": task, "note": note, "plan": plan, "future": future}
        lines_a = [record_line(r, NUMBER, self.a.device_id, "0") for r in
                   (obs, self.corrected, newer, dnp, withheld, lifted, intel, task)]
        lines_a.append(record_line(someone_else, OTHER_NUMBER, self.a.device_id, "0"))
        self.withhold = _amend(withheld, "withhold", WITHHOLD_REASON, "2026-03-15T08:00:00Z")
        extras = [self.withhold,
                  _amend(self.corrected, "amendment", "correction: it was Tuesday", "2026-03-15T09:00:00Z"),
                  _amend(obs, "prisoner_comment", "I only asked once", "2026-03-16T09:00:00Z"),
                  _amend(lifted, "withhold", "temporary hold zqj7", "2026-03-15T08:00:00Z"),
                  _amend(lifted, "disclose", "source moved on", "2026-03-17T08:00:00Z")]
        lines_a += [extra_line("amendment", e, self.a.device_id, "0") for e in extras]
        lines_b = [record_line(r, NUMBER, self.b.device_id, "0") for r in (note, plan, future)]
        for wing, lines in ((self.a, lines_a), (self.b, lines_b)):
            assert ingest(ctx, wing.bundle(lines)).outcome == "accepted"
        prisoner = {"number": NUMBER, "given_name": "Ajla", "family_name": "Canarić", "sex": "F",
                    "legal_status": "CONVICTED", "cell": "A-12"}
        add_reference(ctx, "roster", {"event": "admission", "prisoner": prisoner}, self.a.device_id)
        add_reference(ctx, "roster", {"event": "transfer_in", "prisoner": {**prisoner, "cell": "B-3"}},
                      self.b.device_id)
        add_reference(ctx, "roster", {"event": "admission", "prisoner": {**prisoner, "number": OTHER_NUMBER,
                                                                         "given_name": "Not Her"}})


def _files(paths: list[Path]) -> tuple[dict, str]:
    by_suffix = {p.suffix: p for p in paths}
    return json.loads(by_suffix[".json"].read_text("utf-8")), by_suffix[".html"].read_text("utf-8")


def _audit(store) -> list[dict]:
    with store.transaction(write=False) as repo:
        rows = repo._rows("SELECT detail FROM audit WHERE action = 'subject_access' ORDER BY id")
    return [json.loads(r[0]) for r in rows]


def test_the_copy_covers_both_wings_and_never_holds_what_is_withheld(ctx, hq_keys, tmp_path):
    held = TwoWings(ctx, hq_keys)
    copy, paths = export_copy(ctx.store, NUMBER, tmp_path / "out", ADMIN, "Request of 1 Dec 2026, ref 55", NOW,
                              lambda s: s)
    data, html = _files(paths)
    everything = (paths[0].read_bytes() + paths[1].read_bytes()).decode("utf-8")
    for canary in (*NEVER, "temporary hold zqj7", "source moved on", "other prisoner text", "unknown kind text"):
        assert canary not in everything
    assert data["format"] == "wingdesk-hq-subject-access/1"
    wings = {w["wing"]: w["items"] for w in data["wings"]}
    assert set(wings) == {"Wing A", "Wing B"}
    ids = {i["record_id"] for items in wings.values() for i in items}
    r = held.records
    assert ids == {r["obs"].id, r["corrected"].id, r["lifted"].id, r["note"].id, r["plan"].id}
    corrected = next(i for i in wings["Wing A"] if i["record_id"] == r["corrected"].id)
    assert corrected["revision"] == 2 and corrected["body"]["what_seen_heard"] == "second version text"
    assert corrected["earlier_versions"][0]["body"]["what_seen_heard"] == "first version text"
    assert [n["text"] for n in corrected["notes"]] == ["correction: it was Tuesday"]
    note = next(i for i in wings["Wing B"] if i["record_id"] == r["note"].id)
    assert note["sealed_fields"] == ["text"] and "text" not in note["body"]
    assert "by Officer Ana (Wing officer)" in html
    assert "I only asked once" in html and "second version text" in html and "first version text" in html
    assert "<script" not in html and "src=" not in html  # self-contained, nothing fetched
    # the profile from the roster events HQ sent, newest last; another prisoner's event is not theirs
    assert data["prisoner"]["family_name"] == "Canarić" and data["prisoner"]["cell"] == "B-3"
    assert [e["event"] for e in data["roster_events"]] == ["admission", "transfer_in"]
    assert "Not Her" not in everything and "Canarić" in html
    # the withholdings are recorded at HQ by id and reason code, without their text
    (entry,) = _audit(ctx.store)
    assert entry["by"] == ADMIN and entry["disclosed"] == 5 and entry["wings"] == 2
    assert entry["reason"] == "Request of 1 Dec 2026, ref 55"
    assert sorted(entry["prisoner_ids"]) == sorted([held.pid_a, held.pid_b])
    assert sorted(map(tuple, entry["withheld"])) == sorted([
        (r["dnp"].id, "alert", "do_not_disclose_alert", ""),
        (r["withheld"].id, "observation", DECISION, held.withhold["id"]),
        (r["future"].id, "kind_from_a_newer_wing", UNKNOWN_KIND, "")])
    audit_text = json.dumps(entry)
    for canary in (*NEVER, NUMBER, "Officer Ana", "Canarić", r["intel"].id, r["task"].id):
        assert canary not in audit_text  # no text, no number, no name; intelligence not even listed
    assert entry["sha256"]["json"] and entry["sha256"]["html"]
    assert len(copy.withheld) == 3
    if os.name == "posix":
        assert all(p.stat().st_mode & 0o777 == 0o600 for p in paths)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in paths)  # no .partial


def test_an_unknown_number_or_no_reason_writes_nothing_and_audits_nothing(ctx, hq_keys, tmp_path):
    TwoWings(ctx, hq_keys)
    from wingdesk.domain.errors import NotFound

    with pytest.raises(NotFound):
        export_copy(ctx.store, "PN-4410-", tmp_path / "out", ADMIN, "request", NOW, lambda s: s)
    with pytest.raises(SubjectAccessRefused):
        export_copy(ctx.store, NUMBER, tmp_path / "out", ADMIN, "   ", NOW, lambda s: s)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    assert _audit(ctx.store) == []


def test_a_failed_audit_leaves_no_file(ctx, hq_keys, tmp_path, monkeypatch):
    TwoWings(ctx, hq_keys)

    def broken(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("wingdesk.hq.subject_access_doc.record_disclosure", broken)
    with pytest.raises(OSError):
        export_copy(ctx.store, NUMBER, tmp_path / "out", ADMIN, "request", NOW, lambda s: s)
    assert list((tmp_path / "out").iterdir()) == []


def _cli(tmp_path, backend, monkeypatch, capsys, *args, stdin=PASSPHRASE + "\n"):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    db = ["--db", backend] if backend else []
    code = main(["--data", str(tmp_path / "hq"), *db, "--lang", "en", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.timeout(120)
def test_the_command_needs_an_hq_administrator_and_says_one_sentence(ctx, hq_keys, backend, tmp_path, monkeypatch,
                                                                      capsys):
    TwoWings(ctx, hq_keys)
    save_keystore(tmp_path / "hq" / KEYSTORE_NAME, hq_keys, b"pass", KdfParams(64 * 1024, 3, 1))
    ensure_table(ctx.store)
    add_staff(ctx.store, ADMIN, "hq_admin", PASSPHRASE, NOW)
    add_staff(ctx.store, "analyst.ben", "analyst", PASSPHRASE, NOW)
    out = tmp_path / "copy"
    base = ("subject-access", "--out", str(out), "--reason", "written request ref 55")
    code, _out, err = _cli(tmp_path, backend, monkeypatch, capsys, *base, "PN-0000", "--staff", ADMIN)
    assert code == 1 and err == "Error: HQ holds nothing under this prison number.\n"
    code, _out, err = _cli(tmp_path, backend, monkeypatch, capsys, *base, NUMBER, "--staff", ADMIN,
                           stdin="wrong passphrase entirely\n")
    assert code == 1 and err == "Error: The name or the passphrase is wrong.\n"
    code, _out, err = _cli(tmp_path, backend, monkeypatch, capsys, *base, NUMBER, "--staff", "analyst.ben")
    assert code == 1 and err.count("\n") == 1 and "HQ administrator" in err
    assert not out.exists() and _audit(ctx.store) == []
    with ctx.store.transaction(write=False) as repo:
        refused = [json.loads(r[0]) for r in repo._rows(
            "SELECT detail FROM audit WHERE action = 'subject_access_refused' ORDER BY id")]
    assert refused == [{"by": ADMIN, "refused": "unknown_prisoner"}, {"by": ADMIN, "refused": "wrong_password"},
                       {"by": "analyst.ben", "refused": "not_hq_admin"}]
    code, printed, err = _cli(tmp_path, backend, monkeypatch, capsys, *base, NUMBER, "--staff", ADMIN)
    assert code == 0, err
    assert "Records disclosed: 5 (wings: 2); withheld: 3." in err
    files = [Path(line) for line in printed.splitlines()]
    assert sorted(p.suffix for p in files) == [".html", ".json"] and all(p.exists() for p in files)
    assert _audit(ctx.store)[0]["by"] == ADMIN


def test_the_console_page_hands_the_copy_as_a_zip_to_an_administrator_only(ctx, hq_keys, tmp_path):
    import zipfile

    from starlette.testclient import TestClient

    from tests.hq.conftest import Clock
    from tests.hq.console_fixtures import ANALYST, form_token, make_hq

    TwoWings(ctx, hq_keys)
    hq = make_hq(tmp_path / "console", hq_keys, Clock, store=ctx.store)

    def signed_in(name: str) -> TestClient:
        c = TestClient(hq.app, base_url="https://testserver", follow_redirects=False)
        page = c.get("/login")
        c.post("/login", data={"csrf": form_token(page.text, "/login"), "name": name, "passphrase": PASSPHRASE})
        return c

    analyst = signed_in(ANALYST)
    assert analyst.get("/subject-access").status_code == 403
    c = signed_in(ADMIN)
    page = c.get("/subject-access")
    assert page.status_code == 200
    answer = c.post("/subject-access", data={"csrf": form_token(page.text, "/subject-access"), "number": "PN-0",
                                             "reason": "request ref 9"})
    assert answer.status_code == 404 and "HQ holds nothing under this prison number." in answer.text
    assert _audit(ctx.store) == []
    page = c.get("/subject-access")
    answer = c.post("/subject-access", data={"csrf": form_token(page.text, "/subject-access"), "number": NUMBER,
                                             "reason": "request ref 9"})
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(answer.content))
    assert sorted(n.rsplit(".", 1)[-1] for n in archive.namelist()) == ["html", "json"]
    text = "".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    assert "second version text" in text and not any(canary in text for canary in NEVER)
    (entry,) = _audit(ctx.store)
    assert entry["by"] == ADMIN and entry["reason"] == "request ref 9" and entry["disclosed"] == 5


def test_the_readable_copy_is_in_the_operators_language(ctx, hq_keys, tmp_path):
    from wingdesk.i18n import translations

    TwoWings(ctx, hq_keys)
    _copy, paths = export_copy(ctx.store, NUMBER, tmp_path / "out", ADMIN, "захтев", NOW,
                               translations("sr").gettext)
    _data, html = _files(paths)
    assert f"Записи о вама које чува Управа: евиденциони број {NUMBER}" in html
    assert "Ваш коментар" in html


def test_a_record_once_a_do_not_disclose_alert_stays_out_whatever_its_newer_version_says(ctx, hq_keys, tmp_path):
    held = TwoWings(ctx, hq_keys)
    first = _record("alert", {"code": "DO_NOT_DISCLOSE", "description": "canary earlier dnp zqj8",
                              "active_from": "2026-03-01"}, held.pid_a, "Wing A")
    second = _record("alert", {"code": "VULNERABLE", "description": "canary later version zqj9",
                               "active_from": "2026-03-01"}, held.pid_a, "Wing A", rev=2, record_id=first.id)
    lines = [record_line(r, NUMBER, held.a.device_id, "0") for r in (first, second)]
    assert ingest(ctx, held.a.bundle(lines)).outcome == "accepted"
    copy, paths = export_copy(ctx.store, NUMBER, tmp_path / "out", ADMIN, "request", NOW, lambda s: s)
    everything = b"".join(p.read_bytes() for p in paths).decode("utf-8")
    assert "zqj8" not in everything and "zqj9" not in everything
    assert (first.id, "alert", "do_not_disclose_alert", "") in {tuple(w) for w in _audit(ctx.store)[0]["withheld"]}

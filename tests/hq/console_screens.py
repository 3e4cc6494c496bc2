"""Screenshots of every HQ console page at 1280x800, in English and the languages asked for, from a demo HQ.

    .venv/bin/python -m tests.hq.console_screens OUT_DIR [LANG ...]     # default: en sq mk

The demo HQ holds three wings (one with a hostile name), accepted bundles with a gap, a wrong clock, a chain of
audit heads with a break and quarantined bundles, so each table and warning is on screen. Data that only a real
wing could produce (audit heads, quarantine entries, skew) is written straight into the store: this is a picture,
not a test.
"""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pyrage

from tests.hq.conftest import Clock, Wing
from tests.hq.console_browser import chromium, serving, sign_in
from tests.hq.console_fixtures import ADMIN, ANALYST, IDLE_S, PASSPHRASE, SECURITY, make_hq
from tests.hq.test_research import line
from wingdesk.hq.devices import enrol_device, revoke_device
from wingdesk.hq.ingest import ingest
from wingdesk.hq.keystore import HqKeys
from wingdesk.hq.outbox import build_outbox_bundle
from wingdesk.hq.repository import QuarantineEntry
from wingdesk.sync import keys
from wingdesk.sync.payload import record_content_hash

WINGS = ("Idrizovo – Krilo B", "Zenica – Paviljon 3", "<script>alert(1)</script> \"Krilo\" \u202eC")


def research_lines(seed: int) -> list[dict]:
    """Records of the kinds the research store reads, over six months, some cells under 5 (suppressed)."""
    made = []
    for n in range(240):
        who, month = f"00000000-0000-4000-8000-{seed:04d}{n % 90:08d}", f"2026-{n % 6 + 1:02d}-1{n % 9}T09:00:00Z"
        pick = (n + seed) % 4
        if pick == 0:
            polarity = ("CONCERN", "POSITIVE", "NEUTRAL")[min(2, n * n % 11 // 4)]
            made.append(line("observation", {"category": "NEEDS_REQUEST", "source_type": "DIRECT",
                                             "what_seen_heard": "x", "polarity": polarity}, who, occurred_at=month))
        elif pick == 1:
            made.append(line("assessment", {"assessment_kind": "PERIODIC", "instrument_id": "wd.extremism_risk_spj",
                                            "instrument_version": 1, "status": "COUNTERSIGNED",
                                            "level": ("LOW", "MODERATE", "HIGH")[(n * n + n // 40) % 7 % 3]}, who,
                             occurred_at=month))
        elif pick == 2:
            areas = ("FINANCE", "EDUCATION_TRAINING_EMPLOYMENT", "ACCOMMODATION", "FAITH_PASTORAL")
            made.append(line("plan", {"reason_for_plan": "x", "prisoner_goals_own_words": "x", "status": "ACTIVE",
                                      "agreement_status": "AGREED",
                                      "needs": [{"area": areas[n * n % 13 % 4], "goal_text": "x"}],
                                      "steps": [{"step_type": ("EDUCATION", "MENTORING_PEER")[n % 2],
                                                 "description": "x", "responsible_person": "x",
                                                 "status": ("COMPLETED", "IN_PROGRESS", "PLANNED")[n * 7 % 5 % 3]}]},
                             who, occurred_at=month))
        else:
            made.append(line("admission", {"number": "x", "family_name": "x", "given_name": "x",
                                           "sex": "F" if n % 3 == 0 else "M", "legal_status": "CONVICTED",
                                           "first_time": n % 2 == 0, "date_of_birth": "2006-05-01" if n % 4 == 3
                                           else "1985-05-01", "admission_date": month[:10]}, who, occurred_at=month))
    return made


def security_lines(seed: int) -> list[dict]:
    """Graded intelligence reports (issue 17 item 5) linking eight prisoners, one C-coded and released, one with a
    hostile text; each prisoner's number given by the reports' lines."""
    from tests.hq.test_console_security import HOSTILE, NUMBERS, report

    people = [f"00000000-0000-4000-9000-{seed:04d}{n:08d}" for n in range(8)]
    NUMBERS.update({p: f"{('ID', 'ZE')[seed]}-{4410 + n}/26" for n, p in enumerate(people)})
    grades = (("SRC_2", "INT_B", "HANDLE_P"), ("SRC_1", "INT_A", "HANDLE_P"), ("SRC_1", "INT_B", "HANDLE_C"),
              ("SRC_3", "INT_C", "HANDLE_P"))
    made = []
    for n in range(14):
        grade = grades[n % 4]
        made.append(report(people[n % 5], [people[(n + 1) % 8], people[(n * 3 + 2) % 8]][: 1 + n % 2], grade=grade,
                           released=grade[2] == "HANDLE_C", month=f"2026-{n % 5 + 1:02d}",
                           text=HOSTILE if n == 3 else "Seen passing a phone at the workshop door; two officers agree.",
                           wing=("Krilo B", "Paviljon 3")[seed],
                           linked_reports=[made[-1]["record_id"]] if made else [],
                           dissemination=[{"to": "GOVERNOR", "reason": "Cell search requested", "by": "sec.ivo",
                                           "at": "2026-05-02T08:00:00Z"}] if n % 3 == 0 else []))
    return made


STAFF = [(f"00000000-0000-4000-9000-{n:012d}", role) for n, role in
         enumerate(("officer",) * 6 + ("supervisor", "supervisor", "security", "treatment", "governor", "admin"))]


def training_lines() -> list[dict]:
    """The training nine of the first wing's twelve staff completed, some long enough ago that the refresher is
    overdue: the training coverage page (issue 18)."""
    made = []
    for n, (user_id, _role) in enumerate(STAFF[:9]):
        for module, day in (("wd.objective_observations", "2025-02-10" if n % 4 else "2022-01-10"),
                            ("wd.dynamic_security", "2025-02-12"), ("wd.radicalisation_awareness", "2025-01-20")):
            if (n + len(module)) % 3 == 0:
                continue
            made.append(line("training_completion", {"module_id": module, "module_version": 2, "language": "mk",
                                                     "correct": 6, "questions": 6, "completed_on": day}, None,
                             occurred_at=f"{day}T09:00:00Z"))
            made[-1]["body"]["record"]["author_id"] = user_id
            made[-1]["content_hash"] = record_content_hash(made[-1]["body"])
    return made


def staff_keys(hq, device_id: str) -> None:
    """The twelve staff's signing keys, written straight into the store after their bundles (a device with keys
    has its authors' signatures checked, and these lines are not signed)."""
    with hq.store.transaction() as repo:
        for user_id, role in STAFF:
            repo._exec("INSERT INTO user_keys (device_id, user_id, role, public_key, added_at, source) VALUES "
                       "(?, ?, ?, ?, ?, ?)", (device_id, user_id, role, bytes(32), "2025-02-01T00:00:00Z", "enrol"))


def build(folder: Path):
    hq = make_hq(folder, HqKeys("prod", "HQ", "2025-01-01T00:00:00Z", keys.generate_key_pairs()), Clock)
    wings = [Wing(hq.ctx.keys, name=name) for name in WINGS]
    for wing in wings:
        data, code = wing.enrolment()
        enrol_device(hq.store, data, code, "prod", datetime(2025, 2, 1, tzinfo=UTC))
    main = wings[0]
    sent = [main.bundle(n=n) for n in (12, 7, 30, 4, 9, 15)]
    for index, data in enumerate(sent):
        if index != 3:  # bundle 4 never arrives: a gap
            ingest(hq.ctx, data)
    ingest(hq.ctx, wings[1].bundle(n=3))
    ingest(hq.ctx, main.bundle(research_lines(0)))  # the analyst's dashboard (issue 17 item 4)
    ingest(hq.ctx, wings[1].bundle(research_lines(1)))
    ingest(hq.ctx, main.bundle(security_lines(0)))  # HQ security's pages (issue 17 item 5)
    ingest(hq.ctx, wings[1].bundle(security_lines(1)))
    ingest(hq.ctx, main.bundle(training_lines()))  # the training coverage page (issue 18)
    staff_keys(hq, main.device_id)
    with hq.store.transaction() as repo:
        repo._exec("UPDATE bundles SET clock_skew_s = ? WHERE device_id = ? AND seq IN (2, 3)",
                   (-3 * 3600 - 60, main.device_id))
        previous = ""
        for seq, audit_seq in ((1, 40), (2, 55), (3, 71), (5, 80), (6, 64)):
            entry = f"{seq:02d}" * 32
            repo.add_audit_head(main.device_id, seq, (seq, audit_seq, entry, previous, "user", b"s"))
            previous = entry
        for seq, reason in ((7, "audit_chain_shortened"), (8, "fork"), (9, "countersignature_bad_signature")):
            repo.quarantine_bundle(QuarantineEntry(f"h{seq}", f"b{seq}", main.device_id, seq, reason,
                                                   f"2025-03-0{seq - 5}T10:00:00Z", b"x"), None, 0)
    revoke_device(hq.store, wings[1].device_id, datetime(2025, 3, 2, tzinfo=UTC))
    exchanged(hq)
    return hq, wings


def exchanged(hq) -> None:
    """Two services trusted for exchange, one with a hostile name; a module adopted, an instrument and a module
    waiting (issue 17 item 6)."""
    from tests.module_packages import package
    from wingdesk.config.package_data import shipped_instruments
    from wingdesk.domain.canonical import canonical_bytes
    from wingdesk.hq.exchange import read_item, seal_item
    from wingdesk.hq.exchange_keys import ExchangeIdentity, key_file, read_key_file
    from wingdesk.hq.exchange_store import adopt, receive, received_items, trust
    from wingdesk.hq.instruments import sign_instrument
    from wingdesk.hq.modules import sign_module

    at = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)
    me = ExchangeIdentity("HQ", "prod", keys.generate_key_pairs())
    senders = [ExchangeIdentity(name, "prod", keys.generate_key_pairs())
               for name in ("Uprava za izvršenje krivičnih sankcija", "<script>alert(1)</script> \"Služba\"")]
    other_hq = keys.generate_key_pairs().sign_private
    items = [read_item("module", sign_module(canonical_bytes(package(2)), other_hq, at)[1]),
             read_item("instrument", sign_instrument(shipped_instruments()[0], other_hq, at)[1]),
             read_item("module", sign_module(canonical_bytes(package(1, "wd.hostile_module")), other_hq, at)[1])]
    for sender in senders:
        key = read_key_file(key_file(sender))
        trust(hq.store, key, key.fingerprint, me.public(), "prod", at)
    for sender, item in zip((senders[0], senders[0], senders[1]), items, strict=True):
        receive(hq.store, me, seal_item(sender, me.public(), item, at), at)
    adopt(hq.store, received_items(hq.store)[0].exchange_id, hq.ctx.keys.current.sign_private, ADMIN, at,
          lambda _data: None)
def publish_screens(page, base: str, snap, lang: str, hq, device_id: str) -> None:
    """Publishing (issue 17 item 3): a module previewed, an older instrument refused, the list of publications."""
    from tests.hq.test_console_publish import instrument
    from tests.module_packages import package

    def upload(kind: str, data: bytes) -> None:
        page.goto(f"{base}/publish")
        page.select_option("select[name=kind]", kind)
        page.set_input_files("input[name=file]", files=[{"name": "upload.json", "mimeType": "application/json",
                                                         "buffer": data}])
        page.click("form[action='/publish/preview'] button")

    published = getattr(hq, "_screens_version", 1)  # each language's pass publishes the next version, in any order
    version = hq._screens_version = published + 1
    upload("instrument", instrument(version))
    snap("publish-preview", lang)
    page.click("form[action='/publish'] button")
    build_outbox_bundle(hq.ctx, device_id)  # the first wing's bundle carries it; the others wait
    upload("training_module", json.dumps(package(version=version, module_id="wd.new_intervention",
                                                 languages=("en", "mk", "sq"))).encode())
    snap("publish-preview-module", lang)
    page.click("form[action='/publish'] button")
    from tests.code_list_documents import ANGER, RESTORE, data
    upload("code_list", data(version, [{"code": "ANGER_MANAGEMENT", "label": ANGER},
                                        {"code": "RJ_CIRCLE", "label": RESTORE, "retired": True}]))
    snap("publish-preview-codelist", lang)
    page.click("form[action='/publish'] button")
    upload("instrument", instrument(1))
    snap("publish-refused", lang)
    from tests.translation_files import po_file

    named = "Signed in as {name}"
    page.goto(f"{base}/publish")
    page.select_option("select[name=kind]", "translation")
    page.set_input_files("input[name=file]", files=[{"name": "mk.po", "mimeType": "text/x-gettext-translation",
                                                     "buffer": po_file("mk", {
                                                         "Prisoners": "Лица лишени од слобода",
                                                         "&File": "&Датотека <b>нова</b>", named: "Најавени",
                                                         "A text no program has": "Текст"})}])
    page.click("form[action='/publish/preview'] button")
    snap("publish-translation", lang)
    page.click("form[action='/publish'] button")
    page.goto(f"{base}/publish")
    snap("publish", lang)
    page.goto(f"{base}/publish/agencies")
    for name, kind in ((f"Probation Office, North District ({lang})", "probation"), (f"Most NGO ({lang})", "ngo")):
        page.fill("input[name=name]", name)
        page.select_option("select[name=type]", kind)
        page.fill("input[name=recipient]", str(pyrage.x25519.Identity.generate().to_public()))
        page.click("form[action='/publish/agencies'] button")
    snap("agencies", lang)
    page.fill("input[name=name]", "Typo Agency")
    page.fill("input[name=recipient]", "age1typo")
    page.click("form[action='/publish/agencies'] button")
    snap("agency-refused", lang)
    vetted(page, base, snap, lang)
    hierarchy_screens(page, base, snap, lang, hq)


def hierarchy_screens(page, base: str, snap, lang: str, hq) -> None:
    """The prison/wing hierarchy (issue 17 item 3): a revision edited in the box and previewed (a PC assigned or
    moved, a capacity changed, a wing closed), the page with the revision in force, a PC given to two wings refused."""
    from tests.hierarchy_documents import document
    from wingdesk.hq import hierarchy

    current = hierarchy.current(hq.store)
    revision = current.revision + 1 if current else 1
    with hq.store.transaction(write=False) as repo:
        pcs = [d.device_id for d in repo.list_devices() if d.revoked_after_seq is None]
    doc = document(revision)
    doc["prisons"][1]["name"] = "Затвор Скопје <script>alert(1)</script>"
    doc["wings"][0].update(devices=pcs[:1], capacity=40 + revision)
    doc["wings"][1]["devices"] = pcs[1:2]
    doc["wings"].append({"code": "SK_2", "prison": "SKOPJE", "name": "Одделение 2",
                         **({"closed": {"on": "2026-11-30", "reason": "Merged into SK_1"}} if revision > 1 else
                            {"devices": pcs[2:3]})})
    if revision > 1:
        doc["wings"][0]["devices"] = pcs[:1] + pcs[2:3]  # the PC of the closed wing moves to IDR_B
    page.goto(f"{base}/publish/hierarchy")
    page.fill("textarea[name=document]", json.dumps(doc, ensure_ascii=False, indent=2))
    page.click("form:has(textarea) button")
    snap("hierarchy-preview", lang)
    page.click("form[action='/publish'] button")
    snap("hierarchy", lang)
    page.evaluate("document.querySelector('input[value=prison]').closest('section').scrollIntoView()")
    snap("hierarchy-forms", lang)
    doc["revision"] = revision + 1
    doc["wings"][1]["devices"] = pcs[:1]
    page.fill("textarea[name=document]", json.dumps(doc, ensure_ascii=False, indent=2))
    page.click("form:has(textarea) button")
    snap("hierarchy-refused", lang)


def vetted(page, base: str, snap, lang: str) -> None:
    """The vetted people (issue 17 item 3): three listed (one for two chosen wings, one ending within 30 days),
    one person's revisions with the withdrawal form, and a name with a direction mark refused."""
    page.goto(f"{base}/publish/vetted")
    people = ((f"Imam Arben Krasniqi ({lang})", "religious_counsellor", "Islamic Community", "2026-01-31", None),
              (f"Vesna Marković ({lang})", "volunteer", "Red Cross", "2025-03-20", None),
              (f"Elira Hoxha ({lang})", "ngo_worker", "Bridges NGO", "2025-12-31", (WINGS[0], WINGS[2])))
    for n, (name, role, organisation, until, chosen) in enumerate(people):
        page.fill("input[name=name]", name)
        page.select_option("select[name=role]", role)
        page.fill("input[name=organisation]", organisation)
        page.fill("input[name=vetted_from]", "2025-01-01")
        page.fill("input[name=vetted_until]", until)
        page.fill("input[name=decision_ref]", f"MoJ-V-{lang}/{n + 1}")
        if chosen:
            page.check("input[name=scope][value=chosen]")
            for wing in chosen:
                label = page.locator("fieldset.wings label").filter(has_text=wing[:12])
                label.locator("input[name=device]").first.check()
        page.click("form[action='/publish/vetted'] button")
    snap("vetted", lang)
    page.click(f"td:has-text(\"Imam Arben Krasniqi ({lang})\") >> xpath=.. >> a")
    page.fill("input[name=reason]", "Clearance revoked by the ministry")
    page.click("form[action$='/withdraw'] button")
    page.click(f"td:has-text(\"Imam Arben Krasniqi ({lang})\") >> xpath=.. >> a")
    snap("vetted-person", lang)
    page.goto(f"{base}/publish/vetted")
    page.fill("input[name=name]", "Ana \u202eOGN")
    page.fill("input[name=vetted_from]", "2025-01-01")
    page.fill("input[name=vetted_until]", "2025-12-31")
    page.fill("input[name=decision_ref]", "MoJ-V-x")
    page.click("form[action='/publish/vetted'] button")
    snap("vetted-refused", lang)


def shoot(out: Path, langs: list[str]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    with tempfile.TemporaryDirectory() as folder:
        hq, wings = build(Path(folder))
        with serving(hq.app) as base, chromium() as browser:
            page = browser.new_page()

            def snap(name: str, lang: str) -> None:
                path = out / f"console-{name}-{lang}.png"
                page.wait_for_load_state("load")
                page.screenshot(path=str(path), full_page=False)
                shots.append(path)

            for lang in langs:
                browser.clear_cookies()
                page.goto(f"{base}/login")
                page.select_option("#lang", lang)
                page.click("form[action='/language'] button")
                snap("sign-in", lang)
                sign_in(page, base, ADMIN, "wrong passphrase here")
                snap("sign-in-refused", lang)
                sign_in(page, base, ADMIN, PASSPHRASE)
                snap("devices", lang)
                page.goto(f"{base}/devices/{wings[0].device_id}")
                snap("device", lang)
                page.mouse.wheel(0, 700)
                page.wait_for_timeout(100)
                snap("device-lower", lang)
                page.goto(f"{base}/devices/{wings[2].device_id}")
                snap("device-hostile-name", lang)
                page.goto(f"{base}/exchange")
                snap("exchange", lang)
                page.goto(f"{base}/training")
                snap("training-coverage", lang)
                page.goto(f"{base}/devices")
                page.set_input_files("input[name=request]", files=[{"name": "req.json", "mimeType": "application/json",
                                                                   "buffer": b"{not a request"}])
                page.fill("input[name=code]", "ABCD-EFGH")
                page.click("form[action='/devices/enrol'] button")
                snap("enrol-refused", lang)
                publish_screens(page, base, snap, lang, hq, wings[0].device_id)
                page.goto(f"{base}/nowhere")
                snap("not-found", lang)
                hq.clock.now += IDLE_S + 1
                page.goto(f"{base}/devices")
                snap("session-ended", lang)
                sign_in(page, base, ANALYST, PASSPHRASE)
                snap("home-analyst", lang)
                page.goto(f"{base}/devices")
                snap("refused-analyst", lang)
                page.goto(f"{base}/research")
                snap("research", lang)
                page.mouse.wheel(0, 700)
                page.wait_for_timeout(100)
                snap("research-lower", lang)
                page.mouse.wheel(0, 900)
                page.wait_for_timeout(100)
                snap("research-end", lang)
                page.click("form[action='/logout'] button")
                sign_in(page, base, SECURITY, PASSPHRASE)
                snap("home-security", lang)
                page.goto(f"{base}/security")
                snap("security-reports", lang)
                page.goto(f"{base}/security?handling_code=HANDLE_C")
                snap("security-reports-filtered", lang)
                page.click("main table a >> nth=0")
                snap("security-report-conditions", lang)
                page.mouse.wheel(0, 700)
                page.wait_for_timeout(100)
                snap("security-report-lower", lang)
                page.goto(f"{base}/security?source_evaluation=SRC_1&assessment=INT_A")
                page.click("main table a >> nth=0")
                snap("security-report", lang)
                page.click("main dl.facts a")
                snap("security-associations", lang)
                for _ in range(30):
                    page.keyboard.press("Tab")
                    if page.evaluate("document.activeElement.closest('svg') !== null"):
                        break
                snap("security-associations-focus", lang)
                page.goto(f"{base}/security?source_evaluation=SRC_3&month=2026-04&device_id={wings[0].device_id}")
                page.click("main table a >> nth=0")
                snap("security-report-hostile", lang)
                page.goto(f"{base}/security/reports/no-such-report")
                snap("security-not-found", lang)
                page.click("form[action='/logout'] button")
        hq.store.close()
    return shots


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "console-screens")
    for shot in shoot(target, sys.argv[2:] or ["en", "sq", "mk"]):
        print(shot)

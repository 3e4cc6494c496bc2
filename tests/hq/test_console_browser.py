"""The HQ console in a real browser (Debian's chromium through Playwright): sign in, enrol a device, see a bundle
arrive, a cross-site and a replayed form refused, the session ending when idle, an analyst refused the operations
pages; and no page of it trips its own Content-Security-Policy."""

from __future__ import annotations

import http.server
import threading

import pytest

from tests.hq.conftest import Clock, Wing
from tests.hq.console_browser import chromium, serving, sign_in
from tests.hq.console_fixtures import ADMIN, ANALYST, IDLE_S, PASSPHRASE, make_hq
from wingdesk.hq.ingest import ingest

pytestmark = pytest.mark.timeout(120)


@pytest.fixture(scope="module")
def hq(tmp_path_factory):
    from wingdesk.hq.keystore import HqKeys
    from wingdesk.sync import keys

    made = make_hq(tmp_path_factory.mktemp("hq"), HqKeys("prod", "HQ", "2025-01-01T00:00:00Z",
                                                          keys.generate_key_pairs()), Clock)
    yield made
    made.store.close()


@pytest.fixture(scope="module")
def base(hq):
    with serving(hq.app) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as context:
        yield context


@pytest.fixture
def page(browser):
    browser.clear_cookies()
    opened = browser.new_page()
    problems: list[str] = []
    # a 403 or 401 page logs "Failed to load resource"; a blocked style or script, or an error, is a problem
    opened.on("console", lambda m: problems.append(m.text) if "Failed to load resource" not in m.text
              and m.type in ("error", "warning") else None)
    opened.on("pageerror", lambda e: problems.append(str(e)))
    yield opened
    opened.close()
    assert not problems, problems  # a CSP violation or a script error shows here


def test_sign_in_enrol_a_device_and_see_a_bundle_arrive(hq, base, page, tmp_path):
    sign_in(page, base, ADMIN, PASSPHRASE)
    assert page.url == f"{base}/devices" and "No device is enrolled yet." in page.content()
    wing = Wing(hq.ctx.keys, name="Krilo B <script>x</script>")
    request, code = wing.enrolment()
    (tmp_path / "request.json").write_bytes(request)
    page.set_input_files("input[name=request]", str(tmp_path / "request.json"))
    page.fill("input[name=code]", code)
    page.click("form[action='/devices/enrol'] button")
    assert page.url == f"{base}/devices/{wing.device_id}"
    assert page.locator("p.notice.ok").inner_text() == (
        f"Device {wing.device_id} enrolled for Krilo B <script>x</script>.")
    assert "No bundle has arrived from this device yet." in page.content()
    ingest(hq.ctx, wing.bundle(n=5))  # a wing's upload, through HQ's own ingest
    page.reload()
    row = page.locator("table").first.locator("tbody tr").first
    assert row.locator("td").nth(0).inner_text() == "1" and row.locator("td").nth(2).inner_text() == "5"
    page.goto(f"{base}/devices")
    assert page.locator("tbody tr td a").inner_text() == "Krilo B <script>x</script>"
    with page.expect_download() as download:
        page.goto(f"{base}/devices/{wing.device_id}")
        page.click(f"form[action='/devices/{wing.device_id}/outbox'] button")
    assert download.value.suggested_filename.endswith(".wdb")


def test_cross_site_and_replayed_forms_are_refused_then_the_session_ends_when_idle(hq, base, page):
    sign_in(page, base, ADMIN, PASSPHRASE)
    # another site's page posting to the console: the Strict cookie stays home, the form has no token
    evil = b"<form method=post action='" + base.encode() + b"/logout'><button>win</button></form>"

    class Evil(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(evil)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("localhost", 0), Evil)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://localhost:{server.server_address[1]}/")
        page.click("button")
        assert "nothing was done" in page.content()
    finally:
        server.shutdown()
    page.goto(f"{base}/devices")
    assert page.url == f"{base}/devices"  # still signed in: the forged sign-out did nothing
    spent = page.get_attribute("form[action='/language'] input[name=csrf]", "value")
    page.select_option("#lang", "en")
    page.click("form[action='/language'] button")
    page.evaluate("t => document.querySelector(\"form[action='/language'] input[name=csrf]\").value = t", spent)
    page.click("form[action='/language'] button")
    assert "This form has expired or was already sent; nothing was done." in page.content()
    hq.clock.now += IDLE_S + 1
    page.goto(f"{base}/devices")
    assert page.url == f"{base}/login?expired=1"
    assert "Your session ended after a time without activity." in page.content()
    assert hq.audit("console_session_expired")


def test_an_analyst_is_refused_the_operations_pages(hq, base, page):
    sign_in(page, base, ANALYST, PASSPHRASE)
    assert page.url == f"{base}/" and page.locator("header nav a").count() == 1  # the research dashboard only
    page.click("header nav a[href='/research']")  # issue 17 item 4: the analyst opens the dashboard
    assert page.url == f"{base}/research" and page.locator("svg.bars, .chart p").count() == 5
    response = page.goto(f"{base}/devices")
    assert response.status == 403 and "may not open this page" in page.content()
    assert any("/devices" in detail for _a, _d, detail in hq.audit("console_refused"))


def test_publish_an_instrument(hq, base, page, tmp_path):
    from tests.hq.test_console_publish import instrument

    (tmp_path / "spj.json").write_bytes(instrument(5))
    sign_in(page, base, ADMIN, PASSPHRASE)
    page.click("nav a[href='/publish']")
    assert page.url == f"{base}/publish" and "Nothing has been published yet." in page.content()
    page.select_option("select[name=kind]", "instrument")
    page.set_input_files("input[name=file]", str(tmp_path / "spj.json"))
    page.click("form[action='/publish/preview'] button")
    assert "Preview: Structured professional judgement of extremist violence risk" in page.content()
    assert page.locator("dl.facts dd").nth(2).inner_text() == "5 (first version published)"
    page.click("form[action='/publish'] button")
    assert page.url == f"{base}/publish"
    assert "Published wd.extremism_risk_spj version 5" in page.locator("p.notice.ok").inner_text()
    with hq.store.transaction(write=False) as repo:
        [item] = [i for i in repo.reference_items("") if i["kind"] == "instrument"]
    assert (item["rev"], item["body"]["id"]) == (5, "wd.extremism_risk_spj")
    row = page.locator("tbody tr").first.inner_text()
    assert "wd.extremism_risk_spj" in row and ADMIN in row
def test_hq_security_opens_a_report_and_walks_the_graph_by_keyboard_and_an_analyst_is_refused(hq, base, page):
    """Issue 17 item 5: the security officer lists the graded reports, opens one (audited), follows a linked
    prisoner and reaches another person from the graph with Tab and Enter; an analyst gets the refusal page."""
    from tests.hq.conftest import enrol
    from tests.hq.console_fixtures import SECURITY
    from tests.hq.test_console_security import HOSTILE, NUMBERS, person, report

    ana, ben = person(), person()
    NUMBERS[ana] = "BR-0001"
    wing = enrol(hq.ctx, Wing(hq.ctx.keys, name="Browser prison"))
    sent = report(ana, [ben], text=HOSTILE, grade=("SRC_1", "INT_A", "HANDLE_C"), released=True)
    assert ingest(hq.ctx, wing.bundle([sent])).outcome == "accepted"
    sign_in(page, base, SECURITY, PASSPHRASE)
    page.click("header nav a[href='/security']")
    page.click(f"a[href='/security/reports/{sent['record_id']}']")
    assert page.locator(".conditions h2").inner_text().endswith("share only under these conditions")
    assert page.locator(".card p.text").first.inner_text().startswith("<script>alert('x')</script>")  # text, not code
    assert any(sent["record_id"] in detail for _a, _d, detail in hq.audit("console_intel_read"))
    page.click(f"main li a[href='/security/people/{ben}']")  # the linked prisoner (HQ has no number for them)
    assert page.url == f"{base}/security/people/{ben}"
    for _ in range(12):  # Tab through the page until the graph's link has the focus, then Enter follows it
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('svg') !== null"):
            break
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/security/people/{ana}")
    assert "BR-0001" in page.locator("h1").inner_text()
    page.click("form[action='/logout'] button")
    sign_in(page, base, ANALYST, PASSPHRASE)
    response = page.goto(f"{base}/security/reports/{sent['record_id']}")
    assert response.status == 403 and "may not open this page" in page.content() and "BR-0001" not in page.content()

"""HQ under hostile clients, on loopback: the real `wingdesk-hq serve` process, direct and behind Debian's nginx.

- 250 idle and 50 slow (1 byte/s) TLS clients held open: a genuine `wingdesk sync push` still succeeds within 5 s.
- Ten concurrent 250 MiB junk uploads: the server's resident memory grows by at most 64 MiB.

Every client and server here stops by itself (deadlines, then SIGTERM/SIGKILL); the memory watchdog cuts the junk
uploads as soon as the limit is passed, so a failing server is not driven into gigabytes.
"""

from __future__ import annotations

import asyncio
import shutil
import ssl
import struct
import sys
import threading
import time
import uuid
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
import trustme

from tests.hq_process import NGINX, free_port, hq, nginx_in_front, serving, trusting, write_cert
from tests.integration.test_sync_cli import _run
from wingdesk.sync import keys
from wingdesk.sync.enrolment import make_enrolment_request
from wingdesk.sync.header import KIND_WING_TO_HQ, MAGIC, SIGN_DOMAIN, BundleHeader, frame
from wingdesk.sync.hq_key_file import load_hq_public_keys

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import hostile_clients as hostile  # noqa: E402 - the benchmarks folder is not a package

pytestmark = pytest.mark.timeout(300)
MIB = 1024 * 1024
IDLE, SLOW, SOURCES = 250, 50, 25  # 12 connections per source address: under the per-client cap
PUSH_WITHIN_S = 5.0
JUNK_UPLOADS, JUNK_SIZE, RSS_LIMIT = 10, 250 * MIB, 64 * MIB
ROUTES = ["direct", pytest.param("nginx", marks=pytest.mark.skipif(not Path(NGINX).exists(),
                                                                    reason="nginx is not installed"))]


@pytest.fixture
def ca(tmp_path):
    authority = trustme.CA()
    authority.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    return authority


@pytest.fixture
def hq_data(tmp_path):
    data_dir = tmp_path / "hq"
    hq(data_dir, "init", "--kdf-memory-mib", "64")
    hq(data_dir, "keys", "--out", str(tmp_path / "hq-keys.json"))
    return data_dir


@contextmanager
def receiver(route: str, data_dir: Path, tmp_path: Path, ca) -> tuple[int, int]:
    """(port the wings use, server pid): uvicorn with its own TLS, or plain on loopback behind nginx's TLS."""
    with ExitStack() as stack:
        if route == "direct":
            chain, key = write_cert(ca.issue_cert("127.0.0.1"), tmp_path)
            port = free_port()
            server = stack.enter_context(serving(data_dir, port, "--tls-cert", str(chain), "--tls-key", str(key)))
            yield port, server.pid
        else:
            upstream = free_port()
            server = stack.enter_context(serving(data_dir, upstream, "--behind-proxy"))
            port = stack.enter_context(nginx_in_front(tmp_path / "nginx", upstream, ca.issue_cert("127.0.0.1")))
            yield port, server.pid


class Attack:
    """Hostile clients on an event loop of their own thread, stopped (and joined) when the block ends."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.stop = asyncio.Event()
        self.tally = hostile.Tally()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.futures: list = []

    def __enter__(self) -> Attack:
        self.thread.start()
        return self

    def run(self, coroutine):
        future = asyncio.run_coroutine_threadsafe(coroutine, self.loop)
        self.futures.append(future)
        return future

    def __exit__(self, *_exc) -> None:
        self.loop.call_soon_threadsafe(self.stop.set)
        for future in self.futures:
            try:
                future.result(timeout=150)
            except Exception:  # noqa: BLE001 - a client's own failure is in the tally; it must not hide the test's
                pass
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()


async def _hold_open(port: int, tls: ssl.SSLContext, until: float, stop: asyncio.Event, tally) -> None:
    sources = hostile.loopback_sources(SOURCES)
    clients = [hostile.idle("127.0.0.1", port, tls, sources[i % SOURCES], until, stop, tally) for i in range(IDLE)]
    clients += [hostile.slow("127.0.0.1", port, tls, sources[i % SOURCES], until, stop, tally, in_body=i % 2 == 1)
                for i in range(SLOW)]
    await asyncio.gather(*clients)


@pytest.mark.parametrize("route", ROUTES)
def test_a_genuine_push_gets_through_250_idle_and_50_slow_clients(route, wing, hq_data, tmp_path, ca, monkeypatch,
                                                                 capsys):
    request = tmp_path / "request.json"
    assert _run(wing.directory, monkeypatch, "enrol", "--hq-keys", str(tmp_path / "hq-keys.json"), "--out",
                str(request)) == 0
    code = capsys.readouterr().out.split("Confirmation code: ")[1].strip()
    hq(hq_data, "enrol", str(request), "--code", code)
    officer = wing.sign_in("off1", "officer one passphrase")
    officer.observations.record(officer.prisoners.page()[0].id, "POSITIVE_ENGAGEMENT", "POSITIVE", "Helped out")
    officer.lock()
    tls = trusting(tmp_path / "ca.pem")
    with receiver(route, hq_data, tmp_path, ca) as (port, _pid), Attack() as attack:
        attack.run(_hold_open(port, tls, time.monotonic() + 60, attack.stop, attack.tally))
        deadline = time.monotonic() + 30
        while attack.tally.opened + attack.tally.refused < IDLE + SLOW and time.monotonic() < deadline:
            time.sleep(0.1)
        held = attack.tally.opened
        start = time.monotonic()
        pushed = _run(wing.directory, monkeypatch, "sync", "push", "--url", f"https://127.0.0.1:{port}", "--ca",
                      str(tmp_path / "ca.pem"))
        took = time.monotonic() - start
        out = capsys.readouterr()
    print(f"\n[{route}] hostile connections open: {held}; push took {took:.2f} s", file=sys.__stderr__)
    assert held >= IDLE + SLOW - 5, f"the attack did not get its connections open ({attack.tally})"
    assert pushed == 0 and "HQ acknowledged 1" in out.out, out.err
    assert took <= PUSH_WITHIN_S, f"the push took {took:.1f} s"


def _enrolled_device(data_dir: Path, tmp_path: Path) -> tuple[str, keys.KeyPairs]:
    device_id, device = str(uuid.uuid4()), keys.generate_key_pairs()
    request, code = make_enrolment_request(device_id, "Wing J", device)
    (tmp_path / "junk-request.json").write_bytes(request)
    hq(data_dir, "enrol", str(tmp_path / "junk-request.json"), "--code", code)
    return device_id, device


def _signed_head(device_id: str, device: keys.KeyPairs, hq_enc_public: bytes, payload_len: int) -> bytes:
    """A genuinely signed header from an enrolled device announcing `payload_len` bytes that will be junk."""
    header = BundleHeader(kind=KIND_WING_TO_HQ, env="prod", bundle_id=str(uuid.uuid4()), device_id=device_id,
                          signer_key_id=keys.key_id(keys.ed25519_public(device.sign_private)),
                          recipient_key_id=keys.key_id(hq_enc_public), seq=1, prev_hash="0" * 64,
                          payload_len=payload_len, payload_sha256="ab" * 32)
    prefix = frame(header.to_bytes())
    return prefix + keys.sign(device.sign_private, SIGN_DOMAIN + prefix)


async def _junk(port: int, tls: ssl.SSLContext, prefixes: list[bytes], stop: asyncio.Event, tally) -> None:
    sources = hostile.loopback_sources(len(prefixes), first=100)
    await asyncio.gather(*(hostile.junk_upload("127.0.0.1", port, tls, sources[i], JUNK_SIZE, stop, tally, prefix)
                           for i, prefix in enumerate(prefixes)))


@pytest.mark.parametrize("signed", [False, True], ids=["junk", "signed-header-junk"])
@pytest.mark.parametrize("route", ROUTES)
def test_ten_250_mib_junk_uploads_leave_the_server_memory_flat(route, signed, hq_data, tmp_path, ca):
    device_id, device = _enrolled_device(hq_data, tmp_path)
    hq_enc = load_hq_public_keys((tmp_path / "hq-keys.json").read_bytes()).enc_public
    if signed:
        guess = JUNK_SIZE - len(_signed_head(device_id, device, hq_enc, JUNK_SIZE))
        payload_len = JUNK_SIZE - len(_signed_head(device_id, device, hq_enc, guess))  # the same digit count
        prefixes = [_signed_head(device_id, device, hq_enc, payload_len) for _ in range(JUNK_UPLOADS)]
    else:
        prefixes = [MAGIC + struct.pack(">I", 64) for _ in range(JUNK_UPLOADS)]
    tls = trusting(tmp_path / "ca.pem")
    with receiver(route, hq_data, tmp_path, ca) as (port, pid), Attack() as attack:
        time.sleep(1.0)  # the bundle readers have started and the heap is warm
        baseline = hostile.rss_bytes(pid)
        watched = attack.run(hostile.watch_rss(pid, baseline, RSS_LIMIT, attack.stop,
                                               lambda: attack.loop.call_soon(attack.stop.set)))
        uploads = attack.run(_junk(port, tls, prefixes, attack.stop, attack.tally))
        uploads.result(timeout=240)
        attack.loop.call_soon_threadsafe(attack.stop.set)
        growth = watched.result(timeout=10)
        after = hostile.rss_bytes(pid)
    print(f"\n[{route}, {'signed' if signed else 'junk'}] RSS before {baseline / MIB:.0f} MiB, peak +"
          f"{growth / MIB:.1f} MiB, after {after / MIB:.0f} MiB; answers {attack.tally.answers}", file=sys.__stderr__)
    assert growth <= RSS_LIMIT, f"RSS grew by {growth / MIB:.0f} MiB"
    # each refused in words: a bad payload (read to its end, on disk), or HQ busy once the spool budget is used up
    assert sum(attack.tally.answers.values()) == JUNK_UPLOADS and set(attack.tally.answers) <= {"422", "503"}
    shutil.rmtree(tmp_path / "nginx", ignore_errors=True)

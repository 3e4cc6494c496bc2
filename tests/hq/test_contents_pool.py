"""Bundle readers in worker processes: same results as in-process, survive a lost worker, end with the server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
import uuid

import httpx2
import pytest

from tests.hq.conftest import make_record
from tests.loopback_server import running_server
from wingdesk.hq.contents import PIPE_BYTES, READER_NICENESS, ContentsPool, read_contents, widen_pipes
from wingdesk.hq.http_app import BUNDLE_TYPE
from wingdesk.hq.ingest import _verify
from wingdesk.hq.research_ask import ResearchAsk
from wingdesk.hq.research_derive import derive_by_line
from wingdesk.hq.server import reading_in_workers
from wingdesk.sync.header import parse_header_bytes, split_frame
from wingdesk.sync.receipts import verify_receipt


@pytest.fixture(scope="module")
def pool():
    started = ContentsPool(workers=2).start()
    yield started
    started.close()


def _verified(ctx, data):
    return _verify(ctx, data)[0]


def _read_both(ctx, pool, data):
    verified = _verified(ctx, data)
    here = read_contents(verified, ctx.keys.identities(), ctx.env)
    there = pool.read(verified, ctx.keys.identities(), ctx.env)
    return here, there


def test_worker_reads_exactly_what_the_server_would(sqlite_ctx, make_wing, pool):
    wing = make_wing(target=sqlite_ctx)
    here, there = _read_both(sqlite_ctx, pool, wing.bundle(n=40))
    assert there == here and len(there.rows) == 40 and not there.failure


def test_worker_reports_unreadable_records_like_the_server(sqlite_ctx, make_wing, pool):
    wing = make_wing(target=sqlite_ctx)
    bad = dict(make_record(1), content_hash="0" * 64)
    here, there = _read_both(sqlite_ctx, pool, wing.bundle([bad]))
    assert there == here and there.failure == "record_invalid" and there.readable


def test_a_killed_worker_costs_no_upload(sqlite_ctx, make_wing):
    wing = make_wing(target=sqlite_ctx)
    pool = ContentsPool(workers=1).start()
    try:
        worker = next(iter(pool._executor()._processes))
        os.kill(worker, signal.SIGKILL)
        time.sleep(0.2)
        for _ in range(2):  # the first is read in the server process, the second by a fresh worker
            verified = _verified(sqlite_ctx, wing.bundle(n=3))
            contents = pool.read(verified, sqlite_ctx.keys.identities(), sqlite_ctx.env)
            assert len(contents.rows) == 3 and not contents.failure
        assert worker not in pool._executor()._processes
    finally:
        pool.close()


def test_workers_end_when_the_server_process_is_killed(tmp_path):
    script = textwrap.dedent(
        """
        import os, sys
        from wingdesk.hq.contents import ContentsPool
        if __name__ == "__main__":
            pool = ContentsPool(workers=2).start()
            print(" ".join(str(pid) for pid in pool._executor()._processes), flush=True)
            sys.stdin.readline()
            os._exit(0)  # no clean shutdown, as when the server is killed
        """
    )
    path = tmp_path / "server.py"
    path.write_text(script)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    server = subprocess.Popen(
        [sys.executable, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
    )
    workers = [int(pid) for pid in server.stdout.readline().split()]
    assert len(workers) == 2
    server.stdin.write("\n")
    server.stdin.flush()
    server.wait(10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_upload_over_the_pooled_receiver(sqlite_ctx, make_wing, tmp_path):
    wing = make_wing(target=sqlite_ctx)
    data = wing.bundle(n=25)
    bundle_id = parse_header_bytes(split_frame(data).header_bytes).bundle_id
    with reading_in_workers(sqlite_ctx, workers=1) as pooled, running_server(pooled) as base:
        response = httpx2.put(
            f"{base}/v1/bundles/{bundle_id}", content=data, headers={"content-type": BUNDLE_TYPE}, timeout=30
        )
    assert response.status_code == 200
    assert verify_receipt(response.content, sqlite_ctx.keys.current.sign_public).counts["new"] == 25


def test_readers_run_below_the_servers_priority(pool):
    if not hasattr(os, "getpriority"):
        pytest.skip("POSIX priorities")
    worker = next(iter(pool._executor()._processes))
    server_nice = os.getpriority(os.PRIO_PROCESS, 0)
    assert os.getpriority(os.PRIO_PROCESS, worker) == min(server_nice + READER_NICENESS, 19)


def test_bundles_and_records_cross_to_the_readers_through_wide_pipes(pool):
    if not sys.platform.startswith("linux"):
        pytest.skip("F_SETPIPE_SZ is Linux's")
    import fcntl

    executor = pool._executor()
    pipes = [executor._call_queue._reader, executor._result_queue._reader]
    assert [fcntl.fcntl(pipe.fileno(), fcntl.F_GETPIPE_SZ) for pipe in pipes] == [PIPE_BYTES, PIPE_BYTES]


def test_an_executor_built_differently_keeps_its_pipes():
    class Other:
        _call_queue = object()  # no pipe behind it

    assert widen_pipes(Other()) == 0


def _minor_faults(pid: int) -> int:
    return int(open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[7])


def test_a_fresh_reader_reads_a_1_mb_bundle_without_page_faults(sqlite_ctx, make_wing):
    """The first burst after a start: each reader's heap is warmed when it starts, as the server's is."""
    import platform

    if platform.libc_ver()[0] != "glibc" or not sys.platform.startswith("linux"):
        pytest.skip("a glibc setting, counted with Linux page-fault statistics")
    wing = make_wing(target=sqlite_ctx)
    data = wing.bundle([make_record(i, text=os.urandom(1100).hex()) for i in range(820)])
    assert len(data) > 900_000
    verified = _verified(sqlite_ctx, data)
    fresh = ContentsPool(workers=1).start()
    try:
        worker = next(iter(fresh._executor()._processes))
        before = _minor_faults(worker)
        contents = fresh.read(verified, sqlite_ctx.keys.identities(), sqlite_ctx.env)
        faults = _minor_faults(worker) - before
    finally:
        fresh.close()
    assert len(contents.rows) == 820 and not contents.failure
    assert faults < 800  # ~2,000 (about 8 MB of fresh pages) without warming; ~220 with it


def test_freed_memory_setting_takes_on_glibc():
    import platform

    from wingdesk.hq.heap import retain_freed_memory

    if platform.libc_ver()[0] != "glibc":
        pytest.skip("a glibc setting")
    assert retain_freed_memory() is True


_FAULTS_AFTER_WARMING = """
import resource, sys
from wingdesk.hq.heap import retain_freed_memory, warm_heap
assert retain_freed_memory()
if sys.argv[1] == "warm":
    warm_heap(64 * 1024 * 1024)
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
blocks = [bytearray(1024 * 1024) for _ in range(48)]  # like a burst's upload bodies: 48 MiB of fresh objects
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def test_a_warmed_heap_serves_the_first_burst_without_page_faults():
    import platform

    if platform.libc_ver()[0] != "glibc" or not sys.platform.startswith("linux"):
        pytest.skip("a glibc setting, counted with Linux page-fault statistics")

    def faults(mode: str) -> int:
        command = [sys.executable, "-c", _FAULTS_AFTER_WARMING, mode]
        return int(subprocess.run(command, capture_output=True, text=True, check=True).stdout)

    pages = 48 * 1024 * 1024 // 4096
    assert faults("cold") > pages * 0.9  # each fresh page faults once
    assert faults("warm") < pages * 0.1


def _observations(count: int) -> list[dict]:
    from tests.hq.test_research import line

    body = {"category": "NEEDS_REQUEST", "polarity": "CONCERN", "what_seen_heard": "x", "source_type": "DIRECT",
            "urgent": False}
    return [line("observation", body, str(uuid.uuid4())) for _ in range(count)]


def test_the_worker_derives_the_research_facts_the_server_would(sqlite_ctx, make_wing, pool):
    wing = make_wing(target=sqlite_ctx)
    verified = _verified(sqlite_ctx, wing.bundle(_observations(12)))
    ask = ResearchAsk(sqlite_ctx.research_key, wing.device_id, "Prison A", None)
    here = read_contents(verified, sqlite_ctx.keys.identities(), sqlite_ctx.env, None, ask)
    there = pool.read(verified, sqlite_ctx.keys.identities(), sqlite_ctx.env, None, ask)
    assert there == here and len(there.facts) == 12
    assert there.facts == derive_by_line(ask.key, ask.device_id, "Prison A", here.rows)
    assert pool.read(verified, sqlite_ctx.keys.identities(), sqlite_ctx.env).facts is None  # not asked: none


def test_served_ingest_derives_the_research_facts_in_the_readers_not_the_server(sqlite_ctx, make_wing, monkeypatch):
    """The server process (its single writer and event loop) spends nothing on the derivation: with it made to
    fail there, every fact still arrives, derived by the spawned reader (which the patch does not reach)."""
    from wingdesk.hq import research_derive
    from wingdesk.hq.ingest import ingest

    def not_in_the_server(*_args, **_kwargs):
        raise AssertionError("research facts derived in the server process")

    wing = make_wing(target=sqlite_ctx)
    with reading_in_workers(sqlite_ctx, 1) as served:
        monkeypatch.setattr(research_derive, "derive_by_line", not_in_the_server)
        assert ingest(served, wing.bundle(_observations(30))).outcome == "accepted"
    with sqlite_ctx.store.transaction(write=False) as repo:
        stored = repo._rows("SELECT count(DISTINCT record_no), count(*) FROM research_facts", ())
    assert stored[0][0] == 30 and stored[0][1] > 30


def test_facts_a_reader_did_not_derive_are_derived_before_the_write_unit(sqlite_ctx, make_wing):
    """A fanned-out bundle's reader checks signatures and derives nothing (ContentsPool.read): ingest derives its
    facts once it is read, still outside the single writer; the same facts the reader would have made."""
    from wingdesk.hq.research_ingest import derived_by_reader

    wing = make_wing(target=sqlite_ctx)
    verified = _verified(sqlite_ctx, wing.bundle(_observations(5)))
    ask = ResearchAsk(sqlite_ctx.research_key, wing.device_id, "Prison A", "A1")
    by_reader = read_contents(verified, sqlite_ctx.keys.identities(), sqlite_ctx.env, None, ask)
    not_derived = read_contents(verified, sqlite_ctx.keys.identities(), sqlite_ctx.env)
    assert not_derived.facts is None
    here = derived_by_reader(ask, not_derived)
    assert here.where == ("Prison A", "A1") and here.by_line == by_reader.facts and len(here.by_line) == 5
    assert derived_by_reader(None, by_reader).by_line == {}  # research off: nothing

"""The ingest fast paths: orjson RFC 8785 hashing matches the reference; group commit keeps units apart."""

from __future__ import annotations

import hashlib
import threading
import time

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from wingdesk.hq.ingest import ingest
from wingdesk.sync.errors import RecordInvalid
from wingdesk.sync.payload import hashed_body, record_content_hash
from wingdesk.sync.strict_json import canonical, fast_canonical, loads_object

_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["", "\ue000", "\U0001f600", "a\U00010000", "\ufb01", '"\\\b\f\n\r\t\x00\x1f\x7f', "\u2028\u2029"]
)
_INTS = st.integers(-(2**53) + 1, 2**53 - 1) | st.sampled_from([2**53, -(2**53), 10**20, 0, True, False])
_JSON = st.recursive(
    st.none() | _INTS | _TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=20,
)


_REFUSED = "refused: RFC 8785 cannot encode it"


def _reference(body):
    """(SHA-256 hex, text) by the reference implementation (never the fast path), or _REFUSED."""
    try:
        text = rfc8785.dumps(body)
    except rfc8785.CanonicalizationError:
        return _REFUSED
    return hashlib.sha256(text).hexdigest(), text


def _fast(body):
    """The same by what ingest runs (RecordInvalid where the reference refuses)."""
    try:
        return hashed_body(body)
    except RecordInvalid:
        return _REFUSED


@settings(max_examples=400, deadline=None)
@given(body=st.dictionaries(_TEXT, _JSON, max_size=6))
def test_fast_hash_equals_reference(body):
    assert _fast(body) == _reference(body)
    text = fast_canonical(body)
    if text is not None:
        assert text == rfc8785.dumps(body)
    assert _canonical_or_refused(body) == _canonical_or_refused(body, rfc8785.dumps)


def _canonical_or_refused(value, encode=canonical):
    try:
        return encode(value)
    except rfc8785.CanonicalizationError:
        return _REFUSED


@settings(max_examples=200, deadline=None)
@given(value=_JSON)
def test_canonical_of_any_json_value_is_the_references(value):
    """Signed documents and hashes use `canonical` on whatever they hold, not only record bodies."""
    assert _canonical_or_refused(value) == _canonical_or_refused(value, rfc8785.dumps)


@pytest.mark.parametrize(
    "body",
    [
        {"\ue000": 1, "\U0001f600": 2},  # UTF-16 order differs from code-point order
        {"n": 2**53},  # outside the RFC 8785 integer range
        {"s": "\ud800"},  # lone surrogate
        {"f": 1.5},
        {"t": (1, 2)},
    ],
)
def test_fast_path_declines_what_only_the_reference_decides(body):
    assert fast_canonical(body) is None
    assert _fast(body) == _reference(body)


def test_parsed_record_line_round_trip():
    body = loads_object('{"z":1,"a":{"y":"\\u00e9\\n","b":[true,null,-7]},"é":"ü"}')
    assert hashed_body(body)[0] == record_content_hash(body)
    assert fast_canonical(body) == rfc8785.dumps(body)


def test_concurrent_ingests_are_group_committed_and_each_durable(ctx, wing):
    bundles = [wing.bundle(n=5) for _ in range(12)]
    results: dict[int, object] = {}
    threads = [
        threading.Thread(target=lambda i=i, data=data: results.__setitem__(i, ingest(ctx, data)))
        for i, data in enumerate(bundles)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.outcome for r in results.values()) == ["accepted"] * 12
    with ctx.store.transaction(write=False) as repo:
        assert repo.record_count() == 60
        assert repo.get_device(wing.device_id).hcs == 12
    assert all(ingest(ctx, data).receipt == results[i].receipt for i, data in enumerate(bundles))


def run_as_one_group(store, second, third):
    """Run a slow first unit, then `second` and `third` queued behind it so all three commit as one group.

    Returns {name: result, or the error's type name and text} for each unit.
    """
    started, release = threading.Event(), threading.Event()

    def first(repo):
        started.set()
        release.wait(5)
        repo.audit("t", "first", "d", "b1", "")
        return "first"

    out: dict[str, object] = {}

    def run(name, fn):
        try:
            out[name] = store.write(fn)
        except Exception as error:  # noqa: BLE001 - recorded for the assertion
            out[name] = (type(error).__name__, str(error))

    head = threading.Thread(target=run, args=("first", first))
    head.start()
    started.wait(5)
    others = [threading.Thread(target=run, args=unit) for unit in (second, third)]
    for thread in others:
        thread.start()
    time.sleep(0.2)  # both queued behind the slow unit: one group
    release.set()
    for thread in [head, *others]:
        thread.join()
    return out


def test_failed_unit_in_a_group_leaves_the_others(ctx):
    def failing(repo):
        repo.audit("t", "failing", "d", "b2", "")
        raise RuntimeError("unit failed")

    def fine(repo):
        repo.audit("t", "fine", "d", "b3", "")
        return "fine"

    out = run_as_one_group(ctx.store, ("failing", failing), ("fine", fine))
    assert out == {"first": "first", "failing": ("RuntimeError", "unit failed"), "fine": "fine"}
    with ctx.store.transaction(write=False) as repo:
        actions = sorted(r[0] for r in repo._rows("SELECT action FROM audit"))
    assert actions == ["fine", "first"]


def test_unit_refused_at_commit_does_not_take_its_group_down(sqlite_ctx):
    """A deferred foreign-key violation only shows at COMMIT: the group is retried unit by unit."""

    def orphan(repo):
        repo._exec("PRAGMA defer_foreign_keys = ON")
        repo._exec(
            "INSERT INTO records (record_id, rev, kind, content_hash, device_id, bundle_id, body) "
            "VALUES ('r', 1, 'k', 'c', 'd', 'no-such-bundle', '{}')"
        )
        return "orphan"

    def fine(repo):
        repo.audit("t", "fine", "d", "b3", "")
        return "fine"

    out = run_as_one_group(sqlite_ctx.store, ("orphan", orphan), ("fine", fine))
    assert out["first"] == "first" and out["fine"] == "fine" and out["orphan"][0] == "IntegrityError"
    with sqlite_ctx.store.transaction(write=False) as repo:
        assert sorted(r[0] for r in repo._rows("SELECT action FROM audit")) == ["fine", "first"]
        assert repo.record_count() == 0


def test_wal_is_copied_into_the_database_once_writes_pause(tmp_path):
    """The checkpointer waits for a pause in commits, but it does run: the database file takes the pages."""
    from wingdesk.hq.store import SQLITE_NAME, open_store

    store = open_store(tmp_path)
    try:
        database = tmp_path / SQLITE_NAME
        before = database.stat().st_size
        for index in range(20):
            store.write(lambda repo, i=index: repo.audit("t", "bulk", "d", f"b{i}", "x" * 200_000))
        assert (tmp_path / f"{SQLITE_NAME}-wal").stat().st_size > 4_000_000
        deadline = time.monotonic() + 10
        while database.stat().st_size < before + 4_000_000 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert database.stat().st_size >= before + 4_000_000
    finally:
        store.close()

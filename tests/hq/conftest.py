"""Fixtures for HQ tests: HQ keys without KDF cost, SQLite/PostgreSQL stores, simulated wings."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest

from wingdesk.hq.devices import enrol_device
from wingdesk.hq.ingest import HqContext
from wingdesk.hq.keystore import HqKeys
from wingdesk.hq.store import open_store
from wingdesk.sync import keys
from wingdesk.sync.bundle import bundle_hash, seal_bundle
from wingdesk.sync.enrolment import make_enrolment_request
from wingdesk.sync.header import GENESIS_HASH, KIND_WING_TO_HQ
from wingdesk.sync.payload import record_content_hash

PG_URL = os.environ.get("WINGDESK_TEST_PG")
NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def make_record(index: int = 0, record_id: str | None = None, rev: int = 1, text: str | None = None) -> dict:
    body = {"event": "daily_log", "n": index, "text": text or f"entry {index}", "cell": "B-12"}
    return {
        "record_id": record_id or str(uuid.uuid4()),
        "rev": rev,
        "kind": "daily_log",
        "content_hash": record_content_hash(body),
        "body": body,
    }


class Wing:
    """A simulated wing: keys, a sequence counter and a hash chain (what the wing store will do)."""

    def __init__(self, hq: HqKeys, env: str = "prod", name: str = "Wing B") -> None:
        self.device_id = str(uuid.uuid4())
        self.keys = keys.generate_key_pairs()
        self.hq = hq
        self.env = env
        self.name = name
        self.seq = 0
        self.prev = GENESIS_HASH
        self.sealed: dict[int, str] = {}

    def enrolment(self) -> tuple[bytes, str]:
        return make_enrolment_request(self.device_id, self.name, self.keys, self.env)

    def bundle(self, records: list[dict] | None = None, n: int = 3, **overrides) -> bytes:
        self.seq += 1
        args = dict(
            kind=KIND_WING_TO_HQ,
            device_id=self.device_id,
            seq=self.seq,
            prev_hash=self.prev,
            records=records if records is not None else [make_record(i) for i in range(n)],
            signer_private=self.keys.sign_private,
            recipient_public=self.hq.current.enc_public,
            env=self.env,
        )
        args.update(overrides)
        data = seal_bundle(**args)
        self.prev = bundle_hash(data)
        self.sealed[self.seq] = self.prev
        return data


@pytest.fixture
def hq_keys() -> HqKeys:
    return HqKeys("prod", "HQ test", "2025-01-01T00:00:00Z", keys.generate_key_pairs())


def _pg_url(schema: str) -> str:
    joiner = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{joiner}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture
def pg_schema():
    """A fresh PostgreSQL schema per test, dropped afterwards."""
    if not PG_URL:
        pytest.skip("WINGDESK_TEST_PG is not set")
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield _pg_url(schema)
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request, tmp_path):
    """Database URL for each backend (PostgreSQL skips only when WINGDESK_TEST_PG is unset)."""
    if request.param == "sqlite":
        return None
    return request.getfixturevalue("pg_schema")


@pytest.fixture
def store(tmp_path, backend):
    opened = open_store(tmp_path / "hq", backend)
    yield opened
    opened.close()


@pytest.fixture
def ctx(store, hq_keys) -> HqContext:
    return HqContext(store, hq_keys, clock=Clock())


@pytest.fixture
def sqlite_ctx(tmp_path, hq_keys) -> HqContext:
    opened = open_store(tmp_path / "hq-sqlite")
    yield HqContext(opened, hq_keys, clock=Clock())
    opened.close()


def enrol(ctx: HqContext, wing: Wing) -> Wing:
    data, code = wing.enrolment()
    enrol_device(ctx.store, data, code, ctx.env, NOW)
    return wing


@pytest.fixture
def wing(ctx, hq_keys) -> Wing:
    return enrol(ctx, Wing(hq_keys))


@pytest.fixture
def make_wing(ctx, hq_keys):
    """Factory: make_wing(enrolled=True, env="prod") -> Wing."""

    def make(enrolled: bool = True, env: str = "prod", target: HqContext | None = None) -> Wing:
        made = Wing(hq_keys, env=env)
        return enrol(target or ctx, made) if enrolled else made

    return make


@pytest.fixture
def record():
    """Factory for record dicts: record(index, record_id=None, rev=1, text=None)."""
    return make_record

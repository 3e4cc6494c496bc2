"""A small wing with one account per role, built once and copied for each test."""

import shutil
from pathlib import Path

import pytest

from wingdesk.crypto.kdf import floor_params
from wingdesk.domain.roles import Role
from wingdesk.hq.ingest import HqContext
from wingdesk.hq.keystore import HqKeys
from wingdesk.hq.store import open_store
from wingdesk.storage.backend import LocalWing
from wingdesk.sync import keys

ADMIN_PW = "admin passphrase for tests"
ACCOUNTS = {
    "off1": (Role.OFFICER, "Omar Officer", "officer one passphrase", None),
    "off2": (Role.OFFICER, "Olga Officer", "officer two passphrase", None),
    "sup": (Role.SUPERVISOR, "Sara Supervisor", "supervisor passphrase", None),
    "psy": (Role.TREATMENT, "Pia Psychologist", "psychologist passphrase", "PSY"),
    "sw": (Role.TREATMENT, "Sam Socialworker", "social worker passphrase", "SW"),
    "sec": (Role.SECURITY, "Sid Security", "security passphrase", None),
    "gov": (Role.GOVERNOR, "Gita Governor", "governor passphrase", None),
}


@pytest.fixture(scope="session")
def wing_template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("template") / "wing"
    wing = LocalWing(folder, kdf=floor_params())
    wing.create("B-Wing", "Test Prison", "admin", "Ada Admin", ADMIN_PW)
    admin = wing.sign_in("admin", ADMIN_PW)
    for name, (role, display, pw, discipline) in ACCOUNTS.items():
        admin.users.add_user(name, display, role, pw, discipline)
    admin.lock()
    sup = wing.sign_in("sup", ACCOUNTS["sup"][2])
    for i in range(5):
        sup.prisoners.admit(f"T-{i:03d}", f"Given{i}", f"Family{i}", "F" if i % 2 else "M", "CONVICTED",
                            date_of_birth="2006-01-01" if i == 0 else "1980-05-05", first_time=i < 2,
                            cell=f"B1-0{i}")
    sup.lock()
    psy = wing.sign_in("psy", ACCOUNTS["psy"][2])  # first treatment user: takes the clinical key, grants SW
    psy.lock()
    return folder


@pytest.fixture
def wing(wing_template, tmp_path):
    folder = tmp_path / "wing"
    shutil.copytree(wing_template, folder)
    return LocalWing(folder, kdf=floor_params())


@pytest.fixture
def login(wing):
    opened = []

    def sign_in(name):
        password = ADMIN_PW if name == "admin" else ACCOUNTS[name][2]
        session = wing.sign_in(name, password)
        opened.append(session)
        return session

    yield sign_in
    for session in opened:
        session.lock()


@pytest.fixture
def hq(tmp_path):
    """An HQ on SQLite with fresh keys, for the wing-to-HQ tests; closed after the test."""
    store = open_store(tmp_path / "hq")
    yield HqContext(store, HqKeys("prod", "HQ test", "2025-01-01T00:00:00Z", keys.generate_key_pairs()))
    store.close()


@pytest.fixture
def sup_at_hq(wing, login, hq):
    """The supervisor of a wing enrolled at `hq`, its sync wired as app.py wires it: for the wing-to-HQ tests."""
    from tests.integration.sync_helpers import enrol
    from wingdesk.sync.wing_sync import WingSync

    wing.sync_factory = WingSync
    session = login("sup")
    enrol(session, hq)
    return session


def first_prisoner(session):
    return session.prisoners.page()[0]


def data_files(folder: Path):
    return [p for p in folder.iterdir() if p.is_file()]

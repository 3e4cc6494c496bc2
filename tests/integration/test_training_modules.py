"""Installing training modules on a wing: HQ-signed files checked against the enrolled HQ key; a bad signature,
another key, an older or reused version, or unsafe text inside is refused with one sentence and the version in
use stays in use."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from tests.integration.sync_helpers import enrol
from tests.module_packages import package
from wingdesk.crypto import signing
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.errors import AccessDenied
from wingdesk.domain.instruments.signed_file import file_bytes, key_id
from wingdesk.domain.modules.model import ModuleError
from wingdesk.hq.instruments import sign_instrument
from wingdesk.hq.modules import sign_module
from wingdesk.i18n.messages import describe
from wingdesk.sync import keys
from wingdesk.sync.wing_sync import WingSync

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _signed(hq, raw: dict) -> bytes:
    return sign_module(canonical_bytes(raw), hq.keys.current.sign_private, NOW)[1]


@pytest.fixture
def admin(wing, login, hq):
    wing.sync_factory = WingSync
    session = login("admin")
    enrol(session, hq)
    return session


def _refusal(call) -> ModuleError:
    with pytest.raises(ModuleError) as caught:
        call()
    return caught.value


def _in_use(session) -> int:
    return session.modules.view("wd.test_module", "en").version


def test_a_signed_module_installs_and_shows_in_the_readers_language(admin, hq, login):
    outcome = admin.modules.install_signed(_signed(hq, package()))
    assert (outcome.module_id, outcome.version, outcome.outcome) == ("wd.test_module", 1, "installed")
    assert admin.modules.install_signed(_signed(hq, package())).outcome == "unchanged"
    view = login("off1").modules.view("wd.test_module", "mk")
    assert view.language == "mk" and view.title == "Title mk" and set(view.images) == {"cycle.png"}
    assert '<a name="s1"></a>' in view.html and len(view.questions) == 2


def test_tampered_unsigned_or_foreign_files_are_refused_and_version_1_stays_in_use(admin, hq):
    admin.modules.install_signed(_signed(hq, package(1)))
    wrapper = json.loads(_signed(hq, package(2)))
    wrapper["module_file"]["definition"]["content"]["en"]["summary"] = "Changed after signing."
    assert _refusal(lambda: admin.modules.install_signed(canonical_bytes(wrapper))).code == "module_signature"
    foreign = sign_module(canonical_bytes(package(2)), bytes(signing.new_seed()), NOW)[1]
    assert _refusal(lambda: admin.modules.install_signed(foreign)).code == "module_wrong_key"
    assert _refusal(lambda: admin.modules.install_signed(canonical_bytes(package(2)))).code == "module_not_signed"
    instrument_file = json.loads(sign_instrument(canonical_bytes(_instrument()), hq.keys.current.sign_private,
                                                 NOW)[1])
    as_module = {"module_file": instrument_file["instrument_file"], "sig": instrument_file["sig"]}
    error = _refusal(lambda: admin.modules.install_signed(canonical_bytes(as_module)))
    assert error.code == "module_signature"  # an instrument's signature never passes as a module's
    assert _in_use(admin) == 1


def _instrument() -> dict:
    from wingdesk.config.package_data import shipped_instruments
    return json.loads(shipped_instruments()[0])


def test_an_older_version_or_a_changed_version_is_refused(admin, hq):
    admin.modules.install_signed(_signed(hq, package(2)))
    error = _refusal(lambda: admin.modules.install_signed(_signed(hq, package(1))))
    assert error.code == "module_older_version" and "version 2 in use" in describe(error)
    changed = package(2)
    changed["content"]["en"]["summary"] = "Another summary."
    assert _refusal(lambda: admin.modules.install_signed(_signed(hq, changed))).code == "module_version_conflict"
    assert _in_use(admin) == 2


@pytest.mark.parametrize(("body", "code"), [
    ("## A\n\n<script>fetch('https://x')</script>\n", "module_script"),
    ("## A\n\n<iframe src='https://x'></iframe>\n", "module_raw_html"),
    ("## A\n\n![x](https://tracker.example/p.png)\n", "module_remote_image"),
])
def test_unsafe_text_in_a_validly_signed_file_is_refused_with_one_sentence(admin, hq, body, code):
    admin.modules.install_signed(_signed(hq, package(1)))
    bad = package(2, body=body)
    # signed as HQ would sign it had its own check been skipped: the wing checks again
    statement = {"definition": bad, "hq_key_id": key_id(keys.ed25519_public(hq.keys.current.sign_private)),
                 "signed_at": "2026-12-01T09:00:00Z"}
    signature = signing.sign(bytearray(hq.keys.current.sign_private), signing.MODULE_PREFIX, statement)
    error = _refusal(lambda: admin.modules.install_signed(file_bytes(statement, signature, "module_file")))
    assert error.code == code
    sentence = describe(error)
    assert sentence.count(". ") <= 1 and "content.en.body" in sentence
    assert _in_use(admin) == 1


def test_only_the_administrator_installs(admin, hq, login):
    with pytest.raises(AccessDenied):
        login("sup").modules.install_signed(_signed(hq, package()))

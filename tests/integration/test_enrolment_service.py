"""Enrolment with HQ as the Sync page does it: read the key file first (whose, fingerprint), then enrol; a wrong
file, a weak key and a PC HQ already enrolled are each refused with one sentence and nothing stored."""

from __future__ import annotations

import pytest

from tests.integration.sync_helpers import hq_key_file
from tests.sync.test_weak_keys import key_file_with
from tests.weak_key_vectors import WEAK_ED25519
from wingdesk.i18n.sync_messages import describe_sync
from wingdesk.services.sync_types import SyncFailed
from wingdesk.sync import keys
from wingdesk.sync.wing_sync import WingSync


@pytest.fixture
def sup(wing, login):
    wing.sync_factory = WingSync  # what app.py wires
    return login("sup")


def test_the_key_file_is_read_before_anything_is_installed(sup, hq):
    preview = sup.sync.read_hq_key_file(hq_key_file(hq))
    assert preview.hq_name == "HQ test" and preview.env == "prod"
    assert sup.sync.status().enrolment_state == "none"  # reading installs nothing
    request, code = sup.sync.enrol(hq_key_file(hq))
    assert request and code
    assert sup.sync.status().hq_fingerprint == preview.fingerprint


@pytest.mark.parametrize("data", [b"", b"not json at all", b'{"v": 1}', b"\x00" * 300])
def test_a_wrong_file_is_refused(sup, data):
    with pytest.raises(SyncFailed) as refused:
        sup.sync.read_hq_key_file(data)
    assert refused.value.code == "key_file_invalid"
    assert describe_sync(refused.value) == "The HQ key file is damaged or not genuine."


def test_a_weak_key_is_refused_when_read(sup):
    genuine = keys.generate_key_pairs()
    with pytest.raises(SyncFailed) as refused:
        sup.sync.read_hq_key_file(key_file_with(WEAK_ED25519[0], genuine.enc_public))
    assert refused.value.code == "weak_public_key"


def test_a_pc_hq_already_enrolled_is_refused_unless_asked_again(sup, hq):
    sup.sync.enrol(hq_key_file(hq))
    sup.sync.enrol(hq_key_file(hq))  # still only requested: the request may be made again (lost file)
    sup.ctx.repo.set_enrolment_state("enrolled")  # HQ's first receipt or bundle confirmed it
    with pytest.raises(SyncFailed) as refused:
        sup.sync.enrol(hq_key_file(hq))
    assert refused.value.code == "already_enrolled"
    assert describe_sync(refused.value).startswith("This PC is already enrolled with HQ.")
    assert sup.sync.enrol(hq_key_file(hq), again=True).confirmation_code
    assert sup.sync.status().enrolment_state == "enrolled"

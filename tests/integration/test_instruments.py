"""Installing instruments on a wing: HQ-signed files checked against the enrolled HQ key, every version kept,
refusals that change nothing, and the reading API the assessment forms use."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime

import pytest

from tests.integration.sync_helpers import enrol
from wingdesk.config.package_data import shipped_instruments
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.errors import AccessDenied
from wingdesk.domain.instruments.model import InstrumentError
from wingdesk.domain.instruments.parse import loads_json
from wingdesk.hq.instruments import sign_instrument
from wingdesk.sync import keys
from wingdesk.sync.wing_sync import WingSync

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _definition(version: int = 1, tweak: str = "") -> dict:
    raw = copy.deepcopy(loads_json(shipped_instruments()[2]))  # the extremism SPJ
    raw["version"] = version
    if tweak:
        raw["domains"][0]["guidance"]["en"] += " " + tweak
    return raw


def _signed(hq, raw: dict) -> bytes:
    return sign_instrument(canonical_bytes(raw), hq.keys.current.sign_private, NOW)[1]


@pytest.fixture
def admin(wing, login, hq):
    wing.sync_factory = WingSync
    session = login("admin")
    enrol(session, hq)
    return session


def _refusal(call) -> InstrumentError:
    with pytest.raises(InstrumentError) as caught:
        call()
    return caught.value


def test_a_signed_instrument_installs_and_reads_back_in_every_language(admin, hq, login):
    outcome = admin.instruments.install_signed(_signed(hq, _definition()))
    assert (outcome.instrument_id, outcome.version, outcome.outcome) == ("wd.extremism_risk_spj", 1, "installed")
    assert admin.instruments.install_signed(_signed(hq, _definition())).outcome == "unchanged"
    psy = login("psy")
    view = psy.instruments.view("wd.extremism_risk_spj", "mk")
    assert view.version == 1 and view.domains[0].title == "Уверувања и ставови"
    assert all(o.needs_rationale for d in view.domains for o in d.judgement)
    [summary] = psy.instruments.catalogue("sq")
    assert summary.usable and summary.versions == (1,)
    assert not login("sec").instruments.catalogue("en")[0].usable  # SEC reads it; the SPJ names treatment only


def test_version_2_comes_into_force_and_version_1_stays_readable(admin, hq):
    admin.instruments.install_signed(_signed(hq, _definition(1)))
    admin.instruments.install_signed(_signed(hq, _definition(2, "Revised.")))
    assert admin.instruments.in_force("wd.extremism_risk_spj").version == 2
    old = admin.instruments.get("wd.extremism_risk_spj", 1)
    assert old.version == 1 and not old.domains[0].guidance["en"].endswith("Revised.")
    assert admin.instruments.get("wd.extremism_risk_spj", 2).domains[0].guidance["en"].endswith("Revised.")
    assert admin.instruments.versions("wd.extremism_risk_spj") == [1, 2]
    admin.instruments.install_signed(_signed(hq, _definition(1)))  # an old file again: v2 stays in force
    assert admin.instruments.in_force("wd.extremism_risk_spj").version == 2


def test_a_file_signed_by_another_key_is_refused_and_audited(admin, hq):
    admin.instruments.install_signed(_signed(hq, _definition(1)))
    stranger = keys.generate_key_pairs()
    forged = sign_instrument(canonical_bytes(_definition(2, "Forged.")), stranger.sign_private, NOW)[1]
    assert _refusal(lambda: admin.instruments.install_signed(forged)).code == "instrument_wrong_key"
    # the same forgery claiming HQ's key id: the signature itself fails
    doc = json.loads(forged)
    doc["instrument_file"]["hq_key_id"] = hq.keys.current.sign_key_id
    assert _refusal(lambda: admin.instruments.install_signed(canonical_bytes(doc))).code == "instrument_signature"
    assert admin.instruments.in_force("wd.extremism_risk_spj").version == 1  # the previous version stays in use
    actions = [e.action for e in admin.audit.page(0, 50)]
    assert actions.count("instrument_refused") == 2 and actions.count("instrument_installed") == 1


def test_a_file_changed_after_signing_is_refused(admin, hq):
    doc = json.loads(_signed(hq, _definition(1)))
    doc["instrument_file"]["definition"]["domains"][0]["guidance"]["en"] = "Rate highly anyone who prays."
    assert _refusal(lambda: admin.instruments.install_signed(canonical_bytes(doc))).code == "instrument_signature"
    assert _refusal(lambda: admin.instruments.in_force("wd.extremism_risk_spj")).code == "instrument_not_installed_any"


@pytest.mark.parametrize(("break_it", "code"), [
    (lambda raw: raw["domains"][3]["title"].pop("cnr"), "instrument_translation_missing"),
    (lambda raw: raw.update(format=2), "instrument_format_unknown"),
    (lambda raw: raw["domains"][0].pop("judgement"), "instrument_empty_domain"),
])
def test_a_signed_but_bad_definition_is_refused_and_the_previous_version_stays(admin, hq, break_it, code):
    admin.instruments.install_signed(_signed(hq, _definition(1)))
    raw = _definition(2)
    break_it(raw)
    from wingdesk.crypto import signing
    from wingdesk.domain.instruments.signed_file import file_bytes, statement

    signed = statement(raw, hq.keys.current.sign_key_id, "2026-12-01T09:00:00Z")  # HQ's tool would refuse to sign it
    data = file_bytes(signed, signing.sign(bytearray(hq.keys.current.sign_private), signing.INSTRUMENT_PREFIX, signed))
    assert _refusal(lambda: admin.instruments.install_signed(data)).code == code
    assert admin.instruments.in_force("wd.extremism_risk_spj").version == 1
    assert admin.instruments.versions("wd.extremism_risk_spj") == [1]


def test_the_same_version_with_other_content_is_refused(admin, hq):
    admin.instruments.install_signed(_signed(hq, _definition(1)))
    error = _refusal(lambda: admin.instruments.install_signed(_signed(hq, _definition(1, "Quietly changed."))))
    assert error.code == "instrument_version_conflict"
    assert not admin.instruments.get("wd.extremism_risk_spj", 1).domains[0].guidance["en"].endswith("changed.")


def test_unsigned_files_and_wings_without_an_hq_key_are_refused(wing, login, hq):
    admin = login("admin")  # no sync adapter: this wing knows no HQ key
    assert _refusal(lambda: admin.instruments.install_signed(_signed(hq, _definition()))).code == \
        "instrument_no_hq_key"
    assert _refusal(lambda: admin.instruments.install_signed(canonical_bytes(_definition()))).code == \
        "instrument_not_signed"


def test_the_shipped_instruments_install_once_and_only_an_administrator_installs(login):
    admin = login("admin")
    outcomes = admin.instruments.install_shipped(shipped_instruments())
    assert sorted((o.instrument_id, o.version) for o in outcomes) == [
        ("wd.extremism_risk_spj", 1), ("wd.needs_assessment", 1), ("wd.needs_assessment", 2),
        ("wd.reception_screening", 1), ("wd.reception_screening", 2)]
    assert {o.outcome for o in admin.instruments.install_shipped(shipped_instruments())} == {"unchanged"}
    with pytest.raises(AccessDenied):
        login("gov").instruments.install_shipped(shipped_instruments())
    with pytest.raises(AccessDenied):
        login("off1").instruments.catalogue("en")
    in_force = {s.instrument_id: s for s in login("sup").instruments.catalogue("hr")}
    assert in_force["wd.reception_screening"].version == 2 and in_force["wd.reception_screening"].versions == (1, 2)
    assert not in_force["wd.reception_screening"].usable  # supervisors read assessments; treatment staff make them
    psy = login("psy")
    assert {s.instrument_id: s.usable for s in psy.instruments.catalogue("hr")}["wd.reception_screening"]
    admin.instruments.set_region("XK")
    screening = psy.instruments.view("wd.reception_screening", "sq")
    interpreter = [i for d in screening.domains for i in d.items if i.code == "INTERPRETER"][0]
    assert screening.region == "XK" and "Kosovë" in interpreter.regional_guidance
    albania = [i.regional_guidance for d in psy.instruments.view("wd.reception_screening", "sq", region="AL").domains
               for i in d.items if i.regional_guidance]
    assert len(albania) == 1 and "Drejtoria e Përgjithshme e Burgjeve" in albania[0]
    assert not [i for d in psy.instruments.view("wd.reception_screening", "sq", 1, region="AL").domains
                for i in d.items if i.regional_guidance]  # version 1 as it shipped: none for Albania


def test_version_2_installed_over_version_1_on_a_wing_keeps_each_assessment_on_its_own_version(login):
    """A wing that installed the shipped instruments before version 2 existed: its assessments made with version 1
    keep showing version 1 (no Albanian guidance, its own role list); new ones use version 2."""
    from wingdesk.config.package_data import SHIPPED_INSTRUMENTS, read_bytes

    admin = login("admin")
    first = [read_bytes("resources", "instruments", n) for n in SHIPPED_INSTRUMENTS if "_v" not in n]
    assert {o.version for o in admin.instruments.install_shipped(first)} == {1}
    admin.instruments.set_region("AL")
    psy = login("psy")
    prisoner = psy.prisoners.page()[0].id
    old = psy.assessments.start(prisoner, "SCREENING_AT_ADMISSION", "wd.reception_screening")
    assert old.body["instrument_version"] == 1
    outcomes = {(o.instrument_id, o.version): o.outcome for o in admin.instruments.install_shipped(
        shipped_instruments())}
    assert outcomes[("wd.reception_screening", 1)] == "unchanged" and outcomes[("wd.reception_screening", 2)] == \
        "installed" and outcomes[("wd.needs_assessment", 2)] == "installed"
    assert psy.assessments.instrument_of(old.id).version == 1
    assert psy.assessments.instrument_of(old.id).usable_by("supervisor")  # v1 as it was, kept for this assessment
    shown = psy.instruments.view("wd.reception_screening", "en", old.body["instrument_version"])
    assert shown.version == 1 and not [i for d in shown.domains for i in d.items if i.regional_guidance]
    new = psy.assessments.start(prisoner, "SCREENING_AT_ADMISSION", "wd.reception_screening")
    assert new.body["instrument_version"] == 2
    guided = [i.regional_guidance for d in psy.instruments.view("wd.reception_screening", "en").domains
              for i in d.items if i.regional_guidance]
    assert len(guided) == 1 and "Law no. 96/2017" in guided[0]
    needs = psy.instruments.view("wd.needs_assessment", "sq")
    assert needs.version == 2 and any("bashki" in i.regional_guidance for d in needs.domains for i in d.items)


def test_installed_versions_cannot_be_changed_or_removed_in_the_database(login):
    admin = login("admin")
    admin.instruments.install_shipped(shipped_instruments())
    repo = admin.ctx.repo
    with pytest.raises(Exception, match="never change"):
        repo.execute("UPDATE instruments SET definition = '{}'")
    with pytest.raises(Exception, match="are kept"):
        repo.execute("DELETE FROM instruments")

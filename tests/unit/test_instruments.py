"""Instrument definitions: the shipped ones are complete in every language; each kind of bad definition is refused
with its own code naming the place; licensed instruments carry structure only; regional guidance adds, never
changes."""

from __future__ import annotations

import copy
import json
import re

import pytest

from wingdesk.config.package_data import SHIPPED_INSTRUMENTS, read_bytes, shipped_instruments
from wingdesk.domain import codes
from wingdesk.domain.instruments.model import FORMAT, LANGUAGES, REGIONS, InstrumentError
from wingdesk.domain.instruments.parse import loads_json, parse_bytes, parse_definition
from wingdesk.domain.instruments.view import localise
from wingdesk.i18n.messages import MESSAGES, describe

SHIPPED = [loads_json(data) for data in shipped_instruments()]
LATIN = re.compile(r"[A-Za-z]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _texts(value, path=""):
    """Every translated text of a definition: (path, {language: text})."""
    if isinstance(value, dict):
        if set(value) == set(LANGUAGES):
            yield path, value
            return
        for key, item in value.items():
            yield from _texts(item, f"{path}.{key}")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _texts(item, f"{path}[{n}]")


def _refused(definition) -> InstrumentError:
    with pytest.raises(InstrumentError) as caught:
        parse_definition(definition)
    return caught.value


def _spj():
    return copy.deepcopy(next(d for d in SHIPPED if d["id"] == "wd.extremism_risk_spj"))


def _needs():
    return copy.deepcopy(next(d for d in SHIPPED if d["id"] == "wd.needs_assessment"))


@pytest.mark.parametrize("name", SHIPPED_INSTRUMENTS)
def test_every_shipped_instrument_validates_and_is_complete_in_all_languages(name):
    raw = loads_json(read_bytes("resources", "instruments", name))
    instrument = parse_definition(raw)
    assert instrument.version >= 1 and not instrument.licensed and instrument.sources
    for language in LANGUAGES:
        for region in (None, *REGIONS):
            view = localise(instrument, language, region)
            assert view.title and view.purpose
            for domain in view.domains:
                assert domain.title
                assert domain.items or domain.judgement
                for item in domain.items:
                    assert item.text and item.guidance and all(o.label for o in item.options)
    texts = list(_texts(raw))
    assert len(texts) >= 20
    for path, text in texts:
        for language in LANGUAGES:
            assert text[language].strip(), (path, language)
        if "regional_guidance" in path:
            continue  # may quote an institution's local name in its own script
        for language in ("sr", "mk"):
            assert not LATIN.search(text[language].replace("WingDesk", "")), (path, language)
        for language in ("en", "sq", "sr_Latn", "bs", "hr", "cnr"):
            assert not CYRILLIC.search(text[language]), (path, language)
        for language in ("sq", "sr", "bs", "hr", "mk"):  # translated, not English left in place
            assert text[language] != text["en"] or len(text["en"]) < 4, (path, language)


def test_the_needs_assessment_rates_the_ten_need_areas_with_rationale():
    instrument = parse_definition(_needs())
    items = {code: part for code, part in instrument.rated_parts().items()}
    assert tuple(sorted(items)) == tuple(sorted(codes.NEED_AREAS))
    for code, item in items.items():
        if code != "FAITH_PASTORAL":
            assert item.scale.codes[:3] == ("NO_NEED", "SOME_NEED", "SIGNIFICANT_NEED")
            assert item.needs_rationale("SIGNIFICANT_NEED") and not item.needs_rationale("NO_NEED")


def test_the_extremism_spj_has_five_domains_each_needing_a_rationale_and_nothing_to_add_up():
    instrument = parse_definition(_spj())
    assert [d.code for d in instrument.domains] == ["BELIEFS_ATTITUDES", "CONTEXT_INTENT", "HISTORY_CAPABILITY",
                                                    "COMMITMENT_MOTIVATION", "PROTECTIVE_FACTORS"]
    for domain in instrument.domains:
        assert domain.judgement is not None
        assert all(domain.judgement.needs_rationale(code) for code in domain.judgement.scale.codes)
    text = json.dumps(_spj())
    for numeric in ('"score"', '"weight"', '"points"', '"total"', '"value":'):
        assert numeric not in text  # no numeric score anywhere in the definition
    assert not re.search(r'"code": "\d', text)  # rating codes are words, never numbers to add up


def test_no_shipped_licensed_instrument_carries_item_text():
    for raw in SHIPPED:
        if raw["licensed"]:
            for domain in raw["domains"]:
                assert "guidance" not in domain
                assert all("text" not in item and "guidance" not in item for item in domain.get("items", []))
            assert not raw.get("regional_guidance")


def _licensed():
    """A licensed instrument's structure only: domain names and rating codes (VERA-2R-like, no wording)."""
    raw = _spj()
    raw.update(id="test.licensed_structure", licensed=True)
    raw.pop("regional_guidance", None)
    for n, domain in enumerate(raw["domains"]):
        domain.pop("guidance")
        domain["items"] = [{"code": f"I{n}_{k}", "scale": "CONCERN", "rationale_required": []} for k in range(3)]
    return raw


def test_a_licensed_structure_is_accepted_and_item_text_in_it_refused():
    instrument = parse_definition(_licensed())
    assert instrument.licensed and all(item.text is None for d in instrument.domains for item in d.items)
    raw = _licensed()
    raw["domains"][1]["items"][0]["text"] = {lang: "copied wording" for lang in LANGUAGES}
    error = _refused(raw)
    assert error.code == "instrument_licensed_text" and error.params["where"] == "domains[CONTEXT_INTENT].items[0]"
    raw = _licensed()
    raw["domains"][0]["guidance"] = {lang: "manual text" for lang in LANGUAGES}
    assert _refused(raw).code == "instrument_licensed_text"
    raw = _licensed()
    raw["regional_guidance"] = {"MK": {"I0_0": {lang: "x" for lang in LANGUAGES}}}
    assert _refused(raw).code == "instrument_licensed_text"


def test_a_missing_translation_is_refused_naming_the_place_and_the_language():
    raw = _spj()
    del raw["domains"][2]["guidance"]["mk"]
    error = _refused(raw)
    assert error.code == "instrument_translation_missing"
    assert error.params == {"where": "domains[HISTORY_CAPABILITY].guidance", "language": "mk"}
    raw = _needs()
    raw["scales"]["NEED"]["options"][1]["label"]["cnr"] = "  "
    error = _refused(raw)
    assert (error.code, error.params["language"]) == ("instrument_translation_missing", "cnr")
    assert "scales[NEED].options[SOME_NEED].label" == error.params["where"]


@pytest.mark.parametrize(("change", "code"), [
    (lambda d: d.pop("roles"), "instrument_missing"),
    (lambda d: d.update(colour="red"), "instrument_unknown_field"),
    (lambda d: d.update(format=FORMAT + 1), "instrument_format_unknown"),
    (lambda d: d.update(format="1"), "instrument_bad_value"),
    (lambda d: d.update(version=0), "instrument_bad_version"),
    (lambda d: d.update(version="2"), "instrument_bad_version"),
    (lambda d: d.update(id="Bad Id"), "instrument_bad_code"),
    (lambda d: d.update(roles=["admin"]), "instrument_bad_roles"),
    (lambda d: d.update(licensed="no"), "instrument_bad_value"),
    (lambda d: d.update(domains=[]), "instrument_bad_value"),
    (lambda d: d["domains"][0]["judgement"].update(scale="NOPE"), "instrument_unknown_scale"),
    (lambda d: d["domains"][0]["judgement"].update(rationale_required=["MAYBE"]), "instrument_bad_rationale"),
    (lambda d: d["domains"][1].update(code=d["domains"][0]["code"]), "instrument_duplicate_code"),
    (lambda d: d["domains"][0].pop("judgement"), "instrument_empty_domain"),
    (lambda d: d["domains"][0]["judgement"].update(scale=["CONCERN"]), "instrument_unknown_scale"),
    (lambda d: d["scales"]["CONCERN"]["options"].pop(), "instrument_bad_rationale"),  # a rationale code now gone
    (lambda d: d["scales"]["CONCERN"].update(options=d["scales"]["CONCERN"]["options"][:1]), "instrument_bad_value"),
    (lambda d: d["title"].update(de="Titel"), "instrument_unknown_field"),
    (lambda d: d["title"].update(en="x" * 301), "instrument_text_too_long"),
    (lambda d: d.update(regional_guidance={"FR": {}}), "instrument_unknown_region"),
    (lambda d: d.update(regional_guidance={"MK": {"NO_SUCH": {lang: "x" for lang in LANGUAGES}}}),
     "instrument_unknown_part"),
    (lambda d: d.update(regional_guidance={"MK": {"CONTEXT_INTENT": {"en": "only English"}}}),
     "instrument_translation_missing"),
    (lambda d: d["sources"][0].update(url="http://example.org"), "instrument_bad_value"),
])
def test_each_malformed_definition_is_refused_with_its_own_sentence(change, code):
    raw = _spj()
    change(raw)
    error = _refused(raw)
    assert error.code == code
    sentence = describe(error)
    assert code in MESSAGES and "{" not in sentence and sentence.endswith(".")


@pytest.mark.parametrize("data", [b"", b"{", b'{"a": 1.5}', b'{"a": 1, "a": 2}', b"[1]", b"\xff\xfe", b'{"a":1} x',
                                  b'{"a": NaN}'])
def test_bytes_that_are_not_strict_json_are_refused(data):
    with pytest.raises(InstrumentError) as caught:
        parse_bytes(data)
    assert caught.value.code == "instrument_not_json"


def test_an_oversized_file_is_refused_before_parsing():
    with pytest.raises(InstrumentError) as caught:
        parse_bytes(b" " * (3 * 1024 * 1024))
    assert caught.value.code == "instrument_too_large"


def test_regional_guidance_adds_text_without_changing_the_structure():
    instrument = parse_definition(copy.deepcopy(SHIPPED[0]))
    plain, macedonian = localise(instrument, "sq"), localise(instrument, "sq", "MK")
    strip = [(d.code, [(i.code, [o.code for o in i.options]) for i in d.items]) for d in plain.domains]
    assert strip == [(d.code, [(i.code, [o.code for o in i.options]) for i in d.items]) for d in macedonian.domains]
    interpreter = [i for d in macedonian.domains for i in d.items if i.code == "INTERPRETER"][0]
    assert "shqipja" in interpreter.regional_guidance
    assert all(not i.regional_guidance for d in plain.domains for i in d.items)
    with pytest.raises(InstrumentError):
        localise(instrument, "de")
    with pytest.raises(InstrumentError):
        localise(instrument, "en", "FR")


def _structure(raw):
    """What results are compared by across versions and services: ids, domains, items, scales, rationale rules."""
    return raw["id"], raw["scales"], raw["domains"]


def _by_id_and_version():
    return {(raw["id"], raw["version"]): raw for raw in SHIPPED}


def test_every_shipped_version_is_a_new_file_and_a_later_one_keeps_the_structure():
    """A version never changes once installed, so a change ships as a new version beside the old one (both ship,
    oldest first); a later version keeps the structure, so results stay comparable across versions."""
    shipped = _by_id_and_version()
    assert len(shipped) == len(SHIPPED)  # no two files with one id and version
    order = [(raw["id"], raw["version"]) for raw in SHIPPED]
    for instrument_id, version in shipped:
        assert all((instrument_id, v) in shipped for v in range(1, version)), (instrument_id, version)
        if version > 1:
            assert order.index((instrument_id, version - 1)) < order.index((instrument_id, version))
            assert _structure(shipped[(instrument_id, version)]) == _structure(shipped[(instrument_id, version - 1)])


def test_every_country_with_guidance_in_an_instrument_has_albanias_in_its_latest_version():
    """Albania (AL) had none: where the other services have per-country guidance, Albania has it too, grounded in
    Albanian sources the definition cites (the prison administration's and the law's own names)."""
    latest: dict[str, dict] = {}
    for raw in SHIPPED:
        if raw["version"] > latest.get(raw["id"], {"version": 0})["version"]:
            latest[raw["id"]] = raw
    guided = [raw for raw in latest.values() if raw.get("regional_guidance")]
    assert {raw["id"] for raw in guided} == {"wd.reception_screening", "wd.needs_assessment"}
    for raw in guided:
        regional = raw["regional_guidance"]
        parts = {code for guidance in regional.values() for code in guidance}
        assert set(regional["AL"]) == parts, raw["id"]  # the parts any other country is guided on
        assert any(s["key"].startswith("AL ") for s in raw["sources"]), raw["id"]
        instrument = parse_definition(copy.deepcopy(raw))
        for language in LANGUAGES:
            shown = [i.regional_guidance for d in localise(instrument, language, "AL").domains for i in d.items
                     if i.regional_guidance]
            assert len(shown) == len(parts), (raw["id"], language)
    screening = latest["wd.reception_screening"]["regional_guidance"]["AL"]["INTERPRETER"]
    assert "Drejtoria e Përgjithshme e Burgjeve" in screening["en"] and "81/2020" in screening["mk"]
    version_1 = _by_id_and_version()[("wd.reception_screening", 1)]
    assert "AL" not in version_1["regional_guidance"]  # version 1 stays exactly as it shipped


def test_every_shipped_instrument_names_only_roles_the_policy_lets_create_assessments():
    """The instrument's roles and the access policy agree (domain.md §1: assessments are made by trained treatment
    staff; supervisors and officers read the level and instructions only). Version 1 of the screening named
    supervisors, who could never start it; it ships unchanged for the assessments made with it."""
    from wingdesk.domain.roles import Role
    from wingdesk.services.policy import Action, Resource, scope_for

    creators = {str(role) for role in Role if scope_for(role, Action.CREATE, Resource.ASSESSMENT) is not None}
    assert creators == {"treatment"}
    latest: dict[str, dict] = {}
    for raw in SHIPPED:
        if raw["version"] > latest.get(raw["id"], {"version": 0})["version"]:
            latest[raw["id"]] = raw
    for raw in latest.values():
        assert set(raw["roles"]) <= creators, raw["id"]
    assert _by_id_and_version()[("wd.reception_screening", 1)]["roles"] == ["supervisor", "treatment"]

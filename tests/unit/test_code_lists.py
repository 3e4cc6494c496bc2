"""A code-list document (domain.code_lists): the plan step types HQ adds, validated strictly; each refusal is one
CodeListError whose code has its own sentence, and what every installed version adds together (never erasing)."""

from __future__ import annotations

import json

import pytest

from tests.code_list_documents import ANGER, RESTORE, data, document
from wingdesk.domain.code_lists.model import CodeListError, merged
from wingdesk.domain.code_lists.parse import MAX_BYTES, MAX_ENTRIES, MAX_LABEL, parse_bytes, parse_code_list
from wingdesk.i18n.messages import MESSAGES, describe


def test_a_sound_document_reads_back_with_english_as_the_fallback():
    found = parse_bytes(data(3, [{"code": "ANGER_MANAGEMENT", "label": ANGER},
                                 {"code": "RJ_CIRCLE_2", "label": RESTORE, "retired": True}]))
    assert (found.name, found.version, [e.code for e in found.entries]) == (
        "step_types", 3, ["ANGER_MANAGEMENT", "RJ_CIRCLE_2"])
    anger, circle = found.entries
    assert (anger.label("mk"), anger.label("hr"), anger.retired, circle.retired) == (
        ANGER["mk"], ANGER["en"], False, True)
    assert found.languages == ("en", "mk", "sq")


def _refused(raw) -> CodeListError:
    with pytest.raises(CodeListError) as refused:
        parse_bytes(raw if isinstance(raw, bytes) else json.dumps(raw, ensure_ascii=False).encode())
    assert refused.value.code in MESSAGES
    sentence = describe(refused.value)
    assert "{" not in sentence and sentence.endswith(".")
    return refused.value


def _entry(**changes):
    return document(entries=[{"code": "ANGER_MANAGEMENT", "label": dict(ANGER), **changes}])


@pytest.mark.parametrize(("raw", "code", "where"), [
    (b"not json", "code_list_not_json", None),
    (b"[1, 2]", "code_list_not_json", None),
    (b'{"format": 1, "format": 1}', "code_list_not_json", None),  # duplicate keys
    (b" " * (MAX_BYTES + 1), "code_list_too_large", None),
    (document(format=2), "code_list_format_unknown", None),
    (document(list="incident_types"), "code_list_unknown_list", None),
    (document(list=["step_types"]), "code_list_unknown_list", None),
    ({k: v for k, v in document().items() if k != "version"}, "code_list_missing", "version"),
    (document(extra=1), "code_list_unknown_field", "extra"),
    (document(version=0), "code_list_bad_value", "version"),
    (document(version=True), "code_list_bad_value", "version"),
    (document(version=2**31), "code_list_bad_value", "version"),
    (document(entries=[]), "code_list_bad_value", "entries"),
    (document(entries=["ANGER"]), "code_list_bad_value", "entries[0]"),
    (document(entries=[{"code": f"C{n:03d}", "label": {"en": "x"}} for n in range(MAX_ENTRIES + 1)]),
     "code_list_too_many", None),
    (_entry(code="anger"), "code_list_bad_code", "entries[0].code"),
    (_entry(code="A"), "code_list_bad_code", "entries[0].code"),
    (_entry(code="1ANGER"), "code_list_bad_code", "entries[0].code"),
    (_entry(code="ANGER-MANAGEMENT"), "code_list_bad_code", "entries[0].code"),
    (_entry(code="ČAS"), "code_list_bad_code", "entries[0].code"),
    (_entry(code="A" * 41), "code_list_bad_code", "entries[0].code"),
    (_entry(code="EDUCATION"), "code_list_builtin_code", "entries[0].code"),  # a built-in step type
    (_entry(code="ASSAULT"), "code_list_builtin_code", "entries[0].code"),  # another list's code: its label
    (document(entries=[{"code": "NEW_ONE", "label": {"en": "a"}}, {"code": "NEW_ONE", "label": {"en": "b"}}]),
     "code_list_duplicate_code", "entries[1].code"),
    (_entry(label={"mk": "Курс"}), "code_list_no_english", "entries[0].label"),
    (_entry(label={"en": "Course", "de": "Kurs"}), "code_list_unknown_language", "entries[0].label"),
    (_entry(label="Course"), "code_list_bad_value", "entries[0].label"),
    (_entry(label={"en": "   "}), "code_list_bad_value", "entries[0].label.en"),
    (_entry(label={"en": 5}), "code_list_bad_value", "entries[0].label.en"),
    (_entry(label={"en": "x" * (MAX_LABEL + 1)}), "code_list_text_too_long", "entries[0].label.en"),
    (_entry(label={"en": "Course\u0007"}), "code_list_control_chars", "entries[0].label.en"),
    (_entry(label={"en": "Course", "mk": "Курс\u202e"}), "code_list_control_chars", "entries[0].label.mk"),
    (_entry(label={"en": "Course\nsecond line"}), "code_list_control_chars", "entries[0].label.en"),
    (_entry(retired="yes"), "code_list_bad_value", "entries[0].retired"),
    (_entry(colour="red"), "code_list_unknown_field", "entries[0].colour"),
    ({k: v for k, v in _entry().items()} | {"entries": [{"label": {"en": "x"}}]}, "code_list_missing",
     "entries[0].code"),
])
def test_each_refusal_has_its_own_sentence(raw, code, where):
    refused = _refused(raw)
    assert refused.code == code
    if where is not None:
        assert refused.params.get("where") == where


def test_a_refusal_never_quotes_the_label_text():
    refused = _refused(_entry(label={"en": "Secret name\u0007"}))
    assert "Secret" not in describe(refused) and "Secret" not in repr(refused.params)


def test_versions_together_never_erase_a_code():
    one = parse_code_list(document(1, [{"code": "ANGER_MANAGEMENT", "label": ANGER},
                                       {"code": "RJ_CIRCLE", "label": RESTORE}]))
    two = parse_code_list(document(2, [{"code": "ANGER_MANAGEMENT", "label": {"en": "Anger course", "mk": "Гнев"}},
                                       {"code": "PARENTING", "label": {"en": "Parenting"}, "retired": True}]))
    added = merged([two, one])  # any order: the newest version decides
    assert added.offered == ("ANGER_MANAGEMENT",)
    assert added.known == {"ANGER_MANAGEMENT", "RJ_CIRCLE", "PARENTING"}
    assert added.label("ANGER_MANAGEMENT", "mk") == "Гнев"  # the upgrade replaced the label
    assert added.label("RJ_CIRCLE", "mk") == RESTORE["mk"]  # left out of version 2: still labelled
    assert added.entries["RJ_CIRCLE"].retired and added.entries["PARENTING"].retired
    assert added.label("UNKNOWN", "en") is None
    assert merged([]).offered == () and merged([]).known == frozenset()

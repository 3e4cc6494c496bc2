"""Form validation: only validation errors for hostile input, and values round-trip."""

from hypothesis import given
from hypothesis import strategies as st

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.kinds.alert import FIELDS as ALERT
from wingdesk.domain.kinds.observation import FIELDS as OBSERVATION
from wingdesk.domain.kinds.wing_log import ENTRY_FIELDS
from wingdesk.domain.schema import clean_body


@given(st.text(max_size=300), st.text(max_size=300))
def test_observation_fields_validate_or_refuse(facts, where):
    body = {"category": "NEEDS_REQUEST", "polarity": "NEUTRAL", "what_seen_heard": facts, "where": where,
            "source_type": "DIRECT"}
    try:
        cleaned = clean_body(OBSERVATION, body)
    except ValidationError as error:
        assert error.code in {"required", "control_chars", "too_long"}
    else:
        assert cleaned["what_seen_heard"] == facts.replace("\r\n", "\n").strip()


def test_unknown_fields_are_refused():
    import pytest

    with pytest.raises(ValidationError) as info:
        clean_body(ALERT, {"code": "VULNERABLE", "description": "x", "active_from": "2026-01-01",
                              "religion": "any"})
    assert info.value.params["field"] == "religion"


def test_sql_metacharacters_are_just_text():
    body = clean_body(ENTRY_FIELDS["GENERAL"], {"text": "'; DROP TABLE records; --"})
    assert body["text"] == "'; DROP TABLE records; --"


def test_integers_beyond_what_canonical_json_carries_are_refused_as_out_of_range():
    """2^53 and up have no exact RFC 8785 form: before, signing the record raised a bare ValueError."""
    import pytest

    from wingdesk.domain.schema import MAX_INT, Field

    count = Field("visitor_count", "int", minimum=0)
    assert count.clean(MAX_INT) == MAX_INT
    for value in (MAX_INT + 1, 10**5000):
        with pytest.raises(ValidationError) as error:
            count.clean(value)
        assert error.value.code == "out_of_range" and error.value.params["maximum"] == MAX_INT

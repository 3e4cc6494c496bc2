"""Our stdlib canonical JSON equals RFC 8785 (the rfc8785 package) for WingDesk's value set."""

import rfc8785
from hypothesis import given
from hypothesis import strategies as st

from wingdesk.domain.canonical import canonical_bytes

keys = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=12)
scalars = st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1) | st.text(max_size=40)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
                      max_leaves=20)


@given(values)
def test_matches_rfc8785(value):
    assert canonical_bytes(value) == rfc8785.dumps(value)


def test_refuses_floats():
    import pytest

    with pytest.raises(ValueError):
        canonical_bytes({"a": 1.5})


@given(st.dictionaries(keys, values, max_size=6))
def test_signatures_sign_the_rfc8785_bytes(payload):
    """Countersignatures and audit signatures go through this canonical form: the bytes RFC 8785 gives."""
    from wingdesk.crypto import signing

    assert signing.signed_bytes(signing.COUNTERSIGN_PREFIX, payload) == signing.COUNTERSIGN_PREFIX + rfc8785.dumps(
        payload
    )

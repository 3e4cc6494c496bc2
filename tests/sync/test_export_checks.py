"""The export-side JSON check (`payload._json_ok`) decides exactly as its first, plainer version did."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from wingdesk.sync.payload import _json_ok


def _reference(value) -> bool:
    """The check as first written: isinstance on every value, keys checked with all() per object."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            if depth > 32 or not all(type(k) is str for k in item):
                return False
            stack.extend(
                (child, depth + 1) for child in item.values() if isinstance(child, dict | list | tuple | float)
            )
        elif isinstance(item, list | tuple):
            if depth > 32:
                return False
            stack.extend((child, depth + 1) for child in item if isinstance(child, dict | list | tuple | float))
        elif isinstance(item, float):
            return False
    return True


class _Str(str):
    pass


class _Float(float):
    pass


class _Dict(dict):
    pass


_LEAF = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=5)
    | st.floats(allow_nan=False)
    | st.builds(_Str, st.text(max_size=3))
    | st.builds(_Float, st.floats(allow_nan=False))
)
_KEY = st.text(max_size=4) | st.integers(0, 3) | st.builds(_Str, st.text(max_size=3)) | st.none()
_VALUE = st.recursive(
    _LEAF,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.tuples(inner, inner)
        | st.dictionaries(_KEY, inner, max_size=3)
        | st.builds(_Dict, st.dictionaries(st.text(max_size=3), inner, max_size=2))
    ),
    max_leaves=15,
)


@settings(max_examples=500, deadline=None)
@given(value=_VALUE)
def test_same_decision_as_the_reference(value):
    assert _json_ok(value) is _reference(value)


def _nested(depth: int):
    value: object = "leaf"
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


def test_nesting_bound_is_the_same():
    for depth in (31, 32, 33, 34, 40):
        assert _json_ok({"body": _nested(depth)}) is _reference({"body": _nested(depth)})
    assert _json_ok({"body": _nested(30)}) and not _json_ok({"body": _nested(40)})

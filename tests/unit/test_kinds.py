"""Every record kind's declaration is complete: a kind missing a label, a policy row, a subtype field, a
restricted view that drops nothing, or a display path fails here, not at save time on a wing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from wingdesk.domain import codes
from wingdesk.domain.errors import ValidationError
from wingdesk.domain.kinds import KINDS, KindSpec, spec_of
from wingdesk.domain.kinds.spec import STRUCTURED, HqStorage
from wingdesk.domain.schema import Field
from wingdesk.services.policy import POLICY, Action, Resource

ROOT = Path(__file__).resolve().parents[2]
SPECS = list(KINDS.values())


def sample_value(field: Field) -> Any:
    return {"text": "Seen at the door.", "line": "B1-04", "choice": field.choices[0] if field.choices else "x",
            "bool": True, "int": 3, "date": "2026-03-01", "datetime": "2026-03-01T08:00:00+00:00",
            "list": []}[field.kind]


def sample_bodies(spec: KindSpec) -> list[dict[str, Any]]:
    """A full valid body per subtype (every field filled), as a service would pass it to clean()."""
    def fill(fields: tuple[Field, ...]) -> dict[str, Any]:
        return {f.name: sample_value(f) for f in fields}

    if spec.subtypes:
        return [{spec.subtype_field: sub, **fill(fields)} for sub, fields in spec.subtypes.items()]
    body = fill(spec.fields)
    for name, item_fields in spec.nested.items():
        body[name] = [fill(item_fields)]
    return [body]


def all_field_names(spec: KindSpec) -> set[str]:
    found = {f.name for f in spec.fields}
    for fields in spec.subtypes.values():
        found |= {f.name for f in fields}
    if spec.subtypes:
        found.add(spec.subtype_field)
    return found


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_declaration_is_complete(spec: KindSpec) -> None:
    assert KINDS[spec.name] is spec and spec_of(spec.name) is spec
    assert spec.label, "a kind needs a label"
    resource = Resource(spec.resource)  # ValueError: not a policy resource
    actions = {action for (_role, action, res) in POLICY if res is resource}
    assert Action.READ in actions and Action.CREATE in actions, "nobody may read or write this kind"
    names = all_field_names(spec)
    assert spec.subtype_field in names, "titles, counts and filters need the subtype field"
    assert set(spec.sealed_fields) <= names
    assert set(spec.summary_fields) <= names | {f.name for fs in spec.nested.values() for f in fs}
    assert not (spec.sealed_fields and spec.searchable), "sealed text must never reach the search index"
    assert spec.hq_storage in (HqStorage.RECORD, HqStorage.SEALED)
    assert (spec.hq_storage == HqStorage.SEALED) == bool(spec.sealed_fields)
    assert set(spec.nested) <= {f.name for f in spec.fields if f.kind == "list"}


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_every_subtype_validates_views_and_indexes(spec: KindSpec) -> None:
    for given in sample_bodies(spec):
        body = spec.clean(given)
        assert spec.subtype(body) is not None
        assert spec.sensitivity(body) in codes.SENSITIVITY
        view = spec.restricted_view(body)
        assert set(view) <= set(body), "a restricted view only ever drops fields"
        assert not set(view) & set(spec.sealed_fields)
        free_text = {f.name for f in spec.fields_for(body) if f.kind not in STRUCTURED and f.kind != "list"}
        assert free_text - set(view), "a restricted view that keeps every free-text field restricts nothing"
        text = spec.search_text(body)
        assert (text is not None) == spec.searchable
        for name in spec.sealed_fields:
            assert text is None or str(body.get(name)) not in text


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_unknown_fields_and_subtypes_are_refused(spec: KindSpec) -> None:
    body = sample_bodies(spec)[0]
    with pytest.raises(ValidationError):
        spec.clean({**body, "religion": "any"})
    if spec.subtypes:
        with pytest.raises(ValidationError):
            spec.clean({**body, spec.subtype_field: "NOT_A_TYPE"})


def test_unknown_kind_is_a_validation_error_not_a_key_error() -> None:
    with pytest.raises(ValidationError):
        spec_of("no_such_kind")


def test_every_label_a_kind_shows_is_translated_in_every_language() -> None:
    """The kind's label, its own field and code labels, and the labels of its subtypes and fields."""
    from wingdesk.gui import labels

    wanted = set()
    for spec in SPECS:
        wanted.add(spec.label)
        wanted |= set(spec.labels.values())
        for name in all_field_names(spec) | {f.name for fs in spec.nested.values() for f in fs}:
            text = labels.FIELD_LABELS.get(name) or labels.kind_own_labels().get(name)
            assert text, f"field {name!r} of {spec.name} has no label"
            wanted.add(text)
        for sub in spec.subtypes:
            text = labels.CODE_LABELS.get(sub) or labels.kind_own_labels().get(sub)
            assert text, f"subtype {sub!r} of {spec.name} has no label"
            wanted.add(text)
    for po_path in sorted((ROOT / "translations").glob("*/LC_MESSAGES/wingdesk.po")):
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        missing = sorted(m for m in wanted if not (catalog.get(m) and catalog.get(m).string))
        assert not missing, f"{po_path.parent.parent.name}: untranslated {missing[:5]}"


def test_registry_finds_every_declared_kind() -> None:
    """The registry discovers the declarations: each core kind named by RecordKind is there, once."""
    from wingdesk.domain.records import RecordKind

    assert {str(k) for k in RecordKind} <= set(KINDS)
    assert len({id(s) for s in KINDS.values()}) == len(KINDS)


def test_a_new_kind_is_one_module_in_the_package(tmp_path, monkeypatch) -> None:
    """Dropping a declaration module into the package is all the registry needs (issue 12: a few files)."""
    import sys

    import wingdesk.domain.kinds as kinds

    (tmp_path / "zz_restraint_demo.py").write_text(
        "from wingdesk.domain.kinds.spec import N_, KindSpec\n"
        "from wingdesk.domain.schema import Field\n"
        "RESTRAINT = KindSpec(name='restraint_demo', label=N_('Restraint'), resource='log_entry',\n"
        "    fields=(Field('method', 'choice', True, ('HANDCUFFS',)), Field('reason', 'text', True)),\n"
        "    subtype_field='method')\n", "utf-8")
    monkeypatch.setattr(kinds, "__path__", [*kinds.__path__, str(tmp_path)])
    try:
        found = kinds._declared()
    finally:
        sys.modules.pop("wingdesk.domain.kinds.zz_restraint_demo", None)
    body = {"method": "HANDCUFFS", "reason": "Assault on staff."}
    assert set(KINDS) < set(found) and found["restraint_demo"].clean(body) == body
    assert found["restraint_demo"].restricted_view({"method": "HANDCUFFS", "reason": "x"}) == {"method": "HANDCUFFS"}

"""What a record kind is, declared once: fields, validation, access resource, restricted view, search, sealing,
display and travel to HQ. Services, storage, sync, HQ and the GUI read these declarations instead of keeping
their own tables (design decision 9: record kinds are data)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from wingdesk.domain.schema import Field, clean_body

Body = dict[str, Any]
STRUCTURED = frozenset({"choice", "int", "bool", "date", "datetime"})


def N_(message: str) -> str:  # noqa: N802 - the gettext marker name Babel extracts (`-k N_`)
    """Marks a label for translation; the GUI translates it when it is shown."""
    return message


class HqStorage:
    """How HQ keeps a kind's record lines."""

    RECORD = "record"  # stored whole, readable at HQ
    SEALED = "sealed"  # stored whole, its sealed fields stay ciphertext HQ cannot read (evidence only)


@dataclass(frozen=True)
class KindSpec:
    """One record kind. `name` is the stored code; `label` and `labels` are msgids the GUI translates."""

    name: str
    label: str
    resource: str  # the services.policy.Resource its access is decided on
    fields: tuple[Field, ...] = ()
    subtype_field: str = ""  # the body field that names the record's subtype (titles, counts, filters)
    subtypes: Mapping[str, tuple[Field, ...]] = field(default_factory=dict)  # per-subtype fields (wing log)
    nested: Mapping[str, tuple[Field, ...]] = field(default_factory=dict)  # list fields holding sub-records
    checks: tuple[Callable[[Body], None], ...] = ()  # rules across fields, run after each field is clean
    restricted: Callable[[KindSpec, Body], Body] | None = None  # what RESTRICTED scope shows; None = structured
    # whether a role (code) with RESTRICTED read sees a record at all; None = always (intelligence, issue 16)
    disclosed: Callable[[str, Body], bool] | None = None
    searchable: bool = False  # its free text goes into the full-text index
    sealed_fields: tuple[str, ...] = ()  # encrypted under the discipline's clinical key; never indexed
    summary_fields: tuple[str, ...] = ()  # shown after the title in lists, in this order
    sensitivity: Callable[[Body], str] = lambda body: "NORMAL"
    to_hq: bool = True
    travels: Callable[[Body], bool] | None = None  # whether this version goes to HQ yet; None = always (issue 16)
    hq_storage: str = HqStorage.RECORD
    labels: Mapping[str, str] = field(default_factory=dict)  # field names and codes this kind brings
    # a reason code when every record of this kind stays out of a prisoner's subject-access copy unless a person
    # discloses it (domain.subject_access); empty: disclosed unless a person withholds it
    withheld_by_default: str = ""
    # False: never in a prisoner's copy, not even listed as withheld: the wing's own log of acts (a disclosure
    # record), or intelligence and its tasks, whose mere listing would tell the prisoner a source exists
    in_subject_access: bool = True

    def fields_for(self, body: Mapping[str, Any]) -> tuple[Field, ...]:
        """The fields of this record: the subtype's own when the kind has subtypes."""
        if self.subtypes:
            return self.subtypes.get(str(body.get(self.subtype_field, "")), ())
        return self.fields

    def subtype(self, body: Mapping[str, Any]) -> str | None:
        value = body.get(self.subtype_field) if self.subtype_field else None
        return value if isinstance(value, str) else None

    def clean(self, body: Mapping[str, Any]) -> Body:
        """The validated body; unknown fields, bad values and broken cross-field rules are refused."""
        from wingdesk.domain.errors import ValidationError

        try:
            return self._clean(body)
        except ValidationError as error:
            # the kind travels with the error, so its field is named by this kind's label (two kinds may share a
            # field name with different meanings: an alert's review note is not an incident's)
            error.params.setdefault("kind", self.name)
            raise

    def _clean(self, body: Mapping[str, Any]) -> Body:
        from wingdesk.domain.errors import ValidationError

        given = dict(body)
        if self.subtypes:
            sub = given.pop(self.subtype_field, None)
            if sub not in self.subtypes:
                raise ValidationError("bad_choice", field=self.subtype_field)
            cleaned: Body = {self.subtype_field: sub, **clean_body(self.subtypes[sub], given)}
        else:
            nested = {name: given.pop(name, None) for name in self.nested}
            cleaned = clean_body(self.fields, given)
            for name, item_fields in self.nested.items():
                items = nested[name] or []
                if not isinstance(items, list) or len(items) > 200:
                    raise ValidationError("bad_list", field=name)
                cleaned[name] = [clean_body(item_fields, item if isinstance(item, dict) else {}) for item in items]
        for check in self.checks:
            check(cleaned)
        return cleaned

    def restricted_view(self, body: Body) -> Body:
        if self.restricted is not None:
            return self.restricted(self, body)
        return keep_structured(self, body)

    def search_text(self, body: Mapping[str, Any]) -> str | None:
        """Text for the full-text index: the body's strings, sorted by field; sealed fields never."""
        if not self.searchable:
            return None
        return " ".join(v for k, v in sorted(body.items())
                        if isinstance(v, str) and k not in self.sealed_fields) or None


def keep_structured(spec: KindSpec, body: Body) -> Body:
    """Structured fields only (codes, numbers, dates, flags): the default restricted view."""
    allowed = {f.name for f in spec.fields_for(body) if f.kind in STRUCTURED}
    if spec.subtype_field:
        allowed.add(spec.subtype_field)
    return {k: v for k, v in body.items() if k in allowed}


def keep(*names: str) -> Callable[[KindSpec, Body], Body]:
    """A restricted view of exactly these fields."""

    def view(spec: KindSpec, body: Body) -> Body:
        return {k: body[k] for k in names if k in body}

    return view

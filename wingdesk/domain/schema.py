"""Field specifications for record bodies: one declaration drives validation, forms and labels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from wingdesk.domain.canonical import MAX_INT
from wingdesk.domain.errors import ValidationError

TEXT_MAX = 8000
LINE_MAX = 200


def require_not_before(field: str, value: str | None, other: str, other_value: str | None) -> None:
    """ValidationError "date_order" when both ISO dates are given and `value` is earlier (ISO dates sort as text)."""
    if value and other_value and value < other_value:
        raise ValidationError("date_order", field=field, other=other)


@dataclass(frozen=True)
class Field:
    """One body field. kind: text, line, choice, bool, int, date, datetime, list."""

    name: str
    kind: str = "line"
    required: bool = False
    choices: tuple[str, ...] = ()
    max_len: int = 0
    minimum: int | None = None

    def clean(self, value: Any) -> Any:
        if value is None or value == "" or value == []:
            if self.required:
                raise ValidationError("required", field=self.name)
            return False if self.kind == "bool" else None
        handler = getattr(self, f"_clean_{self.kind}")
        return handler(value)

    def _clean_text(self, value: Any) -> str:
        return self._string(value, self.max_len or TEXT_MAX, multiline=True)

    def _clean_line(self, value: Any) -> str:
        return self._string(value, self.max_len or LINE_MAX, multiline=False)

    def _string(self, value: Any, limit: int, multiline: bool) -> str:
        if not isinstance(value, str):
            raise ValidationError("not_text", field=self.name)
        text = value.replace("\r\n", "\n").strip()
        if not multiline:
            text = " ".join(text.split())
        if any(ord(c) < 32 and c not in "\n\t" for c in text):
            raise ValidationError("control_chars", field=self.name)
        if len(text) > limit:
            raise ValidationError("too_long", field=self.name, limit=limit)
        if self.required and not text:
            raise ValidationError("required", field=self.name)
        return text

    def _clean_choice(self, value: Any) -> str:
        if value not in self.choices:
            raise ValidationError("bad_choice", field=self.name)
        return str(value)

    def _clean_bool(self, value: Any) -> bool:
        if not isinstance(value, bool):
            raise ValidationError("not_bool", field=self.name)
        return value

    def _clean_int(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError("not_int", field=self.name)
        if self.minimum is not None and value < self.minimum:
            raise ValidationError("too_small", field=self.name, minimum=self.minimum)
        if abs(value) > MAX_INT:  # beyond what canonical JSON (and so signing and sync) can carry exactly
            low = self.minimum if self.minimum is not None else -MAX_INT
            raise ValidationError("out_of_range", field=self.name, minimum=low, maximum=MAX_INT)
        return value

    def _clean_date(self, value: Any) -> str:
        try:
            return date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ValidationError("bad_date", field=self.name) from None

    def _clean_datetime(self, value: Any) -> str:
        try:
            parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            raise ValidationError("bad_datetime", field=self.name) from None
        if parsed.tzinfo is None:
            raise ValidationError("naive_datetime", field=self.name)
        return parsed.isoformat()

    def _clean_list(self, value: Any) -> list[Any]:
        if not isinstance(value, list) or len(value) > 200:
            raise ValidationError("bad_list", field=self.name)
        if self.choices:
            for item in value:
                if item not in self.choices:
                    raise ValidationError("bad_choice", field=self.name)
        return list(value)


def clean_body(fields: tuple[Field, ...], body: dict[str, Any]) -> dict[str, Any]:
    """Validate `body` against `fields`; unknown keys are refused so nothing unvetted is stored."""
    known = {f.name for f in fields}
    unknown = sorted(set(body) - known)
    if unknown:
        raise ValidationError("unknown_field", field=unknown[0])
    cleaned = {}
    for spec in fields:
        value = spec.clean(body.get(spec.name))
        if value is not None:
            cleaned[spec.name] = value
    return cleaned

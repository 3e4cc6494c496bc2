"""Code-list documents for the tests (docs/publishing.md): the plan step types HQ adds."""

from __future__ import annotations

import json
from typing import Any

ANGER = {"en": "Anger management course", "mk": "Курс за справување со гнев", "sq": "Kurs për menaxhimin e zemërimit"}
RESTORE = {"en": "Restorative justice circle", "mk": "Круг за ресторативна правда"}


def document(version: int = 1, entries: list[dict[str, Any]] | None = None, **top: Any) -> dict[str, Any]:
    return {"format": 1, "list": "step_types", "version": version,
            "entries": entries if entries is not None else [{"code": "ANGER_MANAGEMENT", "label": dict(ANGER)}],
            **top}


def data(version: int = 1, entries: list[dict[str, Any]] | None = None, **top: Any) -> bytes:
    return json.dumps(document(version, entries, **top), ensure_ascii=False).encode("utf-8")

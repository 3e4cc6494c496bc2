"""Prison/wing hierarchy documents for the tests (docs/publishing.md "The prison/wing hierarchy")."""

from __future__ import annotations

import copy
import json
from typing import Any

PC_A = "0a1b2c3d-0000-4000-8000-00000000000a"
PC_B = "0a1b2c3d-0000-4000-8000-00000000000b"
IDRIZOVO = "Казнено-поправен дом Идризово"


def document(revision: int = 1, **top: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "format": 1, "revision": revision,
        "prisons": [{"code": "IDRIZOVO", "name": IDRIZOVO, "kind": "closed"},
                    {"code": "SKOPJE", "name": "Затвор Скопје", "kind": "remand"}],
        "wings": [{"code": "IDR_B", "prison": "IDRIZOVO", "name": "Б крило", "capacity": 40,
                   "units": ["young", "first_time"], "devices": [PC_A]},
                  {"code": "SK_1", "prison": "SKOPJE", "name": "Одделение 1", "devices": [PC_B]}]}
    base.update(top)
    return base


def changed(revision: int, change: Any) -> dict[str, Any]:
    """document(revision) after `change(doc)` edits it in place."""
    doc = copy.deepcopy(document(revision))
    change(doc)
    return doc


def data(doc: dict[str, Any] | None = None) -> bytes:
    return json.dumps(doc if doc is not None else document(), ensure_ascii=False).encode("utf-8")

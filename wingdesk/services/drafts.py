"""A person's unsaved form, kept when the session locks and given back to that person at their next sign-in.

The idle lock (5 minutes) must not cost an officer the observation they were writing when they were called away.
The lock destroys the window, so the form's fields are kept in the wing's encrypted database instead, for that
person only; a draft is not a record (it is never synced or shown to anyone else) and is gone once taken back or
when the account is removed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.records import iso
from wingdesk.services.gateway import GuardedService, self_service
from wingdesk.services.policy import Action, Resource
from wingdesk.services.repository_ports import DraftStore

# form -> what its saved record needs: a person who may not write the record gets no draft of it either
FORMS = {"observation": (Action.CREATE, Resource.OBSERVATION), "log_entry": (Action.CREATE, Resource.LOG_ENTRY)}
MAX_FIELDS, MAX_DRAFT_CHARS = 32, 200_000
Value = str | int | bool | None


@dataclass(frozen=True)
class Draft:
    form: str
    fields: dict[str, Value]
    saved_at: str  # UTC ISO 8601


class DraftService(GuardedService):
    @property
    def store(self) -> DraftStore:
        """The one aggregate this service touches (its audit entries go through self.audit)."""
        return self.ctx.repo

    def _check_form(self, form: str) -> None:
        if form not in FORMS:
            raise ValidationError("invalid", field="form")
        self.gateway.require(*FORMS[form])

    @self_service
    def keep(self, form: str, fields: dict[str, Value]) -> None:
        """Keep the caller's unsaved `form` (plain values only), replacing an earlier draft of it."""
        self._check_form(form)
        if len(fields) > MAX_FIELDS or not all(_plain(k, v) for k, v in fields.items()):
            raise ValidationError("invalid", field="draft")
        text = json.dumps(fields, ensure_ascii=False, sort_keys=True)
        if len(text) > MAX_DRAFT_CHARS:
            raise ValidationError("too_long", field="draft")
        at = iso(self.ctx.clock.now())
        with self.store.transaction():
            self.store.put_draft(self.user.id, form, text, at)
            self.audit.append(self.user.id, "draft_keep", f"draft:{form}")

    @self_service
    def take(self, form: str) -> Draft | None:
        """The caller's kept draft of `form`, removed as it is handed back (None when there is none)."""
        self._check_form(form)
        with self.store.transaction():
            found = self.store.take_draft(self.user.id, form)
            if found is None:
                return None
            self.audit.append(self.user.id, "draft_resume", f"draft:{form}")
        fields = json.loads(found[0])
        return Draft(form, fields if isinstance(fields, dict) else {}, found[1])


def _plain(key: Any, value: Any) -> bool:
    return isinstance(key, str) and 0 < len(key) <= 64 and (value is None or type(value) in (str, int, bool))

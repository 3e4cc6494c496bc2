"""The people named on an incident or use-of-force report, checked against the wing: prisoners that exist,
staff that are active accounts, each named as the account is (a form cannot put words in a colleague's name)."""

from __future__ import annotations

from typing import Any

from wingdesk.domain.errors import NotFound, ValidationError
from wingdesk.domain.kinds.incident import PRISONER_ITEM, STAFF_ITEM
from wingdesk.domain.schema import clean_body
from wingdesk.services.context import ServiceContext


def _items(value: Any, field: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or len(value) > 200 or not all(isinstance(i, dict) for i in value):
        raise ValidationError("bad_list", field=field)
    return value


def checked_prisoners(ctx: ServiceContext, items: Any) -> list[dict[str, Any]]:
    found = []
    for item in _items(items, "prisoners"):
        cleaned = clean_body(PRISONER_ITEM, item)
        if not ctx.repo.prisoner_exists(cleaned["prisoner_id"]):
            raise NotFound(field="prisoner")
        found.append(cleaned)
    if len({p["prisoner_id"] for p in found}) != len(found):
        raise ValidationError("duplicate", field="prisoners")
    return found


def checked_staff(ctx: ServiceContext, items: Any) -> list[dict[str, Any]]:
    """Each item is {user_id, role}; the name is the account's display name at the time."""
    found = []
    for item in _items(items, "staff"):
        user = ctx.repo.get_user(str(item.get("user_id", "")))
        if user is None or not user.active:
            raise NotFound(field="user_id")
        found.append(clean_body(STAFF_ITEM, {**item, "name": user.display_name}))
    if len({s["user_id"] for s in found}) != len(found):
        raise ValidationError("duplicate", field="staff")
    return found

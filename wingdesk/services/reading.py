"""Turning stored records into what the caller may see: scope filters, redaction and note decryption."""

from __future__ import annotations

from dataclasses import replace

from wingdesk.domain.errors import AccessDenied, IntegrityError
from wingdesk.domain.records import Record, RecordKind
from wingdesk.domain.redaction import restricted_view
from wingdesk.services.context import ServiceContext
from wingdesk.services.policy import Action, Resource, Scope, scope_for

RESOURCE_OF = {RecordKind.OBSERVATION: Resource.OBSERVATION, RecordKind.LOG_ENTRY: Resource.LOG_ENTRY,
               RecordKind.PLAN: Resource.PLAN, RecordKind.PROGRESS_NOTE: Resource.PROGRESS_NOTE,
               RecordKind.CONTACT: Resource.CONTACT, RecordKind.ALERT: Resource.ALERT}
NOTE_SEALED_FIELDS = ("text", "linked_goal")


def readable_kinds(ctx: ServiceContext) -> dict[RecordKind, Scope]:
    """Every record kind the signed-in role may read, with the scope of that read."""
    found = {}
    for kind, resource in RESOURCE_OF.items():
        scope = scope_for(ctx.user.role, Action.READ, resource)
        if scope is not None:
            found[kind] = scope
    return found


def open_note(ctx: ServiceContext, record: Record) -> Record:
    body = dict(record.body)
    for name in NOTE_SEALED_FIELDS:
        if name in body:
            try:
                body[name] = ctx.keyring.open_field(record.prisoner_id or "", record.id, name, body[name])
            except (AccessDenied, IntegrityError):
                body[name] = None
    return replace(record, body=body)


def visible(ctx: ServiceContext, record: Record, scopes: dict[RecordKind, Scope]) -> Record | None:
    """The record as this caller may see it, or None if they may not see it at all."""
    scope = scopes.get(record.kind)
    if scope is None:
        return None
    if scope is Scope.OWN and record.author_id != ctx.user.id:
        return None
    if scope is Scope.RESTRICTED:
        return restricted_view(record)
    if record.kind is RecordKind.PROGRESS_NOTE:
        if scope is not Scope.DISCIPLINE or record.body.get("discipline") != ctx.user.discipline:
            return None
        return open_note(ctx, record)
    return record

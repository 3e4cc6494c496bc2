"""Turning stored records into what the caller may see: scope filters, redaction and note decryption."""

from __future__ import annotations

from dataclasses import replace

from wingdesk.domain.errors import AccessDenied, IntegrityError
from wingdesk.domain.kinds import KINDS, spec_of
from wingdesk.domain.records import Record
from wingdesk.services.context import ServiceContext
from wingdesk.services.policy import Action, Resource, Scope, scope_for


def resource_of(kind: str) -> Resource:
    """The policy resource a record kind's access is decided on (its declaration names it)."""
    return Resource(spec_of(kind).resource)


def readable_kinds(ctx: ServiceContext) -> dict[str, Scope]:
    """Every record kind the signed-in role may read, with the scope of that read."""
    found = {}
    for name, spec in KINDS.items():
        scope = scope_for(ctx.user.role, Action.READ, Resource(spec.resource))
        if scope is not None:
            found[name] = scope
    return found


def open_sealed(ctx: ServiceContext, record: Record) -> Record:
    """The record with its sealed fields opened; a field the caller's keys cannot open reads as None."""
    body = dict(record.body)
    for name in spec_of(record.kind).sealed_fields:
        if name in body:
            try:
                body[name] = ctx.keyring.open_field(record.prisoner_id or "", record.id, name, body[name])
            except (AccessDenied, IntegrityError):
                body[name] = None
    return replace(record, body=body)


def restricted_view(record: Record) -> Record:
    """The summary of a record for a role with restricted read on its kind (domain.md code "r")."""
    return replace(record, body=spec_of(record.kind).restricted_view(record.body), amendments=())


def visible(ctx: ServiceContext, record: Record, scopes: dict[str, Scope]) -> Record | None:
    """The record as this caller may see it, or None if they may not see it at all."""
    scope = scopes.get(record.kind)
    if scope is None:
        return None
    if scope is Scope.OWN and record.author_id != ctx.user.id:
        return None
    if scope is Scope.RESTRICTED:
        disclosed = spec_of(record.kind).disclosed
        if disclosed is not None and not disclosed(str(ctx.user.role), record.body):
            return None
        return restricted_view(record)
    if scope is Scope.DISCIPLINE and record.body.get("discipline") != ctx.user.discipline:
        return None
    if spec_of(record.kind).sealed_fields:
        if scope is not Scope.DISCIPLINE:
            return None
        return open_sealed(ctx, record)
    return record

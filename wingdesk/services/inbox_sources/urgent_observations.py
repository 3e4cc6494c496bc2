"""Urgent observations (threat to life): supervisor and security are told at once (domain.md §2.3)."""

from __future__ import annotations

from datetime import date, timedelta

from wingdesk.domain.inbox import InboxItem
from wingdesk.domain.records import iso
from wingdesk.domain.roles import Role
from wingdesk.services.context import ServiceContext
from wingdesk.services.inbox_sources import InboxSource

WINDOW_DAYS = 14  # an urgent observation not acknowledged within two weeks is handled elsewhere by then


def _collect(ctx: ServiceContext, today: date) -> list[InboxItem]:
    since = iso(ctx.clock.now() - timedelta(days=WINDOW_DAYS))
    return [InboxItem(f"urgent_observation:{r.id}", "urgent_observation", True, r.occurred_at, r.prisoner_id,
                      {"category": str(r.body.get("category", "")), "author": r.author_name})
            for r in ctx.repo.urgent_observations(since)]


URGENT_OBSERVATIONS = InboxSource("urgent_observation", lambda role: role in (Role.SUPERVISOR, Role.SECURITY),
                                  _collect)

"""The access gateway: every service method declares (action, resource) and is checked here first."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from wingdesk.domain.errors import AccessDenied
from wingdesk.domain.people import User
from wingdesk.services.audit_trail import AuditTrail
from wingdesk.services.context import ServiceContext
from wingdesk.services.policy import Action, Resource, Scope, scope_for

F = TypeVar("F", bound=Callable[..., Any])


class AccessGateway:
    def __init__(self, user: User, audit: AuditTrail) -> None:
        self.user, self.audit = user, audit

    def scope(self, action: Action, resource: Resource) -> Scope | None:
        return scope_for(self.user.role, action, resource)

    def require(self, action: Action, resource: Resource) -> Scope:
        scope = self.scope(action, resource)
        if scope is None:
            self.audit.append(self.user.id, "access_denied", f"{action}:{resource}")
            raise AccessDenied(action=str(action), resource=str(resource))
        return scope

    def deny(self, action: Action, resource: Resource, obj: str = "") -> AccessDenied:
        """Audit a denial found after the table check (e.g. another discipline's note) and return the error."""
        self.audit.append(self.user.id, "access_denied", f"{action}:{resource}:{obj}")
        return AccessDenied(action=str(action), resource=str(resource))


def guarded(action: Action, resource: Resource) -> Callable[[F], F]:
    """Mark a service method with its policy entry and check it before the body runs."""

    def decorate(method: F) -> F:
        @functools.wraps(method)
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            self.gateway.require(action, resource)
            return method(self, *args, **kwargs)

        vars(wrapper)["__policy__"] = (action, resource)  # read by tests/unit/test_policy.py
        return cast(F, wrapper)  # functools.wraps keeps the signature; mypy cannot see that

    return decorate


def self_service(method: F) -> F:
    """Mark a method any signed-in user may call on their own account (e.g. change own password)."""
    vars(method)["__policy__"] = "self"
    return method


class GuardedService:
    """Base of every service class: subclasses' public methods must carry @guarded or @self_service."""

    def __init__(self, ctx: ServiceContext, gateway: AccessGateway, audit: AuditTrail) -> None:
        self.ctx, self.gateway, self.audit = ctx, gateway, audit

    @property
    def user(self) -> User:
        return self.ctx.user

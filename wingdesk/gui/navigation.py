"""Which main screens exist and which roles get them (from the access policy); page classes load on demand."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from wingdesk.domain.roles import Role
from wingdesk.services.policy import Action, Resource, Scope, scope_for


def _can(action: Action, resource: Resource, *scopes: Scope) -> Callable[[Role], bool]:
    def allowed(role: Role) -> bool:
        scope = scope_for(role, action, resource)
        return scope is not None and (not scopes or scope in scopes)

    return allowed


def _any(*checks: Callable[[Role], bool]) -> Callable[[Role], bool]:
    return lambda role: any(check(role) for check in checks)


def _has_inbox(role: Role) -> bool:
    """Roles some inbox source serves (services.inbox_sources); read when the window is built, not at import."""
    from wingdesk.services.inbox_sources import sources_for

    return bool(sources_for(role))


@dataclass(frozen=True)
class PageSpec:
    key: str  # stable screen name: settings, screenshots, tests
    module: str
    class_name: str
    allowed: Callable[[Role], bool]

    def load(self) -> type:
        return getattr(importlib.import_module(self.module), self.class_name)  # type: ignore[no-any-return]


PAGES = (
    PageSpec("home", "wingdesk.gui.pages.home_page", "HomePage", lambda role: True),
    PageSpec("inbox", "wingdesk.gui.pages.inbox_page", "InboxPage", _has_inbox),
    PageSpec("wing_log", "wingdesk.gui.pages.wing_log_page", "WingLogPage",
             _can(Action.READ, Resource.LOG_ENTRY, Scope.ALL, Scope.OWN)),
    PageSpec("review", "wingdesk.gui.pages.review_page", "ReviewPage", _can(Action.APPROVE, Resource.DAILY_LOG)),
    PageSpec("prisoners", "wingdesk.gui.pages.prisoners_page", "PrisonersPage",
             _can(Action.READ, Resource.PRISONER)),
    # Treatment work needs full plan access: officers and security only see wing actions on the prisoner page.
    PageSpec("treatment", "wingdesk.gui.pages.treatment_page", "TreatmentPage",
             _can(Action.READ, Resource.PLAN, Scope.ALL)),
    # incidents, use of force and the governor's daily summary (issue 14 item 5)
    PageSpec("incidents", "wingdesk.gui.pages.incidents_page", "IncidentsPage", _can(Action.READ, Resource.INCIDENT)),
    PageSpec("use_of_force", "wingdesk.gui.pages.use_of_force_page", "UseOfForcePage",
             _can(Action.READ, Resource.USE_OF_FORCE)),
    PageSpec("daily_summary", "wingdesk.gui.pages.daily_summary_page", "DailySummaryPage",
             _can(Action.READ, Resource.DAILY_SUMMARY)),
    PageSpec("learning", "wingdesk.gui.pages.learning_page", "LearningPage",  # training modules (issue 18)
             _can(Action.READ, Resource.TRAINING)),
    # the security page: intelligence reports, grading and sanitised text (issue 16), security only
    PageSpec("intelligence", "wingdesk.gui.pages.intelligence_page", "IntelligencePage",
             _can(Action.CREATE, Resource.INTELLIGENCE_REPORT)),
    PageSpec("security_tasks", "wingdesk.gui.pages.security_tasks_page", "SecurityTasksPage",
             _can(Action.ANNOTATE, Resource.SECURITY_TASK)),  # the supervisors' answers to security (issue 16)
    PageSpec("retention", "wingdesk.gui.pages.retention_page", "RetentionPage",  # issue 19 item 5, governor
             _can(Action.DELETE, Resource.RETENTION)),
    # the governor's approval queue: allocation decisions and assessments to countersign (issue 15)
    PageSpec("approvals", "wingdesk.gui.pages.approvals_page", "ApprovalsPage",
             _can(Action.APPROVE, Resource.ALLOCATION)),
    # the outside people HQ vetted (issue 17 item 3); those who log contacts see them where they log one
    PageSpec("vetted_people", "wingdesk.gui.pages.vetted_people_page", "VettedPeoplePage",
             lambda role: _can(Action.READ, Resource.VETTED_PEOPLE)(role) and not _can(Action.CREATE,
                                                                                        Resource.CONTACT)(role)),
    PageSpec("sync", "wingdesk.gui.pages.sync_page", "SyncPage", _can(Action.EXPORT, Resource.SYNC)),
    PageSpec("admin", "wingdesk.gui.pages.admin_page", "AdminPage",
             _any(_can(Action.ADMINISTER, Resource.USERS), _can(Action.READ, Resource.AUDIT))),
)


def pages_for(role: Role) -> list[PageSpec]:
    return [spec for spec in PAGES if spec.allowed(role)]


def can_write_log(role: Role) -> bool:
    """Starts shifts, writes entries and submits days; readers of the wing log (governor, security) do not."""
    return scope_for(role, Action.CREATE, Resource.LOG_ENTRY) is not None


def can_record_observation(role: Role) -> bool:
    return scope_for(role, Action.CREATE, Resource.OBSERVATION) is not None


def can_read_prisoners(role: Role) -> bool:
    return scope_for(role, Action.READ, Resource.PRISONER) is not None


def can_print_day(role: Role) -> bool:
    return scope_for(role, Action.READ, Resource.LOG_ENTRY) in (Scope.ALL, Scope.OWN)


def can_sync(role: Role) -> bool:
    return scope_for(role, Action.EXPORT, Resource.SYNC) is not None

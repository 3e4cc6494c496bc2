"""The services of one signed-in session, built from its context; `lock()` ends it and drops the keys."""

from __future__ import annotations

from contextlib import AbstractContextManager

from wingdesk.domain.people import User
from wingdesk.services.alerts import AlertService
from wingdesk.services.allocations import AllocationService
from wingdesk.services.assessments import AssessmentService
from wingdesk.services.audit_service import AuditService
from wingdesk.services.audit_trail import AuditTrail
from wingdesk.services.backup import BackupService
from wingdesk.services.carried import CarriedFileService
from wingdesk.services.contacts import ContactService
from wingdesk.services.context import ServiceContext
from wingdesk.services.daily_summary import DailySummaryService
from wingdesk.services.deletion import DeletionService
from wingdesk.services.drafts import DraftService
from wingdesk.services.gateway import AccessGateway
from wingdesk.services.handover import HandoverService
from wingdesk.services.hierarchy import HierarchyService
from wingdesk.services.inbox import InboxService
from wingdesk.services.incidents import IncidentService
from wingdesk.services.instruments import InstrumentService
from wingdesk.services.intelligence import IntelligenceService
from wingdesk.services.learning import LearningService
from wingdesk.services.movements import MovementService
from wingdesk.services.observations import ObservationService
from wingdesk.services.prisoners import PrisonerService
from wingdesk.services.recovery import RecoveryService
from wingdesk.services.reports import ReportService
from wingdesk.services.retention import RetentionService
from wingdesk.services.search import SearchService
from wingdesk.services.security_tasks import SecurityTaskService
from wingdesk.services.subject_access import SubjectAccessService
from wingdesk.services.successor import SuccessorService
from wingdesk.services.sync_service import SyncService
from wingdesk.services.training_modules import ModuleService
from wingdesk.services.transfer import TransferService
from wingdesk.services.translation_updates import TranslationUpdateService
from wingdesk.services.treatment import TreatmentService
from wingdesk.services.use_of_force import UseOfForceService
from wingdesk.services.users import UserService
from wingdesk.services.veo_status import VeoStatusService
from wingdesk.services.vetted_people import VettedPeopleService
from wingdesk.services.wing_clock import WingClock
from wingdesk.services.wing_log import WingLogService

SERVICE_CLASSES = (PrisonerService, ObservationService, WingLogService, TreatmentService, ContactService,
                   AlertService, UserService, AuditService, SearchService, ReportService, SyncService, DraftService,
                   MovementService, IncidentService, UseOfForceService,
                   DailySummaryService, InstrumentService, BackupService, InboxService,  # issues 14, 15, 22
                   DeletionService,  # an administrator's hard delete (domain.md scenario 8)
                   ModuleService, LearningService,  # issue 18
                   AssessmentService, SubjectAccessService, VeoStatusService, AllocationService,  # issues 15, 19
                   IntelligenceService, SecurityTaskService,  # issue 16
                   HandoverService,  # issue 19 item 2
                   TransferService, CarriedFileService,  # issue 19 item 1
                   TranslationUpdateService,  # HQ's translation updates: issue 17 item 3
                   VettedPeopleService)  # issue 17 item 3


class WingServices:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.audit_trail = AuditTrail(ctx.repo, ctx.keyring, ctx.clock, ctx.user.id)
        self.gateway = AccessGateway(ctx.user, self.audit_trail)
        args = (ctx, self.gateway, self.audit_trail)
        self.prisoners = PrisonerService(*args)
        self.observations = ObservationService(*args)
        self.logs = WingLogService(*args)
        self.treatment = TreatmentService(*args)
        self.contacts = ContactService(*args)
        self.alerts = AlertService(*args)
        self.users = UserService(*args)
        self.audit = AuditService(*args)
        self.search = SearchService(*args)
        self.reports = ReportService(*args)
        self.sync = SyncService(*args)
        self.drafts = DraftService(*args)
        self.movements = MovementService(*args)  # where prisoners are, the roll, open discrepancies
        self.incidents = IncidentService(*args)  # incidents, use of force, daily summary: issue 14 item 5
        self.use_of_force = UseOfForceService(*args)
        self.daily_summary = DailySummaryService(*args)
        self.instruments = InstrumentService(*args)
        self.modules = ModuleService(*args)  # training modules (issue 18)
        self.translations = TranslationUpdateService(*args)  # HQ's translation updates (issue 17 item 3)
        self.learning = LearningService(*args)
        self.assessments = AssessmentService(*args)  # issue 15 item 2: two assessors, agreement, countersign
        self.allocations = AllocationService(*args)  # issue 15 item 4: decisions the governor approves
        self.veo = VeoStatusService(*args)  # issue 15 item 3: extremism status; a concern lapses unless renewed
        self.backup = BackupService(*args)
        self.inbox = InboxService(*args)
        self.subject_access = SubjectAccessService(*args)  # subject access, the prisoner's voice: issue 19
        self.deletion = DeletionService(*args)  # hard delete leaving a tombstone (scenario 8)
        self.retention = RetentionService(*args)  # retention review and erasure: issue 19 item 5
        self.recovery = RecoveryService(*args)  # HQ recovery key (issue 22 item 3)
        self.successor = SuccessorService(*args)  # a new PC rebuilt from HQ (issue 22 item 4)
        self.intelligence = IntelligenceService(*args)  # issue 16
        self.security_tasks = SecurityTaskService(*args)
        self.handover = HandoverService(*args)  # pre-release handover to an agency: issue 19 item 2
        self.transfer = TransferService(*args)  # transfer between prisons through HQ: issue 19 item 1
        self.carried = CarriedFileService(*args)  # the file that came with a transferred prisoner, read here
        self.vetted_people = VettedPeopleService(*args)  # outside people HQ vetted for this wing: issue 17 item 3
        self.hierarchy = HierarchyService(*args)  # HQ's prison/wing hierarchy: official names, capacity (issue 17)
        self.clock = WingClock(ctx, self.audit_trail)
        self._locked = False

    @property
    def user(self) -> User:
        return self.ctx.user

    @property
    def wing(self) -> str:
        return self.ctx.wing

    @property
    def locked(self) -> bool:
        return self._locked

    def batch(self) -> AbstractContextManager[None]:
        """Group many service calls into one transaction (bulk imports, demo data)."""
        return self.ctx.repo.transaction()

    def lock(self) -> None:
        """Audit the logout, close the database and zero the keys; every service is unusable afterwards."""
        if self._locked:
            return
        try:
            self.audit_trail.append(self.ctx.user.id, "logout", "session")
        finally:
            self._locked = True
            self.ctx.keyring.wipe()
            self.ctx.vault.close()

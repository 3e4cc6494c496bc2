"""The wing repository: every SQL area combined behind one object that implements services.ports."""

from __future__ import annotations

from wingdesk.storage.agencies_repo import AgenciesRepo
from wingdesk.storage.audit_repo import AuditRepo
from wingdesk.storage.clinical_repo import ClinicalRepo
from wingdesk.storage.clock_repo import ClockRepo
from wingdesk.storage.code_lists_repo import CodeListsRepo
from wingdesk.storage.days_repo import DaysRepo
from wingdesk.storage.drafts_repo import DraftsRepo
from wingdesk.storage.hierarchy_repo import HierarchyRepo
from wingdesk.storage.inbox_repo import InboxRepo
from wingdesk.storage.instruments_repo import InstrumentsRepo
from wingdesk.storage.integrity_repo import IntegrityRepo
from wingdesk.storage.modules_repo import ModulesRepo
from wingdesk.storage.movements_repo import MovementsRepo
from wingdesk.storage.prisoners_repo import PrisonersRepo
from wingdesk.storage.records_repo import RecordsRepo
from wingdesk.storage.recoveries_repo import RecoveriesRepo
from wingdesk.storage.restores_repo import RestoresRepo
from wingdesk.storage.retention_repo import RetentionRepo
from wingdesk.storage.successor_repo import SuccessorRepo
from wingdesk.storage.sync_repo import SyncRepo
from wingdesk.storage.tombstones_repo import TombstonesRepo
from wingdesk.storage.transfers_repo import TransfersRepo
from wingdesk.storage.translations_repo import TranslationsRepo
from wingdesk.storage.users_repo import UsersRepo
from wingdesk.storage.vetted_people_repo import VettedPeopleRepo


class SqlRepository(UsersRepo, PrisonersRepo, RecordsRepo, DaysRepo, AuditRepo, SyncRepo, DraftsRepo, ClinicalRepo,
                    ClockRepo, IntegrityRepo, MovementsRepo, InstrumentsRepo, RestoresRepo, InboxRepo,
                    TombstonesRepo,  # TombstonesRepo: an administrator's hard delete (schema v21)
                    RecoveriesRepo,  # RecoveriesRepo: HQ recovery (schema v26)
                    ModulesRepo,  # training modules: issue 18 (schema v27)
                    AgenciesRepo,  # handover agencies: issue 19 item 2 (schema v29)
                    RetentionRepo,  # retention review and erasure: issue 19 item 5 (schema v31)
                    TransfersRepo,  # transfer packages between prisons: issue 19 item 1 (schema v32)
                    SuccessorRepo,  # a new PC rebuilt from HQ: issue 22 item 4 (schema v33)
                    TranslationsRepo,  # HQ's translation updates: issue 17 item 3 (schema v37)
                    CodeListsRepo,  # code lists HQ published: issue 17 item 3 (schema v36)
                    VettedPeopleRepo,  # vetted outside people from HQ: issue 17 item 3 (schema v38)
                    HierarchyRepo):  # HQ's prison/wing hierarchy: issue 17 item 3 (schema v39)
    """One connection, one lock, many small SQL modules."""

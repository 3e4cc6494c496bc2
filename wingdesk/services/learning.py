"""The Learning page's use cases (issue 18): the signed-in user's modules (required for their role, or optional),
where they stand with each and when refreshers fall due; checking a knowledge check and, when it is passed,
recording the completion as a record signed by the user; and, for supervisors and the governor, their staff's
status on the modules their roles require.

Completions are records of kind `training_completion` (domain/kinds/training_completion.py): signed by their
author, kept for good and carried to HQ in the next bundle like every record.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.kinds import spec_of
from wingdesk.domain.modules.model import Module, ModuleError
from wingdesk.domain.modules.status import ModuleStatus, status_of
from wingdesk.domain.people import User
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Record
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource, Scope
from wingdesk.services.record_writer import RecordWriter
from wingdesk.services.training_modules import modules_in_force

KIND = "training_completion"
_MANY = 20_000


@dataclass(frozen=True)
class LearningItem:
    module_id: str
    version: int
    title: str  # in the user's language (or the module's fallback)
    summary: str
    status: ModuleStatus


@dataclass(frozen=True)
class CheckResult:
    right: tuple[bool, ...]  # per question
    feedback: tuple[str, ...]  # per question: the feedback of the choice given
    passed: bool
    record_id: str | None  # the signed completion, when passed


@dataclass(frozen=True)
class StaffStatus:
    user_id: str
    name: str
    role: str
    statuses: tuple[ModuleStatus, ...]  # the modules their role requires

    @property
    def outstanding(self) -> int:
        return sum(1 for s in self.statuses if s.needs_action)


def completion_dates(records: list[Record]) -> dict[tuple[str, str], list[date]]:
    """(author id, module id) -> the dates they completed it."""
    found: dict[tuple[str, str], list[date]] = defaultdict(list)
    for record in records:
        day = record.body.get("completed_on")
        if isinstance(day, str):
            found[(record.author_id, str(record.body.get("module_id")))].append(date.fromisoformat(day))
    return found


class LearningService(GuardedService):
    def _completions(self, author_id: str | None) -> dict[tuple[str, str], list[date]]:
        query = RecordQuery(kinds=(KIND,), author_id=author_id, limit=_MANY)
        return completion_dates(self.ctx.repo.list_records(query))

    @guarded(Action.READ, Resource.TRAINING)
    def my_modules(self, language: str) -> list[LearningItem]:
        """Every module in force: required ones for the user's role first, then optional, each with its state."""
        today, role = self.ctx.clock.today(), str(self.user.role)
        done = self._completions(self.user.id)
        items = []
        for module in modules_in_force(self.ctx.repo):
            _shown, content = module.in_language(language)
            items.append(LearningItem(module.module_id, module.version, content.title, content.summary,
                                      status_of(module, role, done.get((self.user.id, module.module_id), []),
                                                today)))
        return sorted(items, key=lambda i: (not i.status.required, i.title.casefold()))

    @guarded(Action.CREATE, Resource.TRAINING)
    def check(self, module_id: str, version: int, language: str, answers: list[int]) -> CheckResult:
        """Mark the knowledge check of this version in this language; when it is passed, record the completion,
        signed by the user. Nothing is recorded for a check that is not passed."""
        module = self._module(module_id, version)
        shown, content = module.in_language(language)
        if len(answers) != len(content.questions):
            raise ValidationError("training_answer_every_question")
        right, feedback = [], []
        for question, answer in zip(content.questions, answers, strict=True):
            if not 0 <= answer < len(question.choices):
                raise ValidationError("training_answer_every_question")
            right.append(answer == question.correct)
            feedback.append(question.choices[answer].feedback)
        passed = module.passed(sum(right))
        record_id = None
        if passed:
            writer = RecordWriter(self.ctx, self.audit)
            body = {"module_id": module.module_id, "module_version": module.version, "language": shown,
                    "correct": sum(right), "questions": len(right), "completed_on": self.ctx.clock.today().isoformat()}
            record_id = writer.save(writer.new_record(KIND, spec_of(KIND).clean(body), prisoner_id=None)).id
        return CheckResult(tuple(right), tuple(feedback), passed, record_id)

    def _module(self, module_id: str, version: int) -> Module:
        for module in modules_in_force(self.ctx.repo):
            if module.module_id == module_id:
                if module.version != version:  # a newer version arrived while the check was open
                    raise ModuleError("training_module_changed", module=module_id)
                return module
        raise ModuleError("module_not_installed", module=module_id)

    @guarded(Action.READ, Resource.TRAINING)
    def team(self) -> list[StaffStatus]:
        """Each active member of staff (not the signed-in user) and where they stand on the modules their role
        requires; supervisors and the governor only (READ with scope ALL)."""
        if self.gateway.scope(Action.READ, Resource.TRAINING) is not Scope.ALL:
            raise self.gateway.deny(Action.READ, Resource.TRAINING, "team")
        today, modules = self.ctx.clock.today(), modules_in_force(self.ctx.repo)
        done = self._completions(None)
        return [self._staff(user, modules, done, today) for user in self.ctx.repo.list_users()
                if user.id != self.user.id]

    @staticmethod
    def _staff(user: User, modules: list[Module], done: dict[tuple[str, str], list[date]],
               today: date) -> StaffStatus:
        role = str(user.role)
        statuses = tuple(status_of(m, role, done.get((user.id, m.module_id), []), today)
                         for m in modules if m.required(role))
        return StaffStatus(user.id, user.display_name, role, statuses)

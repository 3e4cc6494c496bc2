"""Training modules on the wing (issue 18, docs/training.md): install a package HQ signed (or one the program
ships), read the version in force, and show it in the user's language as safe HTML with its own pictures.

Every installed version is kept and never changes. A package is refused, with one sentence and nothing changed
(the version in use stays in use), when its signature or key is wrong, when it is older than the version in force
or reuses a version number with other content, or when its text holds a script, raw HTML or a remote picture.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.modules import markdown
from wingdesk.domain.modules.installed import InstalledModule
from wingdesk.domain.modules.model import Module, ModuleError, Question, Source
from wingdesk.domain.modules.parse import MAX_BYTES, loads, parse_package
from wingdesk.domain.records import iso
from wingdesk.services.audit_trail import AuditTrail
from wingdesk.services.context import ServiceContext
from wingdesk.services.gateway import AccessGateway, GuardedService, guarded
from wingdesk.services.hq_signed import enrolled_hq_key, read_verified, refusals_audited
from wingdesk.services.policy import Action, Resource
from wingdesk.services.repository_ports import ModuleStore

WRAPPER = "module_file"
INSTALLED, UNCHANGED = "installed", "unchanged"
_AUDITED_REFUSALS = ("module_signature", "module_wrong_key", "module_version_conflict", "module_older_version")


@dataclass(frozen=True)
class InstallOutcome:
    module_id: str
    version: int
    outcome: str  # INSTALLED, or UNCHANGED when this exact version was already here


@dataclass(frozen=True)
class ModuleView:
    """One module in one language, ready for the reading view."""

    module_id: str
    version: int
    language: str  # the language shown (the user's, else English, else the first the module has)
    title: str
    summary: str
    html: str  # rendered with HTML off; pictures named as in the package
    images: Mapping[str, bytes]  # the only pictures the reading view may load
    sections: tuple[str, ...]  # level-2 headings: anchors s1, s2, ...
    questions: tuple[Question, ...]
    sources: tuple[Source, ...]
    pass_percent: int


_PARSED: dict[str, Module] = {}  # content hash -> parsed module: an installed version never changes


def modules_in_force(repo: ModuleStore) -> list[Module]:
    """Every module in force, parsed once per process (the Learning page, the inbox source and the team view read
    them often; a package with pictures is large)."""
    found = []
    for module_id, version, digest in repo.modules_in_force():
        if digest not in _PARSED:
            stored = repo.get_module(module_id, version)
            if stored is None:
                continue
            _PARSED[digest] = parse_package(loads(stored.package.encode("utf-8")))
        found.append(_PARSED[digest])
    return found


class ModuleService(GuardedService):
    def __init__(self, ctx: ServiceContext, gateway: AccessGateway, audit: AuditTrail) -> None:
        super().__init__(ctx, gateway, audit)
        self._parsed: dict[tuple[str, int], Module] = {}  # versions never change, so parsed ones are kept
        self._html: dict[tuple[str, int, str], str] = {}

    @guarded(Action.ADMINISTER, Resource.TRAINING)
    def install_signed(self, data: bytes) -> InstallOutcome:
        """Install a file HQ signed (`wingdesk-hq module sign`); ModuleError (one sentence) when anything is wrong,
        and then nothing is stored."""
        return install_signed_file(self.ctx, self.audit, self.user.id, data, self._parsed)

    @guarded(Action.ADMINISTER, Resource.TRAINING)
    def install_shipped(self, packages: Iterable[bytes]) -> list[InstallOutcome]:
        """Install the modules that ship inside the program (trusted as the program is; validated as any)."""
        outcomes = []
        for data in packages:
            raw = loads(data)
            outcomes.append(self._store(parse_package(raw), raw, "shipped"))
        return outcomes

    def _store(self, module: Module, raw: dict[str, object], source: str) -> InstallOutcome:
        return _store(self.ctx, self.audit, self.user.id, module, raw, source, self._parsed)

    def _load(self, module_id: str, version: int | None = None) -> Module:
        """The module (version None: the one in force), parsed once."""
        if version is None:
            versions = self.ctx.repo.module_versions(module_id)
            if not versions:
                raise ModuleError("module_not_installed", module=module_id)
            version = versions[-1]
        if (module_id, version) not in self._parsed:
            stored = self.ctx.repo.get_module(module_id, version)
            if stored is None:
                raise ModuleError("module_not_installed", module=module_id)
            self._parsed[(module_id, version)] = parse_package(loads(stored.package.encode("utf-8")))
        return self._parsed[(module_id, version)]

    @guarded(Action.READ, Resource.TRAINING)
    def modules(self) -> list[Module]:
        """Every module in force."""
        return modules_in_force(self.ctx.repo)

    @guarded(Action.READ, Resource.TRAINING)
    def view(self, module_id: str, language: str, version: int | None = None) -> ModuleView:
        module = self._load(module_id, version)
        shown, content = module.in_language(language)
        key = (module.module_id, module.version, shown)
        if key not in self._html:
            self._html[key] = markdown.render(content.body)
        return ModuleView(module.module_id, module.version, shown, content.title, content.summary, self._html[key],
                          module.images, content.sections, content.questions, module.sources, module.pass_percent)


def install_signed_file(ctx: ServiceContext, audit: AuditTrail, user_id: str, data: bytes,
                        parsed: dict[tuple[str, int], Module] | None = None) -> InstallOutcome:
    """Check a package HQ signed against the HQ key this wing enrolled with and install it: from the
    administrator's own file (ModuleService.install_signed) or from an HQ→wing bundle (services.sync_service),
    whoever imports it. ModuleError (one sentence) when anything is wrong; nothing is stored then."""
    with refusals_audited(audit, user_id, "module", ModuleError, _AUDITED_REFUSALS):
        signed = read_verified(data, enrolled_hq_key(ctx), ctx.keyring.verify_signed, WRAPPER, MAX_BYTES, "module",
                               ModuleError)
        module = parse_package(signed.definition)
        return _store(ctx, audit, user_id, module, signed.definition, "hq", parsed, signed.hq_key_id,
                      signed.signed_at, signed.signature)


def _store(ctx: ServiceContext, audit: AuditTrail, user_id: str, module: Module, raw: dict[str, object],
           source: str, parsed: dict[tuple[str, int], Module] | None = None, hq_key_id: str | None = None,
           signed_at: str | None = None, signature: bytes | None = None) -> InstallOutcome:
    text = canonical_bytes(raw)
    digest = hashlib.sha256(text).hexdigest()
    repo = ctx.repo
    with repo.transaction():
        present = repo.get_module(module.module_id, module.version)
        if present is not None:
            if present.content_sha256 != digest:
                raise ModuleError("module_version_conflict", module=module.module_id, version=module.version)
            return InstallOutcome(module.module_id, module.version, UNCHANGED)
        versions = repo.module_versions(module.module_id)
        if versions and versions[-1] > module.version:
            raise ModuleError("module_older_version", module=module.module_id, version=module.version,
                              current=versions[-1])
        repo.add_module(InstalledModule(module.module_id, module.version, text.decode("utf-8"), digest, source,
                                        iso(ctx.clock.now()), user_id, hq_key_id, signed_at, signature))
        audit.append(user_id, "module_installed", f"module:{module.module_id}@{module.version}", digest)
    if parsed is not None:
        parsed[(module.module_id, module.version)] = module
    return InstallOutcome(module.module_id, module.version, INSTALLED)

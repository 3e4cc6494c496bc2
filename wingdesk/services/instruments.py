"""Assessment instruments on the wing: install (a file HQ signed, or the ones the program ships), read by id and
version, list those in force, and show one in the user's language with the region's added guidance.

Every installed version is kept and never changes, so an assessment made with version 1 reads version 1 after
version 2 arrived; the version in force is the highest installed. A refused file changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.instruments.installed import SOURCE_HQ, SOURCE_SHIPPED, InstalledInstrument
from wingdesk.domain.instruments.model import REGIONS, Instrument, InstrumentError
from wingdesk.domain.instruments.parse import MAX_BYTES, loads_json, parse_definition
from wingdesk.domain.instruments.signed_file import WRAPPER
from wingdesk.domain.instruments.view import InstrumentView, localise
from wingdesk.domain.records import iso
from wingdesk.services.audit_trail import AuditTrail
from wingdesk.services.context import ServiceContext
from wingdesk.services.gateway import AccessGateway, GuardedService, guarded
from wingdesk.services.hq_signed import enrolled_hq_key, read_verified, refusals_audited
from wingdesk.services.policy import Action, Resource

REGION_SETTING = "country"  # the wing's country (AL, BA, XK, ME, MK, RS): which regional guidance it shows
INSTALLED, UNCHANGED = "installed", "unchanged"
_AUDITED_REFUSALS = ("instrument_signature", "instrument_wrong_key", "instrument_version_conflict")


@dataclass(frozen=True)
class InstallOutcome:
    instrument_id: str
    version: int
    outcome: str  # INSTALLED, or UNCHANGED when this exact version was already here


@dataclass(frozen=True)
class InstrumentSummary:
    instrument_id: str
    version: int  # the version in force
    title: str
    licensed: bool
    usable: bool  # the signed-in user's role is one the instrument names
    versions: tuple[int, ...]


class InstrumentService(GuardedService):
    def __init__(self, ctx: ServiceContext, gateway: AccessGateway, audit: AuditTrail) -> None:
        super().__init__(ctx, gateway, audit)
        self._parsed: dict[tuple[str, int], Instrument] = {}  # versions never change, so parsed ones are kept

    @guarded(Action.ADMINISTER, Resource.INSTRUMENT)
    def install_signed(self, data: bytes) -> InstallOutcome:
        """Install a file HQ signed (`wingdesk-hq instrument sign`); checked against the HQ key this wing enrolled
        with. InstrumentError (one sentence) when anything is wrong; nothing is stored then."""
        return install_signed_file(self.ctx, self.audit, self.user.id, data, self._parsed)

    @guarded(Action.ADMINISTER, Resource.INSTRUMENT)
    def install_shipped(self, definitions: Iterable[bytes]) -> list[InstallOutcome]:
        """Install the definitions that ship inside the program (wingdesk/resources/instruments): trusted as the
        program itself is, so unsigned; validated exactly as a signed one."""
        outcomes = []
        for data in definitions:
            raw = loads_json(data)
            outcomes.append(self._store(parse_definition(raw), raw, SOURCE_SHIPPED))
        return outcomes

    def _store(self, instrument: Instrument, raw: dict[str, object], source: str) -> InstallOutcome:
        return _store(self.ctx, self.audit, self.user.id, instrument, raw, source, self._parsed)

    def _load(self, instrument_id: str, version: int | None) -> Instrument:
        if version is None:  # the version in force: the highest installed
            versions = self.ctx.repo.instrument_versions(instrument_id)
            if not versions:
                raise InstrumentError("instrument_not_installed_any", instrument=instrument_id)
            version = versions[-1]
        if (instrument_id, version) in self._parsed:
            return self._parsed[(instrument_id, version)]
        stored = self.ctx.repo.get_instrument(instrument_id, version)
        if stored is None:
            raise InstrumentError("instrument_not_installed", instrument=instrument_id, version=version)
        instrument = parse_definition(loads_json(stored.definition.encode("utf-8")))
        self._parsed[(instrument.instrument_id, instrument.version)] = instrument
        return instrument

    @guarded(Action.READ, Resource.INSTRUMENT)
    def in_force(self, instrument_id: str) -> Instrument:
        """The highest installed version: what a new assessment uses."""
        return self._load(instrument_id, None)

    @guarded(Action.READ, Resource.INSTRUMENT)
    def get(self, instrument_id: str, version: int) -> Instrument:
        """Exactly this version (what an assessment made with it shows, whatever came after)."""
        return self._load(instrument_id, version)

    @guarded(Action.READ, Resource.INSTRUMENT)
    def versions(self, instrument_id: str) -> list[int]:
        return self.ctx.repo.instrument_versions(instrument_id)

    @guarded(Action.READ, Resource.INSTRUMENT)
    def catalogue(self, language: str) -> list[InstrumentSummary]:
        """Every instrument in force, its title in `language`, and whether the signed-in user's role may use it."""
        summaries = []
        for stored in self.ctx.repo.instruments_in_force():
            instrument = self._load(stored.instrument_id, stored.version)
            summaries.append(InstrumentSummary(
                instrument.instrument_id, instrument.version, instrument.title[language], instrument.licensed,
                instrument.usable_by(str(self.user.role)),
                tuple(self.ctx.repo.instrument_versions(instrument.instrument_id))))
        return summaries

    @guarded(Action.READ, Resource.INSTRUMENT)
    def view(self, instrument_id: str, language: str, version: int | None = None,
             region: str | None = None) -> InstrumentView:
        """Domains, items, rating options and guidance in `language`, with the guidance `region` (default: the
        wing's country setting) adds; `version` None is the version in force."""
        return localise(self._load(instrument_id, version), language, region or self.region())

    @guarded(Action.READ, Resource.INSTRUMENT)
    def region(self) -> str | None:
        value = self.ctx.repo.get_setting(REGION_SETTING)
        return value if value in REGIONS else None

    @guarded(Action.ADMINISTER, Resource.SETTINGS)
    def set_region(self, region: str) -> None:
        if region not in REGIONS:
            raise InstrumentError("instrument_unknown_region", where="region", region=region)
        with self.ctx.repo.transaction():
            self.ctx.repo.set_setting(REGION_SETTING, region)
            self.audit.append(self.user.id, "region_set", f"setting:{REGION_SETTING}")


def install_signed_file(ctx: ServiceContext, audit: AuditTrail, user_id: str, data: bytes,
                        parsed: dict[tuple[str, int], Instrument] | None = None) -> InstallOutcome:
    """Check a file HQ signed against the HQ key this wing enrolled with and install it: from the administrator's
    own file (InstrumentService.install_signed) or from an HQ→wing bundle (services.sync_service), whoever imports
    it. InstrumentError (one sentence) when anything is wrong; nothing is stored then."""
    with refusals_audited(audit, user_id, "instrument", InstrumentError, _AUDITED_REFUSALS):
        signed = read_verified(data, enrolled_hq_key(ctx), ctx.keyring.verify_signed, WRAPPER, MAX_BYTES,
                               "instrument", InstrumentError)
        instrument = parse_definition(signed.definition)
        return _store(ctx, audit, user_id, instrument, signed.definition, SOURCE_HQ, parsed, signed.hq_key_id,
                      signed.signed_at, signed.signature)


def _store(ctx: ServiceContext, audit: AuditTrail, user_id: str, instrument: Instrument, raw: dict[str, object],
           source: str, parsed: dict[tuple[str, int], Instrument] | None = None, hq_key_id: str | None = None,
           signed_at: str | None = None, signature: bytes | None = None) -> InstallOutcome:
    text = canonical_bytes(raw)
    digest = hashlib.sha256(text).hexdigest()
    repo = ctx.repo
    with repo.transaction():
        present = repo.get_instrument(instrument.instrument_id, instrument.version)
        if present is not None:
            if present.content_sha256 != digest:
                raise InstrumentError("instrument_version_conflict", instrument=instrument.instrument_id,
                                      version=instrument.version)
            return InstallOutcome(instrument.instrument_id, instrument.version, UNCHANGED)
        repo.add_instrument(InstalledInstrument(
            instrument.instrument_id, instrument.version, text.decode("utf-8"), digest, source,
            iso(ctx.clock.now()), user_id, hq_key_id, signed_at, signature))
        audit.append(user_id, "instrument_installed", f"instrument:{instrument.instrument_id}@{instrument.version}",
                     digest)
    if parsed is not None:
        parsed[(instrument.instrument_id, instrument.version)] = instrument
    return InstallOutcome(instrument.instrument_id, instrument.version, INSTALLED)

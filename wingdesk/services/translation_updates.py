"""HQ's translation updates on the wing (issue 17 item 3, docs/publishing.md): install one from an HQ→wing bundle
with the same HQ-signature checks as an instrument or a training module, and hand the versions in force to the
program's translator (i18n.apply_updates), which layers each over the shipped catalogue.

Every version is kept and never changes; the highest installed version of a language is in force. Each entry is
checked against this program's catalogue at install (the count of usable ones is audited) and again when the
translator loads it (i18n.updates), so an update made for another program version can never break a format call.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from wingdesk.config.catalog_template import template
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.instruments.parse import loads_json
from wingdesk.domain.records import iso
from wingdesk.domain.translations.document import (
    MAX_BYTES,
    WRAPPER,
    TranslationDocument,
    TranslationError,
    accepted,
    parse_document,
)
from wingdesk.domain.translations.installed import InstalledTranslation
from wingdesk.services.audit_trail import AuditTrail
from wingdesk.services.context import ServiceContext
from wingdesk.services.gateway import GuardedService, self_service
from wingdesk.services.hq_signed import Verify, enrolled_hq_key, read_verified, refusals_audited

INSTALLED, UNCHANGED = "installed", "unchanged"
_AUDITED_REFUSALS = ("translation_signature", "translation_wrong_key", "translation_version_conflict",
                     "translation_older_version", "translation_nothing_usable")


@dataclass(frozen=True)
class InstallOutcome:
    language: str
    version: int
    outcome: str  # INSTALLED, or UNCHANGED when this exact version was already here
    usable: int = 0  # entries this program accepts
    skipped: int = 0  # entries it does not (their English text is not in this program, or the shape differs)


def read_document(data: bytes, hq_public: bytes, verify: Verify
                  ) -> tuple[TranslationDocument, dict[str, Any], str, str, bytes]:
    """(document, its raw JSON, hq_key_id, signed_at, signature) of a signed file, checked under `hq_public`."""
    signed = read_verified(data, hq_public, verify, WRAPPER, MAX_BYTES, "translation", TranslationError)
    return (parse_document(signed.definition), signed.definition, signed.hq_key_id, signed.signed_at,
            signed.signature)


def install_signed_file(ctx: ServiceContext, audit: AuditTrail, user_id: str, data: bytes) -> InstallOutcome:
    """Check a translation update HQ signed against the HQ key this wing enrolled with, then its entries against
    this program's catalogue, and keep it. TranslationError (one sentence) when it is refused; nothing is stored."""
    with refusals_audited(audit, user_id, "translation", TranslationError, _AUDITED_REFUSALS):
        document, raw, hq_key_id, signed_at, signature = read_document(data, enrolled_hq_key(ctx),
                                                                       ctx.keyring.verify_signed)
        usable, refused = accepted(document, template(document.language))
        if document.entries and not usable:
            raise TranslationError("translation_nothing_usable")
        text = canonical_bytes(raw)
        digest = hashlib.sha256(text).hexdigest()
        repo = ctx.repo
        with repo.transaction():
            present = repo.get_translation_update(document.language, document.version)
            if present is not None:
                if present.content_sha256 != digest:
                    raise TranslationError("translation_version_conflict", language=document.language,
                                           version=document.version)
                return InstallOutcome(document.language, document.version, UNCHANGED, len(usable), len(refused))
            newest = [t.version for t in repo.translation_updates_in_force() if t.language == document.language]
            if newest and newest[0] > document.version:
                raise TranslationError("translation_older_version", language=document.language,
                                       version=document.version, current=newest[0])
            repo.add_translation_update(InstalledTranslation(
                document.language, document.version, text.decode("utf-8"), digest, hq_key_id, signed_at, signature,
                iso(ctx.clock.now()), user_id))
            audit.append(user_id, "translation_installed", f"translation:{document.language}@{document.version}"
                                                           f":used:{len(usable)}:skipped:{len(refused)}", digest)
        return InstallOutcome(document.language, document.version, INSTALLED, len(usable), len(refused))


class TranslationUpdateService(GuardedService):
    @self_service
    def in_force(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """language -> msgid -> forms of the highest installed version of each language: what the translator
        layers over the shipped catalogue (and checks again there). Translations are no record data: not audited."""
        found: dict[str, dict[str, tuple[str, ...]]] = {}
        for stored in self.ctx.repo.translation_updates_in_force():
            try:
                document = parse_document(loads_json(stored.document.encode("utf-8"), MAX_BYTES, "translation",
                                                     TranslationError))
            except TranslationError:
                continue  # a damaged row: the shipped catalogue stays
            usable, _refused = accepted(document, template(document.language))
            found[document.language] = usable
        return found

    @self_service
    def versions_in_force(self) -> dict[str, int]:
        """language -> the version of HQ's translation update in force (for the about box and the tests)."""
        return {t.language: t.version for t in self.ctx.repo.translation_updates_in_force()}

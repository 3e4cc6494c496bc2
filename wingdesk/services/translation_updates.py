"""HQ's translation updates on the wing (issue 17 item 3, docs/publishing.md): install one from an HQ→wing bundle
with the same HQ-signature checks as an instrument or a training module, and hand the versions in force to the
program's translator (i18n.apply_updates), which layers each over the shipped catalogue.

Every version is kept and never changes; the highest installed version of a language whose stored HQ signature
still verifies under the HQ key this wing enrolled with is in force (a row written into the database by hand is
skipped, and audited at each load). Each entry is checked against this program's catalogue at install (the count
of usable ones is audited) and again when the translator loads it (i18n.updates), so an update made for another
program version can never break a format call.
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
from wingdesk.services.hq_signed import (
    Verify,
    enrolled_hq_key,
    read_verified,
    refusals_audited,
    stored_signature_holds,
)

INSTALLED, UNCHANGED = "installed", "unchanged"
UNVERIFIED = "translation_unverified"  # the audited refusal of a stored row whose HQ signature does not verify
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
            newest = verified_in_force(ctx).get(document.language)
            if newest is not None and newest[0].version > document.version:
                raise TranslationError("translation_older_version", language=document.language,
                                       version=document.version, current=newest[0].version)
            repo.add_translation_update(InstalledTranslation(
                document.language, document.version, text.decode("utf-8"), digest, hq_key_id, signed_at, signature,
                iso(ctx.clock.now()), user_id))
            audit.append(user_id, "translation_installed", f"translation:{document.language}@{document.version}"
                                                           f":used:{len(usable)}:skipped:{len(refused)}", digest)
        return InstallOutcome(document.language, document.version, INSTALLED, len(usable), len(refused))


def _document(ctx: ServiceContext, stored: InstalledTranslation, hq_public: bytes) -> TranslationDocument | None:
    """The document of a stored row, when HQ's signature kept with it verifies under `hq_public` and the signed
    document is of the row's own language and version; None otherwise."""
    if not stored_signature_holds(hq_public, ctx.keyring.verify_signed, "translation", stored.document,
                                  stored.hq_key_id, stored.signed_at, stored.signature, MAX_BYTES):
        return None
    try:
        document = parse_document(loads_json(stored.document.encode("utf-8"), MAX_BYTES, "translation",
                                             TranslationError))
    except TranslationError:
        return None
    return document if (document.language, document.version) == (stored.language, stored.version) else None


def verified_in_force(ctx: ServiceContext, unverified: list[InstalledTranslation] | None = None
                      ) -> dict[str, tuple[InstalledTranslation, TranslationDocument]]:
    """language -> its highest installed version (row and document) whose stored HQ signature verifies under the
    enrolled HQ key; each newer row that does not is skipped (and listed in `unverified`)."""
    hq_public = enrolled_hq_key(ctx)
    found: dict[str, tuple[InstalledTranslation, TranslationDocument]] = {}
    for stored in ctx.repo.translation_updates():  # by language, the newest first
        if stored.language in found:
            continue
        document = _document(ctx, stored, hq_public)
        if document is not None:
            found[stored.language] = (stored, document)
        elif unverified is not None:
            unverified.append(stored)
    return found


class TranslationUpdateService(GuardedService):
    @self_service
    def in_force(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """language -> msgid -> forms of the highest installed version of each language that HQ's signature still
        holds for: what the translator layers over the shipped catalogue (and checks again there). Translations are
        no record data: their reading is not audited; a stored row whose signature fails is, at each load."""
        found: dict[str, dict[str, tuple[str, ...]]] = {}
        unverified: list[InstalledTranslation] = []
        in_force = verified_in_force(self.ctx, unverified)
        for stored in unverified:
            self.audit.append(self.user.id, "translation_refused",
                              f"translation:{UNVERIFIED}:{stored.language}@{stored.version}")
        for language, (_stored, document) in in_force.items():
            usable, _refused = accepted(document, template(language))
            found[language] = usable
        return found

    @self_service
    def versions_in_force(self) -> dict[str, int]:
        """language -> the version of HQ's translation update in force (for the about box and the tests)."""
        return {language: t.version for language, (t, _document) in verified_in_force(self.ctx).items()}

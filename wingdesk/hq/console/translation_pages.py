"""The Publishing section's translation updates (docs/publishing.md): a .po file uploaded with the kind
"Translation update" is previewed here (hq.translations), and published through the section's own publish form.
What waits between preview and publish is the unsigned document the preview built, so the publish signs exactly
the texts shown."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from wingdesk.domain.translations import rules
from wingdesk.hq import translations
from wingdesk.hq.console.access import console_of
from wingdesk.hq.console.render import LANGUAGE_NAMES
from wingdesk.hq.console.sessions import Session
from wingdesk.hq.publishing import Publication
from wingdesk.i18n import N_

REASONS = {
    rules.PLURALS: N_("It has {got} plural forms; this language has {expected}."),
    rules.PLACEHOLDERS: N_("Its placeholders differ from those of the English text ({expected})."),
    rules.MNEMONIC: N_("The keyboard shortcut marker (&) of the English text is missing."),
    rules.CONTROL: N_("It contains control characters."),
    rules.TOO_LONG: N_("It is longer than {limit} characters."),
    rules.EMPTY: N_("A plural form is empty."),
    rules.MARKUP: N_("Its markup (tags, comments and entities) differs from that of the English text."),
    rules.PROTECTED_TEXT: N_("This text is security-critical (a fingerprint, a code read out by phone or a "
                             "confirmation before something is deleted for good); an update may not replace it."),
}


async def preview(request: Request, session: Session, data: bytes, waiting: Any) -> Response:
    """The preview page of an uploaded .po; TranslationError (one sentence) when the file is refused as a whole."""
    console = console_of(request)
    shown = await run_in_threadpool(translations.preview, console.store, data)
    waiting.put(session, translations.KIND, shown.document, shown.sha256)
    await console.audit_async("console_publish_previewed", session.staff,
                              detail=f"{translations.KIND} id={shown.language} version={shown.version} "
                                     f"sha256={shown.sha256} changed={len(shown.changes)} "
                                     f"refused={len(shown.refused)} ignored={shown.ignored_count}")
    return console.renderer.page(request, "publish_translation.html", p=shown, reasons=REASONS)


async def publish(request: Request, document: bytes, staff: str) -> Publication:
    """Sign and queue the document the preview built (hq.translations.publish)."""
    console = console_of(request)
    return await run_in_threadpool(translations.publish, console.store, console.ctx.keys, console.now(), document,
                                   staff, LANGUAGE_NAMES)

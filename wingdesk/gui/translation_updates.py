"""HQ's translation updates put in force in the running program (docs/publishing.md "Translation updates").

They live in the wing's encrypted database, so they apply from sign-in (the sign-in window shows the shipped texts)
and again after a sync installed one. The read runs off the UI thread; i18n.apply_updates then checks each entry
against the shipped catalogue and, when the current language's texts changed, every window that follows language
changes retranslates at once. Texts a window built once and does not retranslate change when it is next opened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wingdesk.i18n import _, apply_updates


def notice() -> str:
    """What the sync page adds once a bundle installed a translation update."""
    return _("A translation update from HQ is now in use; a window that was already open may show the new texts "
             "only when it is next opened.")


def load_translation_updates(session: Any, tasks: Any, done: Callable[[bool], None] | None = None) -> None:
    """Read the updates in force and apply them; `done(changed)` runs on the UI thread afterwards."""

    def applied(found: dict[str, dict[str, tuple[str, ...]]]) -> None:
        changed = apply_updates(found)
        if done is not None:
            done(changed)

    tasks.run(session.translations.in_force, applied, lambda _error: None)


def after_import(session: Any, tasks: Any, result: Any, message: Any) -> None:
    """After an import that installed a translation update: apply it, and add the notice to the page's `message`
    (a QLabel showing the import's outcome)."""
    if getattr(result, "translations_installed", 0):
        load_translation_updates(session, tasks)
        message.setText(f"{message.text()} {notice()}".strip())

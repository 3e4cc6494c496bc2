"""The main window's half of services.drafts: what is being written when the session locks is kept for its author,
and put back, as it was left, at their next sign-in (the observation dialog, the wing log's entry form)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from shiboken6 import isValid

from wingdesk.gui import navigation

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices

log = logging.getLogger(__name__)


class DraftKeeper:
    """Takes the person's kept drafts when the window is built and keeps them again if the window goes before it
    showed them; at the lock, keeps what the window's forms hold. No failure here may stop a sign-in or a lock."""

    def __init__(self, session: WingServices, page_keys: list[str]) -> None:
        # not the window itself: holding it here would tie its Python wrapper to it past the lock's deletion
        self.session, self.page_keys = session, page_keys
        self.pending: list[Any] = self._take()

    def forms(self) -> list[str]:
        """The forms this person can have left half-written."""
        role = self.session.user.role
        writes_log = "wing_log" in self.page_keys and navigation.can_write_log(role)
        return [form for form, usable in (("log_entry", writes_log),
                                          ("observation", navigation.can_record_observation(role))) if usable]

    def _take(self) -> list[Any]:
        """Taken on the UI thread, a row each by key, before any page starts loading: a background read could take -
        and delete - a draft just before a lock, and its result would then reach a window that is gone."""
        taken = []
        for form in self.forms():
            try:
                draft = self.session.drafts.take(form)
            except Exception as error:  # noqa: BLE001 - a draft that cannot be read must not stop the sign-in
                log.warning("kept draft not read back: %s", type(error).__name__)
                continue
            if draft is not None:
                taken.append(draft)
        return taken

    def restore(self, window: Any) -> None:
        """Put the taken drafts back in `window`: the entry on the wing log page, the observation in its dialog."""
        drafts, self.pending = self.pending, []
        for draft in drafts:
            if draft.form == "log_entry":
                window.show_page("wing_log").restore_draft(draft.fields, draft.saved_at)
            elif draft.form == "observation":
                from wingdesk.gui.dialogs.observation_dialog import ObservationDialog

                dialog = ObservationDialog(window.session, window.tasks, None, window)
                dialog.restore(draft.fields, draft.saved_at)
                window.open_observation(dialog)

    def keep(self, observation_dialog: Any, log_page: Any) -> None:
        """At the lock: drafts taken but not shown yet, then what the forms hold."""
        pending, self.pending = self.pending, []
        for draft in pending:
            self._keep(draft.form, draft.fields)
        forms = self.forms()  # a reader of the wing log keeps no entry: asking would write a denial
        dialog = observation_dialog
        if "observation" in forms and dialog is not None and isValid(dialog) and dialog.isVisible():
            self._keep("observation", dialog.draft_fields())
            dialog.discard()
        if "log_entry" in forms and log_page is not None:
            self._keep("log_entry", log_page.editor.draft_fields())

    def _keep(self, form: str, fields: dict[str, Any] | None) -> None:
        if fields is None:
            return
        try:
            self.session.drafts.keep(form, fields)
        except Exception as error:  # noqa: BLE001 - any failure (a damaged page too): the lock goes on regardless
            log.warning("draft not kept: %s", type(error).__name__)

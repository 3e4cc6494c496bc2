"""Why HQ quarantined a bundle or a record, in one sentence for the operations pages (the code is shown too)."""

from __future__ import annotations

from wingdesk.i18n import N_

REASONS = {
    "fork": N_("Two different bundles with the same sequence number: the wing's history forked."),
    "chain_break": N_("The bundle does not follow on from the one before it."),
    "record_conflict": N_("A record arrived again with the same revision but different content."),
    "audit_chain_shortened": N_("The wing's audit log is shorter than it was: entries were removed."),
    "audit_chain_rewritten": N_("The wing's audit log was rewritten after HQ had seen it."),
    "audit_head_missing": N_("The bundle came without the wing's audit head, which the wing sent before."),
    "restore_invalid": N_("The wing declared a restore from backup that does not verify."),
    "device_revoked": N_("The device is revoked: its bundles are kept as evidence, not applied."),
}
PREFIXED = {
    "countersignature_": N_("A supervisor's countersignature in the bundle does not verify."),
    "author_": N_("A record's author signature does not verify against the keys HQ holds for the wing."),
}


def reason_text(code: str) -> str | None:
    """The msgid describing `code`, or None for a code without one (the page shows the code alone)."""
    if code in REASONS:
        return REASONS[code]
    return next((text for prefix, text in PREFIXED.items() if code.startswith(prefix)), None)

"""Names and texts for countersignatures (the services give signer ids; names come from what this role may read)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wingdesk.domain.roles import Role
from wingdesk.i18n import _, ngettext
from wingdesk.i18n.formats import format_datetime
from wingdesk.services.policy import Action, Resource, scope_for

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


def signer_names(session: WingServices) -> dict[str, str]:
    """user id → display name: the whole staff list when the role may read it, else just the signed-in user."""
    names = {session.user.id: session.user.display_name}
    if scope_for(Role(session.user.role), Action.READ, Resource.USERS) is not None:
        names.update({u.id: u.display_name for u in session.users.list_users()})
    return names


def signer_name(names: dict[str, str], signer_id: str) -> str:
    return names.get(signer_id) or _("supervisor {short_id}").format(short_id=signer_id[:8])


def check_text(check: Any, names: dict[str, str]) -> str:
    """One sentence on one SignatureCheck: who signed, when, and whether it still verifies."""
    who, when = signer_name(names, check.signer_id), format_datetime(check.signed_at)
    deleted = int(getattr(check, "deleted", 0) or 0)  # entries an administrator deleted since (tombstones)
    if check.valid and deleted:
        return ngettext("Countersigned by {name} on {when}: signature valid, with {n} entry deleted by an "
                        "administrator.", "Countersigned by {name} on {when}: signature valid, with {n} entries "
                        "deleted by an administrator.", deleted).format(name=who, when=when, n=deleted)
    if check.valid:
        return _("Countersigned by {name} on {when}: signature valid.").format(name=who, when=when)
    if check.reason == "records_changed":
        return _("Countersigned by {name} on {when}: NOT VALID, the records changed after signing.").format(
            name=who, when=when)
    return _("Countersigned by {name} on {when}: NOT VALID, the signature does not verify.").format(
        name=who, when=when)

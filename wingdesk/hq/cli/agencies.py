"""`wingdesk-hq agency add|list|remove`: the agencies wings may seal a pre-release handover to (issue 19 item 2)."""

from __future__ import annotations

import argparse

from wingdesk.domain.shown_text import printable
from wingdesk.hq.agencies import AgencyRefused, add_agency, list_agencies, remove_agency
from wingdesk.hq.cli.common import CliError, context
from wingdesk.i18n import _

_REFUSED = {
    "bad_agency": lambda: _("The agency's name must be one line of at most 100 characters."),
    "duplicate_agency": lambda: _("An agency with this name is already listed; remove it first to change its key."),
    "unknown_agency": lambda: _("No agency with this name is listed."),
}


def cmd_agency(args: argparse.Namespace) -> int:
    ctx = context(args)
    try:
        if args.agency_command == "list":
            for agency in list_agencies(ctx):
                print(f"{printable(agency.name)}\t{agency.agency_type}\t{agency.recipient}")
            return 0
        if args.agency_command == "add":
            agency = add_agency(ctx, args.name, args.type, args.recipient)
            print(_("Agency {name} listed; the wings receive it with their next bundle from HQ.").format(
                name=printable(agency.name)))
        else:
            agency = remove_agency(ctx, args.name)
            print(_("Agency {name} removed; the wings receive the change with their next bundle from HQ.").format(
                name=printable(agency.name)))
    except AgencyRefused as error:
        raise CliError(error.code, _REFUSED[error.code]()) from None
    finally:
        ctx.store.close()
    return 0

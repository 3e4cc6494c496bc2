"""`wingdesk --user NAME handover PRISON_NUMBER …` (issue 19 item 2): list what may be handed over, or seal the
chosen items to an agency HQ lists, on a legal basis, into a new file; the handover is recorded as in the window."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from wingdesk.domain.errors import NotFound, ValidationError
from wingdesk.domain.shown_text import printable
from wingdesk.i18n import _

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


def run_handover(session: WingServices, args: argparse.Namespace) -> int:
    handover = session.handover
    prisoner_id = session.ctx.repo.prisoner_id_by_number(args.number.strip())
    if prisoner_id is None:
        raise NotFound(field="prisoner")
    if args.list:
        for listed in handover.agencies():
            print(f"agency\t{printable(listed.name)}\t{listed.agency_type}")
        for choice in handover.choices(prisoner_id):
            print(f"{choice.section}:{choice.record_id}\t{choice.kind}\t{choice.occurred_at[:10]}")
        return 0
    if args.outcome:  # probation's feedback after release: a coded outcome and its month
        record = handover.record_outcome(prisoner_id, args.outcome, args.month or "")
        print(record.id)
        return 0
    if not args.agency or not args.out:
        raise ValidationError("required", field="--agency, --out")
    agency = next((a for a in handover.agencies() if a.name.casefold() == args.agency.strip().casefold()), None)
    if agency is None:
        raise NotFound("handover_unknown_agency", field="agency")
    chosen = []
    for item in args.items or []:
        section, _sep, record_id = item.partition(":")
        chosen.append((section.strip().upper(), record_id.strip()))
    out = Path(args.out)

    def write_new(data: bytes) -> None:  # never over an existing file; nothing half-written is left
        with open(out, "xb") as handle:
            try:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            except BaseException:
                out.unlink(missing_ok=True)
                raise

    result = handover.prepare(prisoner_id, agency.agency_id, args.basis or "", args.detail or "", chosen, write_new)
    print(out)
    print(_("Sealed for {agency}: {file} (SHA-256 {digest}). The handover is recorded.").format(
        agency=printable(agency.name), file=printable(str(out)), digest=result.file_sha256), file=sys.stderr)
    return 0

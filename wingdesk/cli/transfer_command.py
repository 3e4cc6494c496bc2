"""`wingdesk --user governor transfer …` (issue 19 item 1): the transfer between prisons from the command line, and
its USB path. `list` shows the prisons HQ lists and the packages waiting; `export PRISON_NUMBER --to PRISON --out
FILE` seals the file (or takes the package sealed earlier) and writes it safely to a file for a stick; `import
FILE` checks a package from a stick as one HQ delivered and shows what it holds; `accept TRANSFER_ID` accepts a
waiting package, however it came. Every package also travels through HQ; it is accepted once."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from wingdesk.domain.errors import NotFound, ValidationError
from wingdesk.domain.shown_text import printable
from wingdesk.i18n import _
from wingdesk.i18n.sync_messages import describe_sync
from wingdesk.services.sync_types import SyncFailed
from wingdesk.sync.transfer_file import read_package, write_package

if TYPE_CHECKING:
    from wingdesk.services.wing import WingServices


def run_transfer(session: WingServices, args: argparse.Namespace) -> int:
    try:
        return _run(session, args)
    except SyncFailed as error:  # this PC not enrolled, a stick that failed: the sync messages say it
        print(_("Error: {message}").format(message=describe_sync(error)), file=sys.stderr)
        return 2


def _run(session: WingServices, args: argparse.Namespace) -> int:
    transfer = session.transfer
    command = args.transfer_command
    if command == "list":
        for peer in transfer.destinations():
            print(f"prison\t{peer.device_id}\t{printable(peer.wing_name)}")
        for row in transfer.pending():
            print(f"waiting\t{row.transfer_id}\t{row.via}\t{row.at[:10]}")
        return 0
    if command == "export":
        return _export(session, args)
    if command == "import":
        row = transfer.receive_file(read_package(args.file))
        content = transfer.preview(row.transfer_id)
        person = content["prisoner"]
        print(f"{row.transfer_id}\t{printable(str(person.get('number')))}\t"
              f"{printable(str(person.get('family_name')))}, {printable(str(person.get('given_name')))}\t"
              f"{printable(str(content.get('from_wing')))}")
        print(_("The package is sealed to this PC and signed by a governor HQ lists for {prison}: {records} records, "
                "{intelligence} intelligence summaries, {logs} log references. Accept it with 'wingdesk --user NAME "
                "transfer accept {transfer}'.").format(
            prison=printable(str(content.get("from_wing"))), records=len(content["records"]),
            intelligence=len(content["intelligence"]), logs=len(content["log_references"]),
            transfer=row.transfer_id), file=sys.stderr)
        return 0
    record = transfer.accept(args.transfer_id.strip())  # "accept"
    print(record.id)
    print(_("Accepted: the prisoner is on the roll, marked as arrived by transfer. HQ tells the sending prison with "
            "the next sync."), file=sys.stderr)
    return 0


def _export(session: WingServices, args: argparse.Namespace) -> int:
    transfer = session.transfer
    prisoner_id = session.ctx.repo.prisoner_id_by_number(args.number.strip())
    if prisoner_id is None:
        raise NotFound(field="prisoner")
    wanted = args.to.strip()
    peer = next((p for p in transfer.destinations()
                 if wanted in (p.device_id, p.wing_name) or wanted.casefold() == p.wing_name.casefold()), None)
    if peer is None:
        raise ValidationError("transfer_unknown_prison", field="--to")
    result = transfer.export(prisoner_id, peer.device_id, lambda data: write_package(args.out, data))
    print(args.out)
    if result.carried is None:
        message = _("The package sealed earlier for {prison} is saved to {file} again.")
    else:
        message = _("Sealed for {prison} and saved to {file}: carry it to the receiving prison. It also goes with "
                    "the next sync through HQ, and is accepted there only once.")
    print(message.format(prison=printable(peer.wing_name), file=printable(str(args.out))), file=sys.stderr)
    return 0

"""`enrol` (a wing device, from its request file and the code its screen shows) and `revoke` (a lost device)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from wingdesk.domain.shown_text import printable
from wingdesk.hq import devices
from wingdesk.hq.cli.common import CliError, env_of, store_of
from wingdesk.hq.errors import DeviceRevoked
from wingdesk.i18n import _
from wingdesk.sync import usb
from wingdesk.sync.enrolment import parse_enrolment_request

MAX_REQUEST_LEN = 64 * 1024


def cmd_enrol(args: argparse.Namespace) -> int:
    data = usb.read_bundle_file(Path(args.request), MAX_REQUEST_LEN)
    request = parse_enrolment_request(data)
    if not args.code:  # the code is not shown here: the operator must hear it from the wing (a swapped file fails)
        print(
            _("Device {device} ({wing}) asks to be enrolled. Phone the wing, ask for the code its screen shows, "
              "then re-run with --code CODE.").format(device=request.device_id, wing=printable(request.wing_name))
        )
        return 2
    store = store_of(args)
    try:
        device = devices.enrol_device(store, data, args.code, env_of(args), datetime.now(UTC))
    finally:
        store.close()
    print(_("Device {device} enrolled for {wing}.").format(device=device.device_id, wing=printable(device.wing_name)))
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    store = store_of(args)
    try:
        cutoff = devices.revoke_device(store, args.device, datetime.now(UTC), args.after_seq)
    except DeviceRevoked as error:
        raise CliError(error.code, _("Device {device} is already revoked; its cutoff stays as it is.").format(
            device=args.device)) from None
    finally:
        store.close()
    print(
        _("Device {device} revoked: bundles after sequence {seq} will be refused.").format(
            device=args.device, seq=cutoff
        )
    )
    return 0

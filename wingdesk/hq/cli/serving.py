"""`serve`: the HTTPS receiver wings upload their bundles to."""

from __future__ import annotations

import argparse

from wingdesk.hq.cli.common import CliError, context
from wingdesk.i18n import _


def cmd_serve(args: argparse.Namespace) -> int:
    from wingdesk.hq.server import serve  # the server stack is only imported by the command that runs it

    if bool(args.tls_cert) != bool(args.tls_key):
        raise CliError("tls_incomplete", _("Give both --tls-cert and --tls-key, or neither."))
    ctx = context(args)
    scheme = "https" if args.tls_cert else "http"
    print(_("Starting the HQ receiver on {url} (Ctrl+C stops it).").format(url=f"{scheme}://{args.host}:{args.port}/"),
          flush=True)
    try:
        serve(ctx, args.host, args.port, args.tls_cert, args.tls_key)
    finally:
        ctx.store.close()
    return 0

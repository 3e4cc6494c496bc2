"""`serve`: the HTTPS receiver wings upload their bundles to."""

from __future__ import annotations

import argparse

from wingdesk.hq.cli.common import CliError, context
from wingdesk.i18n import _


def cmd_serve(args: argparse.Namespace) -> int:
    from wingdesk.hq.server import serve  # the server stack is only imported by the command that runs it

    if bool(args.tls_cert) != bool(args.tls_key):
        raise CliError("tls_incomplete", _("Give both --tls-cert and --tls-key, or neither."))
    if args.behind_proxy and args.host not in ("127.0.0.1", "::1", "localhost"):
        raise CliError("proxy_not_loopback", _("With --behind-proxy the receiver listens on loopback only "
                                               "(--host 127.0.0.1): the proxy is the one clients reach."))
    ctx = context(args)
    scheme = "https" if args.tls_cert else "http"
    print(_("Starting the HQ receiver on {url} (Ctrl+C stops it).").format(url=f"{scheme}://{args.host}:{args.port}/"),
          flush=True)
    try:
        serve(ctx, args.host, args.port, args.tls_cert, args.tls_key, behind_proxy=args.behind_proxy)
    finally:
        ctx.store.close()
    return 0

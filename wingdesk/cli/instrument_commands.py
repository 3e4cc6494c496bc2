"""`wingdesk instrument install FILE|--shipped`, `list` and `show ID`: the instruments installed on this wing."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from wingdesk.config.package_data import shipped_instruments
from wingdesk.domain.instruments.parse import MAX_BYTES
from wingdesk.domain.instruments.view import InstrumentView, OptionView
from wingdesk.i18n import _, current_language

if TYPE_CHECKING:
    from wingdesk.services.instruments import InstallOutcome
    from wingdesk.services.wing import WingServices


def _say(outcome: InstallOutcome) -> None:
    if outcome.outcome == "installed":
        print(_("Installed {instrument} version {version}.").format(instrument=outcome.instrument_id,
                                                                   version=outcome.version))
    else:
        print(_("{instrument} version {version} was already installed; nothing changed.").format(
            instrument=outcome.instrument_id, version=outcome.version))


def _options(options: tuple[OptionView, ...]) -> str:
    return " / ".join(f"{o.code} {o.label}" + (" *" if o.needs_rationale else "") for o in options)


def _show(view: InstrumentView) -> None:
    print(f"{view.title} ({view.instrument_id} v{view.version})")
    print(view.purpose)
    for domain in view.domains:
        print(f"\n[{domain.code}] {domain.title}")
        for text in (domain.guidance, domain.regional_guidance):
            if text:
                print(f"  {text}")
        if domain.judgement:
            print("  " + _options(domain.judgement))
        for item in domain.items:
            print(f"  {item.code} {item.text}".rstrip())
            for text in (item.guidance, item.regional_guidance):
                if text:
                    print(f"    {text}")
            print("    " + _options(item.options))
    print("\n" + _("* a written rationale is required for this rating"))
    for source in view.sources:
        print(f"- {source}")


def run_instrument(session: WingServices, args: argparse.Namespace) -> int:
    service = session.instruments
    if args.instrument_command == "install":
        if args.shipped:
            for outcome in service.install_shipped(shipped_instruments()):
                _say(outcome)
        else:
            with open(args.file, "rb") as handle:
                _say(service.install_signed(handle.read(MAX_BYTES + 1)))
    elif args.instrument_command == "list":
        for summary in service.catalogue(current_language()):
            versions = ", ".join(str(v) for v in summary.versions)
            print(f"{summary.instrument_id}\tv{summary.version}\t{summary.title}\t({versions})")
    else:
        _show(service.view(args.instrument, current_language(), args.version, args.region))
    return 0

"""`wingdesk module install FILE|--shipped` and `list`: the training modules installed on this wing (issue 18)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from wingdesk.config.package_data import shipped_modules
from wingdesk.domain.modules.parse import MAX_BYTES
from wingdesk.i18n import _, current_language

if TYPE_CHECKING:
    from wingdesk.services.training_modules import InstallOutcome
    from wingdesk.services.wing import WingServices


def _say(outcome: InstallOutcome) -> None:
    if outcome.outcome == "installed":
        print(_("Installed training module {module} version {version}.").format(module=outcome.module_id,
                                                                                version=outcome.version))
    else:
        print(_("Training module {module} version {version} was already installed; nothing changed.").format(
            module=outcome.module_id, version=outcome.version))


def run_module(session: WingServices, args: argparse.Namespace) -> int:
    service = session.modules
    if args.module_command == "install":
        if args.shipped:
            for outcome in service.install_shipped(shipped_modules()):
                _say(outcome)
        else:
            with open(args.file, "rb") as handle:
                _say(service.install_signed(handle.read(MAX_BYTES + 1)))
    else:
        for module in service.modules():
            language, content = module.in_language(current_language())
            roles = ", ".join(sorted(module.required_for)) or "-"
            print(f"{module.module_id}\tv{module.version}\t{content.title}\t{roles}\t{language}")
    return 0

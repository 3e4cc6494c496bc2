"""HQ signs a training module package for the wings (issue 18, docs/training.md).

The package is validated exactly as a wing will validate it before anything is signed, so HQ never publishes a
module every wing would refuse. Same signed-file shape and key as an instrument (domain/instruments/signed_file),
under its own purpose prefix, so an instrument's signature can never pass as a module's.
"""

from __future__ import annotations

from datetime import datetime

from wingdesk.crypto import signing
from wingdesk.domain.modules.model import Module
from wingdesk.domain.modules.parse import loads, parse_package
from wingdesk.hq.signed_files import signed_file

WRAPPER = "module_file"


def sign_module(package: bytes, sign_private: bytes, now: datetime) -> tuple[Module, bytes]:
    """(the validated module, the signed file's bytes); ModuleError when the package is refused."""
    raw = loads(package)
    module = parse_package(raw)
    return module, signed_file(raw, sign_private, now, signing.MODULE_PREFIX, WRAPPER)

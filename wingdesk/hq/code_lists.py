"""HQ signs a code-list document for the wings (docs/publishing.md): entries added to a built-in list such as the
plan step types. Validated exactly as a wing will validate it before anything is signed; the same signed-file
shape and key as an instrument (domain/instruments/signed_file), under its own purpose prefix, so no other signed
file can pass as a code list.
"""

from __future__ import annotations

from datetime import datetime

from wingdesk.crypto import signing
from wingdesk.domain.code_lists.model import CodeList
from wingdesk.domain.code_lists.parse import WRAPPER, loads, parse_code_list
from wingdesk.hq.signed_files import signed_file


def sign_code_list(document: bytes, sign_private: bytes, now: datetime) -> tuple[CodeList, bytes]:
    """(the validated list, the signed file's bytes); CodeListError when the document is refused."""
    raw = loads(document)
    code_list = parse_code_list(raw)
    return code_list, signed_file(raw, sign_private, now, signing.CODE_LIST_PREFIX, WRAPPER)

"""Reading passphrases: one per line from stdin with --password-stdin, else a hidden prompt."""

from __future__ import annotations

import getpass
import sys

from wingdesk.i18n import _


class PasswordSource:
    def __init__(self, from_stdin: bool) -> None:
        self.from_stdin = from_stdin

    def read(self, prompt: str, confirm: bool = False) -> str:
        if self.from_stdin:
            line = sys.stdin.readline()
            if not line:
                raise EOFError
            return line.rstrip("\r\n")
        first = getpass.getpass(prompt)
        if confirm and getpass.getpass(_("Repeat: ")) != first:
            raise ValueError("mismatch")
        return first

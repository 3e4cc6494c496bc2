"""Text from outside (file names on a stick, names in signed files, HQ's answers) as it is safe to print."""

from __future__ import annotations


def printable(text: object) -> str:
    """Control characters escaped (`\\x1b`, `\\n`, …), never written raw: a terminal would act on them."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))

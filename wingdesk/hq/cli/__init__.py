"""`wingdesk-hq`: HQ keys, enrolment, revocation, bundle import, HTTPS receiver, outbox and status.

The parser is in `parser`, the commands in one module per area (`setup`, `enrolment`, `bundles`, `serving`,
`outbox`, `reports`), shared helpers in `common`, failure sentences in `messages`, and `entry.main` runs one.
"""

from wingdesk.hq.cli.entry import main

__all__ = ["main"]

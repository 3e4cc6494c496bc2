"""Every declared record kind goes the whole way without a line of kind-specific code: written, stored,
indexed, read back under each role's scope, shown, exported as a bundle line and turned into HQ's row."""

from __future__ import annotations

import pytest

from tests.integration.conftest import first_prisoner
from tests.unit.test_kinds import sample_bodies
from wingdesk.domain.kinds import KINDS
from wingdesk.gui import record_text
from wingdesk.hq.record_rows import rows_of
from wingdesk.services.reading import readable_kinds, visible
from wingdesk.services.record_writer import RecordWriter
from wingdesk.sync.record_lines import dump_line
from wingdesk.sync.wing_records import record_line

ROLES = ("off1", "sup", "psy", "sec", "gov")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_kind_round_trip(login, kind):
    spec = KINDS[kind]
    author = login("psy")
    prisoner = first_prisoner(author)
    writer = RecordWriter(author.ctx, author.audit_trail)
    saved = []
    for given in sample_bodies(spec):
        record = writer.new_record(kind, spec.clean(given), prisoner_id=prisoner.id)
        saved.append(writer.save(record))
    author.lock()

    for name in ROLES:
        session = login(name)
        scopes = readable_kinds(session.ctx)
        for record in saved:
            stored = session.ctx.repo.get_record(record.id)
            assert stored is not None and stored.kind == kind and stored.body == record.body
            assert stored.content_sha256() == record.content_sha256()
            shown = visible(session.ctx, stored, scopes)
            if shown is None:
                continue
            assert record_text.title(shown)
            record_text.meta(shown)
            record_text.lines(shown)
        session.lock()

    lines = [dump_line(record_line(r, prisoner.number, "device-1", "0000000000001-0000")) for r in saved]
    rows, failure = rows_of(lines, bmp_text=True)
    assert failure is None
    assert sorted(row[0] for row in rows) == sorted(r.id for r in saved)
    assert {row[2] for row in rows} == {kind}

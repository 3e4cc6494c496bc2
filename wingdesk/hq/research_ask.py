"""What a bundle's reader needs to derive its research facts (hq.research_derive) where it reads the lines."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from wingdesk.hq import research_derive
from wingdesk.hq.repository import RowTuple


class ResearchAsk(NamedTuple):
    """What a bundle reader needs to derive a bundle's facts where it reads the lines (hq.contents, in a worker
    process, out of the server's single writer and its event loop): the research key, the sending device and the
    prison and wing HQ names it by (hq.research_ingest.where_of), read when the upload was verified."""

    key: bytes
    device_id: str
    prison: str
    wing: str | None


def derive_asked(ask: ResearchAsk, rows: Iterable[RowTuple]) -> dict[tuple[str, int], list[tuple[Any, ...]]]:
    return research_derive.derive_by_line(ask.key, ask.device_id, ask.prison, rows, ask.wing)

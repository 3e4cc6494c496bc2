"""The research data set leaving HQ (issue 17 item 4): the facts of `research_facts` as CSV or Parquet, its data
dictionary beside it, the export recorded in HQ's audit (who, when, what for), and counts with small cells
suppressed for anything that shows aggregates (docs/research-data.md)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wingdesk.config.files import fsync_dir
from wingdesk.hq.repository import HqStore
from wingdesk.hq.research_derive import AGE_BANDS, CODE_LISTS, KINDS, NOBODY, OTHER, PRISONER, SCALARS, STAFF
from wingdesk.sync.reference import utc_text

SMALL_CELL = 5  # a count below this is never shown or exported as an aggregate
MAX_PURPOSE = 500
FORMATS = {".csv": "csv", ".parquet": "parquet"}
# exported name -> research_facts column (the record's research name is `row_key` in the table)
EXPORT_COLUMNS = {"record": "row_key", "kind": "kind", "subject": "subject", "subject_type": "subject_type",
                  "prison": "prison", "wing": "wing", "month": "month", "measure": "measure", "part": "part",
                  "value": "value", "number": "number"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run a cell starting so


class ExportRefused(ValueError):
    """An export that cannot be made; `code` names why (hq.cli.research turns it into one sentence)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Exported:
    path: Path
    dictionary: Path
    rows: int
    sha256: str
    file_format: str


@dataclass(frozen=True)
class Cell:
    """One aggregate cell: its group values and its count, None when it is below SMALL_CELL (suppressed)."""

    group: tuple[str, ...]
    count: int | None


def suppress(cells: Sequence[tuple[tuple[str, ...], int]]) -> list[Cell]:
    return [Cell(group, count if count >= SMALL_CELL else None) for group, count in cells]


def counts(store: HqStore, measure: str, group_by: Sequence[str]) -> list[Cell]:
    """Distinct subjects (people; records where a fact is about no one) per group of one measure, small cells
    suppressed: what a dashboard or report may show."""
    if not group_by:
        raise ValueError("group_by is empty")
    with store.transaction(write=False) as repo:
        return suppress(repo.research_counts(measure, group_by))


def check_request(out: Path, purpose: str | None) -> str:
    """The file format of a valid request; ExportRefused otherwise (nothing is read or written)."""
    if purpose is None or not purpose.strip():
        raise ExportRefused("research_purpose_missing")
    if len(purpose) > MAX_PURPOSE:
        raise ExportRefused("research_purpose_too_long")
    file_format = FORMATS.get(out.suffix.lower())
    if file_format is None:
        raise ExportRefused("research_format")
    if file_format == "parquet" and not parquet_available():
        raise ExportRefused("research_no_parquet")
    if out.exists():
        raise ExportRefused("research_out_exists")
    return file_format


def parquet_available() -> bool:
    try:
        import pyarrow.parquet  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: F401
    except ImportError:
        return False
    return True


def export(store: HqStore, out: Path, purpose: str | None, by: str, now: Any) -> Exported:
    """Write the research facts to `out` (.csv or .parquet) and the data dictionary beside it, then audit who
    exported, when, what for, how many rows and the file's SHA-256."""
    file_format = check_request(out, purpose)
    assert purpose is not None
    dictionary = out.with_name(out.name + ".dictionary.md")
    if dictionary.exists():
        raise ExportRefused("research_out_exists")
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(fd)
    try:
        with store.transaction(write=False) as repo:
            counted: list[int] = []
            # PostgreSQL writes the CSV itself and adds the apostrophe wherever a cell needs it (a listing of the
            # names first would not hold: a wing name written since would go out bare, as it reads each statement
            # anew)
            blocks = repo.research_csv(list(EXPORT_COLUMNS.values()),
                                       _FORMULA_START if file_format == "csv" else None, counted)
            if blocks is not None:
                written = _write_blocks(Path(tmp), blocks, counted) if file_format == "csv" else \
                    _parquet_from_csv(Path(tmp), blocks)
            else:
                batches = repo.research_batches(list(EXPORT_COLUMNS.values()))
                if file_format == "parquet":
                    written = _write_parquet(Path(tmp), batches)
                else:  # SQLite's read transaction is one snapshot: the listing holds for the rows read after it
                    quoted = any(name.startswith(_FORMULA_START) for place in repo.research_places()
                                 for name in place)
                    written = _write_csv(Path(tmp), batches, quoted)
        digest = _sha256(Path(tmp))
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dictionary.write_text(dictionary_text(), encoding="utf-8")
    fsync_dir(out.parent)
    detail = {"by": by, "purpose": purpose.strip(), "format": file_format, "rows": written, "sha256": digest,
              "file": out.name}
    store.write(lambda repo: repo.audit(utc_text(now), "research_exported", "", "", json.dumps(detail,
                                                                                                sort_keys=True)))
    return Exported(out, dictionary, written, digest, file_format)


def _safe(value: Any) -> Any:
    """A text cell a spreadsheet would take for a formula gets a leading apostrophe (prison and wing names are
    typed by people; every other column is a code, a month or a keyed name)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _write_csv(path: Path, batches: Iterator[list[tuple[Any, ...]]], quoted: bool) -> int:
    """`quoted`: some prison or wing name starts like a formula, so every row is looked at (else none is)."""
    written = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(EXPORT_COLUMNS)
        for batch in batches:
            writer.writerows([tuple(map(_safe, row)) for row in batch] if quoted else batch)
            written += len(batch)
        handle.flush()
        os.fsync(handle.fileno())
    return written


def _write_blocks(path: Path, blocks: Iterator[bytes], counted: list[int]) -> int:
    """The header as `_write_csv` writes it, then the CSV rows PostgreSQL made (`research_csv`)."""
    with path.open("wb") as handle:
        handle.write((",".join(EXPORT_COLUMNS) + "\n").encode("utf-8"))
        for block in blocks:
            handle.write(block)
        handle.flush()
        os.fsync(handle.fileno())
    return counted[0]


class _Blocks(io.RawIOBase):
    """The CSV blocks PostgreSQL sends, as a file Arrow's CSV reader reads from."""

    def __init__(self, blocks: Iterator[bytes]) -> None:
        self._blocks, self._left = blocks, b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._left:
            self._left = next(self._blocks, b"")
            if not self._left:
                return 0
        size = min(len(buffer), len(self._left))
        buffer[:size], self._left = self._left[:size], self._left[size:]
        return size


def _parquet_from_csv(path: Path, blocks: Iterator[bytes]) -> int:
    """The Parquet file from PostgreSQL's CSV (`research_csv`), parsed by Arrow's CSV reader as it streams in:
    the same columns and types as `_write_parquet`, without a Python object per cell."""
    import pyarrow as pa  # type: ignore[import-untyped,import-not-found,unused-ignore]
    import pyarrow.csv as pcsv  # type: ignore[import-untyped,import-not-found,unused-ignore]
    import pyarrow.parquet as pq  # type: ignore[import-untyped,import-not-found,unused-ignore]

    schema = _parquet_schema(pa)
    reader = pcsv.open_csv(io.BufferedReader(_Blocks(blocks), 1 << 20),
                           read_options=pcsv.ReadOptions(column_names=list(EXPORT_COLUMNS), block_size=1 << 22),
                           parse_options=pcsv.ParseOptions(newlines_in_values=True),  # a wing name may hold one
                           convert_options=pcsv.ConvertOptions(column_types=schema, strings_can_be_null=False,
                                                               quoted_strings_can_be_null=False))
    written = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for batch in reader:
            writer.write_batch(batch)
            written += batch.num_rows
    return written


def _parquet_schema(pa: Any) -> Any:
    return pa.schema([(name, pa.int64() if name == "number" else pa.string()) for name in EXPORT_COLUMNS])


def _write_parquet(path: Path, batches: Iterator[list[tuple[Any, ...]]]) -> int:
    import pyarrow as pa  # type: ignore[import-untyped,import-not-found,unused-ignore]
    import pyarrow.parquet as pq  # type: ignore[import-untyped,import-not-found,unused-ignore]

    names = list(EXPORT_COLUMNS)
    schema = _parquet_schema(pa)
    written = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for batch in batches:
            columns = zip(*batch, strict=True)
            writer.write_table(pa.table({name: list(values) for name, values in zip(names, columns, strict=True)},
                                        schema=schema))
            written += len(batch)
    return written


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


_MEASURES = {
    "record": "every record gives one: `value` is the record's status on the wing (e.g. ACTIVE)",
    "instrument": "assessment: the instrument's id when it is one shipped with WingDesk, else OTHER",
    "rating": "assessment (agreed) or assessment_rating (one assessor's): `part` is the instrument's domain or "
              "item code, `value` its rating code; only codes of a known instrument",
    "countersigned_month": "assessment: month it was countersigned",
    "next_review_month": "assessment: month its next review is due",
    "informed_month": "assessment: month the prisoner was told of it",
    "days_to_countersign": "assessment: `number` = days from the assessment's date to its countersignature "
                           "(timeliness)",
    "assessment": "assessment_rating: `value` is the `record` of the assessment the ratings belong to",
    "needs": "plan: one per need, `part` = need area code, `value` = its status (OPEN, ACHIEVED, CLOSED or empty)",
    "steps": "plan: one per step, `part` = step type code (OTHER for one HQ added), `value` = its status",
    "steps_total": "plan: `number` = steps in the plan",
    "steps_completed": "plan: `number` = steps COMPLETED (plan completion)",
    "reviews": "plan: one per review, `value` = the review's action code",
    "first_review_month": "plan: month of its first review",
    "involved": "incident or use_of_force: one per prisoner named, under that prisoner's own `subject`; "
                "`part` = their role code",
    "admission_month": "admission: month of admission",
    "age_band": "admission: age band at admission, from the date of birth: "
                + ", ".join(band for _, band in AGE_BANDS),
    "special_group": "admission: YOUNG_ADULT (under 21 at admission), FEMALE or FIRST_TIME (domain.md §3 rule 14)",
    "module": "training_completion: the module's id when it is one shipped with WingDesk, else OTHER",
    "completed_month": "training_completion: month the module was completed",
}


def dictionary_text() -> str:
    """The data dictionary written beside every export (and printed by `research export --dictionary`)."""
    lines = [
        "# WingDesk research data: data dictionary", "",
        "One row per fact. Pseudonymised at HQ as records arrive: no name, prison number, record id, free text or "
        "day. `record` and `subject` are keyed HMAC-SHA256 names under a key held only at HQ: stable across "
        "exports of the same HQ, meaningless elsewhere. Counts below 5 must not be published.", "",
        "## Columns", "",
        "- `record`: the record's research name; a record's facts share it (its newest revision only)",
        f"- `kind`: the record kind: {', '.join(KINDS)}",
        f"- `subject`: the person the fact is about (empty when `subject_type` is {NOBODY})",
        f"- `subject_type`: {PRISONER}, {STAFF} (training completions: the member of staff) or {NOBODY}",
        "- `prison`: the name the wing PC was enrolled under at HQ",
        "- `wing`: the wing the record was written on",
        "- `month`: YYYY-MM of the record's date (when it happened)",
        "- `measure`, `part`, `value`: what the fact says (below); codes are the record kinds' own codes "
        "(docs/record-kinds.md)",
        "- `number`: a whole number where the measure has one, else empty", "",
        "## Measures", "",
    ]
    lines += [f"- `{name}`: {text}" for name, text in _MEASURES.items()]
    lines += ["", "## Coded fields copied as measures (`value` = the code; booleans true/false; whole numbers in "
              "`number`)", ""]
    for kind in KINDS:
        fields = (*SCALARS[kind], *CODE_LISTS.get(kind, ()))
        lines.append(f"- {kind}: {', '.join(f'`{name}`' for name in fields)}")
    lines += ["", f"`{OTHER}` stands for an instrument or module HQ does not know (its id is not exported).", ""]
    return "\n".join(lines)


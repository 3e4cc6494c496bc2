"""Qt's date and time values as Python ones, typed (PySide6's stubs declare `toPython()` as returning object)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime


def py_date(value: QDate) -> date:
    result = value.toPython()
    if not isinstance(result, date):
        raise TypeError("QDate.toPython() gave no date")
    return result


def py_datetime(value: QDateTime) -> datetime:
    result = value.toPython()
    if not isinstance(result, datetime):
        raise TypeError("QDateTime.toPython() gave no datetime")
    return result

"""Options the commands read as dates, years and counts: refused with a code (exit 2), never an internal error.

Python's dates end at 9999-12-31 and PostgreSQL's INTEGER at 2,147,483,647: a year 99999999999 or a day of
9999-12-31 (whose next day does not exist) made exit 1 before these bounds.
"""

from __future__ import annotations

from datetime import date

from .errors import UsageError

FIRST_YEAR, LAST_YEAR = 1900, 9998
MAX_LIMIT = 100_000


def day(text: str, field: str) -> date:
    """An ISO day (ASCII digits, YYYY-MM-DD) from FIRST_YEAR to LAST_YEAR; else `not_a_date` on `field`."""
    try:
        value = date.fromisoformat(text) if text.isascii() else None
    except ValueError:
        value = None
    if value is None or not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise UsageError("not_a_date", field, value=text[:40])
    return value


def year(value: int, field: str) -> int:
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise UsageError("year_invalid", field, year=value)
    return value


def limit(value: int, field: str) -> int:
    if not 1 <= value <= MAX_LIMIT:
        raise UsageError("limit_invalid", field, value=value, maximum=MAX_LIMIT)
    return value

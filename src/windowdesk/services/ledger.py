"""Year-to-date of a person: the sum of what their settlements of the year added, voided ones excluded.

Summed here in Decimal, not by SQL: SQLite's SUM of integers fails on overflow ("integer overflow"), and one
stored amount too large (written before amounts were bounded) would then refuse every later settlement of the
person. A person's settlements of a year are a handful of rows.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from ..domain.visit import YTD_MONEY_FIELDS, YearToDate
from ..store.models import Settlement

_FEN = Decimal("0.01")
_ZERO = Decimal("0.00")
_NOT_VOIDED = (Settlement.person_id == bindparam("person_id"), Settlement.year == bindparam("year"),
               Settlement.voided.is_(False))
# Built once: settle_visit runs these for every visit.
_ROWS = select(*[getattr(Settlement, f"ytd_{name}") for name in YTD_MONEY_FIELDS]).where(*_NOT_VOIDED)
# A settlement belongs to its discharge year but may hold months of earlier years (a stay across the new year):
# the months of a year are in the settlements of that year or later.
_MONTHS = select(Settlement.ytd_rehab_months).where(
    Settlement.person_id == bindparam("person_id"), Settlement.year >= bindparam("first"),
    Settlement.voided.is_(False), Settlement.ytd_rehab_months != "")


def year_to_date(session: Session, person_id: int, year: int, *, month_years: range | None = None) -> YearToDate:
    """The figures of settlement `year`; `rehab_months` holds the paid months of every year in `month_years`
    (the years a child-rehabilitation visit touches; default the settlement year), each counted on its own."""
    params = {"person_id": person_id, "year": year}
    sums = [_ZERO] * len(YTD_MONEY_FIELDS)
    for row in session.execute(_ROWS, params):
        sums = [total + (amount or _ZERO) for total, amount in zip(sums, row)]
    years = month_years or range(year, year + 1)
    wanted = {f"{y:04d}" for y in years}
    months: set[str] = set()
    for text in session.execute(_MONTHS, {"person_id": person_id, "first": years.start}).scalars():
        months.update(m for m in text.split(",") if m[:4] in wanted)
    values = {name: amount.quantize(_FEN) for name, amount in zip(YTD_MONEY_FIELDS, sums)}
    return YearToDate(**values, rehab_months=tuple(sorted(months)))


def increments(before: YearToDate, after: YearToDate) -> dict[str, object]:
    """The ytd_* column values of a settlement: what it added to each figure."""
    values: dict[str, object] = {f"ytd_{name}": getattr(after, name) - getattr(before, name)
                                 for name in YTD_MONEY_FIELDS}
    values["ytd_rehab_months"] = ",".join(sorted(set(after.rehab_months) - set(before.rehab_months)))
    return values

"""Year-to-date of a person: the sum of what their settlements of the year added, voided ones excluded."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.visit import YTD_MONEY_FIELDS, YearToDate
from ..store.models import Settlement

_COLUMNS = [getattr(Settlement, f"ytd_{name}") for name in YTD_MONEY_FIELDS]
_FEN = Decimal("0.01")


def year_to_date(session: Session, person_id: int, year: int) -> YearToDate:
    where = (Settlement.person_id == person_id, Settlement.year == year, Settlement.voided.is_(False))
    sums = session.execute(select(*[func.coalesce(func.sum(c), 0) for c in _COLUMNS]).where(*where)).one()
    months: set[str] = set()
    for text in session.execute(select(Settlement.ytd_rehab_months).where(*where,
                                                                          Settlement.ytd_rehab_months != "")).scalars():
        months.update(text.split(","))
    # SUM keeps the columns' Money type, so the sums come back in yuan already (COALESCE's 0 as int).
    values = {name: Decimal(amount).quantize(_FEN) for name, amount in zip(YTD_MONEY_FIELDS, sums)}
    return YearToDate(**values, rehab_months=tuple(sorted(months)))


def increments(before: YearToDate, after: YearToDate) -> dict[str, object]:
    """The ytd_* column values of a settlement: what it added to each figure."""
    values: dict[str, object] = {f"ytd_{name}": getattr(after, name) - getattr(before, name)
                                 for name in YTD_MONEY_FIELDS}
    values["ytd_rehab_months"] = ",".join(sorted(set(after.rehab_months) - set(before.rehab_months)))
    return values

"""The reports' running totals (report_cells, report_person_years, report_crossings), kept in the transaction of
every write that changes what the reports count: a settlement made, voided, or merged from the county's ledger.

A year's reports read these few rows instead of the year's settlements (a million rows of 2.3 KB are seconds to
read even through an index: migration 0006 has the figures). `rebuild` makes them afresh from the settlements,
as the migration does for an existing store; `record` keeps them, and gives exactly what `rebuild` would.
"""

from __future__ import annotations

from sqlalchemy import String, delete, extract, func, insert, literal, null, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ...domain.policy import MonitoringRule
from ...store.models import Person, ReportCell, ReportCrossing, ReportPersonYear, Settlement
from .crossings import VISIT_ORDER, Crossing, crossings, rules_key, visits, walk
from .scope import SETTLEMENT_SUMS

CELL_KEYS = ("year", "month", "category", "hospital", "hospital_level")
CELL_SUMS = (*SETTLEMENT_SUMS, "out_of_catalog")
_UPSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}  # both have ON CONFLICT DO UPDATE


def record(session: Session, row: Settlement, sign: int, rules: tuple[MonitoringRule, ...]) -> None:
    """Count `row` in (sign 1: settled, merged) or out of (sign -1: voided) the totals; its person-year's
    crossings found again from the person's settlements of the year (a visit may come before others in
    discharge order, and a void takes one out)."""
    session.flush()  # the row as it now stands is what the person-year's visits are read from
    cell = {"year": row.year, "month": row.discharged.month, "category": row.category, "hospital": row.hospital,
            "hospital_level": row.hospital_level}
    _add(session, ReportCell, cell, CELL_KEYS, {name: sign * getattr(row, name) for name in CELL_SUMS}, sign)
    town = session.execute(select(Person.town).where(Person.id == row.person_id)).scalar_one()
    person_year = {"year": row.year, "person_id": row.person_id}
    _add(session, ReportPersonYear, person_year, ("year", "person_id"),
         {name: sign * getattr(row, name) for name in SETTLEMENT_SUMS}, sign,
         also={"town": town, "rules_key": rules_key(rules)})
    session.execute(delete(ReportCrossing).where(ReportCrossing.year == row.year,
                                                 ReportCrossing.person_id == row.person_id))
    found = session.execute(visits().where(Settlement.person_id == row.person_id, Settlement.year == row.year,
                                           Settlement.voided.is_(False)).order_by(*VISIT_ORDER)).all()
    _insert_crossings(session, walk(found, rules))


def _add(session: Session, model, keys: dict, key_names: tuple[str, ...], amounts: dict, sign: int,
         also: dict | None = None) -> None:
    """Add a settlement's count and amounts to the row of `keys` (made if new); a row that counts none goes."""
    table = model.__table__
    upsert = _UPSERT[session.get_bind().dialect.name](model).values(**keys, settlements=sign, **amounts,
                                                                   **(also or {}))
    summed = {name: table.c[name] + upsert.excluded[name] for name in ("settlements", *amounts)}
    session.execute(upsert.on_conflict_do_update(index_elements=list(key_names), set_={
        **summed, **{name: upsert.excluded[name] for name in also or {}}}))
    if sign < 0:
        session.execute(delete(model).where(*(table.c[k] == v for k, v in keys.items()), table.c.settlements == 0))


def _insert_crossings(session: Session, found: list[Crossing]) -> None:
    if found:
        session.execute(insert(ReportCrossing), [
            {"year": c.crossed_on.year, "person_id": c.person_id, "seq": c.seq, "settlement_id": c.settlement_id,
             "window_id": c.window_id, "category": c.category, "rule": c.rule, "threshold": c.threshold,
             "self_pay": c.self_pay, "crossed_on": c.crossed_on} for c in found])


def rebuild(session: Session, rules: tuple[MonitoringRule, ...] | None) -> None:
    """The totals made afresh from the settlements. `rules` None (a store without a window policy yet): the
    crossings are left to be found by the monitoring report itself (rules_key None)."""
    for model in (ReportCrossing, ReportPersonYear, ReportCell):
        session.execute(delete(model))
    counted = Settlement.voided.is_(False)
    def sums(names):
        return [func.sum(getattr(Settlement, name)) for name in names]

    month = extract("month", Settlement.discharged)
    session.execute(insert(ReportCell).from_select(
        [*CELL_KEYS, "settlements", *CELL_SUMS],
        select(Settlement.year, month, Settlement.category, Settlement.hospital, Settlement.hospital_level,
               func.count(), *sums(CELL_SUMS)).where(counted).group_by(
            Settlement.year, month, Settlement.category, Settlement.hospital, Settlement.hospital_level)))
    key = rules_key(rules) if rules is not None else None
    session.execute(insert(ReportPersonYear).from_select(
        ["year", "person_id", "town", "rules_key", "settlements", *SETTLEMENT_SUMS],
        select(Settlement.year, Settlement.person_id, func.max(Person.town),
               literal(key, String(64)) if key is not None else null(), func.count(),
               *sums(SETTLEMENT_SUMS)).join(Person, Person.id == Settlement.person_id).where(counted)
        .group_by(Settlement.year, Settlement.person_id)))
    if rules is None:
        return
    for year in session.execute(select(ReportPersonYear.year).distinct()).scalars().all():
        _insert_crossings(session, crossings(session, rules, year))


def follow_towns(session: Session, persons) -> None:
    """The persons of the select `persons` may have moved town (a roster import): their person-years follow."""
    session.execute(update(ReportPersonYear).where(ReportPersonYear.person_id.in_(persons)).values(
        town=select(Person.town).where(Person.id == ReportPersonYear.person_id).scalar_subquery()))


def crossings_current(session: Session, year: int, rules: tuple[MonitoringRule, ...]) -> bool:
    """Whether every person-year of `year` had its crossings found with `rules` (else the report finds them)."""
    key, column, year_is = rules_key(rules), ReportPersonYear.rules_key, ReportPersonYear.year == year
    # Each a seek in ix_report_person_years_rules (`!=` would walk the year's rows).
    lowest, highest, unknown = session.execute(select(
        select(func.min(column)).where(year_is).scalar_subquery(),
        select(func.max(column)).where(year_is).scalar_subquery(),
        select(ReportPersonYear.person_id).where(year_is, column.is_(None)).limit(1).scalar_subquery())).one()
    return unknown is None and lowest in (None, key) and highest in (None, key)

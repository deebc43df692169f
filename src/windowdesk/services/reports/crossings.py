"""Where a person's self-pay of a year crossed a `monitoring.rules` threshold (因病致贫返贫监测), found from the
settlements: the visits of the year taken in discharge order, `crossed_on` the discharge date of the visit that
took the running self-pay over the threshold. A crossing belongs to the year of the discharges summed (the
settlement year), whatever day they were settled.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import BigInteger, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from ...domain.money import from_fen, to_fen
from ...domain.policy import MonitoringRule
from ...store.models import Reversal, Settlement
from ...store.types import canonical_json


@dataclass(frozen=True)
class Crossing:
    person_id: int
    settlement_id: str  # the settlement of the crossing visit
    window_id: str
    category: str  # the category that visit was settled under
    rule: str  # the rule's label
    threshold: Decimal
    self_pay: Decimal  # the year's self-pay up to and including the crossing visit
    crossed_on: date
    seq: int = 0  # the rule's place in the policy's list


# The order a person's visits are summed in: by discharge (then as settled).
VISIT_ORDER = (Settlement.discharged, Settlement.business_day, Settlement.id)


def visits():
    """A select of visits as `walk` reads them (person, settlement, window, category, discharged, self-pay in
    whole fen: int additions, where Decimals cost seconds at 10^6 rows)."""
    return select(Settlement.person_id, Settlement.id, Settlement.window_id, Settlement.category,
                  Settlement.discharged, type_coerce(Settlement.patient_pays, BigInteger))


def walk(rows: Iterable, rules: tuple[MonitoringRule, ...]) -> list[Crossing]:
    """The crossings in `rows` (as `visits` selects them, by person, each person's in VISIT_ORDER)."""
    named = frozenset().union(*(r.categories for r in rules if r.categories is not None))
    thresholds = [(index, rule, to_fen(rule.threshold)) for index, rule in enumerate(rules)]
    found: list[Crossing] = []
    person_id, running, entered = None, 0, set()
    for pid, sid, window_id, category, discharged, pays in rows:
        if pid != person_id:
            person_id, running, entered = pid, 0, set()
        running += pays
        for index, rule, threshold in thresholds:
            if running >= threshold and index not in entered and (
                    category in rule.categories if rule.categories is not None else category not in named):
                entered.add(index)
                found.append(Crossing(pid, sid, window_id, category, rule.label, rule.threshold,
                                      from_fen(running), discharged, index))
    return found


def rules_key(rules: Iterable[MonitoringRule]) -> str:
    """What decides a person-year's crossings besides its settlements: the rules, in the policy's order."""
    text = canonical_json([[r.label, sorted(r.categories) if r.categories is not None else None, str(r.threshold)]
                           for r in rules])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def crossings(session: Session, rules: tuple[MonitoringRule, ...], year: int, *,
              as_of: date | None = None) -> list[Crossing]:
    """Every rule's crossings of `year`, from the settlements: those valid now, or as they stood at the end of
    `as_of` (recorded by then, not voided by then). Sorted by crossing date, then person."""
    if not rules:
        return []
    if as_of is None:
        valid = (Settlement.year == year, Settlement.voided == False)  # noqa: E712 (SQL, and the index's form)
    else:
        valid = (Settlement.year == year, Settlement.business_day <= as_of,
                 or_(Reversal.id.is_(None), Reversal.business_day > as_of))

    def over(query):
        return query.outerjoin(Reversal, Reversal.settlement_id == Settlement.id) if as_of else query

    # Only persons whose whole year reaches the lowest threshold can have crossed one: a grouped pass over the
    # index first, so the visits of the few are read in order, not the year's million.
    lowest = min(rule.threshold for rule in rules)
    candidates = over(select(Settlement.person_id)).where(*valid).group_by(Settlement.person_id).having(
        func.sum(Settlement.patient_pays) >= lowest)
    query = over(visits()).where(*valid, Settlement.person_id.in_(candidates.scalar_subquery())).order_by(
        Settlement.person_id, *VISIT_ORDER)
    # Core rows (the session's connection): the ORM's row processing cost seconds at 10^6 rows, measured.
    found = walk(session.connection().execute(query), rules)
    found.sort(key=lambda c: (c.crossed_on, c.person_id, c.rule))
    return found

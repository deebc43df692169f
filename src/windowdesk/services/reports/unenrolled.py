"""应保尽保: roster persons of a subsidised category in the year who hold no enrollment of it, by town and village.

A person counts when a membership of a category the policy subsidises was valid on 1 January or began during
the year (identified on or before 31 December, not exited by 1 January); each person is listed once, under
the most favourable of those categories (the policy's priority).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from sqlalchemy import and_, exists, or_, select

from ...domain.categories import most_favourable
from ...store.models import Enrollment, Household, Membership, Person
from ...store.unit_of_work import Store
from ..auth import Actor
from .scope import Scope, scope_of


@dataclass(frozen=True)
class UnenrolledRow:
    town: str
    village: str
    id_number: str
    name: str
    household: str
    category: str
    identified_on: date  # of the membership that decided the category


@dataclass(frozen=True)
class PlaceCount:
    town: str
    village: str
    persons: int


@dataclass(frozen=True)
class UnenrolledReport:
    NAME: ClassVar[str] = "unenrolled"
    scope: Scope
    rows: tuple[UnenrolledRow, ...]
    places: tuple[PlaceCount, ...]  # persons per town and village, in the rows' order


def unenrolled(store: Store, actor: Actor, *, year: int, now: datetime | None = None) -> UnenrolledReport:
    actor.require("supervisor")
    with store.reading() as session:
        scope = scope_of(session, year=year, now=now)
        policy = scope.policy
        subsidised = sorted({c for rule in (policy.enrollment.subsidies if policy.enrollment else ())
                             for c in rule.categories})
        first, last = date(year, 1, 1), date(year, 12, 31)
        enrolled = exists().where(and_(Enrollment.person_id == Person.id, Enrollment.year == year))
        found = session.execute(
            select(Person.id, Person.town, Person.village, Person.id_number, Person.name, Household.number,
                   Membership.category, Membership.identified_on)
            .join(Membership, Membership.person_id == Person.id)
            .outerjoin(Household, Household.id == Person.household_id)
            .where(Membership.category.in_(subsidised), Membership.identified_on <= last,
                   or_(Membership.exited_on.is_(None), Membership.exited_on > first), ~enrolled)).all() \
            if subsidised else []
    held: dict[int, list] = {}
    for row in found:
        held.setdefault(row.id, []).append(row)
    rows = []
    for memberships in held.values():
        category = most_favourable((m.category for m in memberships), policy.category_priority)
        m = next(m for m in memberships if m.category == category)
        rows.append(UnenrolledRow(town=m.town, village=m.village, id_number=m.id_number, name=m.name,
                                  household=m.number or "", category=category, identified_on=m.identified_on))
    rows.sort(key=lambda r: (r.town, r.village, r.household, r.id_number))
    places: dict[tuple[str, str], int] = {}
    for r in rows:
        places[(r.town, r.village)] = places.get((r.town, r.village), 0) + 1
    return UnenrolledReport(scope=scope, rows=tuple(rows),
                            places=tuple(PlaceCount(t, v, n) for (t, v), n in places.items()))

"""Finding persons and deciding their category on a date (most favourable valid membership)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import idnumber
from ..domain.categories import most_favourable
from ..store.models import Membership, Person
from .errors import InvalidInput, NotFound


@dataclass(frozen=True)
class MembershipView:
    category: str
    identified_on: date
    exited_on: date | None

    def valid_on(self, day: date) -> bool:
        # The exit date is the first day without the category.
        return self.identified_on <= day and (self.exited_on is None or day < self.exited_on)


def normalized_id(raw: str) -> str:
    try:
        return idnumber.normalize(raw)
    except idnumber.IdNumberError as exc:
        raise InvalidInput(f"ID number {idnumber.mask(str(raw))}: {exc}", exc.message_zh) from None


def get_person(session: Session, raw_id_number: str) -> Person:
    number = normalized_id(raw_id_number)
    person = session.execute(select(Person).where(Person.id_number == number)).scalar_one_or_none()
    if person is None:
        raise NotFound(f"no person with ID number {idnumber.mask(number)} in the roster",
                       f"花名册中没有身份证号为 {idnumber.mask(number)} 的人员")
    return person


def search_by_name(session: Session, prefix: str, *, limit: int = 50) -> list[Person]:
    """Names starting with `prefix`, as an index range (LIKE would not use the index on SQLite)."""
    prefix = prefix.strip()
    if not prefix:
        return []
    query = (select(Person).where(Person.name >= prefix, Person.name < prefix + "\U0010ffff")
             .order_by(Person.name, Person.id).limit(limit))
    return list(session.execute(query).scalars())


def memberships_of(session: Session, person_id: int) -> list[MembershipView]:
    rows = session.execute(select(Membership.category, Membership.identified_on, Membership.exited_on)
                           .where(Membership.person_id == person_id)
                           .order_by(Membership.identified_on, Membership.category))
    return [MembershipView(*row) for row in rows]


def category_on(memberships: list[MembershipView], day: date, priority: tuple[str, ...]) -> str:
    return most_favourable((m.category for m in memberships if m.valid_on(day)), priority)

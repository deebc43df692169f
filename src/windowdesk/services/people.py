"""Finding persons, deciding their category on a date (most favourable valid membership), showing them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from ..domain import idnumber, text_rules
from ..domain.enrollment_rules import MembershipView, category_on
from ..domain.money import fmt
from ..store.models import Enrollment, Membership, Person
from ..store.unit_of_work import Store
from .errors import InvalidInput, NotFound
from .window import window_context


def normalized_id(raw: str) -> str:
    """The canonical number, checked whole (length, birth date, check character) before any lookup: a typo
    is refused as `id_check_char`, not reported as "not in the roster"."""
    try:
        return idnumber.parse(raw).number
    except idnumber.IdNumberError as exc:
        raise InvalidInput.of(exc.problems) from None


def get_person(session: Session, raw_id_number: str) -> Person:
    number = normalized_id(raw_id_number)
    person = session.execute(select(Person).where(Person.id_number == number)
                             .options(joinedload(Person.household))).scalar_one_or_none()
    if person is None:
        raise NotFound("unknown_person", "id_number", id_number=idnumber.mask(number))
    return person


def search_by_name(session: Session, prefix: str, *, limit: int = 50) -> list[Person]:
    """Names starting with `prefix`, as an index range (LIKE would not use the index on SQLite)."""
    prefix = prefix.strip()
    if not prefix:
        return []
    text_rules.checked_text(prefix, "name", text_rules.SEARCH)  # a NUL made PostgreSQL fail (exit 1)
    query = (select(Person).where(Person.name >= prefix, Person.name < prefix + "\U0010ffff")
             .options(joinedload(Person.household))
             .order_by(Person.name, Person.id).limit(limit))
    return list(session.execute(query).scalars())


def memberships_of(session: Session, person_id: int) -> list[MembershipView]:
    rows = session.execute(select(Membership.category, Membership.identified_on, Membership.exited_on)
                           .where(Membership.person_id == person_id)
                           .order_by(Membership.identified_on, Membership.category))
    return [MembershipView(*row) for row in rows]


@dataclass(frozen=True)
class EnrollmentView:
    """One stored enrollment (参保登记) with its subsidy split: what `enroll` returns and `person` lists."""

    id_number: str
    year: int
    category: str
    contribution: Decimal
    subsidy: tuple[tuple[str, Decimal], ...]  # (fund, amount) in the policy's order
    person_pays: Decimal
    insured_from: date
    insured_to: date
    receipt_no: str

    @classmethod
    def from_row(cls, row: Enrollment, id_number: str) -> EnrollmentView:
        return cls(id_number=id_number, year=row.year, category=row.category, contribution=row.contribution,
                   subsidy=tuple((s.fund, s.amount) for s in row.subsidies), person_pays=row.person_pays,
                   insured_from=row.insured_from, insured_to=row.insured_to, receipt_no=row.receipt_no)

    def to_json(self) -> dict:
        return {"id_number": self.id_number, "year": self.year, "category": self.category,
                "contribution": fmt(self.contribution),
                "subsidy": [{"fund": fund, "amount": fmt(amount)} for fund, amount in self.subsidy],
                "person_pays": fmt(self.person_pays), "insured_from": self.insured_from.isoformat(),
                "insured_to": self.insured_to.isoformat(), "receipt_no": self.receipt_no}


@dataclass(frozen=True)
class PersonView:
    """A person as stored, with the category that decides a visit on `today` (for `person` and the UI)."""

    id_number: str
    name: str
    household: str
    relation: str
    birth_date: date
    sex: str
    town: str
    village: str
    memberships: tuple[MembershipView, ...]
    category_on: str
    enrollments: tuple[EnrollmentView, ...]

    def to_json(self) -> dict:
        return {"id_number": self.id_number, "name": self.name, "household": self.household,
                "relation": self.relation, "birth_date": self.birth_date.isoformat(), "sex": self.sex,
                "town": self.town, "village": self.village,
                "memberships": [{"category": m.category, "identified_on": m.identified_on.isoformat(),
                                 "exited_on": m.exited_on.isoformat() if m.exited_on else None}
                                for m in self.memberships],
                "category_on": self.category_on,
                # The person's number is on the person already; each enrollment need not repeat it.
                "enrollments": [{k: v for k, v in e.to_json().items() if k != "id_number"}
                                for e in self.enrollments]}


def person_view(session: Session, raw_id_number: str, today: date) -> PersonView:
    person = get_person(session, raw_id_number)
    memberships = memberships_of(session, person.id)
    priority = window_context(session).policy.category_priority
    enrollments = session.execute(select(Enrollment).where(Enrollment.person_id == person.id)
                                  .order_by(Enrollment.year)).scalars()
    return PersonView(id_number=person.id_number, name=person.name,
                      household=person.household.number if person.household else "", relation=person.relation,
                      birth_date=person.birth_date, sex=person.sex, town=person.town, village=person.village,
                      memberships=tuple(memberships), category_on=category_on(memberships, today, priority),
                      enrollments=tuple(EnrollmentView.from_row(e, person.id_number) for e in enrollments))


@dataclass(frozen=True)
class NameHit:
    """A person whose name begins with what was typed: for a pick list (the page masks the number)."""

    name: str
    id_number: str
    household: str


def look_up_person(store: Store, raw_id_number: str, today: date) -> PersonView:
    """person_view in a read of its own: the window's way in (it holds no session)."""
    with store.reading() as session:
        return person_view(session, raw_id_number, today)


def people_named(store: Store, prefix: str) -> list[NameHit]:
    with store.reading() as session:
        return [NameHit(p.name, p.id_number, p.household.number if p.household else "")
                for p in search_by_name(session, prefix)]

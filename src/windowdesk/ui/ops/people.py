"""Finding a person of the roster (services.people)."""

from __future__ import annotations

from datetime import date

from ...services import people
from ..operations import Desk, QueryOp, query


def person(desk: Desk, *, id_number: str, day: date) -> QueryOp[people.PersonView]:
    return query(desk, lambda d: people.look_up_person(d.store, id_number, day))


def named(desk: Desk, *, prefix: str) -> QueryOp[list[people.NameHit]]:
    return query(desk, lambda d: people.people_named(d.store, prefix))

"""Integration fixtures: a real temporary SQLite built by `windowdesk init` (Alembic), users of each role,
and a helper that puts persons on the roster the way a roster import would."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import pytest

from windowdesk.domain.idnumber import make_valid
from windowdesk.services import auth
from windowdesk.services.setup import initialise, open_store
from windowdesk.store.models import Enrollment, Household, Membership, Person

PASSWORD = "window-pass-1"


@dataclass
class Window:
    """A freshly initialised window: its database path, store and one actor per role."""

    path: str
    store: object
    admin: auth.Actor
    supervisor: auth.Actor
    clerk: auth.Actor


def make_window(tmp_path, policy: str = "longgang-2022", window_id: str = "LG-01") -> Window:
    path = str(tmp_path / "window.sqlite")
    initialise(path, policy=policy, window_id=window_id, name="测试窗口", admin="admin", password=PASSWORD)
    store = open_store(path)
    admin = auth.authenticate(store, "admin", PASSWORD)
    auth.add_user(store, admin, name="sup", role="supervisor", password=PASSWORD)
    auth.add_user(store, admin, name="clerk", role="clerk", password=PASSWORD)
    return Window(path=path, store=store, admin=admin, supervisor=auth.Actor("sup", "supervisor"),
                  clerk=auth.Actor("clerk", "clerk"))


@pytest.fixture
def window(tmp_path) -> Window:
    w = make_window(tmp_path)
    yield w
    w.store.engine.dispose()


_sequence = iter(range(100, 1000))


def add_person(store, *, name: str = "张三", birth: date = date(1961, 5, 2),
               memberships: tuple[tuple[str, date, date | None], ...] = (("dibao", date(2020, 1, 1), None),),
               insured: tuple[date, date] | None = (date(2024, 1, 1), date(2024, 12, 31)),
               household: str | None = "H001") -> str:
    """Insert a person with memberships (and an enrollment covering `insured`) directly; returns the ID number."""
    number = make_valid("330383", birth, f"{next(_sequence):03d}")
    now = datetime(2024, 1, 1, 8, 0)
    with store.transaction() as tx:
        s = tx.session
        home = None
        if household:
            home = s.query(Household).filter_by(number=household).one_or_none() or Household(number=household)
            s.add(home)
            s.flush()
        person = Person(id_number=number, name=name, household_id=home.id if home else None, relation="户主",
                        birth_date=birth, sex="M", created_at=now, updated_at=now)
        s.add(person)
        s.flush()
        for category, start, end in memberships:
            s.add(Membership(person_id=person.id, category=category, identified_on=start, exited_on=end,
                             updated_at=now))
        if insured:
            s.add(Enrollment(person_id=person.id, year=insured[0].year, category=memberships[0][0] if memberships
                             else "ordinary", contribution=Decimal("600.00"), person_pays=Decimal("0.00"),
                             insured_from=insured[0], insured_to=insured[1], enrolled_on=insured[0],
                             policy_id="longgang-2022", receipt_no=f"TEST-{number}", window_id="LG-01",
                             created_by="fixture", created_at=now))
    return number

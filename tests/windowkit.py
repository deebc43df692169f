"""Test support shared by the integration and end-to-end tests: windows (databases) and roster persons.

A window's database is built once per test process by `windowdesk init` (Alembic migrations, users of
every role) and then copied for each test through SQLite's backup API: every test still gets a real,
migrated database of its own, without paying for the migrations and three scrypt hashes each time.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from windowdesk.domain.idnumber import make_valid
from windowdesk.services import auth
from windowdesk.services.setup import initialise, open_store
from windowdesk.store.keyfile import key_file_for
from windowdesk.store.migrations import copy_sqlite
from windowdesk.store.models import DiseaseRegistration, Enrollment, Household, Membership, Person
from windowdesk.store.unit_of_work import Store

PASSWORD = "window-pass-1"


@dataclass
class Window:
    """A freshly initialised window: its database path, store and one actor per role."""

    path: str
    store: Store
    admin: auth.Actor
    supervisor: auth.Actor
    clerk: auth.Actor


_templates: dict[tuple[str, str], Path] = {}


def _template(policy: str, window_id: str) -> Path:
    key = (policy, window_id)
    if key not in _templates:
        path = Path(tempfile.mkdtemp(prefix="windowdesk-template-")) / "window.sqlite"
        initialise(str(path), policy=policy, window_id=window_id, name="测试窗口", admin="admin", password=PASSWORD)
        store = open_store(str(path))
        admin = auth.authenticate(store, "admin", PASSWORD)
        auth.add_user(store, admin, name="sup", role="supervisor", password=PASSWORD)
        auth.add_user(store, admin, name="clerk", role="clerk", password=PASSWORD)
        store.engine.dispose()
        _templates[key] = path
    return _templates[key]


def make_window(tmp_path, policy: str = "longgang-2022", window_id: str = "LG-01") -> Window:
    path = Path(tmp_path) / f"{window_id}.sqlite"
    template = _template(policy, window_id)
    copy_sqlite(template, path)
    copy_key_file(template, path)
    return Window(path=str(path), store=open_store(str(path)), admin=auth.Actor("admin", "admin"),
                  supervisor=auth.Actor("sup", "supervisor"), clerk=auth.Actor("clerk", "clerk"))


def copy_key_file(source: Path, target: Path) -> None:
    """The key file goes with a copied database (its audit key sealed the chain); never inside it."""
    key = key_file_for(f"sqlite:///{source}")
    if key is not None and key.exists():
        shutil.copyfile(key, key_file_for(f"sqlite:///{target}"))


_sequence = itertools.count(100)


def add_person(store, *, name: str = "张三", birth: date = date(1961, 5, 2),
               memberships: tuple[tuple[str, date, date | None], ...] = (("dibao", date(2020, 1, 1), None),),
               insured: tuple[date, date] | None = (date(2024, 1, 1), date(2024, 12, 31)),
               household: str | None = "H001", diseases: tuple[str, ...] = (), id_number: str | None = None,
               window_id: str = "LG-01") -> str:
    """Put a person on the roster directly (memberships, an enrollment at `window_id` covering `insured`,
    special-disease registrations from 2020-01-01 for `diseases`); returns the ID number, a new one unless
    `id_number` is given (the same person on a second window's roster)."""
    number = id_number or make_valid("330383", birth, f"{next(_sequence) % 1000:03d}")
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
                             policy_id="longgang-2022", receipt_no=f"TEST-{number}", window_id=window_id,
                             created_by="fixture", created_at=now))
        for code in diseases:
            s.add(DiseaseRegistration(person_id=person.id, code=code, approved_on=date(2020, 1, 1),
                                      created_by="fixture", created_at=now))
    return number


def tamper(path, statement: str, params=()) -> None:
    """One statement on a SQLite file as someone holding the file would run it: plain sqlite3, past every
    service (and the audit chain)."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(path)) as conn:
        conn.execute(statement, params)
        conn.commit()


def migrate(engine, revision: str, *, down: bool = False) -> None:
    """Alembic to `revision` (up, or down) on `engine`: databases as an older windowdesk left them."""
    from alembic import command

    from windowdesk.store.migrations import alembic_config

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def database_at(path, revision: str, settings: dict[str, str] | None = None) -> None:
    """A SQLite file at an older `revision` holding these settings rows (what that version's init left)."""
    from windowdesk.store.database import open_engine

    engine = open_engine(str(path))
    try:
        migrate(engine, revision)
        with engine.begin() as connection:
            for key, value in (settings or {}).items():
                connection.exec_driver_sql("INSERT INTO settings (key, value) VALUES (?, ?)", (key, value))
    finally:
        engine.dispose()


def audit_findings(store) -> list[tuple[int | None, str]]:
    """`db check`'s audit findings of a window that fails it, as (entry, code)."""
    from windowdesk.services.maintenance import check_database

    report = check_database(store)
    assert report["ok"] is False
    return [(p.params.get("seq"), p.code) for p in report["audit"]["problems"]]

"""A demo window: a database initialised with the demo policy, roster, enrollments and two settlements."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from ..domain.visit import Visit
from ..resources import resources_dir
from ..store.models import Person
from . import auth
from .enrollment import enroll
from .keys import set_county_key
from .roster_sync import import_roster
from .settlement import settle_visit
from .setup import initialise, open_store

DEMO_PASSWORD = "demo1234"
DEMO_USERS = (("admin", "admin"), ("clerk", "clerk"), ("sup", "supervisor"))
_DEMO_YEAR = 2026  # the demo policy is in force 2026-2027


def build_demo(db: str | Path) -> dict:
    """Build the demo database at `db` (which must not exist yet) through the same services as a window."""
    db = Path(db)
    if db.exists():
        raise FileExistsError(f"{db} exists already")
    demo = resources_dir() / "demo"
    initialise(str(db), policy=str(demo / "demo-longgang-2026.toml"), window_id="DEMO-01",
               name="龙港市一站式结算窗口（演示）", admin="admin", password=DEMO_PASSWORD)
    store = open_store(str(db))
    try:
        admin = auth.authenticate(store, "admin", DEMO_PASSWORD)
        for name, role in DEMO_USERS[1:]:
            auth.add_user(store, admin, name=name, role=role, password=DEMO_PASSWORD)
        clerk = auth.Actor("clerk", "clerk")
        set_county_key(store, admin, key_hex="d3" * 32)  # a demo key: real keys come from the county
        report = import_roster(store, admin, path=demo / "roster-demo.csv")
        with store.reading() as session:
            numbers = list(session.execute(select(Person.id_number).order_by(Person.id_number)).scalars())
        for number in numbers:
            enroll(store, clerk, id_number=number, year=_DEMO_YEAR, on=date(_DEMO_YEAR - 1, 12, 20))
        first = numbers[0]
        for admitted, discharged, total in ((date(_DEMO_YEAR, 3, 2), date(_DEMO_YEAR, 3, 15), "52000.00"),
                                            (date(_DEMO_YEAR, 6, 8), date(_DEMO_YEAR, 6, 20), "38000.00")):
            settle_visit(store, clerk, id_number=first, visit=Visit(
                kind="inpatient", hospital_level="county", hospital="龙港市人民医院", admitted=admitted,
                discharged=discharged, diagnosis="I63.9", in_region=True, referred=True, total=Decimal(total),
                out_of_catalog=Decimal("2600.00"), partial_self_pay=Decimal("1900.00")))
    finally:
        store.engine.dispose()
    return {"db": str(db), "persons": len(numbers), "memberships": report.added,
            "users": [name for name, _ in DEMO_USERS], "password": DEMO_PASSWORD}

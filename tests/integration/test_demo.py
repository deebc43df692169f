"""The demo window the README's first command opens: built through the services, consistent and usable."""

from __future__ import annotations

from sqlalchemy import func, select

from windowdesk.services import auth
from windowdesk.services.demo import DEMO_PASSWORD, build_demo
from windowdesk.services.maintenance import check_database
from windowdesk.services.setup import open_store
from windowdesk.store.models import Enrollment, Person, Settlement


def test_demo_database_is_built_through_the_services(tmp_path):
    db = tmp_path / "demo.sqlite"
    result = build_demo(db)
    assert result["persons"] == 10  # 11 roster rows: 黄丽娟 holds 低保 then 渐退期
    store = open_store(str(db))
    try:
        with store.reading() as session:
            assert session.execute(select(func.count(Person.id))).scalar() == 10
            assert session.execute(select(func.count(Enrollment.id))).scalar() == 10
            settled = session.execute(select(Settlement)).scalars().all()
        assert len(settled) == 2 and all(s.receipt_no.startswith("DEMO-01-") for s in settled)
        assert check_database(store)["ok"]
        for name in ("admin", "clerk", "sup"):
            assert auth.authenticate(store, name, DEMO_PASSWORD).name == name
    finally:
        store.engine.dispose()

"""The reports' running totals (services/reports/totals): kept by every settlement, void, ledger merge and roster
move exactly as a rebuild from the settlements makes them, made by migration 0006 for an existing store, and
the monitoring list the same whether read from them or found from the settlements."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from reportkit import add_settlement, data, place  # noqa: F401 (data: the fixture)
from sqlalchemy import select, update
from windowkit import add_person, make_window, migrate

from windowdesk.domain.case_json import parse_visit
from windowdesk.services.export import export_period
from windowdesk.services.keys import set_county_key
from windowdesk.services.ledger_merge import import_ledger
from windowdesk.services.reports import totals
from windowdesk.services.reports.coverage import coverage
from windowdesk.services.reports.crossings import crossings
from windowdesk.services.reports.monitoring import monitoring
from windowdesk.services.reports.scope import plain
from windowdesk.services.settlement import settle_visit, void_settlement
from windowdesk.services.window import window_context
from windowdesk.store.models import ReportCell, ReportCrossing, ReportPersonYear

D = Decimal
NOW = datetime(2025, 2, 3, 9, 30)
KEY = "5a" * 32
STAY = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
        "admitted": "2024-03-01", "discharged": "2024-03-12", "diagnosis": "I63.9", "hospital": "龙港市人民医院",
        "total": "36000.00", "out_of_catalog": "1800.00", "partial_self_pay": "1200.00"}


def kept(store) -> dict:
    """Every row of the three tables, as plain values."""
    with store.reading() as s:
        return {model.__tablename__: sorted(tuple(getattr(row, c.key) for c in model.__table__.columns)
                                            for row in s.execute(select(model)).scalars())
                for model in (ReportCell, ReportPersonYear, ReportCrossing)}


def rebuilt(store) -> dict:
    with store.transaction() as tx:
        totals.rebuild(tx.session, window_context(tx.session).policy.monitoring)
    return kept(store)


def stay(**changes):
    return parse_visit({**STAY, **changes})


def test_the_kept_totals_are_what_a_rebuild_makes_after_settling_voiding_and_merging(tmp_path):
    a = make_window(tmp_path, window_id="LG-01")
    b = make_window(tmp_path, window_id="LG-02")
    for w in (a, b):
        set_county_key(w.store, w.admin, key_hex=KEY)
    number = add_person(a.store, name="李四")
    add_person(b.store, id_number=number, name="李四", household=None, window_id="LG-02")
    other = add_person(a.store, name="王五")
    # Out of discharge order: the May stay first, then the March one that comes before it in the year.
    may = settle_visit(a.store, a.clerk, id_number=number, visit=stay(admitted="2024-05-01", discharged="2024-05-09"),
                       now=datetime(2024, 5, 10, 9))
    settle_visit(a.store, a.clerk, id_number=number, visit=stay(), now=datetime(2024, 5, 11, 9))
    settle_visit(a.store, a.clerk, id_number=other, visit=stay(hospital="县中医院"), now=datetime(2024, 5, 11, 10))
    at_b = settle_visit(b.store, b.clerk, id_number=number, visit=stay(admitted="2024-04-01", discharged="2024-04-03"),
                        now=datetime(2024, 4, 3, 9))
    export_period(b.store, b.supervisor, period="2024-04", out_dir=tmp_path / "april")
    assert import_ledger(a.store, a.supervisor, path=tmp_path / "april")["added"] == 1
    void_settlement(a.store, a.supervisor, settlement_id=may.settlement_id, reason="重复结算",
                    now=datetime(2024, 5, 12, 9))
    now = kept(a.store)
    with a.store.reading() as s:
        mine = s.execute(select(ReportPersonYear).where(ReportPersonYear.town == "")).scalars().all()
    assert sorted(row.settlements for row in mine) == [1, 2]  # 李四: March here and April at LG-02; 王五: one
    assert now == rebuilt(a.store)

    void_settlement(b.store, b.supervisor, settlement_id=at_b.settlement_id, reason="重复结算",
                    now=datetime(2024, 5, 2, 9))
    export_period(b.store, b.supervisor, period="2024-05", out_dir=tmp_path / "may")
    assert import_ledger(a.store, a.supervisor, path=tmp_path / "may")["voided"] == 1
    assert kept(a.store) == rebuilt(a.store)
    for w in (a, b):
        w.store.engine.dispose()


def test_the_reports_dataset_keeps_its_totals_as_a_rebuild_makes_them(data):
    w, _ = data
    before = kept(w.store)
    # The voided s2 and the other year's settlement: the 2024 cells count s1, s3, s4 and E's two stays.
    assert sum(row[5] for row in before["report_cells"] if row[0] == 2024) == 5
    assert before == rebuilt(w.store)


def test_a_crossing_is_found_again_when_an_earlier_discharge_is_settled_later(data):
    w, people = data
    e = people["e"]
    # E (dibao, threshold 20000) crossed on 2024-12-28 with 15000 + 6000. A September stay settled now (pays
    # 5000 more) makes the running self-pay 15000 + 5000 = 20000 at 2024-09-30: the crossing moves there.
    add_settlement(w.store, e, discharged=date(2024, 9, 30), total="5000", hospital="市人民医院", level="city",
                   settled_on=date(2025, 1, 20))
    got = monitoring(w.store, w.supervisor, year=2024, now=NOW)
    assert [(r.id_number, str(r.self_pay), r.crossed_on) for r in got.rows] == [(e, "20000.00", date(2024, 9, 30))]
    with w.store.reading() as s:
        assert totals.crossings_current(s, 2024, window_context(s).policy.monitoring)


def test_with_rules_changed_since_the_list_is_found_from_the_settlements_and_is_the_same(data):
    w, people = data
    fast = monitoring(w.store, w.supervisor, year=2024, now=NOW)
    with w.store.transaction() as tx:  # as if the crossings were found under another policy's rules
        tx.session.execute(update(ReportPersonYear).values(rules_key="0" * 64))
        tx.session.execute(update(ReportCrossing).values(self_pay=D("1.00")))
    with w.store.reading() as s:
        rules = window_context(s).policy.monitoring
        assert not totals.crossings_current(s, 2024, rules)
        assert len(crossings(s, rules, 2024)) == 1
    slow = monitoring(w.store, w.supervisor, year=2024, now=NOW)
    assert slow.rows == fast.rows and [str(r.self_pay) for r in slow.rows] == ["21000.00"]


def test_coverage_by_town_follows_a_person_who_moved(data):
    w, people = data
    before = {r.key: r.settlements for r in coverage(w.store, w.supervisor, year=2024, by="town", now=NOW).rows}
    assert before == {"龙港镇": 5}
    place(w.store, people["e"], "灵溪镇", "南山村")  # E's two stays go with her
    after = coverage(w.store, w.supervisor, year=2024, by="town", now=NOW)
    assert [(r.key, r.settlements, str(r.total)) for r in after.rows] == [
        ("灵溪镇", 2, "21000.00"), ("龙港镇", 3, "16000.00")]
    # the month's figures come from the settlements themselves: the same town
    december = coverage(w.store, w.supervisor, year=2024, month=12, by="town", now=NOW)
    assert [(r.key, r.settlements) for r in december.rows] == [("灵溪镇", 1)]


def test_migration_0006_makes_the_totals_of_an_existing_store(data):
    w, _ = data
    before = kept(w.store)
    reports = plain(coverage(w.store, w.supervisor, year=2024, by="hospital", now=NOW))
    migrate(w.store.engine, "0005", down=True)
    migrate(w.store.engine, "head")
    assert kept(w.store) == before
    assert plain(coverage(w.store, w.supervisor, year=2024, by="hospital", now=NOW)) == reports

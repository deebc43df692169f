"""Integration: settlement_tiers rows written by settle-visit, summed by the day-end, rebuilt by migration 0004."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from alembic import command
from sqlalchemy import func, inspect, select, text
from windowkit import add_person, make_window

from windowdesk.domain.case_json import parse_visit, settlement_json
from windowdesk.services.closing import close_day, day_summary
from windowdesk.services.export import export_period
from windowdesk.services.keys import set_county_key
from windowdesk.services.ledger_merge import import_ledger
from windowdesk.services.settlement import settle_visit, void_settlement
from windowdesk.store.migrations import alembic_config, current_revision, head_revision, upgrade
from windowdesk.store.models import (
    DayClosing,
    Enrollment,
    Membership,
    Person,
    Settlement,
    SettlementTier,
)

pytest_plugins = ["pgkit"]  # pg_window for the backfill on PostgreSQL
D = Decimal
NOW = datetime(2024, 3, 12, 10, 0)
BACKSTOP = "慈善医疗救助共富基金"
SUPPLEMENTARY = "益康保"
# The worked case of test_settlement_store (dibao, referred county stay, longgang-2022), step by step:
#   basic 33000 in scope, deductible 600, 0.75 -> 24300.00; critical base 8700 under the tilted deductible
#   10000 -> 0.00 (bands: no single ratio); assistance 8700 * 0.80 -> 6960.00; 益康保 in scope base 1740 + the
#   partial self-pay 1200 = 2940 (covers_partial_self_pay) and out of catalogue 1800, both under the tilted
#   deductible 5000 -> 0.00; the four relief offices, nothing granted; the fund: self-pay 4740 < 40000.
STAY = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
        "admitted": "2024-03-01", "discharged": "2024-03-12", "diagnosis": "I63.9", "hospital": "龙港市人民医院",
        "total": "36000.00", "out_of_catalog": "1800.00", "partial_self_pay": "1200.00"}
STAY_STEPS = [
    # (tier, name, note, base, deductible, ratio, paid, cap_hit)
    ("basic", "", "", D("33000.00"), D("600.00"), D("0.75"), D("24300.00"), False),
    ("critical", "", "tilt", D("8700.00"), D("10000.00"), None, D("0.00"), False),
    ("assistance", "", "", D("8700.00"), D("0.00"), D("0.80"), D("6960.00"), False),
    ("supplementary", SUPPLEMENTARY, "in_scope", D("2940.00"), D("5000.00"), D("0.70"), D("0.00"), False),
    ("supplementary", SUPPLEMENTARY, "out_of_catalog", D("1800.00"), D("5000.00"), D("0.60"), D("0.00"), False),
    *[("relief", office, "", D("0.00"), D("0.00"), None, D("0.00"), False)
      for office in ("民政临时救助", "慈善救助", "红十字会救助", "残联补助")],
    ("backstop", BACKSTOP, "annual_excess", D("4740.00"), D("40000.00"), D("1.00"), D("0.00"), False),
]
# A stay where every tier pays, by hand: in scope 320000 - 80000 - 20000 = 220000;
#   basic (220000 - 600) * 0.75 = 164550.00; critical base 55450, tilt deductible 10000, at 0.80: 36360.00;
#   assistance (55450 - 36360) * 0.80 = 19090 * 0.80 = 15272.00; 益康保 in scope 3818 + partial 20000 = 23818:
#   (23818 - 5000) * 0.70 = 13172.60, out of catalogue (80000 - 5000) * 0.60 = 45000.00: 58172.60;
#   民政临时救助 1000.00; the fund: self-pay 320000 - 164550 - 36360 - 15272 - 58172.60 - 1000 = 44645.40
#   above 40000 -> 4645.40 at 1.00.
BIG = {**STAY, "total": "320000.00", "out_of_catalog": "80000.00", "partial_self_pay": "20000.00",
       "relief": {"temporary": "1000.00"}}
BIG_PAID = {"basic": D("164550.00"), "critical": D("36360.00"), "assistance": D("15272.00"),
            "supplementary": D("58172.60"), "relief": D("1000.00"), "backstop": D("4645.40")}
TIERS = ("basic", "critical", "assistance", "supplementary", "relief", "backstop")


def tiers(store, settlement_id: str) -> list[tuple]:
    with store.reading() as s:
        rows = s.execute(select(SettlementTier).where(SettlementTier.settlement_id == settlement_id)
                         .order_by(SettlementTier.seq)).scalars()
        return [(r.seq, r.tier, r.name, r.note, r.base, r.deductible, r.ratio, r.paid, r.cap_hit) for r in rows]


def raw_tiers(store) -> list[tuple]:
    """Every row as stored (fen, ratio text), in key order: what a migration must reproduce byte for byte."""
    with store.reading() as s:
        return [tuple(r) for r in s.execute(text(
            "SELECT settlement_id, seq, tier, name, note, base, deductible, ratio, paid, cap_hit "
            "FROM settlement_tiers ORDER BY settlement_id, seq"))]


def downgrade_to(store, revision: str) -> None:
    config = alembic_config()
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def test_settle_visit_writes_one_row_per_step_equal_to_the_result(window):
    number = add_person(window.store, name="李四")
    settled = settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(STAY), now=NOW)

    rows = tiers(window.store, settled.settlement_id)
    assert rows == [(seq, *step) for seq, step in enumerate(STAY_STEPS, start=1)]
    assert [row[1:] for row in rows] == [(s.tier, s.name, s.note, s.base, s.deductible, s.ratio, s.paid, s.cap_hit)
                                         for s in settled.result.steps]
    # The ratio text is the snapshot's (and the receipt's): "0.80", not "0.8"; NULL for the banded tier.
    with window.store.reading() as s:
        snapshot = s.get(Settlement, settled.settlement_id).snapshot
    stored = [r[7] for r in raw_tiers(window.store)]
    assert stored == [step["ratio"] for step in snapshot["result"]["steps"]] == \
        ["0.75", None, "0.80", "0.70", "0.60", None, None, None, None, "1.00"]


def test_paid_per_tier_and_per_fund_in_sql_equals_the_settlements_tier_columns(window):
    settled = [settle_visit(window.store, window.clerk, id_number=add_person(window.store, name=name),
                            visit=parse_visit(case), now=NOW) for name, case in (("李四", STAY), ("王五", BIG))]
    assert settled[1].result.paid == BIG_PAID
    with window.store.reading() as s:
        per_tier = dict(s.execute(
            select(SettlementTier.tier, func.sum(SettlementTier.paid)).group_by(SettlementTier.tier)).all())
        columns = {tier: s.execute(select(func.sum(getattr(Settlement, tier)))).scalar_one() for tier in TIERS}
        per_fund = dict(s.execute(
            select(SettlementTier.name, func.sum(SettlementTier.paid)).where(SettlementTier.name != "")
            .group_by(SettlementTier.name)).all())
        for one in settled:
            row = s.get(Settlement, one.settlement_id)
            paid = s.execute(select(SettlementTier.tier, SettlementTier.paid)
                             .where(SettlementTier.settlement_id == row.id)).all()
            lines = {tier: sum((amount for t, amount in paid if t == tier), D(0)) for tier in TIERS}
            assert lines == {tier: getattr(row, tier) for tier in TIERS}
    assert per_tier == columns == {"basic": D("188850.00"), "critical": D("36360.00"), "assistance": D("22232.00"),
                                   "supplementary": D("58172.60"), "relief": D("1000.00"), "backstop": D("4645.40")}
    assert per_fund == {SUPPLEMENTARY: D("58172.60"), BACKSTOP: D("4645.40"), "民政临时救助": D("1000.00"),
                        "慈善救助": D("0.00"), "红十字会救助": D("0.00"), "残联补助": D("0.00")}


def test_ratio_text_is_exact_for_any_precision(window):
    number = add_person(window.store)
    settled = settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(STAY), now=NOW)
    with window.store.transaction() as tx:
        for seq, ratio in ((11, D("0.825")), (12, D("0.123456789")), (13, D("0.8"))):
            tx.session.add(SettlementTier(settlement_id=settled.settlement_id, seq=seq, tier="backstop",
                                          base=D("1.00"), deductible=D("0.00"), ratio=ratio, paid=D("0.00")))
    assert [r[7] for r in raw_tiers(window.store)[10:]] == ["0.825", "0.123456789", "0.80"]
    assert [r[6] for r in tiers(window.store, settled.settlement_id)[10:]] == \
        [D("0.825"), D("0.123456789"), D("0.80")]


def test_day_end_sums_paid_per_tier_and_fund_of_the_clerks_day(window):
    store = window.store
    stay = settle_visit(store, window.clerk, id_number=add_person(store, name="李四"), visit=parse_visit(STAY),
                        now=NOW)
    big = settle_visit(store, window.clerk, id_number=add_person(store, name="王五"), visit=parse_visit(BIG),
                       now=NOW.replace(hour=11))
    # Voided on the day: still the day's gross business, as under `settlements`.
    void_settlement(store, window.supervisor, settlement_id=stay.settlement_id, reason="录入错误",
                    now=NOW.replace(hour=12))
    # Not the clerk's day: the supervisor's settlement, and the clerk's of the next day.
    settle_visit(store, window.supervisor, id_number=add_person(store, name="赵六"), visit=parse_visit(BIG),
                 now=NOW.replace(hour=13))
    settle_visit(store, window.clerk, id_number=add_person(store, name="钱七"), visit=parse_visit(BIG),
                 now=NOW.replace(day=13))

    with store.reading() as s:
        summary = day_summary(s, "clerk", NOW.date())
    assert summary["funds"] == [
        {"tier": "basic", "name": "", "paid": "188850.00"},
        {"tier": "critical", "name": "", "paid": "36360.00"},
        {"tier": "assistance", "name": "", "paid": "22232.00"},
        {"tier": "supplementary", "name": SUPPLEMENTARY, "paid": "58172.60"},
        {"tier": "relief", "name": "慈善救助", "paid": "0.00"},
        {"tier": "relief", "name": "残联补助", "paid": "0.00"},
        {"tier": "relief", "name": "民政临时救助", "paid": "1000.00"},
        {"tier": "relief", "name": "红十字会救助", "paid": "0.00"},
        {"tier": "backstop", "name": BACKSTOP, "paid": "4645.40"},
    ]
    for tier in TIERS:
        lines = sum((D(f["paid"]) for f in summary["funds"] if f["tier"] == tier), D(0))
        assert lines == D(summary["settlements"][tier]) == stay.result.paid[tier] + big.result.paid[tier]
    assert list(summary)[:5] == ["clerk", "day", "window_id", "settlements", "enrollments"]

    closed = close_day(store, window.supervisor, clerk="clerk", day=NOW.date(), now=NOW.replace(hour=18))
    with store.reading() as s:
        stored = s.execute(select(DayClosing.summary).where(DayClosing.clerk == "clerk")).scalar_one()
    assert closed["funds"] == stored["funds"] == summary["funds"]


def test_a_day_without_settlements_has_no_fund_lines(window):
    with window.store.reading() as s:
        assert day_summary(s, "clerk", NOW.date())["funds"] == []


def test_county_merged_settlements_get_no_tier_lines(tmp_path):
    a, b = make_window(tmp_path, window_id="LG-01"), make_window(tmp_path, window_id="LG-02")
    try:
        for w in (a, b):
            set_county_key(w.store, w.admin, key_hex="5a" * 32)
        number = add_person(b.store)
        at_b = settle_visit(b.store, b.clerk, id_number=number, visit=parse_visit(BIG), now=NOW)
        export_period(b.store, b.supervisor, period="2024-03", out_dir=tmp_path / "march")
        same_person(a.store, number)
        report = import_ledger(a.store, a.supervisor, path=tmp_path / "march", now=datetime(2024, 3, 31, 9))
        assert report["added"] == 1
        with a.store.reading() as s:
            merged = s.get(Settlement, at_b.settlement_id)
            assert (merged.origin, merged.backstop) == ("county", D("4645.40"))
        assert tiers(a.store, at_b.settlement_id) == []
        assert len(tiers(b.store, at_b.settlement_id)) == 10
        # The backfill leaves them without lines too: their snapshot has no steps.
        downgrade_to(a.store, "0003")
        upgrade(a.store.engine)
        assert raw_tiers(a.store) == []
    finally:
        a.store.engine.dispose()
        b.store.engine.dispose()


def same_person(store, number: str) -> None:
    """The person `number` as add_person made them on the other window (dibao since 2020, insured for 2024)."""
    at = datetime(2024, 1, 1, 8)
    with store.transaction() as tx:
        person = Person(id_number=number, name="张三", relation="户主", birth_date=date(1961, 5, 2), sex="M",
                        created_at=at, updated_at=at)
        tx.session.add(person)
        tx.session.flush()
        tx.session.add(Membership(person_id=person.id, category="dibao", identified_on=date(2020, 1, 1),
                                  updated_at=at))
        tx.session.add(Enrollment(person_id=person.id, year=2024, category="dibao", contribution=D("600.00"),
                                  person_pays=D("0.00"), insured_from=date(2024, 1, 1),
                                  insured_to=date(2024, 12, 31), enrolled_on=date(2024, 1, 1),
                                  policy_id="longgang-2022", receipt_no=f"A-{number}", window_id="LG-01",
                                  created_by="fixture", created_at=at))


# --- migration 0004: the backfill from the snapshots


def clone_settlements(store, source_id: str, copies: int, *, origin: str = "local") -> list[str]:
    """Insert `copies` rows as settle_visit wrote them before 0004 (no tier rows), at revision 0003:
    the source row's columns with a new id and no receipt number; county copies get a county snapshot."""
    with store.reading() as s:
        row = s.execute(text("SELECT * FROM settlements WHERE id = :id"), {"id": source_id}).mappings().one()
    ids = [str(uuid.uuid4()) for _ in range(copies)]
    snapshot = row["snapshot"] if origin == "local" else '{"origin":"county"}'
    columns = ", ".join(row.keys())
    marks = ", ".join(f":{name}" for name in row.keys())
    with store.engine.begin() as connection:
        connection.execute(text(f"INSERT INTO settlements ({columns}) VALUES ({marks})"),
                           [{**row, "id": i, "receipt_no": None, "origin": origin, "snapshot": snapshot}
                            for i in ids])
    return ids


def backfill_round_trip(w) -> None:
    """Settle at head, go down to 0003 (the table goes), add older rows, come back up: every row is rebuilt."""
    store = w.store
    stay = settle_visit(store, w.clerk, id_number=add_person(store, name="李四"), visit=parse_visit(STAY), now=NOW)
    big = settle_visit(store, w.clerk, id_number=add_person(store, name="王五"), visit=parse_visit(BIG), now=NOW)
    void_settlement(store, w.supervisor, settlement_id=stay.settlement_id, reason="录入错误", now=NOW)
    written = raw_tiers(store)
    assert len(written) == 20

    downgrade_to(store, "0003")
    assert current_revision(store.engine) == "0003"
    assert "settlement_tiers" not in inspect(store.engine).get_table_names()
    # More than one batch of the backfill (2000 settlements a read), as a window's earlier settlements would be.
    older = clone_settlements(store, big.settlement_id, 2100)
    county = clone_settlements(store, big.settlement_id, 3, origin="county")

    upgrade(store.engine)
    assert current_revision(store.engine) == head_revision()
    rebuilt = raw_tiers(store)
    by_settlement: dict[str, list[tuple]] = {}
    for row in rebuilt:
        by_settlement.setdefault(row[0], []).append(row[1:])
    assert [row for row in rebuilt if row[0] in (stay.settlement_id, big.settlement_id)] == written
    big_lines = by_settlement[big.settlement_id]
    assert all(by_settlement[i] == big_lines for i in older)
    assert not any(i in by_settlement for i in county)
    assert len(rebuilt) == 20 + 10 * 2100
    assert tiers(store, stay.settlement_id) == [(seq, *step) for seq, step in enumerate(STAY_STEPS, start=1)]
    assert [line[1:] for line in tiers(store, big.settlement_id)] == \
        [(s["tier"], s.get("name", ""), s.get("note", ""), D(s["base"]), D(s["deductible"]),
          None if s["ratio"] is None else D(s["ratio"]), D(s["paid"]), s["cap_hit"])
         for s in settlement_json(big.result)["steps"]]


def test_migration_backfills_tier_rows_from_the_snapshots(window):
    backfill_round_trip(window)


def test_migration_backfills_tier_rows_on_postgresql(pg_window):
    backfill_round_trip(pg_window)

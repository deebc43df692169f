"""The county's reports on a small fixed dataset; every expected figure is worked out by hand in the comments."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from reportkit import add_settlement, data  # noqa: F401 (data: the fixture)

from windowdesk.domain.problems import Refusal
from windowdesk.services.errors import AuthError
from windowdesk.services.reports.coverage import coverage
from windowdesk.services.reports.ledger import ledger
from windowdesk.services.reports.monitoring import monitoring
from windowdesk.services.reports.out_of_catalog import out_of_catalog
from windowdesk.services.reports.scope import plain
from windowdesk.services.reports.unenrolled import unenrolled

NOW = datetime(2025, 2, 3, 9, 30)
D = Decimal


def test_coverage_by_category_leaves_the_void_out_and_marks_rows_under_the_target(data):
    w, _ = data
    got = coverage(w.store, w.supervisor, year=2024, by="category", now=NOW)
    rows = {r.key: plain(r) for r in got.rows}
    assert [r.key for r in got.rows] == ["destitute", "dibao", "ordinary"]
    assert rows["destitute"] == {
        "key": "destitute", "settlements": 1, "total": "2000.00", "in_scope": "2000.00", "basic": "1800.00",
        "critical": "0.00", "assistance": "200.00", "supplementary": "0.00", "relief": "0.00",
        "backstop": "0.00", "reimbursed": "2000.00", "patient_pays": "0.00", "coverage_rate": "1.0000",
        "in_scope_rate": "0.9000", "below_target": False}
    # dibao: s1 and E's two stays (s2 voided): total 10000 + 15000 + 6000 = 31000, in scope 9700 + 21000 = 30700
    # reimbursed 8500 -> 8500 / 31000 = 0.27419 -> 0.2742; basic 6000 / 30700 = 0.19544 -> 0.1954
    assert rows["dibao"]["settlements"] == 3
    assert (rows["dibao"]["total"], rows["dibao"]["in_scope"], rows["dibao"]["reimbursed"]) == \
           ("31000.00", "30700.00", "8500.00")
    assert (rows["dibao"]["coverage_rate"], rows["dibao"]["in_scope_rate"], rows["dibao"]["below_target"]) == \
           ("0.2742", "0.1954", True)
    # ordinary: 2000 / 4000 = 0.5000; 2000 / 3600 = 0.5556
    assert (rows["ordinary"]["coverage_rate"], rows["ordinary"]["in_scope_rate"]) == ("0.5000", "0.5556")
    # all: total 2000 + 31000 + 4000 = 37000, reimbursed 2000 + 8500 + 2000 = 12500 -> 0.33784 -> 0.3378;
    # in scope 2000 + 30700 + 3600 = 36300, basic 1800 + 6000 + 2000 = 9800 -> 0.26997 -> 0.2700
    assert plain(got.all) | {} == {
        "key": "all", "settlements": 5, "total": "37000.00", "in_scope": "36300.00", "basic": "9800.00",
        "critical": "1000.00", "assistance": "1700.00", "supplementary": "0.00", "relief": "0.00",
        "backstop": "0.00", "reimbursed": "12500.00", "patient_pays": "24500.00", "coverage_rate": "0.3378",
        "in_scope_rate": "0.2700", "below_target": True}
    assert got.target == D("0.90")


def test_coverage_by_month_town_and_hospital(data):
    w, _ = data
    by_month = coverage(w.store, w.supervisor, year=2024, by="month", now=NOW)
    assert [(r.key, r.settlements, str(r.total)) for r in by_month.rows] == [
        ("2024-03", 2, "12000.00"), ("2024-04", 1, "4000.00"), ("2024-06", 1, "15000.00"),
        ("2024-12", 1, "6000.00")]
    by_town = coverage(w.store, w.supervisor, year=2024, by="town", now=NOW)
    assert [(r.key, r.settlements) for r in by_town.rows] == [("龙港镇", 5)]
    march = coverage(w.store, w.supervisor, year=2024, month=3, by="hospital", now=NOW)
    assert [(r.key, str(r.reimbursed), str(r.coverage_rate)) for r in march.rows] == [
        ("县人民医院", "8500.00", "0.8500"), ("龙港镇卫生院", "2000.00", "1.0000")]


def test_other_offices_grants_count_in_coverage_and_the_ledger_as_a_fund_of_their_own(data):
    w, people = data
    # s7: B (destitute) in May at 县人民医院: total 3000, all in scope; basic 1500 and other offices' grants
    # (民政临时救助 and the like, the `relief` column) 1000: reimbursed 2500, B pays 500.
    add_settlement(w.store, people["b"], discharged=date(2024, 5, 8), total="3000", basic="1500", relief="1000",
                   category="destitute")
    got = coverage(w.store, w.supervisor, year=2024, by="category", now=NOW)
    # destitute: s3 and s7: total 2000 + 3000 = 5000, basic 1800 + 1500 = 3300, assistance 200, relief 1000,
    # reimbursed 2000 + 2500 = 4500 -> 4500 / 5000 = 0.9000, exactly the target: not under it;
    # in scope 5000, basic 3300 / 5000 = 0.6600
    assert plain(got.rows[0]) == {
        "key": "destitute", "settlements": 2, "total": "5000.00", "in_scope": "5000.00", "basic": "3300.00",
        "critical": "0.00", "assistance": "200.00", "supplementary": "0.00", "relief": "1000.00",
        "backstop": "0.00", "reimbursed": "4500.00", "patient_pays": "500.00", "coverage_rate": "0.9000",
        "in_scope_rate": "0.6600", "below_target": False}
    # all: total 37000 + 3000 = 40000, reimbursed 12500 + 2500 = 15000 -> 0.3750; relief 1000;
    # in scope 36300 + 3000 = 39300, basic 9800 + 1500 = 11300 -> 0.28753 -> 0.2875
    assert (str(got.all.relief), str(got.all.reimbursed), str(got.all.coverage_rate),
            str(got.all.in_scope_rate)) == ("1000.00", "15000.00", "0.3750", "0.2875")
    may = coverage(w.store, w.supervisor, year=2024, month=5, by="hospital", now=NOW)
    assert [(r.key, str(r.relief), str(r.reimbursed), str(r.coverage_rate)) for r in may.rows] == [
        ("县人民医院", "1000.00", "2500.00", "0.8333")]  # 2500 / 3000 = 0.83333
    by_town = coverage(w.store, w.supervisor, year=2024, by="town", now=NOW)
    assert [(r.key, str(r.relief)) for r in by_town.rows] == [("龙港镇", "1000.00")]
    cells = {(r.month, r.category): r for r in ledger(w.store, w.supervisor, year=2024, now=NOW).rows}
    may_cell = cells[(5, "destitute")]
    assert (may_cell.settlements, may_cell.basic, may_cell.relief, may_cell.reimbursed, may_cell.patient_pays) == \
           (1, D("1500.00"), D("1000.00"), D("2500.00"), D("500.00"))
    assert all(cell.relief == 0 for key, cell in cells.items() if key != (5, "destitute"))


def test_out_of_catalog_marks_the_hospital_over_its_levels_limit(data):
    w, _ = data
    got = out_of_catalog(w.store, w.supervisor, year=2024, now=NOW)
    assert [plain(r) for r in got.rows] == [
        {"hospital": "龙港镇卫生院", "level": "township", "settlements": 1, "total": "2000.00",
         "out_of_catalog": "0.00", "share": "0.0000", "limit": None, "over": False},
        {"hospital": "县中医院", "level": "county", "settlements": 1, "total": "4000.00",
         "out_of_catalog": "400.00", "share": "0.1000", "limit": "0.05", "over": True},
        {"hospital": "县人民医院", "level": "county", "settlements": 1, "total": "10000.00",
         "out_of_catalog": "300.00", "share": "0.0300", "limit": "0.05", "over": False},
        {"hospital": "市人民医院", "level": "city", "settlements": 2, "total": "21000.00",
         "out_of_catalog": "0.00", "share": "0.0000", "limit": None, "over": False}]


def test_monitoring_counts_a_december_discharge_settled_in_january_in_its_year(data):
    w, people = data
    got = monitoring(w.store, w.supervisor, year=2024, now=NOW)
    assert [(r.id_number, r.name, r.household, r.category, r.rule, str(r.threshold), str(r.self_pay),
             r.crossed_on) for r in got.rows] == [
        (people["e"], "戊", "H5", "dibao", "因病返贫监测", "20000.00", "21000.00", date(2024, 12, 28))]
    assert monitoring(w.store, w.supervisor, year=2024, month=12, now=NOW).rows == got.rows
    assert monitoring(w.store, w.supervisor, year=2024, month=6, now=NOW).rows == ()
    assert monitoring(w.store, w.supervisor, year=2025, now=NOW).rows == ()


def test_ledger_by_month_and_category(data):
    w, _ = data
    got = ledger(w.store, w.supervisor, year=2024, now=NOW)
    assert got.funds == ("finance", "assistance")
    cells = {(r.month, r.category): r for r in got.rows}
    assert list(cells) == [(1, "destitute"), (1, "dibao"), (1, "ordinary"), (3, "destitute"), (3, "dibao"),
                           (4, "ordinary"), (6, "dibao"), (12, "dibao")]
    january = cells[(1, "dibao")]  # A and E, 600 each; A's paid by finance
    assert (january.enrollments, january.contribution, january.person_pays, dict(january.subsidy)) == \
           (2, D("1200.00"), D("0.00"), {"finance": D("600.00"), "assistance": D("0.00")})
    assert january.settlements == 0
    march = cells[(3, "dibao")]  # s1 only: s2 was voided
    assert (march.enrollments, march.settlements, march.total, march.basic, march.critical, march.assistance,
            march.reimbursed, march.patient_pays) == (0, 1, D("10000.00"), D("6000.00"), D("1000.00"),
                                                      D("1500.00"), D("8500.00"), D("1500.00"))
    assert (got.all.enrollments, got.all.contribution, got.all.subsidy["finance"], got.all.settlements,
            got.all.reimbursed) == (4, D("2400.00"), D("600.00"), 5, D("12500.00"))
    assert [(r.month, r.category) for r in ledger(w.store, w.supervisor, year=2024, month=12, now=NOW).rows] \
           == [(12, "dibao")]


def test_unenrolled_lists_subsidised_persons_without_an_enrollment_by_town_and_village(data):
    w, people = data
    got = unenrolled(w.store, w.supervisor, year=2024, now=NOW)
    assert [(r.town, r.village, r.id_number, r.name, r.household, r.category, r.identified_on)
            for r in got.rows] == [
        ("灵溪镇", "南山村", people["f"], "己", "H6", "dibao", date(2020, 1, 1)),
        ("龙港镇", "东湖村", people["i"], "壬", "H9", "orphan", date(2024, 5, 1))]
    assert [(p.town, p.village, p.persons) for p in got.places] == [("灵溪镇", "南山村", 1), ("龙港镇", "东湖村", 1)]
    # For 2025 nobody holds an enrollment: every subsidised person still on the roster is listed.
    assert {r.name for r in unenrolled(w.store, w.supervisor, year=2025, now=NOW).rows} == {"甲", "乙", "戊", "己", "壬"}


def test_reports_need_a_supervisor_and_a_real_period(data):
    w, _ = data
    with pytest.raises(AuthError):
        coverage(w.store, w.clerk, year=2024)
    with pytest.raises(Refusal) as refused:
        ledger(w.store, w.supervisor, year=2024, month=13)
    assert (refused.value.code, refused.value.field) == ("report_month", "month")
    with pytest.raises(Refusal) as refused:
        coverage(w.store, w.supervisor, year=2024, by="colour")
    assert refused.value.code == "report_grouping"

"""Day-end closing (日结): the day's sums per fund and cash, voids listed, closing frozen and audited."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from windowkit import PASSWORD, add_person

from windowdesk.cli.main import main
from windowdesk.domain.case_json import parse_visit
from windowdesk.services.closing import close_day, day_report, day_summary
from windowdesk.services.enrollment import enroll
from windowdesk.services.errors import AuthError, NotFound, Refused
from windowdesk.services.settlement import settle_visit, void_settlement
from windowdesk.store.models import (
    AuditEntry,
    DayClosing,
    Enrollment,
    EnrollmentSubsidy,
    Person,
)

DAY = date(2024, 3, 12)
AMOUNTS = ("total", "in_scope", "basic", "critical", "assistance", "supplementary", "backstop", "reimbursed",
           "patient_pays")


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


def visit(level: str, total: str, out_of_catalog: str = "0", partial: str = "0", admitted: str = "2024-03-01",
          discharged: str = "2024-03-10"):
    return parse_visit({"kind": "inpatient", "hospital_level": level, "in_region": True, "referred": True,
                        "admitted": admitted, "discharged": discharged, "total": total,
                        "out_of_catalog": out_of_catalog, "partial_self_pay": partial})


def enroll_directly(store, *, name: str, created_by: str, created_at: datetime, person_pays: str,
                    subsidies: tuple[tuple[str, str], ...] = ()) -> None:
    """An enrollment row as the enroll service records it (that service is not what is tested here)."""
    number = add_person(store, name=name, insured=None, household=None)
    with store.transaction() as tx:
        s = tx.session
        person_id = s.execute(select(Person.id).where(Person.id_number == number)).scalar_one()
        row = Enrollment(person_id=person_id, year=2024, category="ordinary", contribution=Decimal("600.00"),
                         person_pays=Decimal(person_pays), insured_from=date(2024, 4, 1),
                         insured_to=date(2024, 12, 31), enrolled_on=created_at.date(), policy_id="longgang-2022",
                         receipt_no=f"EN-{number}", window_id="LG-01", created_by=created_by,
                         created_at=created_at)
        s.add(row)
        s.flush()
        for seq, (fund, amount) in enumerate(subsidies):
            s.add(EnrollmentSubsidy(enrollment_id=row.id, seq=seq, fund=fund, amount=Decimal(amount)))


def audit_count(store) -> int:
    with store.reading() as session:
        return session.execute(select(func.count(AuditEntry.seq))).scalar_one()


@pytest.fixture
def day(window):
    """The clerk's 12 March: three settlements for two persons, one voided the same day by the supervisor,
    plus a settlement of the day before voided on the 12th, two enrollments, and the supervisor's own work."""
    store, clerk, sup = window.store, window.clerk, window.supervisor
    p1 = add_person(store, name="张三", household="H001")
    p2 = add_person(store, name="李四", household="H002",
                    memberships=(("near_dibao", date(2021, 6, 1), None),))
    earlier = settle_visit(store, clerk, id_number=p2, visit=visit("township", "800.00", admitted="2024-02-01",
                                                                    discharged="2024-02-03"),
                           now=at(9, day=DAY - timedelta(days=1)))
    a = settle_visit(store, clerk, id_number=p1, visit=visit("township", "10000.00"), now=at(10))
    b = settle_visit(store, clerk, id_number=p1, visit=visit("county", "30000.00", "1000.00", "2000.00",
                                                             admitted="2024-03-05", discharged="2024-03-11"),
                     now=at(10, 30))
    c = settle_visit(store, clerk, id_number=p2, visit=visit("city", "5000.00", "300.00", "200.55"), now=at(11))
    by_sup = settle_visit(store, sup, id_number=p2, visit=visit("township", "1200.00"), now=at(12))
    void_settlement(store, sup, settlement_id=c.settlement_id, reason="录入错误 wrong amount", now=at(15))
    void_settlement(store, sup, settlement_id=earlier.settlement_id, reason="重复结算", now=at(15, 10))
    enroll_directly(store, name="王五", created_by="clerk", created_at=at(9, 30), person_pays="0.00",
                    subsidies=(("finance", "600.00"),))
    enroll_directly(store, name="赵六", created_by="clerk", created_at=at(16), person_pays="600.00")
    enroll_directly(store, name="钱七", created_by="clerk", created_at=at(0, day=DAY + timedelta(days=1)),
                    person_pays="600.00")  # midnight starts the 13th
    enroll_directly(store, name="孙八", created_by="sup", created_at=at(16), person_pays="600.00")
    return {"p1": p1, "p2": p2, "earlier": earlier, "a": a, "b": b, "c": c, "by_sup": by_sup}


def summary(store, clerk: str, on: date = DAY) -> dict:
    with store.reading() as session:
        return day_summary(session, clerk, on)


def test_summary_sums_each_fund_and_the_cash_of_the_clerks_day(window, day):
    got = summary(window.store, "clerk")
    # Settlement A by hand (longgang-2022, dibao, township, referred, 10000 all in scope):
    # basic (10000 - 300) * 0.85 = 8245.00; critical base 1755 < tilted deductible 10000 -> 0;
    # assistance 1755 * 0.80 = 1404.00; supplementary base 351 < tilted deductible 5000 -> 0;
    # excess 351 < 40000 -> 0; the patient pays 10000 - 8245 - 1404 = 351.00.
    a = day["a"].result
    assert (a.basic, a.critical, a.assistance, a.supplementary, a.backstop, a.patient_pays) == (
        Decimal("8245.00"), 0, Decimal("1404.00"), 0, 0, Decimal("351.00"))

    visits = {"a": Decimal("10000.00"), "b": Decimal("30000.00"), "c": Decimal("5000.00")}
    expected = {name: sum((getattr(day[k].result, name) for k in visits), Decimal(0)) for name in AMOUNTS
                if name != "total"}
    expected["total"] = sum(visits.values())
    assert got["settlements"] == {"count": 3, **{name: f"{expected[name]:.2f}" for name in AMOUNTS}}
    assert got["settlements"]["total"] == "45000.00"
    assert got["enrollments"] == {"count": 2, "contribution": "1200.00", "person_pays": "600.00",
                                  "subsidy": {"finance": "600.00"}}

    c = day["c"].result
    earlier = day["earlier"].result
    collected = expected["patient_pays"] + Decimal("600.00")
    assert got["cash_collected"] == f"{collected:.2f}"
    # The one rule: both voids of the 12th are of the clerk's settlements, so the clerk's drawer hands both
    # back on the 12th, the one of the day before included.
    assert got["cash_refunded"] == f"{c.patient_pays + earlier.patient_pays:.2f}"
    assert got["net_cash"] == f"{collected - c.patient_pays - earlier.patient_pays:.2f}"
    assert Decimal(got["net_cash"]) == a.patient_pays + day["b"].result.patient_pays + Decimal("600.00") \
        - earlier.patient_pays

    assert got["voids"] == [
        {"settlement_id": day["c"].settlement_id, "receipt_no": day["c"].receipt_no, "settled_by": "clerk",
         "settled_on": "2024-03-12", "same_day": True, "total": "5000.00", "reimbursed": f"{c.reimbursed:.2f}",
         "patient_pays": f"{c.patient_pays:.2f}", "cash_refunded": f"{c.patient_pays:.2f}", "refunded_by": "clerk",
         "reason": "录入错误 wrong amount", "voided_by": "sup", "voided_at": "2024-03-12T15:00:00"},
        {"settlement_id": day["earlier"].settlement_id, "receipt_no": day["earlier"].receipt_no,
         "settled_by": "clerk", "settled_on": "2024-03-11", "same_day": False, "total": "800.00",
         "reimbursed": f"{day['earlier'].result.reimbursed:.2f}",
         "patient_pays": f"{earlier.patient_pays:.2f}", "cash_refunded": f"{earlier.patient_pays:.2f}",
         "refunded_by": "clerk", "reason": "重复结算", "voided_by": "sup", "voided_at": "2024-03-12T15:10:00"},
    ]
    assert got["clerk"] == "clerk" and got["day"] == "2024-03-12" and got["window_id"] == "LG-01"


def test_a_void_shows_the_same_refund_in_every_summary_and_moves_only_the_settling_clerks_cash(window, day):
    got = summary(window.store, "sup")
    clerks = summary(window.store, "clerk")
    pays = day["by_sup"].result.patient_pays
    assert got["settlements"]["count"] == 1 and got["settlements"]["total"] == "1200.00"
    assert [v["voided_by"] for v in got["voids"]] == ["sup", "sup"]
    # The same two voids, the same refund and drawer in the supervisor's summary as in the clerk's ...
    assert [(v["settlement_id"], v["cash_refunded"], v["refunded_by"]) for v in got["voids"]] == \
        [(v["settlement_id"], v["cash_refunded"], v["refunded_by"]) for v in clerks["voids"]]
    assert [v["cash_refunded"] for v in got["voids"]] == [f"{day[k].result.patient_pays:.2f}" for k in ("c", "earlier")]
    # ... but out of the clerk's drawer, not the supervisor's.
    assert got["cash_collected"] == f"{pays + Decimal('600.00'):.2f}"
    assert got["cash_refunded"] == "0.00"
    # The day before holds only the settlement that was voided later: still its gross business, no voids.
    before = summary(window.store, "clerk", DAY - timedelta(days=1))
    assert before["settlements"]["count"] == 1 and before["voids"] == []
    assert before["net_cash"] == f"{day['earlier'].result.patient_pays:.2f}"


def test_closing_stores_the_summary_with_one_audit_entry_and_only_once(window, day):
    store = window.store
    audits = audit_count(store)
    closed = close_day(store, window.clerk, clerk=None, day=DAY, now=at(18))
    expected = summary(store, "clerk")
    assert closed == {**expected, "closed_at": "2024-03-12T18:00:00", "closed_by": "clerk"}
    with store.reading() as session:
        rows = session.execute(select(DayClosing)).scalars().all()
        entries = session.execute(select(AuditEntry).where(AuditEntry.seq > audits)).scalars().all()
    assert [(r.clerk, r.day, r.closed_by, r.closed_at, r.summary) for r in rows] == [
        ("clerk", DAY, "clerk", at(18), expected)]
    assert [(e.user, e.action, e.target) for e in entries] == [("clerk", "day.close", "clerk/2024-03-12")]
    assert json.loads(entries[0].detail) == {
        "settlements": 3, "enrollments": 2, "voids": 2, "cash_collected": expected["cash_collected"],
        "cash_refunded": expected["cash_refunded"], "net_cash": expected["net_cash"]}

    for actor in (window.clerk, window.supervisor):
        with pytest.raises(Refused, match="day_closed_already .*closed_by=clerk"):
            close_day(store, actor, clerk="clerk", day=DAY, now=at(19))
    assert audit_count(store) == audits + 1


def test_who_may_close_which_day(window, day):
    store = window.store
    with pytest.raises(AuthError):
        close_day(store, window.clerk, clerk="sup", day=DAY, now=at(18))
    with pytest.raises(AuthError):
        day_report(store, window.clerk, clerk="sup", day=DAY)
    closed = close_day(store, window.supervisor, clerk="clerk", day=DAY, now=at(18))
    assert (closed["clerk"], closed["closed_by"], closed["settlements"]["count"]) == ("clerk", "sup", 3)
    assert close_day(store, window.admin, clerk="sup", day=DAY, now=at(18, 5))["closed_by"] == "admin"
    with pytest.raises(NotFound):
        close_day(store, window.supervisor, clerk="nobody", day=DAY, now=at(18))
    with pytest.raises(Refused, match="closing_future_day"):
        close_day(store, window.clerk, clerk=None, day=DAY + timedelta(days=1), now=at(23, 59))
    with pytest.raises(Refused, match="closing_future_day"):
        close_day(store, window.clerk, clerk=None, day=date.today() + timedelta(days=1))
    with store.reading() as session:
        assert session.execute(select(DayClosing.clerk, DayClosing.day).order_by(DayClosing.id)).all() == [
            ("clerk", DAY), ("sup", DAY)]


def test_a_closed_day_takes_no_more_settlements_or_voids(window, day):
    store, clerk, sup = window.store, window.clerk, window.supervisor
    close_day(store, clerk, clerk=None, day=DAY, now=at(18))
    with pytest.raises(Refused, match="day_closed"):
        settle_visit(store, clerk, id_number=day["p1"], visit=visit("township", "500.00"), now=at(18, 30))
    newcomer = add_person(store, name="周九", insured=None, household=None)
    with pytest.raises(Refused, match="day_closed"):
        enroll(store, clerk, id_number=newcomer, year=2024, on=DAY, now=at(18, 35))
    assert summary(store, "clerk")["settlements"]["count"] == 3  # nothing new on the 12th
    assert summary(store, "clerk")["enrollments"]["count"] == 2
    # The next day is open, and so is the supervisor's 12th.
    next_day = DAY + timedelta(days=1)
    settle_visit(store, clerk, id_number=day["p1"], visit=visit("township", "500.00"), now=at(8, day=next_day))
    late = settle_visit(store, sup, id_number=day["p1"], visit=visit("township", "400.00"), now=at(18, 40))

    close_day(store, sup, clerk=None, day=DAY, now=at(19))
    with pytest.raises(Refused, match="day_closed"):
        void_settlement(store, sup, settlement_id=late.settlement_id, reason="测试", now=at(19, 30))
    with pytest.raises(Refused, match="day_closed"):
        settle_visit(store, sup, id_number=day["p1"], visit=visit("township", "300.00"), now=at(19, 31))
    voided = void_settlement(store, sup, settlement_id=late.settlement_id, reason="测试",
                             now=at(9, day=next_day))
    assert voided["voided"] is True


def test_report_previews_without_writing_and_shows_the_stored_summary_once_closed(window, day):
    store = window.store
    audits = audit_count(store)
    report = day_report(store, window.clerk, clerk=None, day=DAY)
    assert report == {**summary(store, "clerk"), "closed": False, "closed_at": None, "closed_by": None,
                      "closed_summary": None}
    assert audit_count(store) == audits
    with store.reading() as session:
        assert session.execute(select(func.count(DayClosing.id))).scalar_one() == 0

    close_day(store, window.supervisor, clerk="clerk", day=DAY, now=at(18))
    report = day_report(store, window.supervisor, clerk="clerk", day=DAY)
    with store.reading() as session:
        stored = session.execute(select(DayClosing.summary)).scalar_one()
    assert report["closed"] is True and report["closed_by"] == "sup" and report["closed_at"] == "2024-03-12T18:00:00"
    assert report["closed_summary"] == stored == summary(store, "clerk")


def test_cli_close_day_previews_closes_and_refuses_twice(window, day, monkeypatch, capsys):
    monkeypatch.setenv("WINDOWDESK_PASSWORD", PASSWORD)
    base = ["--db", window.path, "--user", "clerk", "--date", "2024-03-12"]

    assert main(["close-day", *base, "--preview", "--json"]) == 0
    preview = json.loads(capsys.readouterr().out)
    assert preview["closed"] is False and preview["settlements"]["count"] == 3
    assert preview["net_cash"] == summary(window.store, "clerk")["net_cash"]

    assert main(["close-day", *base, "--json"]) == 0
    closed = json.loads(capsys.readouterr().out)
    assert closed["closed_by"] == "clerk" and closed["net_cash"] == preview["net_cash"]

    assert main(["close-day", *base]) == 2
    assert "已由 clerk 于" in capsys.readouterr().err
    assert main(["close-day", *base, "--clerk", "sup", "--json"]) == 2
    assert main(["close-day", "--db", window.path, "--user", "clerk", "--date", "12/03/2024"]) == 2
    assert "--date" in capsys.readouterr().err

    assert main(["close-day", *base, "--preview"]) == 0
    text = capsys.readouterr().out
    assert "已日结 closed by clerk" in text and f"净额 net: {preview['net_cash']}" in text
    assert day["c"].receipt_no in text


def test_the_day_end_pdf_prints_the_days_figures(window, day, tmp_path):
    import subprocess

    from windowdesk.services.closing import day_report_pdf

    def text(pdf: bytes) -> str:
        path = tmp_path / "day.pdf"
        path.write_bytes(pdf)
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout

    got = summary(window.store, "clerk")
    preview = text(day_report_pdf(window.store, window.supervisor, clerk="clerk", day=DAY, now=at(17)))
    assert "经办员日结报表" in preview and "未日结（预览）" in preview and "业务日期：2024-03-12" in preview
    lines = {" ".join(line.split()[:-1]): line.split()[-1] for line in preview.splitlines() if line.split()}
    assert lines["结算笔数"] == "3" and lines["医疗总费用"] == "45000.00"
    assert (lines["收款合计"], lines["退款合计"], lines["应交现金"]) == \
        (got["cash_collected"], got["cash_refunded"], got["net_cash"])
    for void in got["voids"]:
        assert void["receipt_no"] in preview and void["cash_refunded"] in preview
    close_day(window.store, window.clerk, clerk=None, day=DAY, now=at(18))
    closed = text(day_report_pdf(window.store, window.clerk, clerk=None, day=DAY, now=at(18, 5)))
    assert "已日结（clerk 2024-03-12T18:00:00）" in closed and got["net_cash"] in closed

"""Enrollment against a real SQLite window: contribution, subsidy by fund, insured period, rows, receipts."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select
from windowkit import add_person, make_window

from windowdesk.domain.problems import Refusal
from windowdesk.domain.visit import Visit
from windowdesk.services.enrollment import enroll
from windowdesk.services.errors import NotFound, Refused
from windowdesk.services.people import person_view
from windowdesk.services.settlement import settle_visit
from windowdesk.store.models import (
    AuditEntry,
    DayClosing,
    Enrollment,
    EnrollmentSubsidy,
    Person,
)

EXAMPLE_POLICY = Path(__file__).parents[1] / "fixtures" / "example-2024.toml"


def person(window, *categories: tuple[str, date, date | None], name: str = "李四") -> str:
    """A person on the roster with these memberships and no enrollment yet."""
    return add_person(window.store, name=name, memberships=tuple(categories), insured=None)


def stored(window, number: str, year: int) -> Enrollment:
    with window.store.reading() as session:
        return session.execute(select(Enrollment).join(Person, Person.id == Enrollment.person_id)
                               .where(Person.id_number == number, Enrollment.year == year)).scalar_one()


def subsidy_rows(window, enrollment_id: int) -> list[tuple[int, str, Decimal]]:
    with window.store.reading() as session:
        return [tuple(r) for r in session.execute(
            select(EnrollmentSubsidy.seq, EnrollmentSubsidy.fund, EnrollmentSubsidy.amount)
            .where(EnrollmentSubsidy.enrollment_id == enrollment_id).order_by(EnrollmentSubsidy.seq))]


def audit_entries(window, action: str) -> list[AuditEntry]:
    with window.store.reading() as session:
        return list(session.execute(select(AuditEntry).where(AuditEntry.action == action)
                                    .order_by(AuditEntry.seq)).scalars())


# --- longgang-2022: finance pays the whole contribution of destitute, dibao, near_dibao, phasing_out -----------

def test_destitute_enrolling_before_the_year_is_insured_from_1_january_and_pays_nothing(window):
    number = person(window, ("destitute", date(2019, 6, 1), None))
    result = enroll(window.store, window.clerk, id_number=number, year=2025, on=date(2024, 10, 15))
    assert result.to_json() == {
        "id_number": number, "year": 2025, "category": "destitute", "contribution": "640.00",
        "subsidy": [{"fund": "finance", "amount": "640.00"}], "person_pays": "0.00",
        "insured_from": "2025-01-01", "insured_to": "2025-12-31", "receipt_no": "LG-01-00000001"}


def test_dibao_enrolling_during_the_year_is_insured_from_the_next_month(window):
    number = person(window, ("dibao", date(2024, 4, 2), None))
    result = enroll(window.store, window.clerk, id_number=number, year=2024, on=date(2024, 4, 15))
    assert (result.category, result.contribution, result.subsidy, result.person_pays) == (
        "dibao", Decimal("600.00"), (("finance", Decimal("600.00")),), Decimal("0.00"))
    assert (result.insured_from, result.insured_to) == (date(2024, 5, 1), date(2024, 12, 31))


def test_ordinary_person_pays_the_whole_contribution(window):
    number = person(window)
    result = enroll(window.store, window.clerk, id_number=number, year=2024, on=date(2023, 12, 20))
    assert result.to_json()["subsidy"] == []
    assert (result.category, result.person_pays, result.insured_from) == ("ordinary", Decimal("600.00"),
                                                                         date(2024, 1, 1))


def test_the_most_favourable_valid_category_decides(window):
    number = person(window, ("near_dibao", date(2020, 1, 1), None), ("destitute", date(2023, 3, 1), None))
    assert enroll(window.store, window.clerk, id_number=number, year=2024, on=date(2023, 11, 1)).category == "destitute"


def test_november_enrollment_insures_from_december_1(window):
    number = person(window, ("dibao", date(2020, 1, 1), None))
    result = enroll(window.store, window.clerk, id_number=number, year=2024, on=date(2024, 11, 30))
    assert (result.insured_from, result.insured_to) == (date(2024, 12, 1), date(2024, 12, 31))


@pytest.mark.parametrize("on", [date(2024, 12, 1), date(2024, 12, 31)])
def test_december_enrollment_for_the_same_year_is_refused_because_it_would_insure_nothing(window, on):
    number = person(window, ("dibao", date(2020, 1, 1), None))
    with pytest.raises(Refusal) as caught:
        enroll(window.store, window.clerk, id_number=number, year=2024, on=on)
    assert (caught.value.code, caught.value.field) == ("enrollment_after_year_end", "year")
    assert dict(caught.value.params) == {"year": 2024, "on": on.isoformat(), "starts": "2025-01-01", "next_year": 2025}
    assert enroll(window.store, window.clerk, id_number=number, year=2025, on=on).insured_from == date(2025, 1, 1)


@pytest.mark.parametrize(("year", "on", "code"), [
    (2024, date(2025, 1, 5), "enrollment_year_ended"),
    (2025, date(2023, 12, 1), "enrollment_too_early"),
    (2021, date(2020, 12, 1), "enrollment_year_not_covered"),  # before the policy's period, no contribution
    (2026, date(2025, 11, 1), "enrollment_year_not_covered"),  # a contribution is set, but the policy ends 2025
    (2027, date(2026, 11, 1), "enrollment_year_not_covered"),  # neither
])
def test_enrollment_outside_its_season_or_the_policy_is_refused(window, year, on, code):
    number = person(window, ("dibao", date(2020, 1, 1), None))
    with pytest.raises(Refusal) as caught:
        enroll(window.store, window.clerk, id_number=number, year=year, on=on)
    assert (caught.value.code, caught.value.field) == (code, "year")
    with window.store.reading() as session:
        assert session.execute(select(Enrollment)).first() is None


def test_enrolling_twice_for_a_year_is_refused_and_writes_nothing(window):
    number = person(window, ("dibao", date(2020, 1, 1), None))
    enroll(window.store, window.clerk, id_number=number, year=2024, on=date(2023, 11, 1))
    with pytest.raises(Refusal) as caught:
        enroll(window.store, window.clerk, id_number=number, year=2024, on=date(2024, 2, 1))
    assert (caught.value.code, caught.value.field) == ("already_enrolled", "year")
    assert dict(caught.value.params) == {"id_number": f"{number[:6]}********{number[-4:]}", "year": 2024,
                                         "receipt_no": "LG-01-00000001", "insured_from": "2024-01-01",
                                         "insured_to": "2024-12-31"}
    assert number not in str(caught.value)
    assert len(audit_entries(window, "enrollment.create")) == 1
    # The refused attempt gave its receipt number back: the series stays gap-free.
    assert enroll(window.store, window.clerk, id_number=number, year=2025,
                  on=date(2024, 11, 1)).receipt_no == "LG-01-00000002"


def test_unknown_person_is_not_found(window):
    with pytest.raises(NotFound, match=r"330383\*{8}"):
        enroll(window.store, window.clerk, id_number="330383196105021002", year=2024, on=date(2024, 2, 1))


def test_closed_day_refuses_enrollment(window):
    number = person(window, ("dibao", date(2020, 1, 1), None))
    with window.store.transaction() as tx:
        tx.session.add(DayClosing(clerk="clerk", day=date(2024, 2, 1), summary={}, closed_by="sup",
                                  closed_at=datetime(2024, 2, 1, 17)))
    with pytest.raises(Refused, match="closed"):
        enroll(window.store, window.clerk, id_number=number, year=2024, on=date(2024, 2, 1),
               now=datetime(2024, 2, 1, 10))
    # The closing counts an enrollment on the day it is recorded, so a back-dated `on` does not escape it.
    with pytest.raises(Refused, match="closed"):
        enroll(window.store, window.clerk, id_number=number, year=2024, on=date(2024, 1, 31),
               now=datetime(2024, 2, 1, 10))
    assert enroll(window.store, window.clerk, id_number=number, year=2024, on=date(2024, 2, 2),
                  now=datetime(2024, 2, 2, 10)).receipt_no \
        == "LG-01-00000001"


# --- exits and phasing out -----------------------------------------------------------------------------------

def test_phasing_out_keeps_the_subsidy_in_the_year_it_began(window):
    number = person(window, ("dibao", date(2020, 1, 1), date(2024, 3, 1)), ("phasing_out", date(2024, 3, 1), None))
    result = enroll(window.store, window.clerk, id_number=number, year=2024, on=date(2024, 3, 10))
    assert (result.category, result.subsidy, result.person_pays) == (
        "phasing_out", (("finance", Decimal("600.00")),), Decimal("0.00"))


def test_phasing_out_gives_no_subsidy_for_the_next_year(window):
    number = person(window, ("dibao", date(2020, 1, 1), date(2024, 9, 1)), ("phasing_out", date(2024, 9, 1), None))
    result = enroll(window.store, window.clerk, id_number=number, year=2025, on=date(2024, 11, 1))
    assert (result.category, result.subsidy, result.person_pays) == ("ordinary", (), Decimal("640.00"))


def test_person_who_exited_before_enrolling_pays_as_ordinary(window):
    number = person(window, ("dibao", date(2020, 1, 1), date(2024, 2, 1)))
    result = enroll(window.store, window.clerk, id_number=number, year=2024, on=date(2024, 3, 10))
    assert (result.category, result.person_pays, result.insured_from) == ("ordinary", Decimal("600.00"),
                                                                         date(2024, 4, 1))


def test_exit_before_the_year_stops_the_subsidy_even_when_still_ahead_on_the_enrolling_day(window):
    number = person(window, ("dibao", date(2020, 1, 1), date(2025, 1, 1)))
    result = enroll(window.store, window.clerk, id_number=number, year=2025, on=date(2024, 11, 1))
    assert (result.category, result.person_pays) == ("ordinary", Decimal("640.00"))


def test_exit_during_the_year_keeps_the_subsidy_for_that_year(window):
    number = person(window, ("dibao", date(2020, 1, 1), date(2025, 6, 1)))
    result = enroll(window.store, window.clerk, id_number=number, year=2025, on=date(2024, 11, 1))
    assert (result.category, result.person_pays) == ("dibao", Decimal("0.00"))


# --- fusong-2019: registered poor get 130 from assistance and the rest from county finance ----------------------

@pytest.fixture
def fusong(tmp_path):
    folder = tmp_path / "fusong"
    folder.mkdir()
    w = make_window(folder, policy="fusong-2019", window_id="FS-01")
    yield w
    w.store.engine.dispose()


@pytest.mark.parametrize(("year", "on", "county_finance"), [
    (2019, date(2018, 12, 1), "140.00"),
    (2020, date(2019, 12, 1), "150.00"),
])
def test_fixed_amount_fund_then_all_that_is_left(fusong, year, on, county_finance):
    number = person(fusong, ("registered_poor", date(2016, 5, 1), None))
    result = enroll(fusong.store, fusong.clerk, id_number=number, year=year, on=on)
    assert result.to_json()["subsidy"] == [{"fund": "assistance", "amount": "130.00"},
                                           {"fund": "county_finance", "amount": county_finance}]
    assert result.person_pays == Decimal("0.00") and result.receipt_no == "FS-01-00000001"
    row = stored(fusong, number, year)
    assert subsidy_rows(fusong, row.id) == [(1, "assistance", Decimal("130.00")),
                                            (2, "county_finance", Decimal(county_finance))]


def test_fusong_destitute_in_full_and_ordinary_in_person(fusong):
    destitute = person(fusong, ("destitute", date(2015, 1, 1), None))
    ordinary = person(fusong, name="王五")
    a = enroll(fusong.store, fusong.clerk, id_number=destitute, year=2019, on=date(2019, 2, 10))
    b = enroll(fusong.store, fusong.clerk, id_number=ordinary, year=2019, on=date(2019, 2, 10))
    assert (a.subsidy, a.person_pays) == ((("finance", Decimal("270.00")),), Decimal("0.00"))
    assert (b.subsidy, b.person_pays) == ((), Decimal("270.00"))
    assert (a.receipt_no, b.receipt_no) == ("FS-01-00000001", "FS-01-00000002")


# --- policies without an enrollment section, or insuring immediately --------------------------------------------

def _policy_variant(tmp_path, name: str, edit) -> str:
    path = tmp_path / f"{name}.toml"
    path.write_text(edit(EXAMPLE_POLICY.read_text(encoding="utf-8")), encoding="utf-8")
    return str(path)


def test_policy_without_enrollment_section_refuses(tmp_path):
    def drop_enrollment(text: str) -> str:
        head, rest = text.split("[enrollment]", 1)
        return head + rest[rest.index("[basic]"):]
    folder = tmp_path / "w"
    folder.mkdir()
    w = make_window(folder, policy=_policy_variant(tmp_path, "no-enrollment", drop_enrollment), window_id="EX-01")
    try:
        number = person(w, ("dibao", date(2020, 1, 1), None))
        with pytest.raises(Refusal, match="enrollment_not_set"):
            enroll(w.store, w.clerk, id_number=number, year=2024, on=date(2023, 12, 1))
    finally:
        w.store.engine.dispose()


def test_immediate_policy_insures_from_the_enrolling_day_even_in_december(tmp_path):
    folder = tmp_path / "w"
    folder.mkdir()
    policy = _policy_variant(tmp_path, "immediate",
                             lambda t: t.replace('effective = "next_month"', 'effective = "immediate"'))
    w = make_window(folder, policy=policy, window_id="EX-01")
    try:
        number = person(w, ("dibao", date(2020, 1, 1), None))
        result = enroll(w.store, w.clerk, id_number=number, year=2024, on=date(2024, 12, 10))
        assert (result.insured_from, result.insured_to) == (date(2024, 12, 10), date(2024, 12, 31))
        assert result.to_json()["subsidy"] == [{"fund": "assistance", "amount": "130.00"},
                                               {"fund": "finance", "amount": "250.00"}]
    finally:
        w.store.engine.dispose()


# --- what is stored ----------------------------------------------------------------------------------------------

def test_rows_and_one_audit_entry_with_the_id_masked(window):
    number = person(window, ("dibao", date(2020, 1, 1), None))
    enroll(window.store, window.clerk, id_number=number, year=2024, on=date(2024, 4, 15),
           now=datetime(2024, 4, 15, 10, 30))
    row = stored(window, number, 2024)
    assert (row.category, row.contribution, row.person_pays, row.insured_from, row.insured_to, row.enrolled_on,
            row.policy_id, row.window_id, row.created_by, row.receipt_no) == (
        "dibao", Decimal("600.00"), Decimal("0.00"), date(2024, 5, 1), date(2024, 12, 31), date(2024, 4, 15),
        "longgang-2022", "LG-01", "clerk", "LG-01-00000001")
    assert subsidy_rows(window, row.id) == [(1, "finance", Decimal("600.00"))]
    [entry] = audit_entries(window, "enrollment.create")
    assert (entry.user, entry.target) == ("clerk", "LG-01-00000001")
    assert json.loads(entry.detail) == {
        "person": number[:6] + "********" + number[-4:], "year": 2024, "category": "dibao", "category_zh": "低保对象",
        "contribution": "600.00", "subsidy": [{"fund": "finance", "amount": "600.00"}], "person_pays": "0.00",
        "insured_from": "2024-05-01", "insured_to": "2024-12-31"}
    assert number not in entry.detail


def test_person_view_lists_memberships_today_category_and_enrollments(window):
    number = person(window, ("dibao", date(2020, 1, 1), date(2024, 7, 1)), ("near_dibao", date(2024, 7, 1), None))
    enroll(window.store, window.clerk, id_number=number, year=2024, on=date(2024, 2, 20))
    with window.store.reading() as session:
        view = person_view(session, number.lower(), date(2024, 8, 1)).to_json()
    assert {k: view[k] for k in ("id_number", "name", "household", "birth_date", "category_on")} == {
        "id_number": number, "name": "李四", "household": "H001", "birth_date": "1961-05-02",
        "category_on": "near_dibao"}
    assert view["memberships"] == [
        {"category": "dibao", "identified_on": "2020-01-01", "exited_on": "2024-07-01"},
        {"category": "near_dibao", "identified_on": "2024-07-01", "exited_on": None}]
    assert view["enrollments"] == [{
        "year": 2024, "category": "dibao", "contribution": "600.00",
        "subsidy": [{"fund": "finance", "amount": "600.00"}], "person_pays": "0.00",
        "insured_from": "2024-03-01", "insured_to": "2024-12-31", "receipt_no": "LG-01-00000001"}]


def _visit(admitted: date, discharged: date) -> Visit:
    return Visit(kind="inpatient", hospital_level="county", admitted=admitted, discharged=discharged,
                 total=Decimal("10000.00"), in_region=True, referred=True)


def test_settlement_follows_the_insured_period_and_shares_the_receipt_series(window):
    number = person(window, ("dibao", date(2020, 1, 1), None))
    first = enroll(window.store, window.clerk, id_number=number, year=2024, on=date(2024, 2, 10))
    assert first.insured_from == date(2024, 3, 1)
    with pytest.raises(Refusal) as caught:
        settle_visit(window.store, window.clerk, id_number=number, visit=_visit(date(2024, 2, 20), date(2024, 3, 5)),
                     now=datetime(2024, 3, 6, 9))
    assert (caught.value.code, caught.value.params["day"]) == ("not_insured", "2024-02-20")
    settled = settle_visit(window.store, window.clerk, id_number=number,
                           visit=_visit(date(2024, 3, 1), date(2024, 3, 5)), now=datetime(2024, 3, 6, 9))
    other = person(window, ("destitute", date(2020, 1, 1), None), name="赵六")
    second = enroll(window.store, window.clerk, id_number=other, year=2024, on=date(2024, 3, 6))
    assert (first.receipt_no, settled.receipt_no, second.receipt_no) == (
        "LG-01-00000001", "LG-01-00000002", "LG-01-00000003")

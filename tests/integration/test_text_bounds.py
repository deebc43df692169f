"""Text before the database (issue 13), on SQLite and PostgreSQL alike: a NUL byte or a string longer than its
column is a refusal with a code, never stored (SQLite) nor an internal error (PostgreSQL)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select
from windowkit import add_person

from windowdesk.domain.problems import Refusal
from windowdesk.services.people import people_named
from windowdesk.services.roster_sync import import_roster
from windowdesk.services.settlement import settle_visit, void_settlement
from windowdesk.domain.case_json import parse_visit
from windowdesk.domain.idnumber import make_valid
from windowdesk.store.models import Person

pytest_plugins = ["pgkit"]
HEADER = "身份证号,姓名,户编号,与户主关系,人员类别,认定日期,退出日期,乡镇(街道),村(社区),联系电话\n"
STAY = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
        "admitted": "2024-03-01", "discharged": "2024-03-12", "total": "3600.00"}


def _people(store) -> int:
    with store.reading() as session:
        return session.execute(select(func.count()).select_from(Person)).scalar_one()


def test_a_nul_joined_id_number_in_a_roster_is_an_invalid_row_not_a_stored_number(any_window, tmp_path):
    first, second = (make_valid("330383", date(1961, 5, 2), seq) for seq in ("101", "102"))
    roster = tmp_path / "roster.csv"
    roster.write_text(HEADER + f"{first}\x00{second},张三,H1,户主,低保,2021-05-10,,龙港市,华中社区,\n"
                      f"{second},李四,H1,配偶,低保,2021-05-10,,龙港市,华中社区,\n"
                      f"{first},王\x00五,H1,子女,低保,2021-05-10,,龙港市,华中社区,\n", encoding="utf-8")
    before = _people(any_window.store)
    report = import_roster(any_window.store, any_window.supervisor, path=roster)
    assert [(r.row, r.code) for r in report.invalid] == [(2, "id_chars"), (4, "roster_control_char")]
    assert report.added == 1 and _people(any_window.store) == before + 1
    with any_window.store.reading() as session:
        stored = session.execute(select(Person.id_number)).scalars().all()
    assert all("\x00" not in number and len(number) == 18 for number in stored)


def test_a_reason_with_a_nul_or_too_long_is_refused_before_the_database(any_window):
    number = add_person(any_window.store)
    settled = settle_visit(any_window.store, any_window.clerk, id_number=number, visit=parse_visit(STAY),
                           now=datetime(2024, 3, 12, 10, 0))
    for reason, code in (("录入\x00错误", "text_control_char"), ("错" * 501, "text_too_long")):
        with pytest.raises(Refusal) as refused:
            void_settlement(any_window.store, any_window.supervisor, settlement_id=settled.settlement_id, reason=reason,
                            now=datetime(2024, 3, 12, 11, 0))
        assert (refused.value.code, refused.value.field) == (code, "reason")


def test_a_name_search_with_a_nul_is_refused(any_window):
    with pytest.raises(Refusal) as refused:
        people_named(any_window.store, "张\x00")
    assert refused.value.code == "text_control_char"


@pytest.mark.parametrize(("column", "value", "code"), [
    ("name", "张" * 101, "text_too_long"), ("name", "张\x00三", "text_control_char"),
    ("phone", "1" * 41, "text_too_long"),
])
def test_the_flush_guard_refuses_what_an_input_path_missed(any_window, column, value, code):
    number = add_person(any_window.store)
    before = _people(any_window.store)
    with pytest.raises(Refusal) as refused, any_window.store.transaction() as tx:
        person = tx.session.execute(select(Person).where(Person.id_number == number)).scalar_one()
        setattr(person, column, value)
        tx.session.flush()
    assert (refused.value.code, refused.value.field) == (code, f"persons.{column}")
    with any_window.store.reading() as session:
        kept = session.execute(select(Person).where(Person.id_number == number)).scalar_one()
    assert getattr(kept, column) != value and _people(any_window.store) == before

"""Fuzzing the roster import (issue 13), bounded: CSV bytes and XLSX bytes, imported for real into one window
(applied, not previewed: what reaches SQL is tried too). Always a report or a refusal with a code the
catalogue words; never another exception, never a stored ID number that is not 18 characters."""

from __future__ import annotations

import io
import tempfile
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from windowkit import make_window

from windowdesk.domain.idnumber import make_valid
from windowdesk.domain.problems import Refusal
from windowdesk.services.roster_sync import import_roster
from windowdesk.store.models import Person
from windowdesk.wording.problems import PROBLEMS

FUZZ = settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.function_scoped_fixture])
HEADER = ["身份证号", "姓名", "户编号", "与户主关系", "人员类别", "认定日期", "退出日期", "乡镇(街道)", "村(社区)", "联系电话"]
IDS = [make_valid("330383", date(1950 + i, 1 + i % 12, 1 + i % 28), f"{100 + i:03d}") for i in range(8)]
CELLS = st.one_of(
    st.sampled_from(IDS), st.sampled_from(["低保", "特困人员", "渐退期", "pauper", "2021-05-10", "2021/5/10", "20210510",
                                           "2021年5月10日", "3.30383E+17", "H1", "户主", "'0012", "=HYPERLINK(\"x\")"]),
    st.text(max_size=12), st.sampled_from(["\x00", IDS[0] + "\x00" + IDS[1], "张" * 120, "1" * 41, "\x01\x7f", ""]),
)
ROWS = st.lists(st.lists(CELLS, min_size=0, max_size=len(HEADER) + 2), min_size=0, max_size=12)


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    window = make_window(tmp_path_factory.mktemp("roster-fuzz"))
    yield window
    window.store.engine.dispose()


def _import(desk, name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            report = import_roster(desk.store, desk.supervisor, path=path, now=datetime(2024, 6, 1, 9, 0))
        except Refusal as refusal:
            assert all(p.code in PROBLEMS for p in refusal.problems), refusal.problems
            return
    assert all(p.code in PROBLEMS for row in report.invalid for p in row.problems)
    with desk.store.reading() as session:
        numbers = session.execute(select(Person.id_number)).scalars().all()
    assert all(len(n) == 18 and n.isascii() and n[:17].isdigit() for n in numbers)


def _csv(rows: list[list[str]]) -> str:
    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    return "".join(",".join(map(cell, row)) + "\r\n" for row in [HEADER, *rows])


@FUZZ
@given(rows=ROWS, encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
       noise=st.binary(max_size=6), at=st.integers(0, 10_000))
def test_any_csv_is_imported_or_refused_with_a_code(desk, rows, encoding, noise, at):
    data = _csv(rows).encode(encoding, "replace")
    at = at % (len(data) + 1)
    _import(desk, "roster.csv", data[:at] + noise + data[at:])


def _xlsx(rows: list[list[str]]) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in [HEADER, *rows]:
        # What a spreadsheet can hold: openpyxl refuses control characters (the "sheet" damage brings them).
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", cell) if isinstance(cell, str) else cell for cell in row])
    raw = io.BytesIO()
    book.save(raw)
    return raw.getvalue()


def _sheet_replaced(data: bytes, xml: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, xml if info.filename.startswith("xl/worksheets/") else old.read(info))
    return out.getvalue()


@FUZZ
@given(rows=st.lists(st.lists(CELLS, max_size=len(HEADER)), max_size=6),
       damage=st.sampled_from(["none", "flip", "cut", "sheet"]), at=st.integers(0, 100_000),
       byte=st.integers(0, 255), xml=st.binary(max_size=200) | st.sampled_from([
           b'<worksheet><sheetData><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
           b"</sheetData></worksheet>", b"<worksheet><sheetData>" + b"<row>" * 5000, b"\xef\xbb\xbf<a>",
           b'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>\xe8\xba\xab\xe4\xbb\xbd\xe8\xaf\x81\xe5'
           b'\x8f\xb7</t></is></c><c r="B1" t="inlineStr"><is><t>a&#0;b</t></is></c></row></sheetData></worksheet>']))
def test_any_xlsx_is_imported_or_refused_with_a_code(desk, rows, damage, at, byte, xml):
    data = _xlsx(rows)
    at = at % len(data)
    if damage == "flip":
        data = data[:at] + bytes([byte]) + data[at + 1:]
    elif damage == "cut":
        data = data[:at]
    elif damage == "sheet":
        data = _sheet_replaced(data, xml)
    _import(desk, "roster.xlsx", data)

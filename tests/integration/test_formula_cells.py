"""Exports safe to open (issue 13): a roster name such as `=HYPERLINK(...)` is imported, exported in the monthly
package (CSV and XLSX) and in a report's Excel sheet, and read back: a text everywhere, never a formula."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from windowdesk.adapters.export_files import csv_cell, from_csv_cell, reading_csv
from windowdesk.adapters.report_tables import table_of
from windowdesk.adapters.report_xlsx import write_xlsx
from windowdesk.domain.case_json import parse_visit
from windowdesk.domain.idnumber import make_valid
from windowdesk.services.enrollment import enroll
from windowdesk.services.export import export_period
from windowdesk.services.keys import set_county_key
from windowdesk.services.package_files import PackageKeys, open_into
from windowdesk.services.reports.run import run_report
from windowdesk.services.roster_sync import import_roster
from windowdesk.services.settlement import settle_visit

HEADER = "身份证号,姓名,户编号,与户主关系,人员类别,认定日期,退出日期,乡镇(街道),村(社区),联系电话\n"
# As the roster keeps them (spaces and a leading apostrophe are cleaned off a roster cell).
HOSTILE = ['=HYPERLINK("http://x","y")', "+1+cmd|'/Ccalc'!A0", "@SUM(A1:A9)", "-2+3", "=cmd|'/Ccalc'!A0"]
STAY = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
        "admitted": "2024-04-01", "discharged": "2024-04-12", "total": "3600.00", "hospital": "=1+1"}
NOW = datetime(2024, 4, 12, 10, 0)
NUMBERS = [make_valid("330383", date(1960 + i, 5, 2), f"{100 + i}") for i in range(len(HOSTILE))]


def _csv_field(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@pytest.fixture
def package(window, tmp_path):
    """The hostile names on the roster (the last one never enrolled), each of the others enrolled in March 2024
    and settled in April; both months exported into one folder each."""
    assert len(NUMBERS) == len(HOSTILE)
    roster = tmp_path / "roster.csv"
    roster.write_text(HEADER + "".join(f"{number},{_csv_field(name)},H{i},户主,低保,2021-05-10,,龙港市,华中社区,\n"
                                       for i, (number, name) in enumerate(zip(NUMBERS, HOSTILE))), encoding="utf-8")
    report = import_roster(window.store, window.supervisor, path=roster)
    assert report.added == len(HOSTILE) and not report.invalid
    for number in NUMBERS[:-1]:
        enroll(window.store, window.clerk, id_number=number, year=2024, on=date(2024, 3, 1),
               now=datetime(2024, 3, 1, 9, 0))
        settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(STAY), now=NOW)
    key = "00112233445566778899aabbccddeeff"
    set_county_key(window.store, window.admin, key_hex=key)
    for period in ("2024-03", "2024-04"):
        export_period(window.store, window.supervisor, period=period, out_dir=tmp_path / period,
                      now=datetime(2024, 5, 2, 9, 0))
        # What the county reads: the sealed package opened into plain files (`package open`).
        open_into(tmp_path / period, PackageKeys(bytes.fromhex(key)), tmp_path / f"{period}-plain")
    return {"enrollments": tmp_path / "2024-03-plain", "settlements": tmp_path / "2024-04-plain"}


def _formula_free(xlsx: Path) -> None:
    """No cell of the workbook is a formula, in its XML as in what openpyxl reads."""
    with zipfile.ZipFile(xlsx) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                sheet = archive.read(name).decode("utf-8")
                assert "<f>" not in sheet and "<f " not in sheet and 't="str"' not in sheet, name
    book = openpyxl.load_workbook(xlsx)  # formulas kept as formulas, not computed values
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (xlsx.name, cell.coordinate, cell.value)


def _xlsx_texts(xlsx: Path) -> set[str]:
    sheet = openpyxl.load_workbook(xlsx).worksheets[0]
    return {cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)}


def test_hostile_names_are_text_in_every_package_file_and_read_back_unchanged(package):
    settled = HOSTILE[:-1]
    for table, folder in package.items():
        raw = (folder / f"{table}.csv").read_bytes()[3:].decode("utf-8")
        cells = {cell for row in csv.reader(io.StringIO(raw, newline="")) for cell in row}
        # Each name written with an apostrophe in front: a spreadsheet shows it as typed and runs nothing.
        assert {"'" + name for name in settled} <= cells
        assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
        with reading_csv(folder / f"{table}.csv") as (_labels, rows):
            names = {row["姓名"] for _number, row in rows}
        assert names == set(settled)  # the ledger import reads the names as they were
        _formula_free(folder / f"{table}.xlsx")
        assert set(settled) <= _xlsx_texts(folder / f"{table}.xlsx")
    assert "'=1+1" in (package["settlements"] / "settlements.csv").read_text("utf-8-sig")  # the hospital too


def test_a_report_sheet_writes_a_hostile_name_as_text(window, package, tmp_path):
    report = run_report(window.store, window.supervisor, name="unenrolled", year=2024,
                        now=datetime(2024, 5, 2, 9, 0))
    path = write_xlsx(table_of(report), tmp_path / "unenrolled.xlsx")
    _formula_free(path)
    assert HOSTILE[-1] in _xlsx_texts(path)


@pytest.mark.parametrize("text", ["=1", "+1", "-1", "@x", "\tx", "\rx", "'x", "''=x", "x=1", "", "张三", "'"])
def test_the_csv_prefix_is_undone_exactly(text):
    written = csv_cell(text, "text")
    assert not written.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert from_csv_cell(written) == text


def test_amounts_and_counts_are_written_as_they_are():
    from decimal import Decimal

    assert csv_cell(Decimal("-5.00"), "money") == "-5.00"  # a number, not a text to neutralise
    assert csv_cell(3, "int") == "3"

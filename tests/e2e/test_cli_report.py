"""E2E: `windowdesk report NAME` as a subprocess: the JSON shapes of cli.md and the Excel sheets."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import openpyxl
from reportkit import add_settlement, data  # noqa: F401 (data: the fixture)
from windowkit import PASSWORD

WINDOWDESK = Path(sys.executable).parent / ("windowdesk.exe" if os.name == "nt" else "windowdesk")


def cli(window, *args: str, user: str = "sup") -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("WINDOWDESK_")}
    environment.update({"WINDOWDESK_USER": user, "WINDOWDESK_PASSWORD": PASSWORD, "WINDOWDESK_DB": window.path})
    return subprocess.run([str(WINDOWDESK), *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                          env=environment, cwd=Path(window.path).parent, timeout=60, check=False)


def test_coverage_json_has_the_rows_all_and_target(data):
    window, _ = data
    done = cli(window, "report", "coverage", "--year", "2024", "--by", "category", "--json")
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert (got["report"], got["year"], got["month"], got["by"], got["target"], got["window_id"]) == \
           ("coverage", 2024, None, "category", "0.90", "LG-01")
    assert [r["key"] for r in got["rows"]] == ["destitute", "dibao", "ordinary"]
    assert set(got["rows"][0]) == {"key", "settlements", "total", "in_scope", "basic", "critical", "assistance",
                                   "supplementary", "relief", "backstop", "reimbursed", "patient_pays",
                                   "coverage_rate", "in_scope_rate", "below_target"}
    assert (got["all"]["settlements"], got["all"]["reimbursed"], got["all"]["coverage_rate"]) == \
           (5, "12500.00", "0.3378")


def test_other_offices_grants_are_a_column_of_the_coverage_json_and_sheet(data, tmp_path):
    window, people = data
    # B (destitute) in May: total 3000 in scope, basic 1500, other offices' grants 1000 -> reimbursed 2500
    add_settlement(window.store, people["b"], discharged=datetime(2024, 5, 8).date(), total="3000", basic="1500",
                   relief="1000", category="destitute")
    out = tmp_path / "coverage.xlsx"
    done = cli(window, "report", "coverage", "--year", "2024", "--xlsx", out, "--json")
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    destitute = got["rows"][0]
    # s3 + s7: reimbursed 2000 + 2500 = 4500 of 5000 -> 0.9000
    assert (destitute["key"], destitute["relief"], destitute["reimbursed"], destitute["coverage_rate"]) == \
           ("destitute", "1000.00", "4500.00", "0.9000")
    assert (got["all"]["relief"], got["all"]["reimbursed"]) == ("1000.00", "15000.00")  # 12500 + 2500
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[2]]
    column = header.index("其他救助") + 1
    assert header[column - 2:column + 1] == ["补充保险", "其他救助", "兜底保障"]  # in the cascade's order
    cells = [sheet.cell(r, column) for r in range(3, 7)]  # 特困人员, 低保对象, 普通参保人, 合计
    assert [(c.value, c.data_type, c.number_format) for c in cells] == [
        (1000, "n", "0.00"), (0, "n", "0.00"), (0, "n", "0.00"), (1000, "n", "0.00")]
    ledger = json.loads(cli(window, "report", "ledger", "--year", "2024", "--month", "5", "--json").stdout)
    assert [(r["month"], r["category"], r["settlements"]["relief"]) for r in ledger["rows"]] == \
           [(5, "destitute", "1000.00")]


def test_ledger_json_nests_enrollments_and_settlements(data):
    window, _ = data
    got = json.loads(cli(window, "report", "ledger", "--year", "2024", "--month", "1", "--json").stdout)
    cells = {(r["month"], r["category"]): r for r in got["rows"]}
    assert cells[(1, "dibao")]["enrollments"] == {"count": 2, "contribution": "1200.00",
                                                  "subsidy": {"finance": "600.00", "assistance": "0.00"},
                                                  "person_pays": "0.00"}
    assert cells[(1, "dibao")]["settlements"]["count"] == 0 and "relief" in cells[(1, "dibao")]["settlements"]
    assert got["funds"] == ["finance", "assistance"]


def test_each_report_writes_an_excel_sheet_with_chinese_headers_and_typed_cells(data, tmp_path):
    window, people = data
    out = tmp_path / "monitoring.xlsx"
    done = cli(window, "report", "monitoring", "--year", "2024", "--xlsx", out, "--json")
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    sheet = openpyxl.load_workbook(out).active
    title = sheet["A1"].value
    assert "测试窗口（LG-01）" in title and "示例县 2024" in title and "统计期间：2024" in title \
        and "因病致贫返贫监测名单" in title and "制表时间：" in title
    assert [c.value for c in sheet[2]] == ["身份证号", "姓名", "户号", "人员类别", "监测类型", "监测标准",
                                          "年度个人自付", "达到标准的出院日期", "结算单号"]
    row = sheet[3]
    assert (row[0].value, row[0].data_type) == (people["e"], "s")
    assert row[3].value == "低保对象"
    assert (row[6].value, row[6].data_type, row[6].number_format) == (21000, "n", "0.00")
    # coverage: rates as numbers with 4 places, flags as 是/否, the all row last
    out = tmp_path / "coverage.xlsx"
    assert cli(window, "report", "coverage", "--year", "2024", "--xlsx", out).returncode == 0
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[2]]
    assert header[:3] == ["人员类别", "结算人次", "医疗总费用"] and header[-3:] == ["综合保障率", "政策范围内报销比例", "低于目标"]
    assert [sheet.cell(r, 1).value for r in range(3, 7)] == ["特困人员", "低保对象", "普通参保人", "合计"]
    assert [sheet.cell(r, len(header)).value for r in range(3, 7)] == ["否", "是", "是", "是"]
    assert (sheet.cell(4, header.index("综合保障率") + 1).value,
            sheet.cell(4, header.index("综合保障率") + 1).number_format) == (0.2742, "0.0000")
    # an existing file is refused without --force
    refused = cli(window, "report", "coverage", "--year", "2024", "--xlsx", out, "--json")
    assert refused.returncode == 2 and json.loads(refused.stdout)["error"]["code"] == "file_exists"


def test_no_cell_is_a_formula(data, tmp_path):
    window, people = data
    add_settlement(window.store, people["a"], discharged=datetime(2024, 5, 1).date(), total="100",
                   hospital="=HYPERLINK(\"http://x\")")
    out = tmp_path / "ooc.xlsx"
    assert cli(window, "report", "out-of-catalog", "--year", "2024", "--xlsx", out).returncode == 0
    sheet = openpyxl.load_workbook(out).active
    found = [c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=")]
    assert [(c.value, c.data_type) for c in found] == [("=HYPERLINK(\"http://x\")", "s")]


def test_refusals_exit_2_with_the_code(data):
    window, _ = data
    done = cli(window, "report", "ledger", "--year", "2024", "--month", "13", "--json")
    assert done.returncode == 2
    assert json.loads(done.stdout)["error"] == {"code": "report_month", "field": "month",
                                                "message": "报表月份应为 1 到 12，不是 13"}
    assert cli(window, "report", "coverage", "--year", "2024", user="clerk").returncode == 2

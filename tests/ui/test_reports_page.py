"""The 报表 page: a supervisor picks a report, sees its rows and the three charts, exports them, cancels."""

from __future__ import annotations

import subprocess
from decimal import Decimal

import openpyxl
import pytest
from reportkit import dataset
from uikit import acting_while_it_runs, answered, desk

from PySide6.QtCore import Qt

from windowdesk.ui.pages.reports_page import ReportsPage

D = Decimal


@pytest.fixture
def page(qtbot, tmp_path):
    window, _people = dataset(tmp_path)
    p = ReportsPage(desk(window, "supervisor"))
    qtbot.addWidget(p)
    p.show()
    p.year.setValue(2024)
    yield p
    answered()
    window.store.engine.dispose()


def choose(page, name: str) -> None:
    page.report.setCurrentIndex(page.report.findData(name))


def test_coverage_by_category_shows_its_rows_and_the_charts_their_series(qtbot, page):
    choose(page, "coverage")
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    rows = page.model.texts()
    header = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    assert header[:3] == ["人员类别", "结算人次", "医疗总费用"] and header[-3:] == ["综合保障率", "政策范围内报销比例", "低于目标"]
    assert [r[0] for r in rows] == ["特困人员", "低保对象", "普通参保人", "合计"]
    assert rows[1][1:3] == ["3", "31000.00"] and rows[1][-3:] == ["0.2742", "0.1954", "是"]
    assert rows[3][-3] == "0.3378"
    assert page.model.table.marked == (1, 2, 3)  # under the 0.90 target, shown in red
    assert page.message.text() == "共 4 行"
    # Payments by fund per discharge month (stacked): March s1 6000 + s3 1800 basic, April s4 2000; the void out.
    paid = page.paid_chart.series
    assert list(paid) == ["基本医保统筹", "大病保险", "医疗救助", "商业补充保险", "其他救助", "兜底保障"]
    assert paid["基本医保统筹"][2:4] == (D("7800.00"), D("2000.00")) and sum(paid["基本医保统筹"]) == D("9800.00")
    assert paid["医疗救助"][2] == D("1700.00") and paid["大病保险"][2] == D("1000.00")
    # Coverage per month against the target: March (8500 + 2000) / 12000 = 0.8750, April 0.5000, June and
    # December 0 (all self-paid); months without settlements have no point.
    assert page.coverage_chart.series == (None, None, D("0.8750"), D("0.5000"), None, D("0.0000"), None, None,
                                          None, None, None, D("0.0000"))
    assert page.coverage_chart.target == D("0.90")
    # Out-of-catalogue share per hospital against its level's limit.
    assert page.share_chart.labels == ("龙港镇卫生院", "县中医院", "县人民医院", "市人民医院")
    assert page.share_chart.series == (D("0.0000"), D("0.1000"), D("0.0300"), D("0.0000"))
    assert page.share_chart.limits == (None, D("0.05"), D("0.05"), None)
    page.charts.setCurrentIndex(2)
    assert not page.share_chart.grab().isNull()  # it paints


def test_the_monitoring_list_and_its_excel_and_pdf(qtbot, page, tmp_path, monkeypatch):
    choose(page, "monitoring")
    assert not page.xlsx_button.isEnabled()
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    assert [r[1:] for r in page.model.texts()] == [
        ["戊", "H5", "低保对象", "因病返贫监测", "20000.00", "21000.00", "2024-12-28", page.model.texts()[0][-1]]]
    monkeypatch.setattr(page, "ask_save_path", lambda title, suggested, pattern: str(tmp_path / suggested))
    qtbot.mouseClick(page.xlsx_button, Qt.MouseButton.LeftButton)
    sheet = openpyxl.load_workbook(tmp_path / "monitoring-2024.xlsx").active
    assert [c.value for c in sheet[2]][:4] == ["身份证号", "姓名", "户号", "人员类别"]
    assert sheet["B3"].value == "戊" and sheet["A3"].data_type == "s"
    assert page.message.text() == f"已保存到 {tmp_path / 'monitoring-2024.xlsx'}"
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "monitoring-2024.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "因病致贫返贫监测名单" in text and "21000.00" in text and "2024-12-28" in text


def test_a_report_runs_off_the_gui_thread_and_can_be_cancelled(qtbot, page):
    choose(page, "ledger")
    with acting_while_it_runs():
        qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
        assert page.is_running() and page.cancel_button.isEnabled() and not page.run_button.isEnabled()
        qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    answered()
    assert not page.is_running() and page.message.text() == "已取消" and page.view is None
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    assert page.view is not None and page.model.texts()[-1][1] == "合计"


def test_unenrolled_takes_no_month(qtbot, page):
    choose(page, "unenrolled")
    assert not page.month.isEnabled() and not page.by.isVisible()
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    assert [(r[0], r[1], r[4], r[5]) for r in page.model.texts()] == [("灵溪镇", "南山村", "己", "低保对象"),
                                                                       ("龙港镇", "东湖村", "壬", "孤儿")]

"""The monthly report page: export a month's package off the GUI thread, read its manifest, check a package."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select
from windowkit import add_person

from windowdesk.adapters import sealed
from windowdesk.domain.case_json import parse_visit
from windowdesk.services.keys import key_id, set_county_key
from windowdesk.services.settlement import settle_visit
from windowdesk.store.models import ExportPackage
from windowdesk.domain.problems import Problem
from windowdesk.ui.messages import problem_text
from windowdesk.ui.pages.export_page import ExportPage, previous_month
from windowdesk.ui.operations import Desk

KEY = "00" * 32
STAY = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
        "admitted": "2024-03-01", "discharged": "2024-03-12", "diagnosis": "I63.9", "hospital": "龙港市人民医院",
        "total": "36000.00", "out_of_catalog": "1800.00", "partial_self_pay": "1200.00"}


@pytest.fixture
def march(window):
    """Two settlements recorded in March 2024, the county key set."""
    set_county_key(window.store, window.admin, key_hex=KEY)
    for name, day in (("张三", 12), ("李四", 20)):
        number = add_person(window.store, name=name)
        settle_visit(window.store, window.clerk, id_number=number, visit=parse_visit(STAY),
                     now=datetime(2024, 3, day, 10, 0))


@pytest.fixture
def page(qtbot, window):
    p = ExportPage(Desk(window.store, window.supervisor))
    qtbot.addWidget(p)
    p.show()
    return p


def click_and_wait(qtbot, page, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.is_running(), timeout=30_000)


def export_march(qtbot, page, folder, monkeypatch) -> None:
    page.period.setText("2024-03")
    monkeypatch.setattr(page, "ask_folder", lambda title, start: str(folder))
    qtbot.mouseClick(page.choose_out_button, Qt.MouseButton.LeftButton)
    click_and_wait(qtbot, page, page.export_button)


def test_export_writes_the_files_and_shows_the_manifest(qtbot, page, window, march, tmp_path, monkeypatch):
    folder = tmp_path / "上报"
    export_march(qtbot, page, folder, monkeypatch)

    assert page.message.text() == f"已导出 2024-03 月度数据包（第 1 号）到 {folder}"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert page.heading.text() == f"本次导出：窗口 LG-01 测试窗口　期间 2024-03　第 1 号　已签名（密钥指纹 {key_id(bytes(32))}）"
    rows = page.files_model.rows()
    assert [r[0] for r in rows] == [f["name"] for f in manifest["files"]] == [
        "settlements.csv.sealed", "settlements.xlsx.sealed", "enrollments.csv.sealed", "enrollments.xlsx.sealed",
        "monitoring.csv.sealed", "monitoring.xlsx.sealed"]
    assert rows[0][1:3] == ("结算明细", "2") and rows[2][1:3] == ("参保明细", "0")
    for name, _what, count, size, sha in rows:
        data = (folder / name).read_bytes()
        assert (size, sha) == (str(len(data)), hashlib.sha256(data).hexdigest()[:16])
    plain = sealed.unseal(sealed.derive(bytes.fromhex(KEY), sealed.PACKAGE_ENCRYPTION),
                          (folder / "settlements.csv.sealed").read_bytes())
    assert plain.decode("utf-8-sig").count("LG-01-0000000") == 2
    with window.store.reading() as session:
        [package] = session.execute(select(ExportPackage)).scalars().all()
    assert (package.period, package.created_by) == ("2024-03", "sup")
    assert page.package_dir.text() == str(folder)  # ready to be checked


def test_the_package_checks_then_an_altered_file_is_named_in_chinese(qtbot, page, march, tmp_path, monkeypatch):
    folder = tmp_path / "上报"
    export_march(qtbot, page, folder, monkeypatch)
    click_and_wait(qtbot, page, page.verify_button)
    assert page.message.text() == "校验通过：窗口 LG-01　期间 2024-03　第 1 号，文件与清单一致，签名有效"

    with open(folder / "settlements.csv.sealed", "ab") as handle:
        handle.write(b"extra\r\n")
    (folder / "monitoring.xlsx.sealed").unlink()
    page.package_dir.setText(str(folder))
    qtbot.keyClick(page.package_dir, Qt.Key.Key_Return)  # Enter in the folder field checks it
    qtbot.waitUntil(lambda: not page.is_running(), timeout=30_000)
    assert page.message.text() == ("校验未通过：\n· 文件 settlements.csv.sealed 与清单的 SHA-256 不符：文件被改动过\n"
                                   "· 缺少文件 monitoring.xlsx.sealed")


def test_a_manifest_signed_with_another_key_fails(qtbot, page, window, march, tmp_path, monkeypatch):
    folder = tmp_path / "上报"
    export_march(qtbot, page, folder, monkeypatch)
    set_county_key(window.store, window.admin, key_hex="11" * 32)
    click_and_wait(qtbot, page, page.verify_button)
    assert page.message.text().startswith("校验未通过：\n· 清单校验码（HMAC）不符：清单被改动过，或不是用本窗口的县级密钥签名的（数据包密钥 ")


def test_without_a_county_key_the_export_is_refused_in_chinese(qtbot, page, window, tmp_path, monkeypatch):
    export_march(qtbot, page, tmp_path / "上报", monkeypatch)
    assert page.message.text().startswith("未配置县级校验密钥")
    assert not (tmp_path / "上报").exists() and page.files_model.rows() == []


def test_a_bad_period_is_told_in_chinese(qtbot, page, march, tmp_path, monkeypatch):
    page.period.setText("2024-13")
    page.out_dir.setText(str(tmp_path))
    click_and_wait(qtbot, page, page.export_button)
    assert page.message.text() == "期间应为 年-月（如 2024-03），不是 2024-13"


def test_a_folder_that_does_not_exist_is_not_checked(qtbot, page, tmp_path):
    page.package_dir.setText(str(tmp_path / "无此文件夹"))
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    assert not page.is_running()
    assert page.message.text() == f"文件夹不存在：{tmp_path / '无此文件夹'}"


def test_defaults_and_wording():
    assert previous_month(date(2024, 1, 15)) == "2023-12"
    assert problem_text(Problem("package_manifest_missing", "manifest.json")) == "缺少数据包清单 manifest.json"
    # A code the catalogue does not know yet still reads as a sentence that names it.
    assert problem_text(Problem("something_new", "manifest.json")) == "输入有误：manifest.json (something_new)"


def test_the_current_month_is_exported_only_after_the_clerk_confirms(qtbot, page, march, tmp_path, monkeypatch):
    this_month = date.today().strftime("%Y-%m")
    asked = []
    monkeypatch.setattr(page, "confirm_unfinished", lambda period: asked.append(period) or False)
    page.period.setText(this_month)
    monkeypatch.setattr(page, "ask_folder", lambda title, start: str(tmp_path / "now"))
    qtbot.mouseClick(page.choose_out_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert asked == [this_month] and not page.is_running() and not (tmp_path / "now").exists()
    monkeypatch.setattr(page, "confirm_unfinished", lambda period: asked.append(period) or True)
    click_and_wait(qtbot, page, page.export_button)
    assert page.manifest["complete"] is False and page.manifest["as_of"] == date.today().isoformat()
    # A month that is over is not asked about.
    export_march(qtbot, page, tmp_path / "march", monkeypatch)
    assert asked == [this_month, this_month] and page.manifest["complete"] is True

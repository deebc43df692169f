"""The roster page driven as a supervisor and a clerk: choose a file, preview off the GUI thread, import, cancel."""

from __future__ import annotations

import csv
import threading
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from uikit import acting_while_it_runs

from windowdesk.domain.idnumber import make_valid, mask
from windowdesk.services import roster_stage
from windowdesk.store.models import AuditEntry, Membership, Person, RosterImport
from windowdesk.ui.pages.roster_page import RosterPage
from windowdesk.ui.operations import Desk

HEADER = ["身份证号", "姓名", "户编号", "与户主关系", "人员类别", "认定日期", "退出日期", "乡镇", "村", "联系电话"]
A = make_valid("330327", date(1961, 5, 2), "123")
B = make_valid("330327", date(1975, 8, 9), "124")
C = make_valid("330328", date(1950, 1, 1), "017")
D = make_valid("330381", date(1990, 1, 1), "001")
ROWS = [  # spreadsheet rows 2 to 5: the header is row 1
    [A, "张三", "H001", "户主", "低保", "2024-03-01", "", "城关镇", "东村", "13800000001"],
    [B, "李四", "H001", "配偶", "低保", "2024/3/1", "", "城关镇", "东村", ""],
    [D, "王五", "", "", "贫困户", "2024-03-01", "", "", "", ""],  # no such category label
    [C, "孙二", "", "", "脱贫人口", "2021年1月1日", "", "城关镇", "西村", ""],
]


def write_roster(path, rows) -> str:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return str(path)


def counts(page) -> dict[str, str]:
    return {key: label.text() for key, label in page.counts.items()}


def count(window, table) -> int:
    with window.store.reading() as session:
        return session.execute(select(func.count()).select_from(table)).scalar_one()


def make_page(qtbot, window, actor) -> RosterPage:
    page = RosterPage(Desk(window.store, actor))
    qtbot.addWidget(page)
    page.show()
    page.asked = []  # the confirmations of 导入, each answered yes
    page.confirm = lambda text: page.asked.append(text) or True
    return page


def run(qtbot, page, button) -> None:
    """Click as the clerk does, then let the worker finish (the GUI stays responsive meanwhile)."""
    with acting_while_it_runs():
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert page.is_running()
    qtbot.waitUntil(lambda: not page.is_running(), timeout=30_000)


@pytest.fixture
def roster_file(tmp_path) -> str:
    return write_roster(tmp_path / "花名册.csv", ROWS)


def test_preview_counts_then_import_writes_and_the_same_file_changes_nothing(qtbot, window, roster_file,
                                                                             monkeypatch):
    page = make_page(qtbot, window, window.supervisor)
    monkeypatch.setattr(page, "ask_file", lambda: roster_file)
    assert not page.apply_button.isEnabled()  # nothing to import before a preview
    qtbot.mouseClick(page.choose_button, Qt.MouseButton.LeftButton)
    assert page.path.text() == roster_file

    run(qtbot, page, page.preview_button)
    assert counts(page) == {"rows": "4", "added": "3", "changed": "0", "exited": "0", "unchanged": "0",
                            "invalid": "1"}
    [(row, masked, reason)] = page.invalid_model.rows()
    assert (row, masked) == ("4", mask(D)) and "贫困户" in reason and "人员类别" in reason
    assert page.heading.text().startswith("预览（未写入）：花名册.csv")
    # Who would be added, with the row and the masked number, not only how many.
    assert page.changes_model.rows() == [("新增", "2", "张三", mask(A), "低保对象"),
                                         ("新增", "3", "李四", mask(B), "低保对象"),
                                         ("新增", "5", "孙二", mask(C), "脱贫人口")]
    assert page.message.text() == "预览完成，尚未写入；核对无误后按“导入”"
    assert count(window, Person) == 0 and count(window, RosterImport) == 0  # a preview writes nothing
    assert page.apply_button.isEnabled()

    run(qtbot, page, page.apply_button)
    assert page.asked == ["确认导入 花名册.csv？\n新增 3，变更 0，退出 0；无效 1 行不导入。"]
    assert page.message.text() == "已导入：新增 3，变更 0，退出 0，未变 0；无效 1 行未导入"
    assert not page.apply_button.isEnabled()  # applied: another import needs another preview
    with window.store.reading() as session:
        stored = {(p.id_number, p.name, m.category, m.identified_on) for p, m in session.execute(
            select(Person, Membership).join(Membership, Membership.person_id == Person.id))}
        [imported] = session.execute(select(RosterImport)).scalars().all()
    assert stored == {(A, "张三", "dibao", date(2024, 3, 1)), (B, "李四", "dibao", date(2024, 3, 1)),
                      (C, "孙二", "registered_poor", date(2021, 1, 1))}
    assert (imported.applied, imported.imported_by, imported.added, imported.invalid) == (True, "sup", 3, 1)

    run(qtbot, page, page.preview_button)
    assert counts(page) == {"rows": "4", "added": "0", "changed": "0", "exited": "0", "unchanged": "3",
                            "invalid": "1"}
    assert page.message.text() == "与现有花名册相同，导入不会有任何变更"


def test_a_clerk_previews_but_may_not_import(qtbot, window, roster_file):
    page = make_page(qtbot, window, window.clerk)
    page.path.setText(roster_file)
    qtbot.keyClick(page.path, Qt.Key.Key_Return)  # Enter in the file field previews
    qtbot.waitUntil(lambda: not page.is_running(), timeout=30_000)
    assert counts(page)["added"] == "3"
    assert page.message.text() == "预览完成，尚未写入；导入需要审核员办理"
    assert not page.apply_button.isEnabled()
    assert page.role_hint.text() == "导入需要审核员权限，经办员可以预览"
    page.apply()  # even called directly, nothing is applied
    assert not page.is_running() and count(window, Person) == 0


def test_a_file_without_the_required_columns_is_refused_in_chinese(qtbot, window, tmp_path):
    path = tmp_path / "名单.csv"
    path.write_text("姓名,电话\n张三,138\n", encoding="utf-8")
    page = make_page(qtbot, window, window.supervisor)
    page.path.setText(str(path))
    run(qtbot, page, page.preview_button)
    assert page.message.text().startswith("名单.csv：")
    assert "身份证号" in page.message.text()
    assert not page.apply_button.isEnabled() and count(window, Person) == 0


def test_a_roster_file_changed_on_disk_after_its_preview_is_refused(qtbot, window, roster_file):
    page = make_page(qtbot, window, window.supervisor)
    page.path.setText(roster_file)
    run(qtbot, page, page.preview_button)
    write_roster(roster_file, ROWS[:1])  # another program saves the file between preview and import
    run(qtbot, page, page.apply_button)
    assert page.message.text().startswith("花名册文件 花名册.csv 在预览后已被修改")
    assert page.message.text().endswith("未导入：请重新预览")
    assert count(window, Person) == 0 and count(window, RosterImport) == 0


def test_editing_the_path_after_a_preview_asks_for_a_new_preview(qtbot, window, roster_file):
    page = make_page(qtbot, window, window.supervisor)
    page.path.setText(roster_file)
    run(qtbot, page, page.preview_button)
    assert page.apply_button.isEnabled()
    qtbot.keyClicks(page.path, "x")
    assert not page.apply_button.isEnabled()


def test_cancel_during_a_large_import_leaves_nothing_written(qtbot, window, tmp_path, monkeypatch):
    start = date(1950, 1, 1)
    rows = [[make_valid("330381", start + timedelta(days=i // 1000), f"{i % 1000:03d}"), f"人员{i}", f"H{i // 4}",
             "", "低保", "2024-03-01", "", "城关镇", "东村", ""] for i in range(20_000)]
    path = write_roster(tmp_path / "全县花名册.csv", rows)
    # The second chunk waits until 取消 was clicked, so the cancel lands mid-file whatever the machine's speed.
    clicked = threading.Event()
    chunks: list[int] = []

    class GatedCleaner(roster_stage.ChunkCleaner):
        def __call__(self, numbers, chunk):
            chunks.append(len(chunk))
            if len(chunks) == 2:
                assert clicked.wait(20)
            return super().__call__(numbers, chunk)

    monkeypatch.setattr(roster_stage, "ChunkCleaner", GatedCleaner)
    audit_before = count(window, AuditEntry)
    page = make_page(qtbot, window, window.supervisor)
    page.path.setText(path)
    page._previewed = path  # as after a preview of this file (previewing 20,000 rows is not what is tested)
    page._set_running(False)
    assert page.apply_button.isEnabled()

    with acting_while_it_runs():
        qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.progress_text.text() == "已读取 5000 行", timeout=30_000)
        assert page.progress.isVisible() and page.cancel_button.isEnabled()
        assert not page.preview_button.isEnabled()
        qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    clicked.set()
    qtbot.waitUntil(lambda: not page.is_running(), timeout=30_000)

    assert page.message.text() == "已取消，未写入任何数据"
    assert chunks == [5000, 5000]  # stopped at the second chunk's report: rows 10,001 on never read
    assert (count(window, Person), count(window, Membership), count(window, RosterImport)) == (0, 0, 0)
    assert count(window, AuditEntry) == audit_before
    assert not page.progress.isVisible() and page.preview_button.isEnabled()


def test_cancel_after_the_file_is_read_still_writes_nothing(qtbot, window, tmp_path, monkeypatch):
    """取消 while the rows are being written (SQL, no chunk reports): honoured at the next step."""
    path = write_roster(tmp_path / "r.csv", ROWS)
    clicked, writing = threading.Event(), threading.Event()
    apply = roster_stage.Stage.apply

    def gated_apply(stage, diff, now):
        writing.set()
        assert clicked.wait(20)
        apply(stage, diff, now)

    monkeypatch.setattr(roster_stage.Stage, "apply", gated_apply)
    page = make_page(qtbot, window, window.supervisor)
    page.path.setText(path)
    page._previewed = path
    page._set_running(False)
    with acting_while_it_runs():
        qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(writing.is_set, timeout=30_000)
        qtbot.waitUntil(lambda: page.progress_text.text() == "正在写入花名册…", timeout=30_000)
        qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    clicked.set()
    qtbot.waitUntil(lambda: not page.is_running(), timeout=30_000)
    assert page.message.text() == "已取消，未写入任何数据"
    assert (count(window, Person), count(window, Membership), count(window, RosterImport)) == (0, 0, 0)


def test_closing_the_window_cancels_a_running_import(qtbot, window, tmp_path, monkeypatch):
    """Closing the main window mid-import cancels it (the import rolls back) instead of leaving it to commit."""
    from windowdesk.ui.main_window import MainWindow

    rows = [[make_valid("330381", date(1950, 1, 1) + timedelta(days=i // 1000), f"{i % 1000:03d}"), f"人员{i}",
             f"H{i // 4}", "", "低保", "2024-03-01", "", "城关镇", "东村", ""] for i in range(20_000)]
    path = write_roster(tmp_path / "全县花名册.csv", rows)
    release = threading.Event()
    chunks: list[int] = []

    class GatedCleaner(roster_stage.ChunkCleaner):
        def __call__(self, numbers, chunk):
            chunks.append(len(chunk))
            if len(chunks) == 2:  # hold the import mid-file until the window is being closed
                assert release.wait(20)
            return super().__call__(numbers, chunk)

    monkeypatch.setattr(roster_stage, "ChunkCleaner", GatedCleaner)
    main = MainWindow(Desk(window.store, window.supervisor))
    qtbot.addWidget(main)
    page = main.roster_page
    page.path.setText(path)
    page._previewed = path
    page._set_running(False)
    page.apply()
    qtbot.waitUntil(lambda: len(chunks) == 2, timeout=30_000)
    task = page._task
    threading.Timer(0.2, release.set).start()  # let the held chunk go while close() waits for the worker
    main.close()

    assert task.wait(30)  # finished either way; only a cancelled import leaves nothing behind
    assert (count(window, Person), count(window, Membership), count(window, RosterImport)) == (0, 0, 0)

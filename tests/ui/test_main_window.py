"""The shell: status bar, page shortcuts, quitting, and starting through ui.app.main."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from uikit import answered
from windowkit import PASSWORD, add_person

from windowdesk.ui import app as ui_app
from windowdesk.ui.login_dialog import LoginDialog
from windowdesk.ui.main_window import MainWindow
from windowdesk.ui.operations import Desk


@pytest.fixture
def main_window(qtbot, window):
    w = MainWindow(Desk(window.store, window.clerk))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_status_bar_names_window_policy_and_user(main_window):
    answered()  # the status bar's figures come through an op
    assert main_window.window_label.text() == "窗口 LG-01 测试窗口"
    assert main_window.policy_label.text() == "政策：龙港市 医保纾困·携手共富 2022"
    assert main_window.user_label.text() == "经办员：clerk"


def test_function_keys_switch_pages_and_the_id_field_takes_the_keyboard(qtbot, main_window):
    assert main_window.current_page() is main_window.settlement_page
    qtbot.keyClick(main_window.settlement_page.id_number, Qt.Key.Key_F3)
    assert main_window.current_page() is main_window.enrollment_page
    assert main_window.enrollment_page.id_number.hasFocus()
    qtbot.keyClick(main_window.enrollment_page.id_number, Qt.Key.Key_F5)
    assert main_window.current_page() is main_window.person_page
    qtbot.keyClick(main_window.person_page.query, Qt.Key.Key_F2)
    assert main_window.current_page() is main_window.settlement_page
    assert main_window.settlement_page.id_number.hasFocus()


def test_navigation_list_switches_pages(main_window):
    main_window.nav.setCurrentRow(1)
    assert main_window.current_page() is main_window.enrollment_page


def test_ctrl_q_closes_the_window(qtbot, main_window):
    qtbot.keyClick(main_window.settlement_page.id_number, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not main_window.isVisible()


def test_person_page_finds_by_name_prefix_and_shows_records(qtbot, main_window, window):
    number = add_person(window.store, name="赵六", diseases=("E11",))
    page = main_window.person_page
    page.query.setText("赵")
    qtbot.keyClick(page.query, Qt.Key.Key_Return)
    assert page.labels["id_number"].text() == number  # the one name that matches opens at once
    assert page.query.text() == number and page.lookup.hits.isHidden()
    assert page.memberships_model.rows() == [("低保对象", "2020-01-01", "—")]
    assert page.enrollments_model.rows() == [("2024", "低保对象", "600.00", "0.00", "2024-01-01 至 2024-12-31",
                                              f"TEST-{number}")]
    assert page.diseases_model.rows() == [("E11", "—", "2020-01-01", "—")]  # 慢特病认定


def test_person_page_keeps_the_names_to_look_at_one_after_another(qtbot, main_window, window):
    first = add_person(window.store, name="赵六")
    second = add_person(window.store, name="赵七")
    qtbot.keyClick(main_window.settlement_page.id_number, Qt.Key.Key_F5)
    page = main_window.person_page
    assert main_window.current_page() is page
    page.query.setText("赵")
    qtbot.keyClick(page.query, Qt.Key.Key_Return)
    lookup = page.lookup
    qtbot.keyClick(lookup.hits, Qt.Key.Key_Return)  # names in order: 七 (U+4E03) before 六 (U+516D)
    assert page.labels["name"].text() == "赵七" and page.labels["id_number"].text() == second
    assert lookup.hits.isVisible() and lookup.hits_model.rowCount() == 2
    qtbot.keyClick(lookup.hits, Qt.Key.Key_Down)
    qtbot.keyClick(lookup.hits, Qt.Key.Key_Return)
    assert page.labels["id_number"].text() == first


def test_person_page_says_when_no_name_matches(qtbot, main_window):
    page = main_window.person_page
    page.query.setText("钱")
    qtbot.keyClick(page.query, Qt.Key.Key_Return)
    assert page.message.text() == "没有姓名以“钱”开头的人员"


# --- ui.app.main: the start as `windowdesk` with no command runs it


def test_login_then_the_main_window(monkeypatch, window):
    def fake_exec(dialog: LoginDialog) -> int:
        dialog.user_edit.setText("sup")
        dialog.password_edit.setText(PASSWORD)
        dialog.submit()
        answered()
        return dialog.result()

    shown: list[MainWindow] = []

    def fake_loop(app) -> int:
        shown.extend(w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        for w in shown:
            w.close()
        return 0

    monkeypatch.setattr(LoginDialog, "exec", fake_exec)
    monkeypatch.setattr(ui_app, "run_event_loop", fake_loop)
    assert ui_app.main(window.path) == 0
    assert len(shown) == 1 and shown[0].user_label.text() == "审核员：sup"


def test_cancelled_login_ends_without_a_window(monkeypatch, window):
    monkeypatch.setattr(LoginDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(ui_app, "run_event_loop", lambda app: pytest.fail("no event loop without a login"))
    assert ui_app.main(window.path) == 0

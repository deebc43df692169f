"""The shell: status bar, page shortcuts, quitting, and starting through ui.app.main."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from uikit import answered
from windowkit import PASSWORD, add_person, make_window

from windowdesk.resources import resources_dir
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
    assert page.diseases_model.rows() == [("E11", "糖尿病胰岛素治疗", "2020-01-01", "—")]  # 慢特病认定, named as the preset names it


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


def start_as(monkeypatch, path: str, user: str) -> list[MainWindow]:
    """`windowdesk` started on `path` with `user` logging in; the main windows shown (closed again)."""
    def fake_exec(dialog: LoginDialog) -> int:
        dialog.user_edit.setText(user)
        dialog.password_edit.setText(PASSWORD)
        dialog.submit()
        answered()
        return dialog.result()

    shown: list[MainWindow] = []

    def fake_loop(app) -> int:
        answered()  # what the start left on a pool thread (the day's backup) ends meanwhile
        shown.extend(w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        for w in shown:
            w.close()
        return 0

    monkeypatch.setattr(LoginDialog, "exec", fake_exec)
    monkeypatch.setattr(ui_app, "run_event_loop", fake_loop)
    assert ui_app.main(path) == 0
    return shown


def test_login_then_the_main_window(monkeypatch, window):
    shown = start_as(monkeypatch, window.path, "sup")
    assert len(shown) == 1 and shown[0].user_label.text() == "审核员：sup"


def test_cancelled_login_ends_without_a_window(monkeypatch, window):
    monkeypatch.setattr(LoginDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(ui_app, "run_event_loop", lambda app: pytest.fail("no event loop without a login"))
    assert ui_app.main(window.path) == 0


def test_login_makes_the_days_backup_off_the_gui_thread(monkeypatch, window):
    shown = start_as(monkeypatch, window.path, "clerk")
    today = Path(window.path).parent / "backups" / f"windowdesk-{date.today().isoformat()}.sqlite"
    assert today.is_file()
    assert shown[0].backup_label.text().startswith(f"上次备份：{date.today().isoformat()} ")
    assert (Path(window.path).parent / "logs" / "windowdesk.log").is_file()


# --- the policy banner and the last backup


def policy_ending_on(tmp_path, last_day: date) -> str:
    """The demo policy with its period ending on `last_day` (a file of the test's own)."""
    text = (resources_dir() / "demo" / "demo-longgang-2026.toml").read_text(encoding="utf-8")
    text = text.replace("effective_to = 2027-12-31", f"effective_to = {last_day.isoformat()}")
    path = tmp_path / "ending.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def opened(qtbot, window, role: str) -> MainWindow:
    w = MainWindow(Desk(window.store, getattr(window, role)))
    qtbot.addWidget(w)
    w.show()
    answered()
    return w


def test_the_banner_names_the_day_an_ended_policy_ended(qtbot, window):
    w = opened(qtbot, window, "clerk")  # longgang-2022 ended on 2025-12-31
    assert w.banner.isVisible()
    assert w.banner.text() == ("当前政策“龙港市 医保纾困·携手共富 2022”已于 2025-12-31 结束：结算将被拒绝，"
                               "请换用本年度的政策（请联系管理员更换政策）")


def test_the_banner_warns_of_a_policy_ending_within_30_days(qtbot, tmp_path):
    last = date.today() + timedelta(days=12)
    w_db = make_window(tmp_path, policy=policy_ending_on(tmp_path, last), window_id="END-01")
    try:
        w = opened(qtbot, w_db, "admin")
        assert w.banner.isVisible()
        assert w.banner.text() == (f"当前政策“演示政策（龙港规则）2026”将于 {last.isoformat()} 结束（30 天内），"
                                   "请及时换用新政策（在“设置”页更换政策）")
    finally:
        w_db.store.engine.dispose()


def test_no_banner_while_the_policy_is_in_force(qtbot, tmp_path):
    w_db = make_window(tmp_path, policy=str(resources_dir() / "demo" / "demo-longgang-2026.toml"), window_id="DEMO-02")
    try:
        w = opened(qtbot, w_db, "clerk")
        assert not w.banner.isVisible() and w.banner.text() == ""
    finally:
        w_db.store.engine.dispose()


def test_the_status_bar_says_when_the_last_backup_was_made(qtbot, window):
    w = opened(qtbot, window, "clerk")
    assert w.backup_label.text() == "尚未备份"
    w.start_daily_backup()
    answered()  # the backup, then the status bar's refresh it set off
    answered()
    assert w.backup_label.text().startswith(f"上次备份：{date.today().isoformat()} ")


def test_the_language_set_on_the_settings_page_opens_the_window(monkeypatch, window, qapp):
    from windowdesk.services.settings import change_settings
    from windowdesk.ui import language

    change_settings(window.store, window.admin, {"language": "en"})
    titles: list[str] = []
    monkeypatch.setattr(LoginDialog, "exec", lambda dialog: titles.append(dialog.windowTitle()) or 0)
    try:
        assert ui_app.main(window.path) == 0
        assert language.current() == language.ENGLISH and titles and not titles[0].startswith("登录")
    finally:
        language.install(qapp, language.CHINESE)

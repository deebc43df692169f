"""The users page (admin) and each user's own password: disable, enable, reset, add; errors at the field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from uikit import answered, desk
from windowkit import PASSWORD

from windowdesk.services import auth
from windowdesk.services.errors import AuthError
from windowdesk.ui.main_window import MainWindow
from windowdesk.ui.pages.users_page import UsersPage

NEW_PASSWORD = "Lupu-window-77"


@pytest.fixture
def page(qtbot, window):
    p = UsersPage(desk(window, "admin"))
    qtbot.addWidget(p)
    p.show()
    answered()
    return p


def states(page) -> dict[str, str]:
    return {row[0]: row[2] for row in page.model.rows()}


def can_log_in(window, name: str, password: str = PASSWORD) -> bool:
    try:
        auth.authenticate(window.store, name, password)
        return True
    except AuthError:
        return False


def dialog_answers(page, fill):
    """run_dialog as the admin fills the dialog and presses OK: `fill(dialog)` types, then Enter submits."""
    def run(dialog) -> bool:
        dialog.show()
        fill(dialog)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        answered()
        accepted = dialog.result() == dialog.DialogCode.Accepted
        page.last_dialog = dialog
        return accepted
    return run


def test_users_are_listed_with_role_and_state(page):
    assert page.model.rows()[0][:3] == ("admin", "管理员", "正常")
    assert states(page) == {"admin": "正常", "clerk": "正常", "sup": "正常"}
    assert not page.toggle_button.isEnabled()  # nobody selected


def test_disable_then_enable_a_user(qtbot, page, window, monkeypatch):
    asked: list[str] = []
    monkeypatch.setattr(page, "confirm", lambda text: asked.append(text) or True)
    page.select("clerk")
    assert page.toggle_button.text() == "停用"
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)
    answered()
    assert asked and "clerk" in asked[0]
    assert states(page)["clerk"] == "已停用" and page.message.text() == "已停用用户 clerk"
    assert not can_log_in(window, "clerk")
    assert page.selected_name() == "clerk" and page.toggle_button.text() == "启用"
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)
    answered()
    assert states(page)["clerk"] == "正常" and can_log_in(window, "clerk")


def test_declining_keeps_the_user_active(qtbot, page, window, monkeypatch):
    monkeypatch.setattr(page, "confirm", lambda text: False)
    page.select("sup")
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)
    assert states(page)["sup"] == "正常" and can_log_in(window, "sup")


def test_the_last_admin_cannot_be_disabled(qtbot, page, monkeypatch):
    monkeypatch.setattr(page, "confirm", lambda text: True)
    page.select("admin")
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)
    answered()
    assert states(page)["admin"] == "正常" and "admin" in page.message.text()


def test_reset_a_password(qtbot, page, window, monkeypatch):
    def fill(dialog):
        qtbot.keyClicks(dialog.password, NEW_PASSWORD)
        qtbot.keyClicks(dialog.again, NEW_PASSWORD)

    monkeypatch.setattr(page, "run_dialog", dialog_answers(page, fill))
    page.select("clerk")
    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "已重置 clerk 的密码"
    assert can_log_in(window, "clerk", NEW_PASSWORD) and not can_log_in(window, "clerk")


def test_a_weak_new_password_is_said_at_its_field(qtbot, page, window, monkeypatch):
    def fill(dialog):
        qtbot.keyClicks(dialog.password, "short")
        qtbot.keyClicks(dialog.again, "short")

    monkeypatch.setattr(page, "run_dialog", dialog_answers(page, fill))
    page.select("clerk")
    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert dialog.errors.text(dialog.password) == "密码至少 8 位" and dialog.isVisible()
    assert can_log_in(window, "clerk")
    dialog.reject()


def test_add_a_user(qtbot, page, window, monkeypatch):
    def fill(dialog):
        qtbot.keyClicks(dialog.name, "clerk2")
        dialog.role.setCurrentIndex(dialog.role.findData("supervisor"))
        qtbot.keyClicks(dialog.password, NEW_PASSWORD)
        qtbot.keyClicks(dialog.again, NEW_PASSWORD + "x")

    monkeypatch.setattr(page, "run_dialog", dialog_answers(page, fill))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert dialog.errors.text(dialog.again) == "两次输入的密码不一致"  # said before anything is sent
    dialog.again.clear()
    qtbot.keyClicks(dialog.again, NEW_PASSWORD)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    answered()
    assert dialog.result() == dialog.DialogCode.Accepted
    page.refresh()
    answered()
    assert ("clerk2", "审核员", "正常") in [row[:3] for row in page.model.rows()]
    assert can_log_in(window, "clerk2", NEW_PASSWORD)


def test_each_user_changes_their_own_password(qtbot, window, monkeypatch):
    main = MainWindow(desk(window, "clerk"))
    qtbot.addWidget(main)
    answered()
    seen: list = []

    def run(dialog) -> bool:
        dialog.show()
        qtbot.keyClicks(dialog.current, "wrong-password")
        qtbot.keyClicks(dialog.password, NEW_PASSWORD)
        qtbot.keyClicks(dialog.again, NEW_PASSWORD)
        qtbot.keyClick(dialog.again, Qt.Key.Key_Return)  # Enter is OK
        seen.append(dialog.errors.text(dialog.current))
        dialog.current.clear()
        qtbot.keyClicks(dialog.current, PASSWORD)
        qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(main, "run_dialog", run)
    main.password_action.trigger()
    assert seen == ["用户名或密码错误"]
    assert can_log_in(window, "clerk", NEW_PASSWORD) and not can_log_in(window, "clerk")

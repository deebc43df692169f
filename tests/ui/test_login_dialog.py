"""Logging in at the window: Enter submits once, wrong passwords are told in Chinese, five lock the account."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import select
from windowkit import PASSWORD

from windowdesk.services.auth import Actor
from windowdesk.store.models import User
from windowdesk.ui.login_dialog import LoginDialog


@pytest.fixture
def dialog(qtbot, window):
    d = LoginDialog(window.store)
    qtbot.addWidget(d)
    d.show()
    return d


def log_in(qtbot, dialog, user: str, password: str) -> None:
    dialog.user_edit.clear()
    qtbot.keyClicks(dialog.user_edit, user)
    qtbot.keyClick(dialog.user_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.password_edit, password)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)


def failures(window, name: str) -> int:
    with window.store.reading() as session:
        return session.execute(select(User.failed_logins).where(User.name == name)).scalar_one()


def test_right_password_and_enter_log_in(qtbot, dialog):
    log_in(qtbot, dialog, "clerk", PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor == Actor("clerk", "clerk")


def test_wrong_password_is_told_in_chinese_counted_once_and_cleared(qtbot, dialog, window):
    log_in(qtbot, dialog, "clerk", "not-the-password")
    assert dialog.message.text() == "用户名或密码错误"
    assert dialog.actor is None and dialog.isVisible()
    assert dialog.password_edit.text() == "" and dialog.password_edit.hasFocus()
    assert failures(window, "clerk") == 1  # one Enter, one attempt


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(qtbot, dialog):
    for _ in range(4):
        log_in(qtbot, dialog, "clerk", "wrong-password")
        assert dialog.message.text() == "用户名或密码错误"
    log_in(qtbot, dialog, "clerk", "wrong-password")
    assert dialog.message.text() == "用户名或密码错误，账户已锁定 15 分钟"
    log_in(qtbot, dialog, "clerk", PASSWORD)
    assert dialog.message.text().startswith("密码连续错误 5 次，账户锁定至 ")
    assert dialog.actor is None and dialog.result() != QDialog.DialogCode.Accepted


def test_an_empty_user_name_is_asked_for_without_counting(qtbot, dialog, window):
    qtbot.keyClicks(dialog.password_edit, "whatever")
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.message.text() == "请输入用户名"
    assert failures(window, "clerk") == 0

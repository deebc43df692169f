"""Login: user name and password checked by services.auth (lockout after 5 wrong passwords)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..services import auth
from ..services.errors import AuthError
from . import ops
from .messages import error_text


class LoginDialog(QDialog):
    """Accepted with `actor` set once the password is right; Enter submits."""

    def __init__(self, store: object, parent: QWidget | None = None, *, user: str = ""):
        super().__init__(parent)
        self._store = store
        self.actor: auth.Actor | None = None
        self.setWindowTitle(self.tr("登录 - 一站式结算窗口"))
        self.user_edit = QLineEdit(user)
        self.user_edit.setObjectName("user")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.login_button = QPushButton(self.tr("登录"))
        self.quit_button = QPushButton(self.tr("退出"))
        for button in (self.login_button, self.quit_button):
            # Enter is handled once, by the line edits. A default button (QDialogButtonBox makes one when
            # shown) would submit a second time, since QLineEdit passes Return on: one wrong password
            # would count twice.
            button.setAutoDefault(False)
            button.setDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.login_button)
        buttons.addWidget(self.quit_button)

        form = QFormLayout()
        form.addRow(self.tr("用户名"), self.user_edit)
        form.addRow(self.tr("密码"), self.password_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setMinimumWidth(340)
        (self.password_edit if user else self.user_edit).setFocus()
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.login_button.clicked.connect(self.submit)
        self.quit_button.clicked.connect(self.reject)
        self.user_edit.returnPressed.connect(self.password_edit.setFocus)
        self.password_edit.returnPressed.connect(self.submit)

    def submit(self) -> None:
        if not self.login_button.isEnabled():
            return  # an attempt is being checked
        name = self.user_edit.text().strip()
        if not name:
            self.message.setText(self.tr("请输入用户名"))
            self.user_edit.setFocus()
            return
        self.login_button.setEnabled(False)  # one attempt at a time: the password hash takes a moment
        ops.window.sign_in(self._store, name=name, password=self.password_edit.text()).success(
            self._signed_in).failure(self._refused).run(self)

    def _signed_in(self, actor: auth.Actor) -> None:
        self.login_button.setEnabled(True)
        self.actor = actor
        self.message.clear()
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.login_button.setEnabled(True)
        self.message.setText(error_text(exc))
        if isinstance(exc, AuthError):
            self.password_edit.clear()
            self.password_edit.setFocus()

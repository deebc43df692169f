"""The dialogs that take a password (services.users through ui/ops): a new user, an admin's reset of one, and
each user's own change. The password is typed twice; errors at the field; Enter goes on, Escape cancels."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.problems import Refusal
from ..services.auth import ROLES
from . import labels, ops
from .field_errors import FieldErrors
from .messages import error_text, problems_text, show
from .operations import CollectionOp, Desk


def _password_field() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class PasswordDialog(QDialog):
    """What the three share: the form, the error lines, the two new-password fields and the running op."""

    def __init__(self, desk: Desk, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle(title)
        self.errors = FieldErrors()
        self.form = QFormLayout()
        self.password = _password_field()
        self.again = _password_field()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)
        self._running = False

    def add_password_rows(self, label: str) -> None:
        self.form.addRow(label, self.errors.at(self.password))
        self.form.addRow(self.tr("再次输入新密码"), self.errors.at(self.again))

    def fields(self) -> dict[str, QWidget]:
        """A refusal's field -> the widget it is said at."""
        return {"password": self.password, "new_password": self.password, "password_again": self.again}

    def op(self) -> CollectionOp:
        raise NotImplementedError

    def submit(self) -> None:
        if self._running:
            return
        self.errors.clear()
        self.message.clear()
        if self.password.text() != self.again.text():
            self.errors.set(self.again, self.tr("两次输入的密码不一致"))
            self.again.setFocus()
            return
        self._running = True
        self.op().success(self._done).failure(self._refused).run(self)

    def _done(self, result) -> None:
        self._running = False
        self.result_value = result
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self._running = False
        fields = self.fields()
        shown = False
        if isinstance(exc, Refusal):
            for problem in exc.problems:
                widget = fields.get(problem.field)
                if widget is not None:
                    self.errors.set(widget, problems_text([problem]))
                    shown = True
        if not shown:
            show(self.message, error_text(exc), error=True)
        first = self.errors.first_bad()
        if first is not None:
            first.setFocus()


class AddUserDialog(PasswordDialog):
    def __init__(self, desk: Desk, parent: QWidget | None = None):
        super().__init__(desk, self.tr("添加用户"), parent)
        self.name = QLineEdit()
        self.name.setMaxLength(64)
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(labels.role(role), role)
        self.form.addRow(self.tr("用户名"), self.errors.at(self.name))
        self.form.addRow(self.tr("角色"), self.role)
        self.add_password_rows(self.tr("密码"))
        self.name.setFocus()

    def fields(self) -> dict[str, QWidget]:
        return {**super().fields(), "name": self.name, "role": self.role}

    def op(self) -> CollectionOp:
        return ops.users.add(self.desk, name=self.name.text().strip(), role=self.role.currentData(),
                             password=self.password.text())


class ResetPasswordDialog(PasswordDialog):
    def __init__(self, desk: Desk, user: str, parent: QWidget | None = None):
        super().__init__(desk, self.tr("重置密码"), parent)
        self.user = user
        self.form.addRow(self.tr("用户"), QLabel(user))
        self.add_password_rows(self.tr("新密码"))
        self.form.addRow(QLabel(self.tr("请把新密码告诉该用户，并请其登录后修改。")))
        self.password.setFocus()

    def op(self) -> CollectionOp:
        return ops.users.reset_password(self.desk, self.user, self.password.text())


class ChangeOwnPasswordDialog(PasswordDialog):
    def __init__(self, desk: Desk, parent: QWidget | None = None):
        super().__init__(desk, self.tr("修改我的密码"), parent)
        self.current = _password_field()
        self.form.addRow(self.tr("用户"), QLabel(desk.actor.name))
        self.form.addRow(self.tr("当前密码"), self.errors.at(self.current))
        self.add_password_rows(self.tr("新密码"))
        self.current.setFocus()

    def fields(self) -> dict[str, QWidget]:
        # A wrong current password is refused at "password": that is the current one here.
        return {"password": self.current, "current_password": self.current, "new_password": self.password,
                "password_again": self.again}

    def op(self) -> CollectionOp:
        return ops.users.change_own_password(self.desk, current=self.current.text(), new=self.password.text())

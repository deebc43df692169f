"""用户 (admin): every user with role and state; add one, disable or enable one (a disabled user cannot log in
and stays in the audit trail), reset a password (services.users through ui/ops)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from .. import labels, ops
from ..confirm import confirm
from ..models.text_table_model import TextTableModel
from ..operations import Desk, tasks
from ..password_dialogs import AddUserDialog, ResetPasswordDialog
from ..table_view import read_only_table
from .base import DeskPage


class UsersPage(DeskPage):
    def __init__(self, desk: Desk, parent: QWidget | None = None):
        super().__init__(desk, parent)
        self.users: list[dict] = []
        self.model = TextTableModel([self.tr("用户名"), self.tr("角色"), self.tr("状态"), self.tr("创建时间")])
        self.table = read_only_table(self.model)
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        self.first_field = self.table
        self.add_button = QPushButton(self.tr("添加用户…"))
        self.toggle_button = QPushButton(self.tr("停用"))
        self.reset_button = QPushButton(self.tr("重置密码…"))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.toggle_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.add_button.clicked.connect(self.add_user)
        self.toggle_button.clicked.connect(self.toggle_selected)
        self.reset_button.clicked.connect(self.reset_selected)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(lambda _index: self.reset_selected())
        tasks().changed.connect(self._changed)
        self._selection_changed()
        self.refresh()

    def refresh(self, keep: str | None = None) -> None:
        keep = keep if keep is not None else self.selected_name()
        ops.users.listing(self.desk).success(lambda users: self._show(users, keep)).failure(self.failed).run(self)

    def _changed(self, kinds: frozenset[str]) -> None:
        if ops.users.USERS in kinds:
            self.refresh()

    def _show(self, users: list[dict], keep: str | None) -> None:
        self.users = users
        self.model.set_rows([(u["name"], labels.role(u["role"]), self.state(u), u["created_at"]) for u in users])
        names = [u["name"] for u in users]
        if keep in names:
            self.table.selectRow(names.index(keep))
        self._selection_changed()

    def state(self, user: dict) -> str:
        if not user["active"]:
            return self.tr("已停用")
        if user["locked_until"]:
            return self.tr("锁定至 {0}").format(user["locked_until"])
        return self.tr("正常")

    def selected(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        return self.users[rows[0].row()] if rows and rows[0].row() < len(self.users) else None

    def selected_name(self) -> str | None:
        user = self.selected()
        return user["name"] if user else None

    def select(self, name: str) -> None:
        self.table.selectRow([u["name"] for u in self.users].index(name))

    def _selection_changed(self, *_args) -> None:
        user = self.selected()
        self.toggle_button.setEnabled(user is not None)
        self.reset_button.setEnabled(user is not None)
        # 启用 also ends a lock: a locked user is enabled again at once.
        self.toggle_button.setText(self.tr("停用") if user is None or (user["active"] and not user["locked_until"])
                                   else self.tr("启用"))

    # The points where a person answers; tests replace them.
    def confirm(self, text: str) -> bool:
        return confirm(self, self.tr("停用用户"), text, self.tr("确认停用"))

    def run_dialog(self, dialog) -> bool:
        try:
            return dialog.exec() == dialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def add_user(self) -> None:
        dialog = AddUserDialog(self.desk, self)
        if self.run_dialog(dialog):
            name = dialog.name.text().strip()
            self.say(self.tr("已添加用户 {0}").format(name))
            self.refresh(keep=name)

    def toggle_selected(self) -> None:
        user = self.selected()
        if user is None:
            return
        name = user["name"]
        if user["active"] and not user["locked_until"]:
            if not self.confirm(self.tr("确认停用用户 {0}？停用后该用户不能登录，其办理的业务和审计记录保留。")
                                .format(name)):
                return
            ops.users.disable(self.desk, name).success(
                lambda _r: self.say(self.tr("已停用用户 {0}").format(name))).failure(self.failed).run(self)
        else:
            ops.users.enable(self.desk, name).success(
                lambda _r: self.say(self.tr("已启用用户 {0}").format(name))).failure(self.failed).run(self)

    def reset_selected(self) -> None:
        user = self.selected()
        if user is None:
            return
        if self.run_dialog(ResetPasswordDialog(self.desk, user["name"], self)):
            self.say(self.tr("已重置 {0} 的密码").format(user["name"]))

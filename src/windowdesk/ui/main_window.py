"""The main window: pages on the left (F2 结算, F3 参保, F4 票据, F5 查询, F6 花名册, F7 日结, F8 作废, F9 上报, F10 报表,
F11 设置, F12 用户), each user's own password in the 账户 menu,
who and where and the last backup in the status bar, a banner above the pages while the policy has ended or ends
within 30 days. A page is listed only for the roles that may use it (the services check roles anyway)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from . import labels, ops, policy_words
from .messages import error_text
from .operations import Desk, tasks
from .password_dialogs import ChangeOwnPasswordDialog
from .pages.closing_page import ClosingPage
from .pages.enrollment_page import EnrollmentPage
from .pages.export_page import ExportPage
from .pages.person_page import PersonPage
from .pages.records_page import RecordsPage
from .pages.reports_page import ReportsPage
from .pages.roster_page import RosterPage
from .pages.settings_page import SettingsPage
from .pages.settlement_page import SettlementPage
from .pages.users_page import UsersPage
from .pages.void_page import VoidPage
from .roles import may

BANNER_STYLE = "QLabel { background: #fff3cd; color: #8a1c00; font-weight: bold; padding: 6px 10px; }"
BANNER_TEXT_STYLE = "color: #b00020;"


class MainWindow(QMainWindow):
    def __init__(self, desk: Desk, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        self.actor = actor = desk.actor
        self.setWindowTitle(self.tr("一站式结算窗口"))
        self.settlement_page = SettlementPage(desk)
        self.enrollment_page = EnrollmentPage(desk)
        self.person_page = PersonPage(desk)
        self.records_page = RecordsPage(desk)  # a clerk finds and reprints; a supervisor voids there too
        self.roster_page = RosterPage(desk)  # a clerk previews, a supervisor imports
        self.closing_page = ClosingPage(desk)
        supervising = may(actor, "supervisor")
        self.void_page = VoidPage(desk) if supervising else None
        self.export_page = ExportPage(desk) if supervising else None
        self.reports_page = ReportsPage(desk) if supervising else None
        administering = may(actor, "admin")
        self.settings_page = SettingsPage(desk) if administering else None
        self.users_page = UsersPage(desk) if administering else None
        # (page, title, shortcut): the order of the navigation list
        self._pages = [(self.settlement_page, self.tr("结算"), "F2"),
                       (self.enrollment_page, self.tr("参保"), "F3"),
                       (self.records_page, self.tr("票据"), "F4"),
                       (self.person_page, self.tr("查询"), "F5"),
                       (self.roster_page, self.tr("花名册"), "F6"),
                       (self.closing_page, self.tr("日结"), "F7")]
        if supervising:
            self._pages += [(self.void_page, self.tr("作废"), "F8"),
                            (self.export_page, self.tr("上报"), "F9"),
                            (self.reports_page, self.tr("报表"), "F10")]
        if administering:
            self._pages += [(self.settings_page, self.tr("设置"), "F11"),
                            (self.users_page, self.tr("用户"), "F12")]
        self.nav = QListWidget()
        self.nav.setStyleSheet("QListWidget { font-size: 12pt; } QListWidget::item { padding: 8px; }")
        self.stack = QStackedWidget()
        self.page_actions: list[QAction] = []
        menu = self.menuBar().addMenu(self.tr("业务(&B)"))
        for page, title, key in self._pages:
            self.nav.addItem(QListWidgetItem(f"{title}  {key}"))
            self.stack.addWidget(page)
            action = QAction(title, self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            menu.addAction(action)
            self.page_actions.append(action)
        # 130 pixels fit the Chinese titles; a translation may need more ("Day-end closing  F7").
        self.nav.setFixedWidth(max(130, self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 4))
        menu.addSeparator()
        self.quit_action = QAction(self.tr("退出"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        menu.addAction(self.quit_action)
        account = self.menuBar().addMenu(self.tr("账户(&A)"))
        self.password_action = QAction(self.tr("修改我的密码…"), self)
        account.addAction(self.password_action)
        # The policy that has ended or ends soon is said above every page, not only in the status bar.
        self.banner = QLabel()
        self.banner.setObjectName("policy_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.banner)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)
        self.window_label = QLabel()
        self.policy_label = QLabel()
        self.backup_label = QLabel()
        self.backup_label.setObjectName("backup_label")
        self.user_label = QLabel()
        for label in (self.window_label, self.policy_label, self.backup_label, self.user_label):
            self.statusBar().addPermanentWidget(label)
        self._connect_signals()
        self._show_status()
        self.show_page(0)
        self.resize(1280, 760)

    def _connect_signals(self) -> None:
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        for index, action in enumerate(self.page_actions):
            action.triggered.connect(lambda _checked=False, i=index: self.show_page(i))
        self.quit_action.triggered.connect(self.close)
        self.password_action.triggered.connect(self.change_own_password)
        if self.settings_page is not None:
            self.settings_page.restored.connect(self._restored)
        tasks().changed.connect(self._records_changed)

    def show_page(self, index: int) -> None:
        self.nav.setCurrentRow(index)
        page = self._pages[index][0]
        # The first field of each page takes the keyboard: the clerk types the ID number straight away.
        first = (getattr(page, "id_number", None) or getattr(page, "query", None)
                 or getattr(page, "first_field", None))
        if first is not None:
            first.setFocus()
            if hasattr(first, "selectAll"):
                first.selectAll()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Work still running when the window closes is cancelled (an import rolls back), never left
        # to commit behind the clerk's back or killed halfway.
        tasks().cancel_all()
        tasks().wait_idle()
        super().closeEvent(event)

    def current_page(self) -> QWidget:
        return self.stack.currentWidget()

    def _records_changed(self, kinds: frozenset[str]) -> None:
        if kinds & {"settings", "policy", ops.window.BACKUPS}:
            self._show_status()

    # The points where a person answers; tests replace them.
    def run_dialog(self, dialog) -> bool:
        try:
            return dialog.exec() == dialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def tell(self, title: str, text: str) -> None:
        QMessageBox.information(self, title, text)

    def change_own_password(self) -> None:
        if self.run_dialog(ChangeOwnPasswordDialog(self.desk, self)):
            self.statusBar().showMessage(self.tr("密码已修改"), 5000)

    def _restored(self, result: dict) -> None:
        """The database was replaced under the open window: what it shows is no longer true. Said, then closed."""
        self.tell(self.tr("已从备份恢复"), self.tr("已从 {0} 恢复数据库，原数据库另存为 {1}。\n请重新启动本窗口。").format(
            result["file"], result["safety_backup"] or "—"))
        self.close()

    def start_daily_backup(self) -> None:
        """The day's backup on the day's first start (ui.app calls it after login), on a pool thread: the
        clerk works meanwhile. A failure is said in the status bar; the window works on."""
        ops.window.daily_backup(self.desk).failure(self._backup_failed).run(self)

    def _backup_failed(self, exc: BaseException) -> None:
        self.backup_label.setStyleSheet(BANNER_TEXT_STYLE)
        self.backup_label.setText(self.tr("今日自动备份失败：{0}").format(error_text(exc)))

    def _show_status(self) -> None:
        # A broken policy must not keep the window from opening: its failure is said in the status bar.
        ops.window.status(self.desk).success(self._status).failure(
            lambda exc: self.window_label.setText(error_text(exc))).run(self)
        ops.window.policy_status(self.desk).success(self._policy_state).failure(self._policy_failed).run(self)
        ops.window.last_backup(self.desk).success(self._last_backup).failure(
            lambda exc: self.backup_label.setText(error_text(exc))).run(self)

    def _policy_state(self, status: dict) -> None:
        state = status["state"]
        if not policy_words.warns(state):
            self.banner.hide()
            self.banner.clear()
            return
        text = self.tr("当前政策“{0}”{1}").format(status["name"], policy_words.state_text(
            state, date.fromisoformat(status["effective_from"]), date.fromisoformat(status["effective_to"])))
        if may(self.actor, "admin"):
            text += self.tr("（在“设置”页更换政策）")
        else:
            text += self.tr("（请联系管理员更换政策）")
        self.banner.setText(text)
        self.banner.show()

    def _policy_failed(self, exc: BaseException) -> None:
        self.banner.setText(error_text(exc))
        self.banner.show()

    def _last_backup(self, last: dict | None) -> None:
        self.backup_label.setStyleSheet("")
        if last is None:
            self.backup_label.setText(self.tr("尚未备份"))
        elif last["exists"]:
            self.backup_label.setText(self.tr("上次备份：{0}").format(last["at"]))
        else:
            self.backup_label.setText(self.tr("上次备份：{0}（文件已不在）").format(last["at"]))

    def _status(self, window) -> None:
        self.window_label.setText(self.tr("窗口 {0} {1}").format(window.window_id, window.window_name))
        self.policy_label.setText(self.tr("政策：{0}").format(window.policy.name))
        self.user_label.setText(self.tr("{0}：{1}").format(labels.role(self.actor.role),
                                                          self.actor.name))

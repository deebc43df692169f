"""The first run: a window whose database does not exist (or was never initialised) is set up here, page by
page, with the keyboard (Enter goes on, errors at the field): data folder, window, policy, admin, receipt
paper and county key, and a demo window to practise on. Its last page calls services.first_run."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..domain.problems import Refusal
from . import ops, policy_words
from .beside import beside
from .field_errors import FieldErrors
from .messages import ERROR_STYLE, error_text, show
from .operations import QueryOp

DATABASE_FILE = "windowdesk.sqlite"
WARNING_STYLE = "color: #b00020; font-weight: bold;"


def standard_folder() -> str:
    """Qt's per-user data location of the application (AppData\\Local\\windowdesk, ~/.local/share/windowdesk)."""
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)


def shown_database(db: str) -> str:
    """A database URL without its password (a path as it is)."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", db)


class CheckedPage(QWizardPage):
    """A page whose values are checked by an op before the wizard goes on: Enter (or 下一步) starts the check
    and the page moves on once it passed; a refusal is shown at its field. Values unchanged since they passed
    go on at once."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.errors = FieldErrors()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self._passed: tuple | None = None
        self._checking = False

    def values(self) -> tuple:
        return ()

    def check(self) -> QueryOp | None:
        """The op that checks the values, or None when there is nothing to check."""
        return None

    def field_widget(self, field: str) -> QWidget | None:
        """The widget of a refusal's field (None: said in the page's message line)."""
        return None

    def first_field(self) -> QWidget | None:
        return None

    def take_keyboard(self) -> None:
        """The page's first field takes the keyboard when the page shows (the wizard's signal)."""
        first = self.first_field()
        if first is not None:
            first.setFocus()

    def validatePage(self) -> bool:  # noqa: N802
        if self._passed is not None and self._passed == self.values():
            return True
        op = self.check()
        if op is None:
            return True
        if not self._checking:
            self._checking = True
            self.errors.clear()
            self.message.clear()
            checked = self.values()
            op.success(lambda result: self._passed_check(checked, result)).failure(self._refused).run(self)
        return False

    def _passed_check(self, checked: tuple, _result: object) -> None:
        self._checking = False
        self._passed = checked
        if checked == self.values():
            self.go_on()

    def go_on(self) -> None:
        self.wizard().next()

    def _refused(self, exc: BaseException) -> None:
        self._checking = False
        widget = self.field_widget(exc.field) if isinstance(exc, Refusal) else None
        if widget is None:
            show(self.message, error_text(exc), error=True)
            return
        self.errors.set(widget, error_text(exc))
        widget.setFocus()


class FolderPage(CheckedPage):
    """Where the database lives: Qt's standard data folder unless another is chosen (or --db named one)."""

    def __init__(self, db: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.given = db
        self.setTitle(self.tr("数据文件夹"))
        self.setSubTitle(self.tr("本窗口的数据库、备份和日志都放在这个文件夹里。"))
        self.folder = QLineEdit(str(Path(db).parent) if db and "://" not in db else standard_folder())
        self.folder.setObjectName("folder")
        self.choose_button = QPushButton(self.tr("选择…"))
        holder = beside(self.folder, self.choose_button)
        self.standard = QLabel(self.tr("本机的标准数据位置：{0}").format(standard_folder()))
        self.standard.setWordWrap(True)
        self.database_label = QLabel()
        self.database_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("数据文件夹")))
        layout.addWidget(self.errors.at(self.folder, carrier=holder))
        layout.addWidget(self.standard)
        layout.addWidget(self.database_label)
        layout.addWidget(self.message)
        layout.addStretch(1)
        if db:
            # Named on the command line (--db) or by WINDOWDESK_DB: that database, nowhere else.
            self.folder.setReadOnly(True)
            self.choose_button.setEnabled(False)
            if "://" in db:
                self.folder.setText(shown_database(db))
        self.folder.textChanged.connect(self._show_database)
        self.choose_button.clicked.connect(self._choose)
        self._show_database()

    def first_field(self) -> QWidget:
        return self.folder

    def database(self) -> str:
        if self.given:
            return self.given
        return str(Path(self.folder.text().strip()).expanduser() / DATABASE_FILE)

    def _show_database(self) -> None:
        self.database_label.setText(self.tr("数据库文件：{0}").format(shown_database(self.database())))

    def _choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("选择数据文件夹"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def validatePage(self) -> bool:  # noqa: N802
        if self.given:
            return True
        text = self.folder.text().strip()
        if not text or not Path(text).expanduser().is_absolute():
            self.errors.set(self.folder, self.tr("请填写数据文件夹的完整路径"))
            self.folder.setFocus()
            return False
        self.errors.set(self.folder)
        return True


class WindowPage(CheckedPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("本窗口"))
        self.setSubTitle(self.tr("窗口编号在全县唯一，设置后不能更改；窗口名称印在票据上。"))
        self.window_id = QLineEdit()
        self.window_id.setObjectName("window_id")
        self.window_id.setPlaceholderText(self.tr("如 LG-01"))
        self.window_id.setMaxLength(32)
        self.window_name = QLineEdit()
        self.window_name.setObjectName("window_name")
        self.window_name.setPlaceholderText(self.tr("如 龙港市一站式结算窗口"))
        form = QFormLayout(self)
        form.addRow(self.tr("窗口编号"), self.errors.at(self.window_id))
        form.addRow(self.tr("窗口名称"), self.errors.at(self.window_name))
        form.addRow(self.message)

    def first_field(self) -> QWidget:
        return self.window_id

    def values(self) -> tuple:
        return self.window_id.text(), self.window_name.text()

    def check(self) -> QueryOp:
        return ops.first_run.check_window(*self.values())

    def field_widget(self, field: str) -> QWidget | None:
        return {"window_id": self.window_id, "window_name": self.window_name}.get(field)


class PolicyPage(CheckedPage):
    """The region's policy: a shipped preset or a file, checked by the loader, its period and state shown."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("本地政策"))
        self.setSubTitle(self.tr("选择本地区本年度的医保政策：预置政策，或县医保局提供的政策文件。"))
        self.choices = []
        self.policy = QComboBox()
        self.policy.setObjectName("policy")
        self.file_button = QPushButton(self.tr("从文件选择…"))
        holder = beside(self.policy, self.file_button)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.state = QLabel()
        self.state.setObjectName("policy_state")
        self.state.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("政策")))
        layout.addWidget(self.errors.at(self.policy, carrier=holder))
        layout.addWidget(self.details)
        layout.addWidget(self.state)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.policy.currentIndexChanged.connect(self._show_choice)
        self.file_button.clicked.connect(self._choose_file)
        self._loaded = False

    def first_field(self) -> QWidget:
        return self.policy

    def initializePage(self) -> None:  # noqa: N802
        if not self._loaded:
            self._loaded = True
            ops.first_run.presets().success(self._add_all).failure(self._refused).run(self)

    def _add_all(self, choices) -> None:
        for choice in choices:
            self._add(choice)
        self.policy.setCurrentIndex(0 if choices else -1)

    def _add(self, choice) -> int:
        for index, known in enumerate(self.choices):
            if known.ref == choice.ref:
                self.choices[index] = choice
                return index
        self.choices.append(choice)
        tag = policy_words.state_tag(choice.state)
        source = "" if choice.preset else self.tr("（文件）")
        self.policy.addItem(f"{choice.name}{source}  {policy_words.period(choice.effective_from, choice.effective_to)}"
                            f"{tag}")
        self.completeChanged.emit()
        return len(self.choices) - 1

    def choose_file(self, path: str) -> None:
        """Load and check a policy file (the 从文件选择… button's dialog ends here)."""
        self.errors.set(self.policy)
        ops.first_run.policy_file(path).success(
            lambda choice: self.policy.setCurrentIndex(self._add(choice))).failure(self._refused).run(self)

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择政策文件"), str(Path.home()),
                                              self.tr("政策文件 (*.toml)"))
        if path:
            self.choose_file(path)

    def chosen(self):
        index = self.policy.currentIndex()
        return self.choices[index] if 0 <= index < len(self.choices) else None

    def _show_choice(self) -> None:
        choice = self.chosen()
        if choice is None:
            self.details.clear()
            self.state.clear()
            return
        self.details.setText(self.tr("{0}\n地区：{1}\n有效期：{2}").format(
            choice.name, choice.region, policy_words.period(choice.effective_from, choice.effective_to)))
        self.state.setStyleSheet(WARNING_STYLE if policy_words.warns(choice.state) else "")
        self.state.setText(policy_words.state_text(choice.state, choice.effective_from, choice.effective_to))

    def isComplete(self) -> bool:  # noqa: N802
        return self.chosen() is not None

    def field_widget(self, field: str) -> QWidget:
        return self.policy  # whatever the loader names in the file, it is this choice that is wrong


class AdminPage(CheckedPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("管理员"))
        self.setSubTitle(self.tr("管理员设置本窗口、添加经办员和审核员。密码至少 8 位，请牢记。"))
        self.admin = QLineEdit("admin")
        self.admin.setObjectName("admin")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.again = QLineEdit()
        self.again.setObjectName("password_again")
        for edit in (self.password, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(self)
        form.addRow(self.tr("管理员用户名"), self.errors.at(self.admin))
        form.addRow(self.tr("密码"), self.errors.at(self.password))
        form.addRow(self.tr("再次输入密码"), self.errors.at(self.again))
        form.addRow(self.message)

    def first_field(self) -> QWidget:
        return self.password if self.admin.text() else self.admin

    def values(self) -> tuple:
        return self.admin.text(), self.password.text(), self.again.text()

    def check(self) -> QueryOp:
        return ops.first_run.check_admin(*self.values())

    def field_widget(self, field: str) -> QWidget | None:
        return {"name": self.admin, "password": self.password, "password_again": self.again}.get(field)


class ReceiptPage(CheckedPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("票据与县级密钥"))
        self.setSubTitle(self.tr("票据纸张以后可在设置中更改；县级密钥可以稍后填写。"))
        self.a5 = QRadioButton(self.tr("A5（横向）"))
        self.a4 = QRadioButton(self.tr("A4"))
        self.a5.setChecked(True)
        papers = QHBoxLayout()
        papers.setContentsMargins(0, 0, 0, 0)
        papers.addWidget(self.a5)
        papers.addWidget(self.a4)
        papers.addStretch(1)
        paper_box = QWidget()
        paper_box.setLayout(papers)
        self.county_key = QLineEdit()
        self.county_key.setObjectName("county_key")
        self.county_key.setPlaceholderText(self.tr("县医保局下发的密钥（十六进制），可留空"))
        form = QFormLayout(self)
        form.addRow(self.tr("票据纸张"), paper_box)
        form.addRow(self.tr("县级密钥"), self.errors.at(self.county_key))
        form.addRow(self.message)

    def first_field(self) -> QWidget:
        return self.a5 if self.a5.isChecked() else self.a4

    def paper(self) -> str:
        return "A4" if self.a4.isChecked() else "A5"

    def values(self) -> tuple:
        return self.paper(), self.county_key.text()

    def check(self) -> QueryOp:
        return ops.first_run.check_county_key(self.county_key.text())

    def field_widget(self, field: str) -> QWidget | None:
        return self.county_key if field == "county_key" else None


class FinishPage(CheckedPage):
    """What will be set up, the demo offer, and 完成: the window's database is created here."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("完成设置"))
        self.setSubTitle(self.tr("请核对以下设置，按“完成”建立本窗口的数据库。"))
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.demo = QCheckBox(self.tr("另建一个演示窗口用于练习，完成后先打开它"))
        self.demo.setObjectName("demo")
        self.demo_note = QLabel(self.tr("演示窗口使用演示政策、花名册和两笔结算，数据另存，不影响本窗口；"
                                        "用户 admin、clerk、sup，密码 demo1234。下次启动打开本窗口。"))
        self.demo_note.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.demo)
        layout.addWidget(self.demo_note)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def first_field(self) -> QWidget:
        return self.demo

    def initializePage(self) -> None:  # noqa: N802
        w: FirstRunWizard = self.wizard()
        choice = w.policy_page.chosen()
        lines = [self.tr("数据库：{0}").format(shown_database(w.database())),
                 self.tr("窗口：{0} {1}").format(w.window_page.window_id.text().strip(),
                                              w.window_page.window_name.text().strip()),
                 self.tr("政策：{0}（{1}）").format(choice.name, policy_words.period(choice.effective_from,
                                                                                 choice.effective_to)),
                 self.tr("管理员：{0}").format(w.admin_page.admin.text()),
                 self.tr("票据纸张：{0}").format(w.receipt_page.paper()),
                 self.tr("县级密钥：{0}").format(self.tr("已填写") if w.receipt_page.county_key.text().strip()
                                              else self.tr("稍后在设置中填写"))]
        if policy_words.warns(choice.state):
            lines.append(policy_words.state_text(choice.state, choice.effective_from, choice.effective_to))
        self.summary.setText("\n".join(lines))

    def values(self) -> tuple:
        w: FirstRunWizard = self.wizard()
        return (w.database(), *w.choices().values())

    def check(self) -> QueryOp:
        w: FirstRunWizard = self.wizard()
        return ops.first_run.set_up(w.database(), **w.choices())

    def _passed_check(self, checked: tuple, result: object) -> None:
        self._checking = False
        self._passed = checked
        self.wizard().outcome = result
        self.wizard().accept()  # QWizard.done validates the page again: it passes now


class FirstRunWizard(QWizard):
    """Accepted once the window's database is set up: `outcome` is services.first_run's answer, `to_open()`
    the database the window opens now (the demo one when it was asked for)."""

    def __init__(self, db: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("首次使用 - 设置本窗口"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)  # the same on every PC, no Aero title
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.outcome: dict | None = None
        self.folder_page = FolderPage(db)
        self.window_page = WindowPage()
        self.policy_page = PolicyPage()
        self.admin_page = AdminPage()
        self.receipt_page = ReceiptPage()
        self.finish_page = FinishPage()
        for page in (self.folder_page, self.window_page, self.policy_page, self.admin_page, self.receipt_page,
                     self.finish_page):
            self.addPage(page)
        self.setMinimumSize(640, 460)
        # After Qt's own focus handling of the new page: the clerk types at once, no mouse.
        self.currentIdChanged.connect(lambda _id: self.currentPage() and self.currentPage().take_keyboard())

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.currentPage().take_keyboard()

    def database(self) -> str:
        return self.folder_page.database()

    def chose_folder(self) -> bool:
        """Whether the database is in a folder of the clerk's choosing (not named by --db, not Qt's standard)."""
        return not self.folder_page.given and Path(self.database()).parent != Path(standard_folder())

    def choices(self) -> dict:
        choice = self.policy_page.chosen()
        return {"window_id": self.window_page.window_id.text(), "name": self.window_page.window_name.text(),
                "policy": choice.ref if choice else "", "admin": self.admin_page.admin.text(),
                "password": self.admin_page.password.text(), "paper": self.receipt_page.paper(),
                "county_key": self.receipt_page.county_key.text(), "demo": self.finish_page.demo.isChecked()}

    def to_open(self) -> str:
        assert self.outcome is not None
        return self.outcome.get("demo_db") or self.outcome["db"]

    def user(self) -> str:
        """Who logs in first: the admin just made (the demo's admin in the demo window)."""
        return "admin" if self.outcome and self.outcome.get("demo_db") else self.admin_page.admin.text()

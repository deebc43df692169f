"""设置 (admin): the window's name, receipt paper and printer, language, backups (settings.change_settings);
the policy in force, changed after a preview of what differs and a confirmation (policy_store); the county
key; a backup now and a restore from a file. Errors are said at their field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.problems import Refusal
from .. import ops, policy_words
from ..beside import beside
from ..confirm import confirm
from ..field_errors import FieldErrors
from ..messages import problems_text
from ..models.text_table_model import TextTableModel
from ..operations import Desk
from ..table_view import read_only_table
from .base import DeskPage

SHOWN_VALUE = 40  # characters of a policy value shown in the table of changes


class SettingsPage(DeskPage):
    restored = Signal(dict)  # a backup replaced the database: the window must be started again

    def __init__(self, desk: Desk, parent: QWidget | None = None):
        super().__init__(desk, parent)
        self.errors = FieldErrors()
        self.facts: dict | None = None
        self.preview: dict | None = None
        self._preview_of = ""
        self._choices: list = []
        self._build()
        self._connect_signals()
        self.refresh()
        ops.settings.presets().success(self._add_presets).failure(self.failed).run(self)

    # --- building -------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.window_id = QLabel()
        self.window_name = QLineEdit()
        self.window_name.setMaxLength(60)
        self.first_field = self.window_name
        self.page_size = QComboBox()
        self.page_size.addItem(self.tr("A5（横向）"), "A5")
        self.page_size.addItem(self.tr("A4"), "A4")
        self.printer = QComboBox()
        self.language = QComboBox()
        self.language.addItem(self.tr("中文"), "zh")
        self.language.addItem("English", "en")  # named in itself: a clerk who reads no Chinese finds it
        self.backup_dir = QLineEdit()
        self.backup_dir.setPlaceholderText(self.tr("留空：数据文件夹中的 backups"))
        self.choose_backup_dir = QPushButton(self.tr("选择…"))
        self.backup_keep = QSpinBox()
        self.backup_keep.setRange(1, 3650)
        self.save_button = QPushButton(self.tr("保存设置"))
        self.save_button.setMinimumHeight(32)
        self.fields = {"window_name": self.window_name, "page_size": self.page_size, "default_printer": self.printer,
                       "language": self.language, "backup_dir": self.backup_dir, "backup_keep": self.backup_keep}
        dir_box = beside(self.backup_dir, self.choose_backup_dir)
        window_box = QGroupBox(self.tr("本窗口"))
        form = QFormLayout(window_box)
        form.addRow(self.tr("窗口编号"), self.window_id)
        form.addRow(self.tr("窗口名称"), self.errors.at(self.window_name))
        form.addRow(self.tr("票据纸张"), self.errors.at(self.page_size))
        form.addRow(self.tr("默认打印机"), self.errors.at(self.printer))
        form.addRow(self.tr("界面语言"), self.errors.at(self.language))
        form.addRow(self.tr("备份文件夹"), self.errors.at(self.backup_dir, carrier=dir_box))
        form.addRow(self.tr("保留备份份数"), self.errors.at(self.backup_keep))
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        form.addRow(save_row)

        self.last_backup = QLabel()
        self.last_backup.setWordWrap(True)
        self.backup_button = QPushButton(self.tr("立即备份…"))
        self.restore_button = QPushButton(self.tr("从备份恢复…"))
        backup_box = QGroupBox(self.tr("备份与恢复"))
        backup_layout = QVBoxLayout(backup_box)
        backup_layout.addWidget(self.last_backup)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        backup_layout.addLayout(buttons)

        self.policy_now = QLabel()
        self.policy_now.setWordWrap(True)
        self.policy_state = QLabel()
        self.policy_state.setWordWrap(True)
        self.policy_choice = QComboBox()
        self.policy_file_button = QPushButton(self.tr("从文件选择…"))
        self.preview_button = QPushButton(self.tr("预览差异"))
        self.set_policy_button = QPushButton(self.tr("更换政策"))
        self.changes_model = TextTableModel([self.tr("项目"), self.tr("当前"), self.tr("新政策")])
        self.changes_view = read_only_table(self.changes_model)
        self.changes_view.setMinimumHeight(120)
        self.preview_text = QLabel()
        self.preview_text.setWordWrap(True)
        choice_box = beside(self.policy_choice, self.policy_file_button)
        policy_box = QGroupBox(self.tr("本地政策"))
        policy_layout = QVBoxLayout(policy_box)
        policy_layout.addWidget(self.policy_now)
        policy_layout.addWidget(self.policy_state)
        policy_layout.addWidget(self.errors.at(self.policy_choice, carrier=choice_box))
        act_row = QHBoxLayout()
        act_row.addStretch(1)
        act_row.addWidget(self.preview_button)
        act_row.addWidget(self.set_policy_button)
        policy_layout.addLayout(act_row)
        policy_layout.addWidget(self.preview_text)
        policy_layout.addWidget(self.changes_view, 1)

        self.county_key_state = QLabel()
        self.county_key = QLineEdit()
        self.county_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.county_key.setPlaceholderText(self.tr("县医保局下发的密钥（十六进制）"))
        self.county_key_button = QPushButton(self.tr("设置密钥"))
        key_box = QGroupBox(self.tr("县级密钥"))
        key_layout = QGridLayout(key_box)
        key_layout.addWidget(self.county_key_state, 0, 0, 1, 2)
        key_layout.addWidget(self.errors.at(self.county_key), 1, 0)
        key_layout.addWidget(self.county_key_button, 1, 1, Qt.AlignmentFlag.AlignTop)

        left = QVBoxLayout()
        left.addWidget(window_box)
        left.addWidget(backup_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(policy_box, 1)
        right.addWidget(key_box)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.message)
        self._fill_printers("")
        self.set_policy_button.setEnabled(False)

    def _connect_signals(self) -> None:
        self.save_button.clicked.connect(self.save)
        self.window_name.returnPressed.connect(self.save)
        self.choose_backup_dir.clicked.connect(self._choose_backup_dir)
        self.preview_button.clicked.connect(self.preview_choice)
        self.set_policy_button.clicked.connect(self.set_policy)
        self.policy_choice.currentIndexChanged.connect(self._choice_changed)
        self.policy_file_button.clicked.connect(self._choose_policy_file)
        self.county_key_button.clicked.connect(self.set_county_key)
        self.county_key.returnPressed.connect(self.set_county_key)
        self.backup_button.clicked.connect(self._backup_now)
        self.restore_button.clicked.connect(self._restore)

    def _fill_printers(self, current: str) -> None:
        """The system's default first, then the printers Qt finds; a stored one not found now stays listed."""
        self.printer.clear()
        self.printer.addItem(self.tr("系统默认打印机"), "")
        names = QPrinterInfo.availablePrinterNames()
        for name in names:
            self.printer.addItem(name, name)
        if current and current not in names:
            self.printer.addItem(self.tr("{0}（未找到）").format(current), current)
        self.printer.setCurrentIndex(max(0, self.printer.findData(current)))

    # --- showing --------------------------------------------------------------------------------------

    def refresh(self) -> None:
        ops.settings.facts(self.desk).success(self._show).failure(self.failed).run(self)

    def _show(self, facts: dict) -> None:
        self.facts = facts
        values = facts["settings"]
        self.window_id.setText(values["window_id"])
        self.window_name.setText(values["window_name"])
        self.page_size.setCurrentIndex(max(0, self.page_size.findData(values["page_size"])))
        self._fill_printers(values["default_printer"])
        self.language.setCurrentIndex(max(0, self.language.findData(values["language"])))
        self.backup_dir.setText(values["backup_dir"])
        self.backup_keep.setValue(values["backup_keep"])
        self.county_key_state.setText(self.tr("已设置（只显示是否设置，不显示密钥）") if values["county_key_set"]
                                      else self.tr("未设置：导出的数据包和票据二维码不能签名"))
        policy = facts["policy"]
        if policy is None:
            self.policy_now.setText(self.tr("当前政策无法读取，请重新设置政策"))
            self.policy_state.clear()
        else:
            start, end = date.fromisoformat(policy["effective_from"]), date.fromisoformat(policy["effective_to"])
            self.policy_now.setText(self.tr("当前政策：{0}（{1}）\n来源：{2}").format(
                policy["name"], policy_words.period(start, end), policy["source"]))
            self.policy_state.setStyleSheet("color: #b00020; font-weight: bold;"
                                            if policy_words.warns(policy["state"]) else "")
            self.policy_state.setText(policy_words.state_text(policy["state"], start, end))
        last = facts["last_backup"]
        when = self.tr("尚未备份") if last is None else self.tr("上次备份：{0}（{1}）").format(last["at"], last["file"])
        self.last_backup.setText(self.tr("{0}\n备份位置：{1}").format(when, facts["backup_folder"] or "—"))

    # --- settings -------------------------------------------------------------------------------------

    def changes(self) -> dict:
        return {"window_name": self.window_name.text(), "page_size": self.page_size.currentData(),
                "default_printer": self.printer.currentData(), "language": self.language.currentData(),
                "backup_dir": self.backup_dir.text(), "backup_keep": self.backup_keep.value()}

    def save(self) -> None:
        self.errors.clear()
        language_before = self.facts["settings"]["language"] if self.facts else None
        ops.settings.change(self.desk, self.changes()).success(
            lambda result: self._saved(result, language_before)).failure(self._refused).run(self)

    def _saved(self, result: dict, language_before: str | None) -> None:
        if not result["changed"]:
            self.say(self.tr("设置没有改动"))
            return
        text = self.tr("设置已保存")
        if result["settings"]["language"] != language_before:
            text += self.tr("；界面语言在下次启动时生效")
        self.say(text)
        self.refresh()

    def _refused(self, exc: BaseException) -> None:
        """Each problem at its field; what has no field of this page in the message line."""
        if not isinstance(exc, Refusal):
            self.failed(exc)
            return
        elsewhere = []
        for problem in exc.problems:
            field = self.fields.get(problem.field) or {"county_key": self.county_key}.get(problem.field)
            if field is None:
                elsewhere.append(problem)
            else:
                self.errors.set(field, problems_text([problem]))
        first = self.errors.first_bad()
        if first is not None:
            first.setFocus()
        self.say(problems_text(elsewhere) if elsewhere else self.tr("请更正标红的项目"), error=True)

    def _choose_backup_dir(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("选择备份文件夹"), self.backup_dir.text())
        if chosen:
            self.backup_dir.setText(chosen)

    # --- the policy -----------------------------------------------------------------------------------

    def _add_presets(self, choices) -> None:
        for choice in choices:
            self._add_choice(choice.ref, f"{choice.name}  {policy_words.period(choice.effective_from, choice.effective_to)}"
                                         f"{policy_words.state_tag(choice.state)}")

    def _add_choice(self, ref: str, text: str) -> int:
        if ref in self._choices:
            return self._choices.index(ref)
        self._choices.append(ref)
        self.policy_choice.addItem(text, ref)
        return len(self._choices) - 1

    def choose_policy(self, ref: str) -> None:
        """A preset id or a policy file to preview (the 从文件选择… dialog's file ends here)."""
        index = self._add_choice(ref, self.tr("{0}（文件）").format(Path(ref).name) if ref.endswith(".toml") else ref)
        self.policy_choice.setCurrentIndex(index)

    def _choose_policy_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择政策文件"), str(Path.home()),
                                              self.tr("政策文件 (*.toml)"))
        if path:
            self.choose_policy(path)
            self.preview_choice()

    def _choice_changed(self) -> None:
        # A preview is of one choice: another choice must be previewed before it can be set.
        self.set_policy_button.setEnabled(False)
        self.preview = None
        self.changes_model.set_rows([])
        self.preview_text.clear()
        self.errors.set(self.policy_choice)

    def preview_choice(self) -> None:
        ref = self.policy_choice.currentData()
        if not ref:
            return
        self.errors.set(self.policy_choice)
        ops.settings.preview_policy(self.desk, ref).success(
            lambda preview: self._previewed(ref, preview)).failure(self._policy_refused).run(self)

    def _previewed(self, ref: str, preview: dict) -> None:
        if ref != self.policy_choice.currentData():
            return
        self.preview, self._preview_of = preview, ref
        new = preview["policy"]
        start, end = date.fromisoformat(new["effective_from"]), date.fromisoformat(new["effective_to"])
        same = preview["current"] is not None and preview["current"]["hash"] == new["hash"]
        lines = [self.tr("新政策：{0}（{1}）").format(new["name"], policy_words.period(start, end)),
                 policy_words.state_text(preview["status"]["state"], start, end)]
        if same:
            lines.append(self.tr("与当前政策内容相同"))
        else:
            lines.append(self.tr("与当前政策相比有 {0} 项不同").format(len(preview["changes"])))
        self.preview_text.setStyleSheet("color: #b00020;" if preview["warnings"] else "")
        self.preview_text.setText("\n".join(lines))
        self.changes_model.set_rows([(c["key"], _shown(c["old"]), _shown(c["new"])) for c in preview["changes"]])
        self.set_policy_button.setEnabled(True)

    def _policy_refused(self, exc: BaseException) -> None:
        self.set_policy_button.setEnabled(False)
        if isinstance(exc, Refusal):
            self.errors.set(self.policy_choice, problems_text(exc.problems))
        else:
            self.failed(exc)

    # The point where a person answers; tests replace it.
    def confirm(self, title: str, text: str, act: str) -> bool:
        return confirm(self, title, text, act)

    def set_policy(self) -> None:
        preview, ref = self.preview, self._preview_of
        if preview is None or ref != self.policy_choice.currentData():
            return
        new = preview["policy"]
        text = self.tr("确认把本窗口的政策更换为“{0}”？\n{1}\n有 {2} 项与当前政策不同；更换后的结算按新政策计算，"
                       "已有的结算不变。").format(new["name"], self.preview_text.text().splitlines()[1],
                                             len(preview["changes"]))
        if not self.confirm(self.tr("更换政策"), text, self.tr("确认更换")):
            return
        ops.settings.set_policy(self.desk, ref).success(self._policy_set).failure(self._policy_refused).run(self)

    def _policy_set(self, result: dict) -> None:
        self.say(self.tr("政策已更换为 {0}").format(result["policy"]["name"]) if result["changed"]
                 else self.tr("政策没有改动"))
        self.set_policy_button.setEnabled(False)
        self.refresh()

    # --- the county key -------------------------------------------------------------------------------

    def set_county_key(self) -> None:
        key = self.county_key.text()
        if not key.strip():
            self.errors.set(self.county_key, self.tr("请输入县医保局下发的密钥"))
            return
        self.errors.set(self.county_key)
        ops.settings.set_county_key(self.desk, key).success(self._key_set).failure(self._refused).run(self)

    def _key_set(self, result: dict) -> None:
        self.county_key.clear()
        self.say(self.tr("县级密钥已设置（指纹 {0}）").format(result["key_id"]))
        self.refresh()

    # --- backups --------------------------------------------------------------------------------------

    def _backup_now(self) -> None:
        ops.settings.suggested_backup_file(self.desk).success(self._ask_backup_file).failure(self.failed).run(self)

    def _ask_backup_file(self, suggested: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("备份到文件"), suggested, self.tr("数据库备份 (*.sqlite)"))
        if path:
            self.backup_to(path)

    def backup_to(self, path: str) -> None:
        ops.settings.backup_now(self.desk, path).success(
            lambda result: (self.say(self.tr("已备份到 {0}").format(result["file"])), self.refresh())).failure(
            self.failed).run(self)

    def _restore(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择备份文件"), self.facts["backup_folder"] if self.facts
                                              else str(Path.home()), self.tr("数据库备份 (*.sqlite)"))
        if path:
            self.restore_from(path)

    def restore_from(self, path: str) -> None:
        text = self.tr("确认用备份“{0}”替换本窗口的数据库？\n替换前当前数据库会另存一份；恢复后需要重新启动窗口，"
                       "备份之后办理的业务将不在恢复的数据库中。").format(path)
        if not self.confirm(self.tr("从备份恢复"), text, self.tr("确认恢复")):
            return
        ops.settings.restore(self.desk, path).success(self.restored.emit).failure(self.failed).run(self)


def _shown(value) -> str:
    text = "—" if value is None else str(value)
    return text if len(text) <= SHOWN_VALUE else text[:SHOWN_VALUE - 1] + "…"

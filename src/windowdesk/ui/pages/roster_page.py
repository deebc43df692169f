"""花名册导入: preview a county roster file, then apply it (services.roster_sync.import_roster, off the GUI thread)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.roster_sync import APPLY_ROLE, ImportProgress, ImportReport
from .. import labels, ops
from ..confirm import confirm
from ..messages import problems_text
from ..models.text_table_model import TextTableModel
from ..operations import Cancelled, Desk
from ..roles import may
from ..table_view import read_only_table
from .base import BackgroundPage

# The report's counts in the order they are shown: (attribute of ImportReport, label).
COUNTS = (("rows", QT_TRANSLATE_NOOP("RosterPage", "数据行")), ("added", QT_TRANSLATE_NOOP("RosterPage", "新增")),
          ("changed", QT_TRANSLATE_NOOP("RosterPage", "变更")), ("exited", QT_TRANSLATE_NOOP("RosterPage", "退出")),
          ("unchanged", QT_TRANSLATE_NOOP("RosterPage", "未变")), ("invalid", QT_TRANSLATE_NOOP("RosterPage", "无效")))
FIGURE_STYLE = "font-size: 16pt; font-weight: bold;"


class RosterPage(BackgroundPage):
    def __init__(self, desk: Desk, parent: QWidget | None = None):
        super().__init__(desk, parent)
        self._may_apply = may(desk.actor, APPLY_ROLE)
        self._previewed: str | None = None  # the path whose preview is on screen: 导入 applies that file
        self._previewed_sha256: str | None = None  # and the content it previewed: 导入 applies exactly that
        self._running: tuple[str, bool] = ("", True)  # (path, dry_run) of the task in hand
        self.report: ImportReport | None = None
        self._build()
        self._connect_signals()
        self._set_running(False)

    def _build(self) -> None:
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("花名册文件（CSV 或 XLSX），按回车预览"))
        self.first_field = self.path
        self.choose_button = QPushButton(self.tr("选择文件…"))
        self.preview_button = QPushButton(self.tr("预览"))
        self.apply_button = QPushButton(self.tr("导入"))
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setToolTip(self.tr("Esc"))
        for button in (self.preview_button, self.apply_button):
            button.setMinimumHeight(34)
        if not self._may_apply:
            self.apply_button.setToolTip(self.tr("导入需要审核员权限，经办员可以预览"))
        file_box = QGroupBox(self.tr("花名册文件"))
        file_row = QGridLayout(file_box)
        file_row.addWidget(QLabel(self.tr("文件")), 0, 0)
        file_row.addWidget(self.path, 0, 1)
        file_row.addWidget(self.choose_button, 0, 2)
        file_row.setColumnStretch(1, 1)
        buttons = QHBoxLayout()
        self.role_hint = QLabel("" if self._may_apply else self.tr("导入需要审核员权限，经办员可以预览"))
        self.role_hint.setStyleSheet("color: #555;")
        buttons.addWidget(self.role_hint)
        buttons.addStretch(1)
        for button in (self.preview_button, self.apply_button, self.cancel_button):
            buttons.addWidget(button)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # rows are counted as read: the total is not known beforehand
        self.progress.setTextVisible(False)
        self.progress_text = QLabel()
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.progress_text)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.counts = {key: QLabel("—") for key, _ in COUNTS}
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        report_box = QGroupBox(self.tr("导入报告"))
        report = QVBoxLayout(report_box)
        report.addWidget(self.heading)
        grid = QGridLayout()
        for column, (key, label) in enumerate(COUNTS):
            title = QLabel(self.tr(label))
            title.setAlignment(Qt.AlignmentFlag.AlignCenter)
            figure = self.counts[key]
            figure.setAlignment(Qt.AlignmentFlag.AlignCenter)
            figure.setStyleSheet(FIGURE_STYLE)
            grid.addWidget(title, 0, column)
            grid.addWidget(figure, 1, column)
        report.addLayout(grid)
        # Who the import adds, changes and exits, for the clerk to check before 导入 (not only how many).
        self.changes_model = TextTableModel((self.tr("变动"), self.tr("行号"), self.tr("姓名"), self.tr("身份证号"),
                                             self.tr("人员类别")), self)
        self.changes = read_only_table(self.changes_model)
        self.invalid_model = TextTableModel((self.tr("行号"), self.tr("身份证号"), self.tr("原因")), self)
        self.invalid = read_only_table(self.invalid_model)
        tables = QGridLayout()
        tables.addWidget(QLabel(self.tr("变动人员")), 0, 0)
        tables.addWidget(self.changes, 1, 0)
        tables.addWidget(QLabel(self.tr("无效行（未导入）")), 0, 1)
        tables.addWidget(self.invalid, 1, 1)
        tables.setColumnStretch(0, 3)
        tables.setColumnStretch(1, 2)
        report.addLayout(tables, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(file_box)
        layout.addLayout(buttons)
        layout.addLayout(progress_row)
        layout.addWidget(self.message)
        layout.addWidget(report_box, 1)
        self.cancel_shortcut = QShortcut(QKeySequence("Esc"), self)
        self.cancel_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # this page's Esc only

    def _connect_signals(self) -> None:
        self.choose_button.clicked.connect(self.choose_file)
        self.path.returnPressed.connect(self.preview)
        self.path.textEdited.connect(self._forget_preview)
        self.preview_button.clicked.connect(self.preview)
        self.apply_button.clicked.connect(self.apply)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_shortcut.activated.connect(self.cancel)

    # The point where a person answers; tests replace it.
    def ask_file(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择花名册文件"), self.path.text() or str(Path.home()),
                                              self.tr("花名册 (*.csv *.xlsx);;所有文件 (*)"))
        return path

    def choose_file(self) -> None:
        path = self.ask_file()
        if path:
            self.path.setText(path)
            self._forget_preview()
            self.preview_button.setFocus()

    # --- running the import -----------------------------------------------------------------------

    def preview(self) -> None:
        self._start(dry_run=True)

    # The point where a person answers; tests replace it.
    def confirm(self, text: str) -> bool:
        return confirm(self, self.tr("导入花名册"), text, self.tr("确认导入"))

    def apply(self) -> None:
        if self._previewed is None or not self._may_apply:
            return  # 导入 applies the file just previewed, nothing else
        report = self.report
        if report is not None and not self.confirm(self.tr(
                "确认导入 {0}？\n新增 {1}，变更 {2}，退出 {3}；无效 {4} 行不导入。").format(
                report.file, report.added, report.changed, report.exited, len(report.invalid))):
            return
        self._start(dry_run=False)

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_text.setText(self.tr("正在取消…"))

    def _start(self, *, dry_run: bool) -> None:
        if self._task is not None:
            return
        path = self.path.text().strip()
        if not path:
            self.say(self.tr("请先选择花名册文件"), error=True)
            return
        if not dry_run and path != self._previewed:
            self.say(self.tr("文件已更改，请先预览"), error=True)
            return
        self.message.clear()
        if dry_run:
            self._show_report(None)  # a new preview: the last report must not pass for this file's
        # An apply is tied to the content previewed: a file edited since is refused (roster_file_changed).
        op = (ops.roster.preview(self.desk, path=path) if dry_run
              else ops.roster.apply(self.desk, path=path, expect_sha256=self._previewed_sha256))
        self._running = (path, dry_run)
        self._task = op.progress(self._progress).success(self._finished).failure(self._failed).run(self)
        self._set_running(True)
        self.progress_text.setText(self.tr("正在预览…") if dry_run else self.tr("正在导入…"))

    def _progress(self, state: ImportProgress) -> None:
        if self._task is None or self._task.cancel_requested:
            return
        texts = {"reading": self.tr("已读取 {0} 行"), "comparing": self.tr("已读取 {0} 行，正在与现有花名册比对…"),
                 "writing": self.tr("正在写入花名册…"), "saving": self.tr("正在保存…")}
        self.progress_text.setText(texts[state.step].format(state.rows))

    def _finished(self, report: ImportReport) -> None:
        path, dry_run = self._running
        self._show_report(report)
        changes = report.added + report.changed + report.exited
        if dry_run:
            self._previewed, self._previewed_sha256 = path, report.sha256
            if changes == 0:
                text = self.tr("与现有花名册相同，导入不会有任何变更")
            elif self._may_apply:
                text = self.tr("预览完成，尚未写入；核对无误后按“导入”")
            else:
                text = self.tr("预览完成，尚未写入；导入需要审核员办理")
            self.say(text)
        else:
            self._previewed = None  # applied: a second 导入 needs a new preview
            self.say(self.tr("已导入：新增 {0}，变更 {1}，退出 {2}，未变 {3}；无效 {4} 行未导入").format(
                report.added, report.changed, report.exited, report.unchanged, len(report.invalid)))
        self._done()

    def _failed(self, exc: BaseException) -> None:
        self._done()
        dry_run = self._running[1]
        if isinstance(exc, Cancelled):
            self.say(self.tr("已取消，未写入任何数据") if not dry_run else self.tr("已取消预览"), error=True)
            return
        self._forget_preview()
        self.failed(exc)

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.progress_text.setVisible(running)
        self.cancel_button.setEnabled(running)
        for widget in (self.path, self.choose_button, self.preview_button):
            widget.setEnabled(not running)
        self.apply_button.setEnabled(not running and self._may_apply and self._previewed is not None)

    def _forget_preview(self) -> None:
        self._previewed = None
        self.apply_button.setEnabled(False)

    def _show_report(self, report: ImportReport | None) -> None:
        self.report = report
        if report is None:
            self.heading.clear()
            for label in self.counts.values():
                label.setText("—")
            self.counts["invalid"].setStyleSheet(FIGURE_STYLE)
            self.invalid_model.set_rows([])
            self.changes_model.set_rows([])
            return
        state = self.tr("预览（未写入）") if not report.applied else self.tr("已导入")
        self.heading.setText(self.tr("{0}：{1}　SHA-256 {2}…").format(state, report.file, report.sha256[:12]))
        for key, _ in COUNTS:
            value = len(report.invalid) if key == "invalid" else getattr(report, key)
            self.counts[key].setText(str(value))
        self.counts["invalid"].setStyleSheet(FIGURE_STYLE + (" color: #b00020;" if report.invalid else ""))
        self.invalid_model.set_rows([(str(r.row), r.id_number or "—", problems_text(r.problems))
                                     for r in report.invalid])
        kinds = ((self.tr("新增"), report.added_rows), (self.tr("变更"), report.changed_rows),
                 (self.tr("退出"), report.exited_rows))
        self.changes_model.set_rows([(kind, str(c.row), c.name, c.id_number, labels.category(c.category))
                                     for kind, changes in kinds for c in changes])

    def wait(self, timeout: float = 30.0) -> bool:
        """Block until the running import ends (closing the window; tests)."""
        task = self._task
        return task is None or task.wait(timeout)

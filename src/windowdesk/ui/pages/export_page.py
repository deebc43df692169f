"""月度上报: write the month's signed package for the county (services.export), and check a package."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.errors import InvalidInput
from ...services.export import MANIFEST, Period
from .. import labels, ops
from ..messages import problem_text
from ..models.figures_model import FiguresModel
from ..operations import Desk
from ..table_view import read_only_table
from .base import BackgroundPage

TABLE_LABELS_ZH = {"settlements": QT_TRANSLATE_NOOP("ExportPage", "结算明细"),
                   "enrollments": QT_TRANSLATE_NOOP("ExportPage", "参保明细"),
                   "monitoring": QT_TRANSLATE_NOOP("ExportPage", "监测名单"),
                   "payouts": QT_TRANSLATE_NOOP("ExportPage", "家庭封顶支付")}
SHA_SHOWN = 16  # hex digits of a file's SHA-256 on screen: enough to compare with the county's reading

def previous_month(today: date) -> str:
    """The month a window reports at the start of the next one."""
    return (today.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")


class ExportPage(BackgroundPage):
    def __init__(self, desk: Desk, parent: QWidget | None = None):
        super().__init__(desk, parent)
        self._job = ""  # "export" or "verify": what the running task does
        self.manifest: dict | None = None
        self.verified: dict | None = None
        self._build()
        self._connect_signals()
        self._set_running(False)

    def _build(self) -> None:
        self.period = QLineEdit(previous_month(date.today()))
        self.period.setPlaceholderText(self.tr("年-月，如 2024-03"))
        self.period.setMaxLength(7)
        self.period.setFixedWidth(110)
        self.first_field = self.period
        self.out_dir = QLineEdit()
        self.out_dir.setPlaceholderText(self.tr("数据包写入的文件夹"))
        self.choose_out_button = QPushButton(self.tr("选择…"))
        self.export_button = QPushButton(self.tr("导出"))
        self.export_button.setMinimumHeight(34)
        export_box = QGroupBox(self.tr("导出月度数据包"))
        grid = QGridLayout(export_box)
        grid.addWidget(QLabel(self.tr("期间")), 0, 0)
        grid.addWidget(self.period, 0, 1, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(QLabel(self.tr("输出文件夹")), 1, 0)
        grid.addWidget(self.out_dir, 1, 1)
        grid.addWidget(self.choose_out_button, 1, 2)
        grid.addWidget(self.export_button, 1, 3)
        grid.setColumnStretch(1, 1)

        self.package_dir = QLineEdit()
        self.package_dir.setPlaceholderText(self.tr("要校验的数据包文件夹"))
        self.choose_package_button = QPushButton(self.tr("选择…"))
        self.verify_button = QPushButton(self.tr("校验数据包"))
        self.verify_button.setMinimumHeight(34)
        verify_box = QGroupBox(self.tr("校验数据包"))
        row = QHBoxLayout(verify_box)
        row.addWidget(QLabel(self.tr("数据包文件夹")))
        row.addWidget(self.package_dir, 1)
        row.addWidget(self.choose_package_button)
        row.addWidget(self.verify_button)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # the services report no steps: a busy bar while they run
        self.progress.setTextVisible(False)
        self.progress_text = QLabel()
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.progress_text)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.files_model = FiguresModel((self.tr("文件"), self.tr("内容"), self.tr("行数"), self.tr("字节"),
                                         self.tr("SHA-256（前16位）")), (2, 3), self)
        self.files = read_only_table(self.files_model)
        manifest_box = QGroupBox(self.tr("数据包清单"))
        manifest = QVBoxLayout(manifest_box)
        manifest.addWidget(self.heading)
        manifest.addWidget(self.files, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(export_box)
        layout.addWidget(verify_box)
        layout.addLayout(progress_row)
        layout.addWidget(self.message)
        layout.addWidget(manifest_box, 1)

    def _connect_signals(self) -> None:
        self.choose_out_button.clicked.connect(self.choose_out_dir)
        self.choose_package_button.clicked.connect(self.choose_package_dir)
        self.export_button.clicked.connect(self.export)
        self.out_dir.returnPressed.connect(self.export)
        self.period.returnPressed.connect(self.out_dir.setFocus)
        self.verify_button.clicked.connect(self.verify)
        self.package_dir.returnPressed.connect(self.verify)

    # The point where a person answers; tests replace it.
    def ask_folder(self, title: str, start: str) -> str:
        return QFileDialog.getExistingDirectory(self, title, start or str(Path.home()))

    def choose_out_dir(self) -> None:
        folder = self.ask_folder(self.tr("选择输出文件夹"), self.out_dir.text())
        if folder:
            self.out_dir.setText(folder)
            self.export_button.setFocus()

    def choose_package_dir(self) -> None:
        folder = self.ask_folder(self.tr("选择要校验的数据包文件夹"), self.package_dir.text() or self.out_dir.text())
        if folder:
            self.package_dir.setText(folder)
            self.verify_button.setFocus()

    # --- export -----------------------------------------------------------------------------------

    def export(self) -> None:
        period, out = self.period.text().strip(), self.out_dir.text().strip()
        if not out:
            self.say(self.tr("请选择输出文件夹"), error=True)
            return
        unfinished = _unfinished(period)
        if unfinished and not self.confirm_unfinished(period):
            return
        self._start("export", ops.export.export_period(self.desk, period=period, out_dir=out, unfinished=unfinished),
                    self.tr("正在导出 {0}…").format(period))

    def confirm_unfinished(self, period: str) -> bool:
        """The month is not over: its package would miss the rest of it (the manifest says complete: false)."""
        answer = QMessageBox.question(self, self.tr("本月尚未结束"), self.tr(
            "{0} 尚未结束，导出的数据包只含截至今天的业务，清单中将注明“不完整”。仍要导出吗？").format(period))
        return answer == QMessageBox.StandardButton.Yes

    def verify(self) -> None:
        folder = self.package_dir.text().strip()
        if not folder:
            self.say(self.tr("请选择要校验的数据包文件夹"), error=True)
            return
        if not Path(folder).is_dir():
            self.say(self.tr("文件夹不存在：{0}").format(folder), error=True)
            return
        self._start("verify", ops.export.verify(self.desk, folder=folder), self.tr("正在校验…"))

    def _start(self, job: str, op, text: str) -> None:
        if self._task is not None:
            return
        self.message.clear()
        self._job = job
        self._task = op.success(self._finished).failure(self._failed).run(self)
        self._set_running(True)
        self.progress_text.setText(text)

    def _finished(self, result: dict) -> None:
        self._done()
        if self._job == "export":
            self._show_manifest(result)
            self.package_dir.setText(self.out_dir.text().strip())  # ready to check what was just written
            self.say(self.tr("已导出 {0} 月度数据包（第 {1} 号）到 {2}").format(
                result["period"], result["sequence"], self.out_dir.text().strip()))
        else:
            self._show_verification(result)

    def _failed(self, exc: BaseException) -> None:
        self._done()
        self.failed(exc)

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.progress_text.setVisible(running)
        for widget in (self.period, self.out_dir, self.choose_out_button, self.export_button, self.package_dir,
                       self.choose_package_button, self.verify_button):
            widget.setEnabled(not running)

    def _show_manifest(self, manifest: dict) -> None:
        self.manifest = manifest
        self.heading.setText(self.tr("本次导出：窗口 {0} {1}　期间 {2}　第 {3} 号　已签名（密钥指纹 {4}）").format(
            manifest["window_id"], manifest["window_name"], manifest["period"], manifest["sequence"],
            manifest["key_id"]))
        self.files_model.set_rows([(f["name"], self.tr(TABLE_LABELS_ZH.get(f["table"], f["table"])), str(f["rows"]),
                                    str(f["bytes"]), f["sha256"][:SHA_SHOWN]) for f in manifest["files"]])

    def _show_verification(self, report: dict) -> None:
        self.verified = report
        if report["ok"]:
            text = self.tr("校验通过：窗口 {0}　期间 {1}　第 {2} 号，文件与清单一致，签名有效").format(
                report["window_id"], report["period"], report["sequence"])
            if report.get("unlisted"):
                text += "\n" + self.tr("文件夹中另有清单未列出的文件：{0}").format(labels.listing(report["unlisted"]))
            self.say(text)
        else:
            lines = [self.tr("校验未通过：")] + [f"· {problem_text(p)}" for p in report["problems"]]
            self.say("\n".join(lines), error=True)


def _unfinished(period: str) -> bool:
    """Whether `period` (as typed) is a month that has not ended; a bad text is the service's to refuse."""
    try:
        return Period.parse(period).last >= date.today()
    except InvalidInput:
        return False

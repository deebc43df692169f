"""报表: the county's reports (services.reports) with filters, the table, three charts, Excel and PDF."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...wording.reports import TITLES
from .. import labels, ops
from ..charts import LimitBars, RateLine, StackedBars
from ..models.report_model import ReportModel
from ..operations import Desk
from ..table_view import read_only_table
from ..worker import Cancelled
from .base import BackgroundPage

REPORTS = ("coverage", "out-of-catalog", "monitoring", "ledger", "unenrolled")
GROUPINGS = (("category", QT_TRANSLATE_NOOP("ReportsPage", "按人员类别")),
             ("month", QT_TRANSLATE_NOOP("ReportsPage", "按月份")),
             ("town", QT_TRANSLATE_NOOP("ReportsPage", "按乡镇")),
             ("hospital", QT_TRANSLATE_NOOP("ReportsPage", "按医疗机构")))


class ReportsPage(BackgroundPage):
    def __init__(self, desk: Desk, parent: QWidget | None = None):
        super().__init__(desk, parent)
        self.view: ops.reports.ReportView | None = None  # the report on screen
        self._build()
        self._connect_signals()
        self._set_running(False)

    def _build(self) -> None:
        self.report = QComboBox()
        for name in REPORTS:
            self.report.addItem(QCoreApplication.translate("reports", TITLES[name]), name)
        self.first_field = self.report
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.month = QComboBox()
        self.month.addItem(self.tr("全年"), None)
        for m in range(1, 13):
            self.month.addItem(self.tr("{0}月").format(m), m)
        self.by = QComboBox()
        for key, text in GROUPINGS:
            self.by.addItem(self.tr(text), key)
        self.run_button = QPushButton(self.tr("查询"))
        self.cancel_button = QPushButton(self.tr("取消"))
        self.xlsx_button = QPushButton(self.tr("导出 Excel"))
        self.pdf_button = QPushButton(self.tr("打印为 PDF"))
        top = QHBoxLayout()
        for widget in (QLabel(self.tr("报表")), self.report, QLabel(self.tr("年度")), self.year,
                       QLabel(self.tr("月份")), self.month, self.by, self.run_button, self.cancel_button):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.xlsx_button)
        top.addWidget(self.pdf_button)
        self.progress = QProgressBar()
        self.progress.setRange(0, ops.reports.STEPS)
        self.progress_text = QLabel()
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.progress_text)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.model = ReportModel(self)
        self.table = read_only_table(self.model)
        self.paid_chart = StackedBars(self.tr("各基金支付（按出院月份）"))
        self.coverage_chart = RateLine(self.tr("综合保障率（按出院月份）"))
        self.share_chart = LimitBars(self.tr("目录外费用占比（按医疗机构）"))
        self.charts = QTabWidget()
        self.charts.addTab(self.paid_chart, self.tr("基金支付"))
        self.charts.addTab(self.coverage_chart, self.tr("保障率"))
        self.charts.addTab(self.share_chart, self.tr("目录外占比"))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.charts)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(progress_row)
        layout.addWidget(self.heading)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)

    def _connect_signals(self) -> None:
        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.cancel)
        self.xlsx_button.clicked.connect(self.save_xlsx)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.report.currentIndexChanged.connect(self._report_changed)
        self.cancel_shortcut = QShortcut(QKeySequence("Esc"), self)
        self.cancel_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.cancel_shortcut.activated.connect(self.cancel)

    def _report_changed(self) -> None:
        name = self.report.currentData()
        self.by.setVisible(name == "coverage")
        self.month.setEnabled(name != "unenrolled" and not self.is_running())

    # --- running a report ------------------------------------------------------------------------

    def run(self) -> None:
        if self._task is not None:
            return
        name = self.report.currentData()
        month = None if name == "unenrolled" else self.month.currentData()
        op = ops.reports.report(self.desk, name=name, year=self.year.value(), month=month,
                                by=self.by.currentData() if name == "coverage" else "category")
        self.message.clear()
        self._task = op.progress(self._progress).success(self._finished).failure(self._failed).run(self)
        self._set_running(True)
        self.progress.setValue(0)
        self.progress_text.setText(self.tr("正在统计…"))

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_text.setText(self.tr("正在取消…"))

    def _progress(self, step: object) -> None:
        if self._task is not None and not self._task.cancel_requested:
            self.progress.setValue(int(step))
            texts = (self.tr("正在统计…"), self.tr("正在统计各月数据…"), self.tr("正在统计各医疗机构…"),
                     self.tr("正在整理…"))
            self.progress_text.setText(texts[min(int(step), len(texts) - 1)])

    def _finished(self, view: ops.reports.ReportView) -> None:
        self._done()
        self.show_view(view)
        self.say(self.tr("共 {0} 行").format(len(view.table.rows)))

    def _failed(self, exc: BaseException) -> None:
        self._done()
        if isinstance(exc, Cancelled):
            self.say(self.tr("已取消"), error=True)
            return
        self.failed(exc)

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.progress_text.setVisible(running)
        self.cancel_button.setEnabled(running)
        for widget in (self.report, self.year, self.by, self.run_button):
            widget.setEnabled(not running)
        self.month.setEnabled(not running and self.report.currentData() != "unenrolled")
        for button in (self.xlsx_button, self.pdf_button):
            button.setEnabled(not running and self.view is not None)

    def show_view(self, view: ops.reports.ReportView) -> None:
        self.view = view
        table, charts = view.table, view.charts
        scope = table.scope
        self.heading.setText(self.tr("{0}　{1}（{2}）　政策 {3}　期间 {4}　制表 {5}").format(
            QCoreApplication.translate("reports", table.title), scope.window_name, scope.window_id,
            scope.policy.name, scope.period, scope.made_at.strftime("%Y-%m-%d %H:%M")))
        self.model.set_table(table)
        months = [self.tr("{0}月").format(int(m)) for m in charts.months]
        self.paid_chart.set_data(months, {self._fund(f): v for f, v in charts.paid.items()})
        self.coverage_chart.set_data(months, charts.coverage, charts.target,
                                     (self.tr("综合保障率"), self.tr("目标")))
        self.share_chart.set_data(charts.hospitals, charts.shares, charts.limits,
                                  (self.tr("目录外费用占比"), self.tr("控制标准")))
        self._set_running(False)

    def _fund(self, fund: str) -> str:
        return self.tr("其他救助") if fund == "relief" else labels.tier(fund)  # relief is no tier of its own

    # --- files -----------------------------------------------------------------------------------

    def ask_save_path(self, title: str, suggested: str, pattern: str) -> str:
        return QFileDialog.getSaveFileName(self, title, suggested, pattern)[0]

    def save_xlsx(self) -> None:
        self._save(ops.reports.save_xlsx, self.tr("导出 Excel"), "xlsx", self.tr("Excel 文件 (*.xlsx)"))

    def save_pdf(self) -> None:
        self._save(ops.reports.save_pdf, self.tr("打印为 PDF"), "pdf", self.tr("PDF 文件 (*.pdf)"))

    def _save(self, make, title: str, suffix: str, pattern: str) -> None:
        if self.view is None or self._task is not None:
            return
        table = self.view.table
        path = self.ask_save_path(title, f"{table.name}-{table.scope.period}.{suffix}", pattern)
        if not path:
            return
        self._task = make(self.desk, table=table, path=path).success(self._saved).failure(self._failed).run(self)
        self._set_running(True)
        self.progress_text.setText(self.tr("正在保存…"))

    def _saved(self, path: str) -> None:
        self._done()
        self.say(self.tr("已保存到 {0}").format(path))

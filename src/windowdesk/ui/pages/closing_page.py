"""日结: a clerk's day summed per fund with the cash (services.closing.day_report), then closed (close_day)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.categories import TIERS
from .. import labels, ops
from ..confirm import confirm
from ..date_field import DateField
from ..field_errors import FieldErrors
from ..models.figures_model import FiguresModel
from ..operations import Desk
from ..roles import may
from ..table_view import read_only_table
from .base import DeskPage

INDENT = "　"  # a full-width space: the items under their section
# Module functions word their text as the page does (lupdate reads translate("context", "literal") calls).
translate = QCoreApplication.translate


def summary_rows(summary: dict) -> list[tuple[str, str, str]]:
    """(item, count, amount) rows of a day summary, in the order the closing slip reads."""
    settled, enrolled = summary["settlements"], summary["enrollments"]
    rows = [(translate("ClosingPage", "结算（含已作废）"), str(settled["count"]), ""),
            (INDENT + translate("ClosingPage", "医疗总费用"), "", settled["total"]),
            (INDENT + translate("ClosingPage", "政策范围内费用"), "", settled["in_scope"])]
    rows += [(INDENT + labels.tier(tier), "", settled[tier]) for tier in TIERS]
    rows += [(INDENT + translate("ClosingPage", "报销合计"), "", settled["reimbursed"]),
             (INDENT + translate("ClosingPage", "个人支付"), "", settled["patient_pays"]),
             (translate("ClosingPage", "参保"), str(enrolled["count"]), ""),
             (INDENT + translate("ClosingPage", "缴费标准合计"), "", enrolled["contribution"]),
             (INDENT + translate("ClosingPage", "个人实缴"), "", enrolled["person_pays"])]
    rows += [(INDENT + labels.fund(fund), "", amount) for fund, amount in enrolled["subsidy"].items()]
    rows.append((translate("ClosingPage", "作废"), str(len(summary["voids"])), ""))
    return rows


def void_rows(summary: dict) -> list[tuple[str, ...]]:
    # The reason next to the receipt: it is what the clerk reads first, and it would be cut off at the end.
    return [(v["receipt_no"] or "—", v["reason"], v["patient_pays"], v["cash_refunded"], v["voided_by"],
             v["voided_at"].replace("T", " ")[:16], v["settled_by"], v["settled_on"]) for v in summary["voids"]]


class ClosingPage(DeskPage):
    def __init__(self, desk: Desk, parent: QWidget | None = None):
        super().__init__(desk, parent)
        self.report: dict | None = None  # the preview on screen
        self._build()
        self._connect_signals()
        self._fill_clerks()

    def _build(self) -> None:
        self.day = DateField(QDate.currentDate())  # typed as digits, like the settlement page's dates
        self.errors = FieldErrors()
        self.first_field = self.day
        self.clerk = QComboBox()
        self.clerk.setMinimumWidth(160)
        self.preview_button = QPushButton(self.tr("预览"))
        self.close_button = QPushButton(self.tr("日结"))
        self.pdf_button = QPushButton(self.tr("日结报表 PDF"))
        for button in (self.preview_button, self.close_button, self.pdf_button):
            button.setMinimumHeight(34)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("日期")))
        top.addWidget(self.errors.at(self.day))
        top.addSpacing(16)
        top.addWidget(QLabel(self.tr("经办员")))
        top.addWidget(self.clerk)
        top.addStretch(1)
        top.addWidget(self.preview_button)
        top.addWidget(self.close_button)
        top.addWidget(self.pdf_button)
        self.state = QLabel()
        self.state.setStyleSheet("font-size: 13pt; font-weight: bold;")

        self.summary_model = FiguresModel((self.tr("项目"), self.tr("笔数"), self.tr("金额（元）")), (1, 2), self)
        self.summary = read_only_table(self.summary_model)
        summary_box = QGroupBox(self.tr("当日汇总"))
        QVBoxLayout(summary_box).addWidget(self.summary)
        self.cash = {key: self._figure() for key in ("cash_collected", "cash_refunded", "net_cash")}
        cash_box = QGroupBox(self.tr("现金"))
        cash = QGridLayout(cash_box)
        for row, (key, label) in enumerate((("cash_collected", self.tr("收款")), ("cash_refunded", self.tr("退款")),
                                            ("net_cash", self.tr("净收款")))):
            cash.addWidget(QLabel(label), row, 0)
            cash.addWidget(self.cash[key], row, 1)
        cash.setColumnStretch(1, 1)
        self.voids_model = FiguresModel((self.tr("票据号"), self.tr("原因"), self.tr("个人支付"), self.tr("退回现金"),
                                         self.tr("作废人"), self.tr("作废时间"), self.tr("结算经办员"),
                                         self.tr("结算日期")), (2, 3), self)
        self.voids = read_only_table(self.voids_model)
        voids_box = QGroupBox(self.tr("作废明细"))
        QVBoxLayout(voids_box).addWidget(self.voids)

        right = QVBoxLayout()
        right.addWidget(cash_box)
        right.addWidget(voids_box, 1)
        body = QHBoxLayout()
        body.addWidget(summary_box, 2)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.state)
        layout.addWidget(self.message)
        layout.addLayout(body, 1)
        self.close_button.setEnabled(False)
        self.pdf_button.setEnabled(False)

    def _figure(self) -> QLabel:
        label = QLabel("—")
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        label.setStyleSheet("font-size: 15pt; font-weight: bold;")
        return label

    def _connect_signals(self) -> None:
        self.preview_button.clicked.connect(self.preview)
        self.close_button.clicked.connect(self.close_day)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.day.dateChanged.connect(self._day_changed)
        self.clerk.currentIndexChanged.connect(self._forget)

    def _fill_clerks(self) -> None:
        """A clerk closes their own day; a supervisor picks anyone's, their own first."""
        self._list_clerks([])
        if may(self.actor, "supervisor"):  # a failure is said; the own day can still be closed
            ops.records.users(self.desk).success(self._list_clerks).failure(self.failed).run(self)

    def _list_clerks(self, users: list) -> None:
        self.clerk.blockSignals(True)
        self.clerk.clear()
        names = [(self.actor.name, self.actor.role)] + [(u.name, u.role) for u in users if u.name != self.actor.name]
        for name, role in names:
            self.clerk.addItem(self.tr("{0}（{1}）").format(name, labels.role(role)), name)
        self.clerk.setEnabled(len(names) > 1)
        self.clerk.blockSignals(False)

    def showEvent(self, event) -> None:  # Qt's name
        super().showEvent(event)
        self.preview()  # the figures as they are now, each time the page comes up

    def selected_day(self) -> date | None:
        return self.day.day()

    def _day_changed(self) -> None:
        self._forget()
        if self.day.day() is not None:
            self.errors.set(self.day)

    def selected_clerk(self) -> str:
        return self.clerk.currentData()

    def preview(self, *, then=None) -> None:
        self.message.clear()
        if self.selected_day() is None:
            text = self.day.text().strip()
            self.errors.set(self.day, self.tr("请填写日期") if not text
                            else self.tr("不是有效日期：{0}（如 20260301）").format(text))
            self._forget()
            return
        ops.closing.day_report(self.desk, clerk=self.selected_clerk(), day=self.selected_day()).success(
            lambda report: (self._show(report), then and then())).failure(self._not_shown).run(self)

    def _not_shown(self, exc: BaseException) -> None:
        self._forget()
        self.failed(exc)

    def _show(self, report: dict) -> None:
        self.report = report
        # Once closed, the summary stored at closing is the authoritative one (services.closing).
        shown = report["closed_summary"] or report
        self.summary_model.set_rows(summary_rows(shown))
        self.voids_model.set_rows(void_rows(shown))
        for key, label in self.cash.items():
            label.setText(shown[key])
        if report["closed"]:
            self.state.setText(self.tr("已日结：{0} 于 {1} 日结").format(report["closed_by"],
                                                                    report["closed_at"].replace("T", " ")))
            self.state.setStyleSheet("font-size: 13pt; font-weight: bold; color: #1b5e20;")
            current = {k: v for k, v in report.items() if k not in ("closed", "closed_at", "closed_by",
                                                                   "closed_summary")}
            if current != report["closed_summary"]:
                self.say(self.tr("注意：当前数据与日结时不同，以上为日结时的数据"), error=True)
        else:
            self.state.setText(self.tr("未日结"))
            self.state.setStyleSheet("font-size: 13pt; font-weight: bold; color: #8a6d00;")
        self.close_button.setEnabled(not report["closed"])
        self.pdf_button.setEnabled(True)

    def _forget(self) -> None:
        self.report = None
        self.summary_model.set_rows([])
        self.voids_model.set_rows([])
        for label in self.cash.values():
            label.setText("—")
        self.state.clear()
        self.close_button.setEnabled(False)
        self.pdf_button.setEnabled(False)
        self.message.clear()

    def ask_save_path(self, suggested: str) -> str:
        return QFileDialog.getSaveFileName(self, self.tr("日结报表 PDF"), suggested, self.tr("PDF 文件 (*.pdf)"))[0]

    def save_pdf(self) -> None:
        """The printable 日结报表 of the day on screen, to print from the PDF reader."""
        if self.report is None:
            return
        path = self.ask_save_path(f"day-end-{self.report['clerk']}-{self.report['day']}.pdf")
        if path:
            ops.closing.day_pdf(self.desk, clerk=self.report["clerk"], day=date.fromisoformat(self.report["day"]),
                                path=path).success(
                lambda saved: self.say(self.tr("已保存到 {0}").format(saved))).failure(self.failed).run(self)

    # The point where a person answers; tests replace it.
    def confirm(self, text: str) -> bool:
        return confirm(self, self.tr("日结"), text, self.tr("确认日结"))

    def close_day(self) -> None:
        report = self.report
        if report is None or report["closed"]:
            return
        clerk, day = self.selected_clerk(), self.selected_day()
        text = self.tr("确认对 {0} 的 {1} 日结？\n结算 {2} 笔，参保 {3} 笔，作废 {4} 笔，净收款 {5} 元。\n"
                       "日结后该经办员当日不能再结算、参保或作废。").format(
            clerk, day.isoformat(), report["settlements"]["count"], report["enrollments"]["count"],
            len(report["voids"]), report["net_cash"])
        if not self.confirm(text):
            return
        done = self.tr("{0} 的 {1} 已日结").format(clerk, day.isoformat())
        ops.closing.close_day(self.desk, clerk=clerk, day=day).success(
            lambda _summary: self.preview(then=lambda: self.say(done))).failure(self._not_closed).run(self)

    def _not_closed(self, exc: BaseException) -> None:
        self.failed(exc)
        self.preview_button.setFocus()

"""The day-end report (日结报表) as a printable A4 PDF, in the receipts' embedded font and ruled tables."""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph, Spacer

from ..domain.categories import TIER_LABELS_ZH
from .receipt_data import FUND_LABELS_ZH
from .receipt_pdf import LAYOUTS, _build, _grid, _header, _style, _title, register_font

TITLE = "经办员日结报表"
_AMOUNTS = (("total", "医疗总费用"), ("in_scope", "政策范围内费用"), ("basic", "基本医保统筹"),
            ("critical", "大病保险"), ("assistance", "医疗救助"), ("supplementary", "商业补充保险"),
            ("backstop", "兜底保障"), ("reimbursed", "报销合计"), ("patient_pays", "个人支付"))


def render_day(summary: dict, *, window_name: str, state: str, printed_at: datetime) -> bytes:
    """`summary` as services.closing makes it; `state` says closed (by whom, when) or a preview."""
    register_font()
    lay = LAYOUTS["A4"]
    story = [_title(TITLE, lay), _header(lay, (
        (f"窗口：{window_name}（{summary['window_id']}）", f"经办员：{summary['clerk']}", f"业务日期：{summary['day']}"),
        (f"状态：{state}", "", f"打印时间：{printed_at:%Y-%m-%d %H:%M:%S}"),
    )), Spacer(0, lay.gap)]
    settled = summary["settlements"]
    rows = [["结算", "金额（元）"], ["结算笔数", str(settled["count"])]]
    rows += [[label, settled[key]] for key, label in _AMOUNTS]
    story += [_grid(rows, lay, (0.6, 0.4), labels=(0,), header=True, amounts=(1,)), Spacer(0, lay.gap)]
    if summary["funds"]:
        rows = [["基金", "名称", "支付（元）"]]
        rows += [[TIER_LABELS_ZH.get(f["tier"], f["tier"]), f["name"] or "—", f["paid"]] for f in summary["funds"]]
        story += [_grid(rows, lay, (0.3, 0.4, 0.3), header=True, amounts=(2,)), Spacer(0, lay.gap)]
    enrolled = summary["enrollments"]
    rows = [["参保缴费", "金额（元）"], ["参保笔数", str(enrolled["count"])], ["应缴保费", enrolled["contribution"]],
            ["个人实缴", enrolled["person_pays"]]]
    rows += [[f"资助：{FUND_LABELS_ZH.get(fund, fund)}", amount] for fund, amount in enrolled["subsidy"].items()]
    story += [_grid(rows, lay, (0.6, 0.4), labels=(0,), header=True, amounts=(1,)), Spacer(0, lay.gap)]
    if summary["voids"]:
        cell = _style(lay, lay.body - 1)
        rows = [["单据号", "结算日", "个人支付", "退回现金", "退款经办员", "作废人", "原因"]]
        rows += [[v["receipt_no"] or "—", v["settled_on"], v["patient_pays"], v["cash_refunded"], v["refunded_by"],
                  v["voided_by"], Paragraph(escape(v["reason"]), cell)] for v in summary["voids"]]
        story += [_grid(rows, lay, (0.17, 0.12, 0.12, 0.12, 0.12, 0.1, 0.25), header=True, amounts=(2, 3)),
                  Spacer(0, lay.gap)]
    rows = [["收款合计", summary["cash_collected"]], ["退款合计", summary["cash_refunded"]],
            ["应交现金", summary["net_cash"]]]
    story += [_grid(rows, lay, (0.6, 0.4), labels=(0,), amounts=(1,)), Spacer(0, lay.gap * 3),
              _header(lay, (("经办员签字：", "审核人签字：", "日期："),))]
    return _build(story, lay, lambda *_: None, title=f"{TITLE} {summary['clerk']} {summary['day']}",
                  printed_at=printed_at)

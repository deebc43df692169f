"""Voiding a settlement from a page (作废 and 票据): the reason required, the act confirmed, then the op."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit

from ...domain.money import fmt
from ...services.lookup import SettlementDetail
from ...services.settlement import LaterSettlement
from .. import ops
from ..confirm import confirm
from .base import DeskPage


# Module functions word their text as a page does (lupdate reads translate("context", "literal") calls).
translate = QCoreApplication.translate


def ask(page: DeskPage, text: str) -> bool:
    """The confirmation, naming the act (确认作废), 取消 the default."""
    return confirm(page, translate("Voiding", "作废结算"), text, translate("Voiding", "确认作废"))


def stand_note(count: int) -> str:
    """Says that the later settlements stand (the contract's void: they are not recomputed)."""
    return translate("Voiding", "该参保人本年度此后还有 {0} 笔结算，作废后保持原支付不变：").format(count)


def later_row(x: LaterSettlement) -> tuple[str, str, str, str, str]:
    """A later settlement as the page lists it: receipt number, discharge date, total, reimbursed, patient pays."""
    return (x.receipt_no or x.settlement_id, x.discharged.isoformat(), fmt(x.total), fmt(x.reimbursed),
            fmt(x.patient_pays))


def later_text(later: list[LaterSettlement]) -> str:
    """The confirmation's lines on the later settlements; empty when there are none."""
    if not later:
        return ""
    return "\n" + stand_note(len(later)) + "".join(
        translate("Voiding", "\n{0}（出院 {1}，医疗总费用 {2} 元，报销 {3} 元，个人支付 {4} 元）").format(*later_row(x))
        for x in later)


def void(page: DeskPage, detail: SettlementDetail | None, reason_field: QLineEdit,
         refresh: Callable[[Callable[[], None]], None]) -> None:
    """Void `detail` with the reason typed, once `page.confirm(text)` says yes (the text names the person's later
    settlements of the year, which stand); then `refresh(then)` shows the row as stored now and `then` says it
    was voided. Refused, the reason stays typed."""
    if detail is None or detail.voided:
        return
    reason = reason_field.text().strip()
    if not reason:
        page.say(translate("Voiding", "作废必须填写原因"), error=True)
        reason_field.setFocus()
        return
    receipt = detail.receipt_no or detail.settlement_id
    text = translate("Voiding", "确认作废票据 {0}？\n参保人 {1}，报销合计 {2} 元，个人支付 {3} 元。\n原因：{4}").format(
        receipt, detail.name, fmt(detail.reimbursed), fmt(detail.patient_pays), reason)
    # Read afresh when asked: a settlement made since the page showed the row must be named too.
    ops.settlement.later(page.desk, settlement_id=detail.settlement_id).success(
        lambda later: _confirmed(page, detail, reason, reason_field, refresh, text + later_text(later))
    ).failure(page.failed).run(page)


def _confirmed(page: DeskPage, detail: SettlementDetail, reason: str, reason_field: QLineEdit,
               refresh: Callable[[Callable[[], None]], None], text: str) -> None:
    if not page.confirm(text):
        return
    receipt = detail.receipt_no or detail.settlement_id
    done = translate("Voiding", "已作废票据 {0}").format(receipt)
    ops.settlement.void(page.desk, settlement_id=detail.settlement_id, reason=reason).success(
        lambda _voided: (reason_field.clear(), refresh(lambda: page.say(done)))).failure(page.failed).run(page)

"""Voiding a settlement from a page (作废 and 票据): the reason required, the act confirmed, then the op."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit

from ...domain.money import fmt
from ...services.lookup import SettlementDetail
from .. import ops
from ..confirm import confirm
from .base import DeskPage


# Module functions word their text as a page does (lupdate reads translate("context", "literal") calls).
translate = QCoreApplication.translate


def ask(page: DeskPage, text: str) -> bool:
    """The confirmation, naming the act (确认作废), 取消 the default."""
    return confirm(page, translate("Voiding", "作废结算"), text, translate("Voiding", "确认作废"))


def void(page: DeskPage, detail: SettlementDetail | None, reason_field: QLineEdit,
         refresh: Callable[[Callable[[], None]], None]) -> None:
    """Void `detail` with the reason typed, once `page.confirm(text)` says yes; then `refresh(then)` shows the
    row as stored now and `then` says it was voided. Refused, the reason stays typed."""
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
    if not page.confirm(text):
        return
    done = translate("Voiding", "已作废票据 {0}").format(receipt)
    ops.settlement.void(page.desk, settlement_id=detail.settlement_id, reason=reason).success(
        lambda _voided: (reason_field.clear(), refresh(lambda: page.say(done)))).failure(page.failed).run(page)

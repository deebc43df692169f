"""The money input: digits and at most two decimals, read as Decimal (never float), errors as codes."""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from ..domain.money import ZERO, D
from ..domain.problems import Refusal

MAX_INTEGER_DIGITS = 8  # domain.money.MAX_AMOUNT: 99,999,999.99
# Full-width digits and points come from Chinese input methods; they are the same keys to a clerk.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．。", "0123456789..")
# [0-9], not \d: \d takes every script's digits ("٣"), which Decimal would then read.
_ACCEPTABLE = re.compile(rf"[0-9]{{1,{MAX_INTEGER_DIGITS}}}(\.[0-9]{{1,2}})?")
_TYPING = re.compile(rf"[0-9]{{0,{MAX_INTEGER_DIGITS}}}(\.[0-9]*)?")


class MoneyInputError(Refusal, ValueError):
    """An amount the clerk must correct: `money_required`, `money_too_precise` or `money_invalid`, with the
    field's label (as the window shows it) and the text typed."""


class MoneyValidator(QValidator):
    """Letters and signs are refused at the keystroke. Too many decimals ("12.345") stay typed but are
    not acceptable, so the clerk sees what was typed and is told, instead of a digit silently dropped
    (a QRegularExpressionValidator would drop it)."""

    def validate(self, text: str, pos: int):
        text = text.translate(_FULL_WIDTH)
        if _ACCEPTABLE.fullmatch(text):
            return QValidator.State.Acceptable, text, pos
        if _TYPING.fullmatch(text):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos


class MoneyField(QLineEdit):
    """`amount()` is the Decimal typed, 2 places; empty is 0.00 unless the field is `required`."""

    def __init__(self, label: str, *, required: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = label
        self.required = required
        self.setValidator(MoneyValidator(self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("0.00")
        self.textChanged.connect(self._mark)
        self.editingFinished.connect(self._tidy)

    def amount(self) -> Decimal:
        text = self.text().strip()
        if not text:
            if self.required:
                raise MoneyInputError("money_required", self.objectName(), label=self.label)
            return ZERO
        if not _ACCEPTABLE.fullmatch(text):
            if _TYPING.fullmatch(text) and "." in text and len(text.split(".", 1)[1]) > 2:
                raise MoneyInputError("money_too_precise", self.objectName(), label=self.label, text=text[:40])
            raise MoneyInputError("money_invalid", self.objectName(), label=self.label, text=text[:40])
        return D(text).quantize(Decimal("0.01"))

    def set_amount(self, value: Decimal | None) -> None:
        self.setText("" if value is None else f"{value:.2f}")

    def _tidy(self) -> None:
        # "36000" reads back as "36000.00" once the clerk leaves the field: what was understood.
        if self.hasAcceptableInput():
            self.setText(f"{D(self.text()):.2f}")

    def _mark(self) -> None:
        # A red frame while the text is not a complete amount (the reason comes on 结算).
        bad = bool(self.text()) and not self.hasAcceptableInput()
        self.setStyleSheet("border: 1px solid #b00020;" if bad else "")

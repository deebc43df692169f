"""The settlement form's 医保已结算 mode (the platform's basic and critical figures) and other offices' grants."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QWidget

from . import labels
from .money_field import MoneyField


class UpstreamReliefBox(QGroupBox):
    """`settled_upstream()` is None unless 医保已结算 is ticked; `relief()` the grants typed (non-zero)."""

    changed = Signal()

    def __init__(self, offices: tuple[tuple[str, str], ...], parent: QWidget | None = None):
        super().__init__(self.tr("医保已结算 / 其他部门救助"), parent)
        self.upstream = QCheckBox(self.tr("医保已结算（录入医院结算单的统筹、大病金额）"))
        self.upstream_basic = MoneyField(self.tr("基本医保统筹（已结算）"))
        self.upstream_critical = MoneyField(self.tr("大病保险（已结算）"))
        self.relief_fields = {office: MoneyField(name) for office, name in offices}
        grid = QGridLayout(self)
        grid.addWidget(self.upstream, 0, 0, 1, 4)
        grid.addWidget(QLabel(self.tr("基本医保统筹")), 1, 0)
        grid.addWidget(self.upstream_basic, 1, 1)
        grid.addWidget(QLabel(self.tr("大病保险")), 1, 2)
        grid.addWidget(self.upstream_critical, 1, 3)
        for i, (office, name) in enumerate(offices):
            grid.addWidget(QLabel(labels.word(name)), 2 + i // 2, (i % 2) * 2)
            grid.addWidget(self.relief_fields[office], 2 + i // 2, (i % 2) * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.upstream.toggled.connect(self._mode)
        self.upstream.toggled.connect(self.changed)
        for field in (self.upstream_basic, self.upstream_critical, *self.relief_fields.values()):
            field.textEdited.connect(self.changed)
        self._mode(False)

    def settled_upstream(self) -> tuple[Decimal, Decimal] | None:
        """MoneyInputError names a field the clerk must correct."""
        if not self.upstream.isChecked():
            return None
        return self.upstream_basic.amount(), self.upstream_critical.amount()

    def relief(self) -> tuple[tuple[str, Decimal], ...]:
        amounts = ((office, field.amount()) for office, field in self.relief_fields.items())
        return tuple((office, amount) for office, amount in amounts if amount)

    def clear(self) -> None:
        self.upstream.setChecked(False)
        for field in (self.upstream_basic, self.upstream_critical, *self.relief_fields.values()):
            field.clear()

    def _mode(self, on: bool) -> None:
        self.upstream_basic.setEnabled(on)
        self.upstream_critical.setEnabled(on)

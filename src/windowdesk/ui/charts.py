"""The 报表 page's three charts, drawn with QPainter: stacked bars, a rate line against a target, bars against limits.

Why no charting library (measured with `pip download --no-deps`, sizes once installed): QtCharts comes only in
PySide6-Addons 6.11.3, a 167 MB wheel that installs 418 MiB (QtCharts itself 4.3 MiB of it); pyqtgraph 0.14 is
3.9 MiB but needs numpy (54.7 MiB). Three plain charts are ~200 lines here, with no dependency for the installer,
and each chart keeps the values it draws (`series`) for the tests to read.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

PALETTE = ("#3366aa", "#dd8833", "#55aa55", "#aa4444", "#8866bb", "#888888")
TARGET_INK = QColor("#c00000")
MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP, LEGEND = 56, 34, 26, 16


class Chart(QWidget):
    """A titled plot area with a value axis from 0 to `top`; subclasses draw their marks in `plot`."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.labels: tuple[str, ...] = ()
        self.setMinimumSize(360, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def top(self) -> float:
        return 1.0

    def axis_text(self, value: float) -> str:
        return f"{value:,.0f}"

    def area(self) -> QRectF:
        return QRectF(MARGIN_LEFT, MARGIN_TOP + LEGEND, max(1, self.width() - MARGIN_LEFT - 12),
                      max(1, self.height() - MARGIN_TOP - LEGEND - MARGIN_BOTTOM))

    def y(self, value: float) -> float:
        area = self.area()
        return area.bottom() - area.height() * (value / self.top() if self.top() else 0)

    def slot(self, index: int) -> QRectF:
        """The horizontal band of the index-th label."""
        area = self.area()
        width = area.width() / max(1, len(self.labels))
        return QRectF(area.left() + index * width, area.top(), width, area.height())

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        painter.drawText(QRectF(0, 2, self.width(), MARGIN_TOP), Qt.AlignmentFlag.AlignCenter, self.title)
        area = self.area()
        painter.setPen(QPen(QColor("#bbbbbb"), 1))
        for step in range(5):
            value = self.top() * step / 4
            y = self.y(value)
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.drawText(QRectF(0, y - 8, MARGIN_LEFT - 4, 16), Qt.AlignmentFlag.AlignRight,
                             self.axis_text(value))
        painter.setPen(QPen(QColor("black"), 1))
        for index, label in enumerate(self.labels):
            band = self.slot(index)
            painter.drawText(QRectF(band.left(), area.bottom() + 2, band.width(), MARGIN_BOTTOM - 2),
                             Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap, label)
        self.plot(painter)
        painter.end()

    def plot(self, painter: QPainter) -> None:
        raise NotImplementedError

    def legend(self, painter: QPainter, entries: Sequence[tuple[str, QColor]]) -> None:
        x = MARGIN_LEFT
        for name, colour in entries:
            painter.fillRect(QRectF(x, MARGIN_TOP + 3, 10, 10), colour)
            painter.setPen(QPen(QColor("black"), 1))
            width = painter.fontMetrics().horizontalAdvance(name)
            painter.drawText(QPointF(x + 14, MARGIN_TOP + 12), name)
            x += width + 30


class StackedBars(Chart):
    """Amounts per label, one stacked segment per series (payments by fund per month)."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.series: dict[str, tuple[Decimal, ...]] = {}

    def set_data(self, labels: Sequence[str], series: dict[str, Sequence[Decimal]]) -> None:
        self.labels = tuple(labels)
        self.series = {name: tuple(values) for name, values in series.items()}
        self.update()

    def top(self) -> float:
        totals = [sum(float(v[i]) for v in self.series.values()) for i in range(len(self.labels))]
        return max(totals, default=0) * 1.1 or 1.0

    def plot(self, painter: QPainter) -> None:
        colours = [QColor(PALETTE[i % len(PALETTE)]) for i in range(len(self.series))]
        for index in range(len(self.labels)):
            band, base = self.slot(index), 0.0
            for colour, values in zip(colours, self.series.values()):
                value = float(values[index])
                top = self.y(base + value)
                painter.fillRect(QRectF(band.left() + band.width() * 0.2, top, band.width() * 0.6,
                                        self.y(base) - top), colour)
                base += value
        self.legend(painter, list(zip(self.series, colours)))


class RateLine(Chart):
    """A rate per label as a line, with the target as a horizontal line (coverage rate per month)."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.series: tuple[Decimal | None, ...] = ()
        self.target: Decimal | None = None
        self.names = ("", "")

    def set_data(self, labels: Sequence[str], rates: Sequence[Decimal | None], target: Decimal | None,
                 names: tuple[str, str]) -> None:
        self.labels, self.series, self.target, self.names = tuple(labels), tuple(rates), target, names
        self.update()

    def axis_text(self, value: float) -> str:
        return f"{value:.0%}"

    def plot(self, painter: QPainter) -> None:
        painter.setPen(QPen(QColor(PALETTE[0]), 2))
        points = [QPointF(self.slot(i).center().x(), self.y(float(rate)))
                  for i, rate in enumerate(self.series) if rate is not None]
        for a, b in zip(points, points[1:]):
            painter.drawLine(a, b)
        for point in points:
            painter.drawEllipse(point, 3, 3)
        entries = [(self.names[0], QColor(PALETTE[0]))]
        if self.target is not None:
            painter.setPen(QPen(TARGET_INK, 1.5, Qt.PenStyle.DashLine))
            y = self.y(float(self.target))
            painter.drawLine(QPointF(self.area().left(), y), QPointF(self.area().right(), y))
            entries.append((self.names[1], TARGET_INK))
        self.legend(painter, entries)


class LimitBars(Chart):
    """A share per label as a bar, its limit (where there is one) as a mark across it; over the limit in red."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.series: tuple[Decimal | None, ...] = ()
        self.limits: tuple[Decimal | None, ...] = ()
        self.names = ("", "")

    def set_data(self, labels: Sequence[str], shares: Sequence[Decimal | None], limits: Sequence[Decimal | None],
                 names: tuple[str, str]) -> None:
        self.labels, self.series, self.limits, self.names = tuple(labels), tuple(shares), tuple(limits), names
        self.update()

    def top(self) -> float:
        values = [float(v) for v in (*self.series, *self.limits) if v is not None]
        return max(values, default=0) * 1.2 or 0.1

    def axis_text(self, value: float) -> str:
        return f"{value:.1%}"

    def plot(self, painter: QPainter) -> None:
        for index, (share, limit) in enumerate(zip(self.series, self.limits)):
            band = self.slot(index)
            over = share is not None and limit is not None and share > limit
            if share is not None:
                top = self.y(float(share))
                painter.fillRect(QRectF(band.left() + band.width() * 0.25, top, band.width() * 0.5,
                                        self.y(0) - top), TARGET_INK if over else QColor(PALETTE[0]))
            if limit is not None:
                painter.setPen(QPen(QColor("black"), 2))
                y = self.y(float(limit))
                painter.drawLine(QPointF(band.left() + band.width() * 0.15, y),
                                 QPointF(band.right() - band.width() * 0.15, y))
        self.legend(painter, [(self.names[0], QColor(PALETTE[0])), (self.names[1], QColor("black"))])

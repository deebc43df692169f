"""Previewing, printing and saving a receipt through services.receipts (each paper counted; a second one is a 补打).

The service makes the receipt as a PDF; PDFium (pypdfium2) renders its pages and Qt's print support puts
them on paper. 打印预览 shows what the next paper would look like, stamped 预览, and counts
nothing; 打印 counts the paper once the clerk has chosen the printer, then prints it; 保存 PDF writes an
electronic copy (services.receipts marks it so and does not count it as the original paper).
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import (
    QCoreApplication,
    QMarginsF,
    QObject,
    QRectF,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QImage,
    QPageLayout,
    QPageSize,
    QPaintEngine,
    QPainter,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QToolBar, QWidget

from ..services import receipts
from ..services.errors import Refused
from . import ops
from .confirm import confirm
from .messages import error_text
from .operations import Desk

# Pages are rasters no finer than this: a PDF printer's 1200 dpi would make an A5 slip a 280 MB image,
# and 300 dpi is what a receipt's 7.5 pt text needs on a laser printer.
RENDER_DPI = 300
# The preview is replayed without smoothing at its zoom: a coarser page reads better on screen (and is
# still sharp up to ~150% zoom).
PREVIEW_DPI = 150
# Qt's own words for the preview's print button (its translation context): looked up, not ours to translate.
_QT_PRINT_ACTION = ("QPrintPreviewDialog", "Print")


class PrintFailed(Exception):
    """The receipt's pages could not be put on the printer."""


def page_layout(paper: str) -> QPageLayout:
    """The receipt's paper (services.receipts.paper_size) as a page layout without margins (the PDF has its
    own): A4 portrait or A5 landscape, as adapters.receipt_pdf lays the receipt out."""
    if paper == "A4":
        return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF())
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A5), QPageLayout.Orientation.Landscape, QMarginsF())


def new_printer(paper: str, printer_name: str = "") -> QPrinter:
    """A printer for the receipt's paper; the settings page's default printer when it is connected (else the
    system's default, and the print dialog lets the clerk choose)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if printer_name and printer_name in QPrinterInfo.availablePrinterNames():
        printer.setPrinterName(printer_name)
    printer.setFullPage(True)  # the painter starts at the paper's corner: the PDF's margins are kept as drawn
    printer.setPageLayout(page_layout(paper))
    return printer


def paint_pdf(printer: QPrinter, pdf: bytes, *, most_dpi: int = RENDER_DPI) -> int:
    """Every page of `pdf` on its own sheet of `printer`, as large as the paper allows with the aspect ratio
    kept, centred. Returns the number of pages."""
    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise PrintFailed(f"the receipt PDF cannot be read ({exc})") from None
    try:
        if len(document) < 1:
            raise PrintFailed("the receipt PDF has no page")
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintFailed("the printer cannot be opened")
        # Lossless: Qt would otherwise store the page as a JPEG wherever it writes PDF (CUPS on Linux
        # prints through PDF), blurring the figures of the slip.
        painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        try:
            dpi = min(printer.resolution(), most_dpi)
            for index in range(len(document)):
                if index and not printer.newPage():
                    raise PrintFailed("the printer refused a new page")
                _paint_page(painter, printer, _rendered(document[index], dpi))
        finally:
            painter.end()
        return len(document)
    finally:
        document.close()


def _rendered(page: pdfium.PdfPage, dpi: int) -> QImage:
    """The page at `dpi` on white paper (no alpha for a printer driver to deal with), in Qt's RGB32 layout:
    PDFium's BGRx is those very bytes."""
    try:
        bitmap = page.render(scale=dpi / 72, fill_color=(255, 255, 255, 255),
                             force_bitmap_format=pdfium.raw.FPDFBitmap_BGRx)
    except pdfium.PdfiumError as exc:
        raise PrintFailed(f"a page of the receipt cannot be rendered ({exc})") from None
    pixels = bytes(bitmap.buffer)
    # copy(): the image owns its pixels, not borrowing the bytes above.
    return QImage(pixels, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB32).copy()


def _paint_page(painter: QPainter, printer: QPrinter, sheet: QImage) -> None:
    paper = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
    scale = min(paper.width() / sheet.width(), paper.height() / sheet.height())
    target = QRectF(0, 0, sheet.width() * scale, sheet.height() * scale)
    target.moveCenter(paper.center())
    painter.drawImage(target, sheet)


def _previewing(printer: QPrinter) -> bool:
    """True while a preview widget records the pages (its paint engine is a picture), not on paper."""
    engine = printer.paintEngine()
    return engine is not None and engine.type() == QPaintEngine.Type.Picture


class ReceiptActions(QObject):
    """The receipt of the page's last settlement or enrollment. `message(text, is_error)` reports.

    Each act is a chain of ops (ui/ops/receipts.py) with the clerk's answers between them: nothing blocks
    the window while the receipt is made."""

    message = Signal(str, bool)

    def __init__(self, page: QWidget, desk: Desk):
        super().__init__(page)
        self._page = page
        self._desk = desk
        self._kind = ""
        self._target = ""
        self._receipt_no = ""

    # The points where a person answers; tests replace them.
    def ask_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self._page, self.tr("保存票据 PDF"), suggested,
                                              self.tr("PDF 文件 (*.pdf)"))
        return path

    def confirm_reprint(self, text: str) -> bool:
        return confirm(self._page, self.tr("补打票据"), text, self.tr("确认补打"))

    def ask_printer(self, printer: QPrinter) -> bool:
        dialog = QPrintDialog(printer, self._page)
        dialog.setWindowTitle(self.tr("打印票据 {0}").format(self._receipt_no))
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted.value
        finally:
            dialog.deleteLater()

    def show_preview(self, dialog: QPrintPreviewDialog) -> None:
        dialog.exec()

    def set_target(self, kind: str, target: str, receipt_no: str) -> None:
        """kind "settlement" (target = settlement id) or "enrollment" (target = receipt number)."""
        self._kind, self._target, self._receipt_no = kind, target, receipt_no

    def clear(self) -> None:
        self.set_target("", "", "")

    @property
    def ready(self) -> bool:
        return bool(self._kind)

    def _failed(self, exc: BaseException) -> None:
        self.message.emit(error_text(exc), True)

    def preview(self) -> None:
        """打印预览: the next paper on screen, counted nowhere. Its print button prints as 打印 does."""
        if self.ready:
            ops.receipts.preview(self._desk, kind=self._kind, target=self._target).success(
                self._show_preview).failure(self._failed).run(self)

    def _show_preview(self, made: tuple[bytes, str]) -> None:
        pdf, paper = made
        printer = new_printer(paper)
        dialog = QPrintPreviewDialog(printer, self._page)
        dialog.setWindowTitle(self.tr("打印预览：票据 {0}").format(self._receipt_no))
        dialog.resize(1000, 760)
        dialog.paintRequested.connect(lambda target: self._paint_preview(target, pdf))
        wants_print = self._print_button_prints(dialog)
        try:
            self.show_preview(dialog)
        finally:
            dialog.deleteLater()
        if wants_print:
            self._print_on(paper)

    def print_pdf(self) -> None:
        """打印: the printer dialog, then one counted paper (a 补打 after confirmation) on the chosen printer."""
        if self.ready:
            ops.receipts.print_setup(self._desk).success(lambda setup: self._print_on(*setup)).failure(
                self._failed).run(self)

    def _print_on(self, paper: str, printer_name: str = "") -> None:
        printer = new_printer(paper, printer_name)
        if not self.ask_printer(printer):
            return  # cancelled before anything was counted
        self._count(copy="paper", reprint=False, out=None, done=lambda printed: self._paint(printer, printed))

    def _paint(self, printer: QPrinter, printed: receipts.Printed) -> None:
        try:
            paint_pdf(printer, printed.pdf)
        except PrintFailed:
            # Counted already (the copy number is on the page): the next paper is a 补打, and says so.
            self.message.emit(self.tr("票据 {0} 已计入打印次数，但未能送到打印机：请检查打印机后补打")
                              .format(printed.receipt_no), True)
            return
        where = printer.printerName() or printer.outputFileName()
        self.message.emit(self._describe(printed, self.tr("已送打印机 {0}").format(where)), False)

    def save_pdf(self) -> None:
        """保存 PDF: an electronic copy, marked as such; only a printed paper counts as the original."""
        if not self.ready:
            return
        path = self.ask_path(str(Path.home() / f"{self._receipt_no}.pdf"))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        self._count(copy="electronic", reprint=False, out=path, done=lambda printed: self.message.emit(
            self._describe(printed, self.tr("已保存到 {0}").format(printed.out)), False))

    def _count(self, *, copy: str, reprint: bool, out: str | None, done) -> None:
        def refused(exc: BaseException) -> None:
            # The only refusal of a first paper: printed before. A second paper is a 补打 and must say so.
            if isinstance(exc, Refused) and not reprint:
                if self.confirm_reprint(error_text(exc) + "\n" + self.tr("是否补打？补打的票据将标注“补打”。")):
                    self._count(copy=copy, reprint=True, out=out, done=done)
                return
            self._failed(exc)
        ops.receipts.counted(self._desk, kind=self._kind, target=self._target, copy=copy, reprint=reprint,
                             out=out).success(
            done).failure(refused).run(self)

    def _paint_preview(self, printer: QPrinter, pdf: bytes) -> bool:
        if not _previewing(printer):
            # A stamped preview never goes to paper uncounted (the print button is rerouted; this is the
            # guard should a Qt version name that button differently).
            return False
        try:
            paint_pdf(printer, pdf, most_dpi=PREVIEW_DPI)
        except PrintFailed:
            self.message.emit(self.tr("无法显示票据 {0} 的预览").format(self._receipt_no), True)
            return False
        return True

    def _print_button_prints(self, dialog: QPrintPreviewDialog) -> list[bool]:
        """The preview's own print button would print the stamped preview, uncounted: it closes the preview
        and prints through 打印 instead. The returned list is true once it was pressed."""
        pressed: list[bool] = []
        words = QCoreApplication.translate(*_QT_PRINT_ACTION)
        actions: list[QAction] = [a for bar in dialog.findChildren(QToolBar) for a in bar.actions()
                                  if a.text() == words]
        for action in actions:
            action.triggered.disconnect()
            action.triggered.connect(lambda: (pressed.append(True), dialog.accept()))
        return pressed

    def _describe(self, printed: receipts.Printed, what: str) -> str:
        copy = (self.tr("（电子副本）") if printed.electronic
                else self.tr("（补打 第{0}次）").format(printed.copy_no - 1) if printed.reprint else "")
        return self.tr("票据 {0}{1}：{2}").format(printed.receipt_no, copy, what)

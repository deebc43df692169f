"""Previewing, printing and saving a receipt through services.receipts (each paper counted; a second one is a 补打).

The service makes the receipt as a PDF; PDFium (pypdfium2) renders its pages and Qt's print support puts
them on paper. 打印预览 shows what the next paper would look like, stamped 预览, and counts
nothing; 打印 counts the paper once the clerk has chosen the printer, then prints it; 保存 PDF counts it
too (a saved PDF can be printed anywhere).
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
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QToolBar, QWidget

from ..services import receipts
from ..services.auth import Actor
from ..services.errors import Refused, ServiceError
from ..store.unit_of_work import Store
from .messages import error_text

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


def new_printer(paper: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
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
    """The receipt of the page's last settlement or enrollment. `message(text, is_error)` reports."""

    message = Signal(str, bool)

    def __init__(self, page: QWidget, store: Store, actor: Actor):
        super().__init__(page)
        self._page = page
        self._store = store
        self._actor = actor
        self._kind = ""
        self._target = ""
        self._receipt_no = ""

    # The points where a person answers; tests replace them.
    def ask_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self._page, self.tr("保存票据 PDF"), suggested,
                                              self.tr("PDF 文件 (*.pdf)"))
        return path

    def confirm_reprint(self, text: str) -> bool:
        answer = QMessageBox.question(self._page, self.tr("补打票据"), text)
        return answer == QMessageBox.StandardButton.Yes

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

    def preview(self) -> bool:
        """打印预览: the next paper on screen, counted nowhere. Its print button prints as 打印 does."""
        if not self.ready:
            return False
        try:
            pdf = self._preview_pdf()
            paper = receipts.paper_size(self._store)
        except ServiceError as exc:
            self.message.emit(error_text(exc), True)
            return False
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
            return self.print_pdf()
        return True

    def print_pdf(self) -> bool:
        """打印: the printer dialog, then one counted paper (a 补打 after confirmation) on the chosen printer."""
        if not self.ready:
            return False
        try:
            paper = receipts.paper_size(self._store)
        except ServiceError as exc:
            self.message.emit(error_text(exc), True)
            return False
        printer = new_printer(paper)
        if not self.ask_printer(printer):
            return False  # cancelled before anything was counted
        printed = self._counted(copy="paper", out=None)
        if printed is None:
            return False
        try:
            paint_pdf(printer, printed.pdf)
        except PrintFailed:
            # Counted already (the copy number is on the page): the next paper is a 补打, and says so.
            self.message.emit(self.tr("票据 {0} 已计入打印次数，但未能送到打印机：请检查打印机后补打")
                              .format(printed.receipt_no), True)
            return False
        where = printer.printerName() or printer.outputFileName()
        self.message.emit(self._describe(printed, self.tr("已送打印机 {0}").format(where)), False)
        return True

    def save_pdf(self) -> str | None:
        if not self.ready:
            return None
        path = self.ask_path(str(Path.home() / f"{self._receipt_no}.pdf"))
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        printed = self._counted(copy="electronic", out=path)
        if printed is not None:
            self.message.emit(self._describe(printed, self.tr("已保存到 {0}").format(printed.out)), False)
            return printed.out
        return None

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

    def _preview_pdf(self) -> bytes:
        if self._kind == "settlement":
            return receipts.preview_settlement(self._store, self._actor, settlement_id=self._target)
        return receipts.preview_enrollment(self._store, self._actor, receipt_no=self._target)

    def _counted(self, *, copy: str, out: str | None) -> receipts.Printed | None:
        try:
            try:
                return self._call(copy=copy, reprint=False, out=out)
            except Refused as exc:
                # The only refusal: printed before. A second paper is a 补打 and must say so.
                if not self.confirm_reprint(error_text(exc) + "\n" + self.tr("是否补打？补打的票据将标注“补打”。")):
                    return None
                return self._call(copy=copy, reprint=True, out=out)
        except ServiceError as exc:
            self.message.emit(error_text(exc), True)
            return None

    def _call(self, *, copy: str, reprint: bool, out: str | None) -> receipts.Printed:
        if self._kind == "settlement":
            return receipts.print_settlement(self._store, self._actor, settlement_id=self._target, copy=copy,
                                             reprint=reprint, out=out)
        return receipts.print_enrollment(self._store, self._actor, receipt_no=self._target, copy=copy,
                                         reprint=reprint, out=out)

    def _describe(self, printed: receipts.Printed, what: str) -> str:
        copy = (self.tr("（电子副本）") if printed.electronic
                else self.tr("（补打 第{0}次）").format(printed.copy_no - 1) if printed.reprint else "")
        return self.tr("票据 {0}{1}：{2}").format(printed.receipt_no, copy, what)

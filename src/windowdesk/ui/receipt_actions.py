"""Saving and printing a receipt through services.receipts (each paper counted; a second one is a 补打).

PySide6-Essentials has no QtPdf, so the window cannot paint the service's PDF itself: 保存 PDF writes it
where the clerk chooses, and 打印 writes it to a private temporary folder and opens it in the system's
PDF viewer, whose print dialog sends it to the printer.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..services import receipts
from ..services.auth import Actor
from ..services.errors import Refused, ServiceError
from ..store.unit_of_work import Store
from .messages import error_text


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

    # The three points where a person answers; tests replace them.
    def ask_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self._page, self.tr("保存票据 PDF"), suggested,
                                              self.tr("PDF 文件 (*.pdf)"))
        return path

    def confirm_reprint(self, text: str) -> bool:
        answer = QMessageBox.question(self._page, self.tr("补打票据"), text)
        return answer == QMessageBox.StandardButton.Yes

    def open_file(self, path: str) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def set_target(self, kind: str, target: str, receipt_no: str) -> None:
        """kind "settlement" (target = settlement id) or "enrollment" (target = receipt number)."""
        self._kind, self._target, self._receipt_no = kind, target, receipt_no

    def clear(self) -> None:
        self.set_target("", "", "")

    @property
    def ready(self) -> bool:
        return bool(self._kind)

    def save_pdf(self) -> str | None:
        if not self.ready:
            return None
        path = self.ask_path(str(Path.home() / f"{self._receipt_no}.pdf"))
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        printed = self._print(path)
        if printed is not None:
            self.message.emit(self._describe(printed, self.tr("已保存到 {0}").format(printed.out)), False)
            return printed.out
        return None

    def print_pdf(self) -> str | None:
        if not self.ready:
            return None
        folder = Path(tempfile.gettempdir()) / f"windowdesk-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
        folder.mkdir(mode=0o700, exist_ok=True)  # a receipt carries a name: not in a shared folder
        printed = self._print(str(folder / f"{self._receipt_no}.pdf"))
        if printed is None:
            return None
        if self.open_file(printed.out):
            self.message.emit(self._describe(printed, self.tr("已在 PDF 阅读器中打开，请从阅读器打印")), False)
        else:
            self.message.emit(self.tr("无法打开 PDF 阅读器，票据已保存在 {0}").format(printed.out), True)
        return printed.out

    def _print(self, out: str) -> receipts.Printed | None:
        try:
            try:
                return self._call(reprint=False, out=out)
            except Refused as exc:
                # The only refusal: printed before. A second paper is a 补打 and must say so.
                if not self.confirm_reprint(error_text(exc) + "\n" + self.tr("是否补打？补打的票据将标注“补打”。")):
                    return None
                return self._call(reprint=True, out=out)
        except ServiceError as exc:
            self.message.emit(error_text(exc), True)
            return None

    def _call(self, *, reprint: bool, out: str) -> receipts.Printed:
        if self._kind == "settlement":
            return receipts.print_settlement(self._store, self._actor, settlement_id=self._target,
                                             reprint=reprint, out=out)
        return receipts.print_enrollment(self._store, self._actor, receipt_no=self._target, reprint=reprint, out=out)

    def _describe(self, printed: receipts.Printed, what: str) -> str:
        copy = self.tr("（补打 第{0}次）").format(printed.copy_no - 1) if printed.reprint else ""
        return self.tr("票据 {0}{1}：{2}").format(printed.receipt_no, copy, what)

"""What pages share: the desk they work against and their message line (DeskPage); the running op of pages
with long work (BackgroundPage); the person lookup and the receipt buttons of the pages that serve one
person (PersonPageBase)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ..messages import error_text, show
from ..operations import Desk
from ..person_lookup import PersonLookup
from ..receipt_actions import ReceiptActions
from ..worker import Task


class DeskPage(QWidget):
    """A page of the window: `desk` to build ops with, `message` to say how they went."""

    def __init__(self, desk: Desk, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        self.message = QLabel()
        self.message.setWordWrap(True)

    @property
    def actor(self):
        return self.desk.actor

    def say(self, text: str, *, error: bool = False) -> None:
        show(self.message, text, error=error)

    def failed(self, exc: BaseException) -> None:
        """An op's failure, in words (ui/messages): the default failure callback of a page."""
        self.say(error_text(exc), error=True)


class BackgroundPage(DeskPage):
    """A page whose work runs off the GUI thread, one op at a time: `_task` while it runs, its widgets
    switched by `_set_running` (the page's own), `_done` when the op has answered."""

    def __init__(self, desk: Desk, parent: QWidget | None = None):
        super().__init__(desk, parent)
        self._task: Task | None = None

    def is_running(self) -> bool:
        return self._task is not None

    def _set_running(self, running: bool) -> None:
        raise NotImplementedError

    def _done(self) -> None:
        self._task = None
        self._set_running(False)


class PersonPageBase(DeskPage):
    """A page about one person of the roster found by `lookup`, with the receipt of what it did."""

    def __init__(self, desk: Desk, day: Callable[[], date], parent: QWidget | None = None, *,
                 keep_hits: bool = False):
        super().__init__(desk, parent)
        self.lookup = PersonLookup(desk, day, keep_hits=keep_hits)
        self.id_number = self.lookup.field  # takes a name's first characters too
        self.receipt = ReceiptActions(self, desk)
        self.receipt.message.connect(lambda text, error: self.say(text, error=error))
        self.lookup.failed.connect(self._person_failed)

    def receipt_buttons(self, save_text: str, print_text: str) -> QHBoxLayout:
        """保存 PDF / 打印预览 / 打印, right-aligned, wired to the receipt actions."""
        self.save_button = QPushButton(save_text)
        self.preview_button = QPushButton(self.tr("打印预览"))
        self.print_button = QPushButton(print_text)
        self.save_button.clicked.connect(self.receipt.save_pdf)
        self.preview_button.clicked.connect(self.receipt.preview)
        self.print_button.clicked.connect(self.receipt.print_pdf)
        row = QHBoxLayout()
        row.addStretch(1)
        for button in (self.save_button, self.preview_button, self.print_button):
            row.addWidget(button)
        return row

    def enable_receipt(self, ready: bool) -> None:
        for button in (self.save_button, self.preview_button, self.print_button):
            button.setEnabled(ready)

    def _person_failed(self, text: str) -> None:
        self.forget_person()
        self.say(text, error=True)

    def forget_person(self) -> None:
        """The person shown no longer matches the field (pages clear what they show of them)."""

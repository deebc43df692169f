"""The one confirmation of an irreversible act: its button names the act (确认作废), 取消 is the default."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def confirmation_box(parent: QWidget | None, title: str, text: str, act: str) -> QMessageBox:
    """The box itself (tests read its buttons): `act` on the accepting button, 取消 the default and Escape."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.addButton(act, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QCoreApplication.translate("confirm", "取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)  # Enter pressed out of habit must not void, close or import
    box.setEscapeButton(cancel)
    return box


def confirm(parent: QWidget | None, title: str, text: str, act: str) -> bool:
    """True only when the clerk pressed the button naming the act."""
    box = confirmation_box(parent, title, text, act)
    try:
        box.exec()
        return box.buttonRole(box.clickedButton()) == QMessageBox.ButtonRole.AcceptRole
    finally:
        box.deleteLater()

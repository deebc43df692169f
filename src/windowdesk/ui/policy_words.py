"""A policy's period and whether it is in force, in the window's words (the wizard, settings, the banner)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication


def period(effective_from: date, effective_to: date) -> str:
    return QCoreApplication.translate("policy", "{0} 至 {1}").format(effective_from.isoformat(), effective_to.isoformat())


def state_text(state: str, effective_from: date, effective_to: date) -> str:
    """One sentence: ended, ending within 30 days, not yet started, or in force (naming the date)."""
    if state == "ended":
        return QCoreApplication.translate("policy", "已于 {0} 结束：结算将被拒绝，请换用本年度的政策").format(effective_to.isoformat())
    if state == "ending":
        return QCoreApplication.translate("policy", "将于 {0} 结束（30 天内），请及时换用新政策").format(effective_to.isoformat())
    if state == "not_yet":
        return QCoreApplication.translate("policy", "自 {0} 起施行，尚未生效").format(effective_from.isoformat())
    return QCoreApplication.translate("policy", "执行中，至 {0}").format(effective_to.isoformat())


def state_tag(state: str) -> str:
    """The short mark after a policy's name in a list."""
    return {"ended": QCoreApplication.translate("policy", "【已结束】"), "ending": QCoreApplication.translate("policy", "【30 天内结束】"),
            "not_yet": QCoreApplication.translate("policy", "【未生效】")}.get(state, "")


def warns(state: str) -> bool:
    return state in ("ended", "ending", "not_yet")

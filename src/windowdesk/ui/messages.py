"""Turning what the services raise into the line a page shows, in the window's language, and showing it."""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QLabel

from ..domain.problems import Refusal
from ..services.errors import ServiceError
from ..wording.render import message
from . import language
from .money_field import MoneyInputError

log = logging.getLogger(__name__)

_CJK = re.compile(r"[\u4e00-\u9fff]")
ERROR_STYLE = "color: #b00020; font-weight: bold;"
INFO_STYLE = "color: #1b5e20;"

# The engine names the field of a case error in English only (services.settlement passes it on).
_CASE_ERRORS = {
    "visit.diagnosis": QT_TRANSLATE_NOOP("messages", "诊断编码不在本地门诊慢特病病种目录内"),
    "visit.kind": QT_TRANSLATE_NOOP("messages", "本地政策没有该类就诊的待遇"),
    "visit.discharged": QT_TRANSLATE_NOOP("messages", "出院日期早于入院日期"),
    "visit.total": QT_TRANSLATE_NOOP("messages", "目录外费用与部分自付之和超过总费用"),
    "visit.hospital_level": QT_TRANSLATE_NOOP("messages", "医院等级无效"),
    "person.birth_date": QT_TRANSLATE_NOOP("messages", "参保人年龄不符合残疾儿童康复待遇条件"),
    "person.category": QT_TRANSLATE_NOOP("messages", "人员类别无效"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def error_text(exc: BaseException) -> str:
    """What the clerk reads: a service's own words (message_zh in Chinese, the English message in English),
    a case error by its field, and never the text of an unexpected exception."""
    if isinstance(exc, MoneyInputError):
        return exc.message_zh  # worded through tr() by the money field: already in the window's language
    if isinstance(exc, Refusal):
        return message(exc.problem, QCoreApplication.translate)
    if isinstance(exc, ServiceError):
        text = exc.message_zh
        if not _CJK.search(text):
            field = text.split(":", 1)[0]
            words = _CASE_ERRORS.get(field)
            return _tr(words) if words else QCoreApplication.translate("messages", "输入有误：{0}").format(text)
        return str(exc) if language.english() else text
    # Never the exception's text: it can hold an ID number from a query's parameters.
    log.error("unexpected %s in the window", type(exc).__name__, exc_info=False)
    return QCoreApplication.translate("messages", "系统错误（{0}），请联系管理员").format(type(exc).__name__)


def show(label: QLabel, text: str, *, error: bool) -> None:
    label.setStyleSheet(ERROR_STYLE if error else INFO_STYLE)
    label.setText(text)

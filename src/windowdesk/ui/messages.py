"""Turning what the services raise into the Chinese line a page shows, and showing it."""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from ..services.errors import ServiceError
from .money_field import MoneyInputError

log = logging.getLogger(__name__)

_CJK = re.compile(r"[\u4e00-\u9fff]")
ERROR_STYLE = "color: #b00020; font-weight: bold;"
INFO_STYLE = "color: #1b5e20;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def _case_error_zh(field: str) -> str | None:
    # The engine names the field of a case error in English only (services.settlement passes it on).
    return {
        "visit.diagnosis": _tr("诊断编码不在本地门诊慢特病病种目录内"),
        "visit.kind": _tr("本地政策没有该类就诊的待遇"),
        "visit.discharged": _tr("出院日期早于入院日期"),
        "visit.total": _tr("目录外费用与部分自付之和超过总费用"),
        "visit.hospital_level": _tr("医院等级无效"),
        "person.birth_date": _tr("参保人年龄不符合残疾儿童康复待遇条件"),
        "person.category": _tr("人员类别无效"),
    }.get(field)


def error_zh(exc: BaseException) -> str:
    if isinstance(exc, MoneyInputError):
        return exc.message_zh
    if isinstance(exc, ServiceError):
        text = exc.message_zh
        if not _CJK.search(text):
            field = text.split(":", 1)[0]
            return _case_error_zh(field) or _tr("输入有误：{0}").format(text)
        return text
    # Never the exception's text: it can hold an ID number from a query's parameters.
    log.error("unexpected %s in the window", type(exc).__name__, exc_info=False)
    return _tr("系统错误（{0}），请联系管理员").format(type(exc).__name__)


def show(label: QLabel, text: str, *, error: bool) -> None:
    label.setStyleSheet(ERROR_STYLE if error else INFO_STYLE)
    label.setText(text)

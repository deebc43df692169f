"""The one catalogue of what each problem code says, in Chinese (the source language of the translations).

Each template is marked with QT_TRANSLATE_NOOP("problems", ...) so pyside6-lupdate puts it in
resources/translations/windowdesk_en.ts; English comes from there, for the window (tr()) and the CLI alike.
Placeholders are the problem's parameter names: "{discharged}". Keep the entries of one area together
under its heading (fewer merge conflicts, and a reader finds a code's neighbours).
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    return text


CONTEXT = "problems"

PROBLEMS: dict[str, str] = {
    # --- generic -----------------------------------------------------------------------------------
    "invalid_input": QT_TRANSLATE_NOOP("problems", "输入有误：{field}"),
    "internal_error": QT_TRANSLATE_NOOP("problems", "系统错误（{kind}），请联系管理员"),
    # --- case and engine (domain) ------------------------------------------------------------------
    # --- ID numbers ---------------------------------------------------------------------------------
    # --- settlement and void -------------------------------------------------------------------------
    # --- enrollment ----------------------------------------------------------------------------------
    # --- roster import -------------------------------------------------------------------------------
    # --- users, login, roles -------------------------------------------------------------------------
    # --- window, day-end, setup, settings --------------------------------------------------------------
    # --- exports, packages, ledger, files -------------------------------------------------------------
    "period_unfinished": QT_TRANSLATE_NOOP("problems", "{period} 尚未结束（至 {last_day}），导出的数据包不完整；确认后方可导出"),
    # --- reports -------------------------------------------------------------------------------------
    "report_year": QT_TRANSLATE_NOOP("problems", "报表年度有误：{year}"),
    "report_month": QT_TRANSLATE_NOOP("problems", "报表月份应为 1 到 12，不是 {month}"),
    "report_unknown": QT_TRANSLATE_NOOP("problems", "没有名为“{name}”的报表"),
    "report_grouping": QT_TRANSLATE_NOOP("problems", "不能按“{by}”分组（可按 类别、月份、乡镇、医院）"),
    # --- policy files --------------------------------------------------------------------------------
}

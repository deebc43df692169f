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
    "unknown_field": QT_TRANSLATE_NOOP("problems", "无法识别的字段：{field}"),
    "not_an_object": QT_TRANSLATE_NOOP("problems", "{field} 应为一组键值（JSON 对象）"),
    "missing_field": QT_TRANSLATE_NOOP("problems", "缺少 {field}"),
    "invalid_amount": QT_TRANSLATE_NOOP("problems", "{field} 金额有误：{value}"),
    "negative_amount": QT_TRANSLATE_NOOP("problems", "{field} 金额不能为负：{amount}"),
    "kind_not_in_policy": QT_TRANSLATE_NOOP("problems", "政策 {policy} 未规定此类就诊（{kind}）"),
    "not_for_child_rehab": QT_TRANSLATE_NOOP("problems", "残疾儿童康复不填写 {field}"),
    "upstream_exceeds_in_scope": QT_TRANSLATE_NOOP(
        "problems", "医保已结算金额（统筹 {basic}，大病 {critical}）超过政策范围内费用 {in_scope}"),
    "unknown_relief": QT_TRANSLATE_NOOP("problems", "本地政策没有救助部门 {relief}（可填：{known}）"),
    # --- ID numbers ---------------------------------------------------------------------------------
    # --- settlement and void -------------------------------------------------------------------------
    "disease_not_registered": QT_TRANSLATE_NOOP("problems", "该人员在 {admitted} 没有有效的慢特病认定（{code}），不能按门诊慢特病结算"),
    "unknown_disease": QT_TRANSLATE_NOOP("problems", "{code} 不在本地政策的慢特病病种内（可填：{known}）"),
    "registration_ends_before_start": QT_TRANSLATE_NOOP("problems", "认定终止日期 {ended_on} 早于认定日期 {approved_on}"),
    "registration_overlaps": QT_TRANSLATE_NOOP("problems", "已有 {approved_on} 起的 {code} 认定，期间重叠"),
    "no_registration_on": QT_TRANSLATE_NOOP("problems", "{on} 没有有效的 {code} 慢特病认定"),
    # --- enrollment ----------------------------------------------------------------------------------
    # --- roster import -------------------------------------------------------------------------------
    # --- users, login, roles -------------------------------------------------------------------------
    # --- window, day-end, setup, settings --------------------------------------------------------------
    # --- exports, packages, ledger, files -------------------------------------------------------------
    # --- reports -------------------------------------------------------------------------------------
    # --- policy files --------------------------------------------------------------------------------
}

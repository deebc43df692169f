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
    "future_discharge": QT_TRANSLATE_NOOP("problems", "出院日期 {discharged} 晚于今天（{today}），不能结算"),
    "year_to_date_changed": QT_TRANSLATE_NOOP(
        "problems", "试算后该参保人的年度累计已变化（可能其他窗口刚为其结算），请重新试算后再确认"),
    "policy_not_in_force": QT_TRANSLATE_NOOP(
        "problems", "出院日期 {discharged} 不在政策 {policy} 的执行期（{effective_from} 至 {effective_to}）内"),
    "not_insured": QT_TRANSLATE_NOOP("problems", "入院日期 {day} 不在参保期内（参保期：{periods}）"),
    "settlement_not_found": QT_TRANSLATE_NOOP("problems", "本窗口没有结算单号或票据号为 {ref} 的结算"),
    "settlement_ref_missing": QT_TRANSLATE_NOOP("problems", "请输入结算单号或票据号"),
    "date_range_reversed": QT_TRANSLATE_NOOP("problems", "起始日期 {date_from} 晚于截止日期 {date_to}"),
    # --- enrollment ----------------------------------------------------------------------------------
    "already_enrolled": QT_TRANSLATE_NOOP(
        "problems", "{id_number} 已参保：已办理 {year} 年度参保（票据号 {receipt_no}，参保期 {insured_from} 至 {insured_to}），"
                    "不能重复参保"),
    "enrollment_year_not_covered": QT_TRANSLATE_NOOP(
        "problems", "政策 {policy}（执行期 {effective_from} 至 {effective_to}）未规定 {year} 年度的参保缴费，"
                    "不能办理该年度参保：请先设置该年度的政策"),
    "enrollment_not_set": QT_TRANSLATE_NOOP("problems", "政策 {policy} 未规定参保缴费，不能办理参保"),
    "enrollment_year_ended": QT_TRANSLATE_NOOP("problems", "{year} 年度已结束，不能再办理该年度参保"),
    "enrollment_too_early": QT_TRANSLATE_NOOP("problems", "{year} 年度参保登记从 {opens} 年开始办理"),
    "enrollment_after_year_end": QT_TRANSLATE_NOOP(
        "problems", "{on} 办理 {year} 年度参保将于 {starts} 生效，已超出该年度，请办理 {next_year} 年度参保"),
    # --- roster import -------------------------------------------------------------------------------
    "roster_file_changed": QT_TRANSLATE_NOOP(
        "problems", "花名册文件 {file} 在预览后已被修改（预览时 SHA-256 {previewed}…，现在 {found}…），未导入：请重新预览"),
    # --- users, login, roles -------------------------------------------------------------------------
    # --- window, day-end, setup, settings --------------------------------------------------------------
    # --- exports, packages, ledger, files -------------------------------------------------------------
    # --- reports -------------------------------------------------------------------------------------
    # --- policy files --------------------------------------------------------------------------------
}

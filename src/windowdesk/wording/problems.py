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
    "not_an_object": QT_TRANSLATE_NOOP("problems", "{field} 应为 JSON 对象"),
    "object_missing": QT_TRANSLATE_NOOP("problems", "缺少 {field}（应为 JSON 对象）"),
    "text_missing": QT_TRANSLATE_NOOP("problems", "缺少 {field}（应为文字）"),
    "not_text": QT_TRANSLATE_NOOP("problems", "{field} 应为文字"),
    "not_a_boolean": QT_TRANSLATE_NOOP("problems", "{field} 应为 true 或 false"),
    "date_missing": QT_TRANSLATE_NOOP("problems", "缺少 {field}（应为日期，如 2024-03-01）"),
    "not_a_date": QT_TRANSLATE_NOOP("problems", "{field} 不是有效日期（应为 年-月-日，如 2024-03-01）：{value}"),
    "unknown_field": QT_TRANSLATE_NOOP("problems", "{field} 不是可用的字段"),
    "rehab_months_invalid": QT_TRANSLATE_NOOP("problems", "{field} 应为“年-月”（如 2024-03）的列表"),
    "unknown_category": QT_TRANSLATE_NOOP("problems", "人员类别无效：{value}"),
    "unknown_kind": QT_TRANSLATE_NOOP("problems", "就诊类别无效：{value}（可用：{known}）"),
    "unknown_level": QT_TRANSLATE_NOOP("problems", "医院等级无效：{value}（可用：{known}）"),
    "in_scope_negative": QT_TRANSLATE_NOOP("problems", "目录外费用（{out_of_catalog}）与部分自付（{partial_self_pay}）之和超过医疗总费用（{total}）"),
    "discharge_before_admission": QT_TRANSLATE_NOOP("problems", "出院日期 {discharged} 早于入院日期 {admitted}"),
    "kind_not_in_policy": QT_TRANSLATE_NOOP("problems", "本地政策（{policy}）没有该类就诊的待遇"),
    "diagnosis_not_covered": QT_TRANSLATE_NOOP("problems", "诊断编码 {diagnosis} 不在本地门诊慢特病病种目录内（{diseases}）"),
    "birth_date_required": QT_TRANSLATE_NOOP("problems", "残疾儿童康复需要填写出生日期"),
    "born_after_admission": QT_TRANSLATE_NOOP("problems", "出生日期 {birth_date} 晚于入院日期 {admitted}"),
    "rehab_age": QT_TRANSLATE_NOOP("problems", "残疾儿童康复待遇限 0 至 {max_age} 周岁，参保人在 {admitted} 为 {age} 周岁"),
    "amount_not_number": QT_TRANSLATE_NOOP("problems", "{field} 不是有效金额：{value}"),
    "amount_not_finite": QT_TRANSLATE_NOOP("problems", "{field} 不是有效金额：{value}"),
    "amount_wrong_type": QT_TRANSLATE_NOOP("problems", "{field} 应写成文字或整数金额（如 \"1200.50\"），不能是 {type}"),
    "amount_out_of_range": QT_TRANSLATE_NOOP("problems", "{field} 金额超出范围：{value}"),
    "amount_negative": QT_TRANSLATE_NOOP("problems", "{field} 不能为负数：{amount}"),
    "amount_too_precise": QT_TRANSLATE_NOOP("problems", "{field} 最多两位小数：{amount}"),
    # --- ID numbers ---------------------------------------------------------------------------------
    "id_length": QT_TRANSLATE_NOOP("problems", "身份证号应为18位（或15位旧号），实际为{length}位"),
    "id_chars": QT_TRANSLATE_NOOP("problems", "身份证号含有非法字符：{chars}（只能是数字，最后一位可以是X）"),
    "id_birth_date": QT_TRANSLATE_NOOP("problems", "身份证号中的出生日期无效：{digits}"),
    "id_check_char": QT_TRANSLATE_NOOP("problems", "身份证号校验位不符，请核对号码是否输错"),
    "id_scientific": QT_TRANSLATE_NOOP("problems", "身份证号被Excel转成了数字，末几位已丢失，请把该列设为文本格式后重新导出"),
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
    "period_unfinished": QT_TRANSLATE_NOOP("problems", "{period} 尚未结束（至 {last_day}），导出的数据包不完整；确认后方可导出"),
    # --- reports -------------------------------------------------------------------------------------
    "report_year": QT_TRANSLATE_NOOP("problems", "报表年度有误：{year}"),
    "report_month": QT_TRANSLATE_NOOP("problems", "报表月份应为 1 到 12，不是 {month}"),
    "report_unknown": QT_TRANSLATE_NOOP("problems", "没有名为“{name}”的报表"),
    "report_grouping": QT_TRANSLATE_NOOP("problems", "不能按“{by}”分组（可按 类别、月份、乡镇、医院）"),
    # --- policy files --------------------------------------------------------------------------------
    "policy_not_found": QT_TRANSLATE_NOOP("problems", "{file}：没有这个政策文件或预置政策（预置政策：{known}）"),
    "policy_unreadable": QT_TRANSLATE_NOOP("problems", "{file}：无法读取政策文件（{detail}）"),
    "policy_not_utf8": QT_TRANSLATE_NOOP("problems", "{file}：政策文件不是 UTF-8 文本"),
    "policy_malformed_toml": QT_TRANSLATE_NOOP("problems", "{file}：政策文件不是有效的 TOML（{detail}）"),
    "policy_missing": QT_TRANSLATE_NOOP("problems", "{file}：缺少 {field}"),
    "policy_missing_table": QT_TRANSLATE_NOOP("problems", "{file}：缺少表 [{field}]"),
    "policy_not_table": QT_TRANSLATE_NOOP("problems", "{file}：{field} 应为表"),
    "policy_not_table_array": QT_TRANSLATE_NOOP("problems", "{file}：{field} 应为表数组（[[{field}]]）"),
    "policy_not_text": QT_TRANSLATE_NOOP("problems", "{file}：{field} 应为非空文字"),
    "policy_not_boolean": QT_TRANSLATE_NOOP("problems", "{file}：{field} 应为 true 或 false"),
    "policy_not_date": QT_TRANSLATE_NOOP("problems", "{file}：{field} 应为日期（如 2024-01-01）"),
    "policy_not_whole": QT_TRANSLATE_NOOP("problems", "{file}：{field} 应为不小于 {minimum} 的整数"),
    "policy_number_not_string": QT_TRANSLATE_NOOP("problems", "{file}：{field} 的金额和比例应写成文字（\"0.85\"），不能写成 TOML 数字"),
    "policy_not_number": QT_TRANSLATE_NOOP("problems", "{file}：{field} 不是数字：{value}"),
    "policy_negative": QT_TRANSLATE_NOOP("problems", "{file}：{field} 不能为负数：{value}"),
    "policy_ratio_range": QT_TRANSLATE_NOOP("problems", "{file}：{field} 比例应在 0 到 1 之间：{value}"),
    "policy_too_precise": QT_TRANSLATE_NOOP("problems", "{file}：{field} 金额最多两位小数：{value}"),
    "policy_not_code_list": QT_TRANSLATE_NOOP("problems", "{file}：{field} 应为 {what} 代码的列表"),
    "policy_unknown_code": QT_TRANSLATE_NOOP("problems", "{file}：{field} 中的 {what} 无效：{value}（可用：{known}）"),
    "policy_unknown_key": QT_TRANSLATE_NOOP("problems", "{file}：{field} 不是可用的 {what}（可用：{known}）"),
    "policy_not_one_of": QT_TRANSLATE_NOOP("problems", "{file}：{field} 应为以下之一：{allowed}"),
    "policy_ends_before_start": QT_TRANSLATE_NOOP("problems", "{file}：{field} 早于 effective_from"),
    "policy_no_diseases": QT_TRANSLATE_NOOP("problems", "{file}：{field} 应至少列出一个 ICD-10 病种编码前缀"),
    "policy_not_segments": QT_TRANSLATE_NOOP("problems", "{file}：{field} 应为非空列表，每项是含 up_to 和 ratio 的表"),
    "policy_open_segment_not_last": QT_TRANSLATE_NOOP("problems", "{file}：{field}：只有最后一段可以不设上限"),
    "policy_segments_out_of_order": QT_TRANSLATE_NOOP("problems", "{file}：{field}：分段顺序有误，{up_to} 不高于 {previous}"),
    "policy_last_segment_bounded": QT_TRANSLATE_NOOP("problems", "{file}：{field}：最后一段不应设 up_to（不设上限）"),
    "policy_two_annual_excess": QT_TRANSLATE_NOOP("problems", "{file}：{field}：最多只能有一个 annual_excess 兜底"),
    "policy_not_year_key": QT_TRANSLATE_NOOP("problems", "{file}：{field}：键应为年度，如 \"2024\""),
    "policy_bad_fund": QT_TRANSLATE_NOOP("problems", "{file}：{field} 应为含 fund（名称）和 amount（如 \"130\" 或 \"all\"）的表"),
    "policy_no_funds": QT_TRANSLATE_NOOP("problems", "{file}：{field} 应至少列出一个资助资金"),
}

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
SEPARATOR = QT_TRANSLATE_NOOP("problems", "；")  # between the sentences of several problems (render.joined)

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
    "void_reason_required": QT_TRANSLATE_NOOP("problems", "作废必须填写原因"),
    "already_void": QT_TRANSLATE_NOOP("problems", "结算单 {key} 已作废"),
    "printed_already": QT_TRANSLATE_NOOP("problems", "票据 {receipt_no} 已打印 {printed} 次，如需再次打印请选择补打"),
    "stored_not_printed": QT_TRANSLATE_NOOP("problems", "结算已保存（结算单号 {settlement_id}，票据号 {receipt_no}），但结算单未能打印，可稍后用 windowdesk receipt 补打"),
    "unknown_person": QT_TRANSLATE_NOOP("problems", "花名册中没有身份证号为 {id_number} 的人员"),
    "page_size_setting_invalid": QT_TRANSLATE_NOOP("problems", "纸张设置应为 A4 或 A5，不是 {size}"),
    "file_not_writable": QT_TRANSLATE_NOOP("problems", "无法写入文件 {path}（{detail}）"),
    "enrollment_not_found": QT_TRANSLATE_NOOP("problems", "没有票据号为 {receipt_no} 的参保登记"),
    "roster_file_missing": QT_TRANSLATE_NOOP("problems", "{file}：找不到该文件"),
    "roster_file_unreadable": QT_TRANSLATE_NOOP("problems", "{file}：无法读取该文件（{detail}）"),
    "roster_encoding": QT_TRANSLATE_NOOP("problems", "{file}：第{row}行附近的文字既不是UTF-8也不是GBK/GB18030编码，请在Excel中另存为“CSV UTF-8”或.xlsx"),
    "roster_not_csv": QT_TRANSLATE_NOOP("problems", "{file}：第{row}行无法按CSV读取，请在Excel中另存为CSV或.xlsx"),
    "roster_not_xlsx": QT_TRANSLATE_NOOP("problems", "{file}：不是可读取的Excel工作簿（可能已损坏或设置了密码），请另存为.xlsx或CSV"),
    "roster_no_header": QT_TRANSLATE_NOOP("problems", "{file}：文件中没有内容（第一个非空行应为表头）"),
    "roster_column_twice": QT_TRANSLATE_NOOP("problems", "{file}：表头中“{first}”和“{second}”都是{column}列，请只保留一列"),
    "roster_columns_missing": QT_TRANSLATE_NOOP("problems", "{file}：表头缺少必需的列：{columns}（可用的列名：{names}）"),
    "roster_empty": QT_TRANSLATE_NOOP("problems", "{column}为空"),
    "roster_too_long": QT_TRANSLATE_NOOP("problems", "{column}超过{limit}个字"),
    "roster_numeric": QT_TRANSLATE_NOOP("problems", "{column}被Excel转成了数字，末几位可能已丢失，请把该列设为文本格式后重新导出"),
    "roster_unknown_category": QT_TRANSLATE_NOOP("problems", "{column}“{value}”无法识别（可用：{known}等）"),
    "roster_unrecognised": QT_TRANSLATE_NOOP("problems", "{column}“{value}”无法识别"),
    "roster_date_format": QT_TRANSLATE_NOOP("problems", "{column}“{value}”无法识别（应为{formats}）"),
    "roster_not_a_date": QT_TRANSLATE_NOOP("problems", "{column}“{value}”不是有效日期"),
    "roster_year_range": QT_TRANSLATE_NOOP("problems", "{column}“{value}”不在1900至2099年之间"),
    "roster_household_required": QT_TRANSLATE_NOOP("problems", "低保、低边人员必须填写户编号"),
    "roster_exit_before_start": QT_TRANSLATE_NOOP("problems", "退出日期{exited}早于认定日期{identified}"),
    "roster_name_conflict": QT_TRANSLATE_NOOP("problems", "同一身份证号在文件中有不同的姓名（第{rows}行），该身份证号的各行均未导入"),
    "roster_person_conflict": QT_TRANSLATE_NOOP("problems", "同一身份证号各行的户编号、与户主关系、乡镇、村或联系电话不一致（第{rows}行），该身份证号的各行均未导入"),
    "roster_key_conflict": QT_TRANSLATE_NOOP("problems", "同一身份证号、同一人员类别在第{rows}行出现且内容不一致，这些行均未导入"),
    # --- users, login, roles -------------------------------------------------------------------------
    "role_refused": QT_TRANSLATE_NOOP("problems", "用户 {user}（{role}）无此权限，需要{required}权限"),
    "invalid_role": QT_TRANSLATE_NOOP("problems", "角色应为 {known} 之一，不是 {role}"),
    "invalid_user_name": QT_TRANSLATE_NOOP("problems", "用户名无效：{name}"),
    "password_too_short": QT_TRANSLATE_NOOP("problems", "密码至少 {minimum} 位"),
    "user_exists": QT_TRANSLATE_NOOP("problems", "用户 {user} 已存在"),
    "unknown_user": QT_TRANSLATE_NOOP("problems", "没有用户 {user}"),
    "not_logged_in": QT_TRANSLATE_NOOP("problems", "请先登录（--user 或 WINDOWDESK_USER）"),
    "wrong_password": QT_TRANSLATE_NOOP("problems", "用户名或密码错误"),
    "wrong_password_locked": QT_TRANSLATE_NOOP("problems", "用户名或密码错误，账户已锁定 {minutes} 分钟"),
    "account_locked": QT_TRANSLATE_NOOP("problems", "密码连续错误 {failures} 次，账户锁定至 {until}"),
    "new_password_missing": QT_TRANSLATE_NOOP("problems", "新用户的密码来自 WINDOWDESK_NEW_PASSWORD（或终端提示输入）"),
    # --- window, day-end, setup, settings --------------------------------------------------------------
    "not_initialised": QT_TRANSLATE_NOOP("problems", "数据库尚未初始化，请先运行 windowdesk init"),
    "database_missing": QT_TRANSLATE_NOOP("problems", "数据库文件 {path} 不存在"),
    "foreign_database": QT_TRANSLATE_NOOP("problems", "{path} 中已有其他程序的数据表，不是本系统的数据库，未做任何更改"),
    "init_needs_settings": QT_TRANSLATE_NOOP("problems", "首次 init 需要 --window、--policy、--admin 和 WINDOWDESK_PASSWORD"),
    "init_needs_password": QT_TRANSLATE_NOOP("problems", "管理员密码来自 WINDOWDESK_PASSWORD（或终端提示输入）"),
    "window_id_fixed": QT_TRANSLATE_NOOP("problems", "已初始化数据库的窗口编号不能更改（当前为 {window}）：票据号中含有它"),
    "day_closed": QT_TRANSLATE_NOOP("problems", "{clerk} 的 {day} 已日结，不能再办理业务"),
    "day_closed_already": QT_TRANSLATE_NOOP("problems", "{clerk} 的 {day} 已由 {closed_by} 于 {closed_at} 日结"),
    "day_closed_meanwhile": QT_TRANSLATE_NOOP("problems", "{clerk} 的 {day} 已日结"),
    "closing_future_day": QT_TRANSLATE_NOOP("problems", "{day} 尚未到来，不能日结"),
    "backup_needs_sqlite": QT_TRANSLATE_NOOP("problems", "PostgreSQL 数据库请使用 pg_dump 备份"),
    "restore_needs_sqlite": QT_TRANSLATE_NOOP("problems", "PostgreSQL 数据库请使用 pg_restore 恢复"),
    "restore_from_live": QT_TRANSLATE_NOOP("problems", "{path} 就是正在使用的数据库本身"),
    "restore_needs_admin": QT_TRANSLATE_NOOP("problems", "当前数据库可用，须由其管理员登录后恢复（--user）"),
    "not_a_windowdesk_database": QT_TRANSLATE_NOOP("problems", "{path} 不是本系统的数据库文件"),
    "restore_integrity_failed": QT_TRANSLATE_NOOP("problems", "{path} 未通过 SQLite 完整性检查（{detail}），未做任何更改"),
    "restore_no_revision": QT_TRANSLATE_NOOP("problems", "{path} 没有本系统的数据库版本（可能由其他程序生成），未做任何更改"),
    "restore_unknown_revision": QT_TRANSLATE_NOOP("problems", "{path} 的数据库版本 {revision} 未知（可能由更新版本的程序生成），未做任何更改"),
    "restore_missing_tables": QT_TRANSLATE_NOOP("problems", "{path} 缺少数据表 {tables}，未做任何更改"),
    "restore_orphan_rows": QT_TRANSLATE_NOOP("problems", "{path} 的数据表 {table} 中有缺少上级记录的行，未做任何更改"),
    "restore_audit_broken": QT_TRANSLATE_NOOP("problems", "{path} 的审计链在第 {seq} 条处断开，未做任何更改"),
    "file_exists": QT_TRANSLATE_NOOP("problems", "{path} 已存在，不会覆盖文件"),
    "dry_run_no_receipt": QT_TRANSLATE_NOOP("problems", "试算（--dry-run）不保存结算，不能打印结算单（--receipt）"),
    "folder_missing": QT_TRANSLATE_NOOP("problems", "文件夹 {path} 不存在"),
    "file_missing": QT_TRANSLATE_NOOP("problems", "文件 {path} 不存在"),
    "file_unreadable": QT_TRANSLATE_NOOP("problems", "无法读取文件 {path}（{detail}）"),
    "malformed_json": QT_TRANSLATE_NOOP("problems", "{path} 不是有效的 JSON（{detail}）"),
    "malformed_json_line": QT_TRANSLATE_NOOP("problems", "第 {line} 行不是有效的 JSON（{detail}）"),
    "receipt_target_missing": QT_TRANSLATE_NOOP("problems", "请给出结算单号（或票据号），或用 --enrollment 给出参保票据号"),
    "year_invalid": QT_TRANSLATE_NOOP("problems", "年度有误：{year}"),
    "family_cap_year_open": QT_TRANSLATE_NOOP("problems", "{year} 年度封顶制结算须在该年度结束后（{opens} 起）办理"),
    "policy_no_family_cap": QT_TRANSLATE_NOOP("problems", "政策 {name} 未规定家庭封顶制"),
    "money_required": QT_TRANSLATE_NOOP("problems", "请填写{label}"),
    "money_too_precise": QT_TRANSLATE_NOOP("problems", "{label}最多两位小数：{text}"),
    "money_invalid": QT_TRANSLATE_NOOP("problems", "{label}不是有效金额：{text}"),
    # --- exports, packages, ledger, files -------------------------------------------------------------
    "period_unfinished": QT_TRANSLATE_NOOP("problems", "{period} 尚未结束（至 {last_day}），导出的数据包不完整；确认后方可导出"),
    "period_invalid": QT_TRANSLATE_NOOP("problems", "期间应为 年-月（如 2024-03），不是 {value}"),
    "county_key_missing": QT_TRANSLATE_NOOP("problems", "未配置县级校验密钥，请管理员先用 windowdesk package set-key 设置县医保局下发的密钥"),
    "county_key_not_given": QT_TRANSLATE_NOOP("problems", "县级密钥来自 WINDOWDESK_COUNTY_KEY、终端提示输入或标准输入"),
    "county_key_not_hex": QT_TRANSLATE_NOOP("problems", "县级密钥应为十六进制字符"),
    "county_key_too_short": QT_TRANSLATE_NOOP("problems", "县级密钥至少 {minimum} 位十六进制字符，实际为 {length} 位"),
    "county_key_setting_invalid": QT_TRANSLATE_NOOP("problems", "县级校验密钥设置有误（应为十六进制），请重新设置"),
    "folder_not_writable": QT_TRANSLATE_NOOP("problems", "无法写入导出目录 {path}（{detail}）"),
    "package_manifest_missing": QT_TRANSLATE_NOOP("problems", "缺少数据包清单 {field}"),
    "package_manifest_unreadable": QT_TRANSLATE_NOOP("problems", "数据包清单 {field} 无法读取（{detail}）"),
    "package_manifest_invalid": QT_TRANSLATE_NOOP("problems", "{field} 不是数据包清单"),
    "package_hmac_mismatch": QT_TRANSLATE_NOOP("problems", "清单校验码（HMAC）不符：清单被改动过，或不是用本窗口的县级密钥签名的（数据包密钥 {key_id}，本窗口 {own_key_id}）"),
    "package_file_outside": QT_TRANSLATE_NOOP("problems", "清单列出了数据包以外的文件：{name}"),
    "package_file_missing": QT_TRANSLATE_NOOP("problems", "缺少文件 {name}"),
    "package_file_altered": QT_TRANSLATE_NOOP("problems", "文件 {name} 与清单的 SHA-256 不符：文件被改动过"),
    "ledger_columns_missing": QT_TRANSLATE_NOOP("problems", "{path} 不是结算明细文件，缺少列：{columns}"),
    "ledger_bad_value": QT_TRANSLATE_NOOP("problems", "{path} 第 {row} 行 {column} 列有误"),
    # --- reports -------------------------------------------------------------------------------------
    "report_by_coverage_only": QT_TRANSLATE_NOOP("problems", "--by 只用于 report coverage"),
    "report_unenrolled_whole_year": QT_TRANSLATE_NOOP("problems", "report unenrolled 按整年统计，不接受 --month"),
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

# Parameters whose values are codes: their words, so a sentence says 审核员, not "supervisor".
_ROLES = {"clerk": QT_TRANSLATE_NOOP("problems", "经办员"), "supervisor": QT_TRANSLATE_NOOP("problems", "审核员"),
          "admin": QT_TRANSLATE_NOOP("problems", "管理员")}
PARAM_WORDS: dict[str, dict[str, str]] = {"role": _ROLES, "required": _ROLES}

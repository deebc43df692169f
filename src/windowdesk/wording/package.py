"""The monthly package's column headers in Chinese (county staff read the CSV/XLSX; manifest.json keeps the
machine names beside them in its `schema`, so `ledger import` and county tools map either)."""

from __future__ import annotations

COLUMN_LABELS: dict[str, str] = {
    "settlement_id": "结算单ID", "window_id": "窗口编号", "receipt_no": "单据号", "id_number": "身份证号",
    "name": "姓名", "household": "户号", "year": "年度", "category": "人员类别", "tilt": "享受倾斜",
    "kind": "就诊类别", "hospital": "医疗机构", "hospital_level": "医院等级", "in_region": "统筹区内",
    "referred": "转诊备案", "transfer": "转院", "previous_deductible": "前院已付起付线", "admitted": "入院日期",
    "discharged": "出院日期", "diagnosis": "疾病诊断", "total": "医疗总费用", "out_of_catalog": "目录外费用",
    "partial_self_pay": "先行自付", "in_scope": "政策范围内费用", "basic": "基本医保", "critical": "大病保险",
    "assistance": "医疗救助", "supplementary": "补充保险", "relief": "其他救助", "backstop": "兜底保障",
    "reimbursed": "报销合计", "patient_pays": "个人支付", "policy_id": "政策编号", "policy_hash": "政策校验码",
    "settled_on": "结算日期", "settled_by": "结算经办员", "voided": "已作废", "voided_on": "作废日期",
    "ytd_basic_paid": "本次计入基本医保年度支付", "ytd_op_deductible_used": "本次计入门诊起付线",
    "ytd_critical_base": "本次计入大病保险累计基数", "ytd_critical_paid": "本次计入大病保险年度支付",
    "ytd_assistance_deductible_used": "本次计入医疗救助起付线", "ytd_assistance_paid": "本次计入医疗救助年度支付",
    "ytd_supplementary_base": "本次计入补充保险累计基数", "ytd_supplementary_ooc_base": "本次计入补充保险目录外基数",
    "ytd_supplementary_paid": "本次计入补充保险年度支付", "ytd_excess_base": "本次计入年度自付累计",
    "ytd_backstop_paid": "本次计入兜底年度支付", "ytd_op_general_deductible_used": "本次计入普通门诊起付线",
    "ytd_op_general_paid": "本次计入普通门诊年度支付", "ytd_relief_paid": "本次计入其他救助年度支付",
    "ytd_rehab_months": "本次计入康复月份",
    "contribution": "应缴保费", "person_pays": "个人缴费", "insured_from": "待遇起始日", "insured_to": "待遇终止日",
    "enrolled_on": "参保登记日", "recorded_on": "录入日期", "enrolled_by": "参保经办员", "line": "资助序号",
    "fund": "资助资金", "subsidy": "资助金额", "rule": "监测类型", "threshold": "监测标准",
    "self_pay_ytd": "年度个人自付", "crossed_on": "达到标准的出院日期", "run_id": "批次号", "run_on": "批次日期",
    "self_pay": "年度个人自付", "cap": "封顶线", "payout": "赔付金额",
}
YES, NO = "是", "否"

"""The reports' words: titles and column headers in Chinese (the Excel sheets print them, the window translates).

Each is marked with QT_TRANSLATE_NOOP("reports", ...) so pyside6-lupdate puts it in windowdesk_en.ts.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    return text


CONTEXT = "reports"

TITLES: dict[str, str] = {
    "coverage": QT_TRANSLATE_NOOP("reports", "综合保障率统计表"),
    "out-of-catalog": QT_TRANSLATE_NOOP("reports", "目录外费用占比统计表"),
    "monitoring": QT_TRANSLATE_NOOP("reports", "因病致贫返贫监测名单"),
    "ledger": QT_TRANSLATE_NOOP("reports", "参保资助与结算台账"),
    "unenrolled": QT_TRANSLATE_NOOP("reports", "应保未保人员名单"),
}

HEADERS: dict[str, str] = {
    "key": QT_TRANSLATE_NOOP("reports", "分组"),
    "category": QT_TRANSLATE_NOOP("reports", "人员类别"),
    "month": QT_TRANSLATE_NOOP("reports", "月份"),
    "town": QT_TRANSLATE_NOOP("reports", "乡镇"),
    "village": QT_TRANSLATE_NOOP("reports", "村（社区）"),
    "hospital": QT_TRANSLATE_NOOP("reports", "医疗机构"),
    "level": QT_TRANSLATE_NOOP("reports", "医院等级"),
    "settlements": QT_TRANSLATE_NOOP("reports", "结算人次"),
    "total": QT_TRANSLATE_NOOP("reports", "医疗总费用"),
    "in_scope": QT_TRANSLATE_NOOP("reports", "政策范围内费用"),
    "out_of_catalog": QT_TRANSLATE_NOOP("reports", "目录外费用"),
    "basic": QT_TRANSLATE_NOOP("reports", "基本医保"),
    "critical": QT_TRANSLATE_NOOP("reports", "大病保险"),
    "assistance": QT_TRANSLATE_NOOP("reports", "医疗救助"),
    "supplementary": QT_TRANSLATE_NOOP("reports", "补充保险"),
    "relief": QT_TRANSLATE_NOOP("reports", "其他救助"),
    "backstop": QT_TRANSLATE_NOOP("reports", "兜底保障"),
    "reimbursed": QT_TRANSLATE_NOOP("reports", "报销合计"),
    "patient_pays": QT_TRANSLATE_NOOP("reports", "个人自付"),
    "coverage_rate": QT_TRANSLATE_NOOP("reports", "综合保障率"),
    "in_scope_rate": QT_TRANSLATE_NOOP("reports", "政策范围内报销比例"),
    "below_target": QT_TRANSLATE_NOOP("reports", "低于目标"),
    "share": QT_TRANSLATE_NOOP("reports", "目录外费用占比"),
    "limit": QT_TRANSLATE_NOOP("reports", "控制标准"),
    "over": QT_TRANSLATE_NOOP("reports", "超标"),
    "id_number": QT_TRANSLATE_NOOP("reports", "身份证号"),
    "name": QT_TRANSLATE_NOOP("reports", "姓名"),
    "household": QT_TRANSLATE_NOOP("reports", "户号"),
    "rule": QT_TRANSLATE_NOOP("reports", "监测类型"),
    "threshold": QT_TRANSLATE_NOOP("reports", "监测标准"),
    "self_pay": QT_TRANSLATE_NOOP("reports", "年度个人自付"),
    "crossed_on": QT_TRANSLATE_NOOP("reports", "达到标准的出院日期"),
    "settlement_id": QT_TRANSLATE_NOOP("reports", "结算单号"),
    "identified_on": QT_TRANSLATE_NOOP("reports", "认定日期"),
    "enrollments": QT_TRANSLATE_NOOP("reports", "参保人数"),
    "contribution": QT_TRANSLATE_NOOP("reports", "应缴保费"),
    "subsidy": QT_TRANSLATE_NOOP("reports", "资助"),
    "person_pays": QT_TRANSLATE_NOOP("reports", "个人缴费"),
}

ALL = QT_TRANSLATE_NOOP("reports", "合计")
TARGET = QT_TRANSLATE_NOOP("reports", "目标")
YES, NO = QT_TRANSLATE_NOOP("reports", "是"), QT_TRANSLATE_NOOP("reports", "否")
MADE_AT = QT_TRANSLATE_NOOP("reports", "制表时间")
PERIOD = QT_TRANSLATE_NOOP("reports", "统计期间")
POLICY = QT_TRANSLATE_NOOP("reports", "政策")

"""The codes of the domain in the window's words: the Chinese the slips print, or its translation."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..adapters.receipt_data import FUND_LABELS_ZH, NOTE_ZH, TierLine
from ..domain.categories import (
    CATEGORY_LABELS_ZH,
    KIND_LABELS_ZH,
    LEVEL_LABELS_ZH,
    TIER_LABELS_ZH,
)
from ..services.auth import ROLE_LABELS_ZH

CONTEXT = "labels"
SEX_ZH = {"M": QT_TRANSLATE_NOOP("labels", "男"), "F": QT_TRANSLATE_NOOP("labels", "女")}
LIST_SEPARATOR = QT_TRANSLATE_NOOP("labels", "、")
CLAUSE_SEPARATOR = QT_TRANSLATE_NOOP("labels", "，")
CAP_REACHED = QT_TRANSLATE_NOOP("labels", "已达年度封顶")  # adapters.receipt_data.tier_lines adds it to a note
OUT_OF_CATALOG = QT_TRANSLATE_NOOP("labels", "（目录外）")  # ... and this to the supplementary tier's label
_UNSAID = frozenset({"in_scope", "out_of_catalog"})  # notes the label already says (tier_lines leaves them out)

# lupdate reads only literal strings: every word of the dictionaries imported above is marked here once,
# and tests/ui/test_translation.py fails when one of them has no translation.
_WORDS = (
    QT_TRANSLATE_NOOP("labels", "特困人员"), QT_TRANSLATE_NOOP("labels", "低保对象"),
    QT_TRANSLATE_NOOP("labels", "低保边缘"), QT_TRANSLATE_NOOP("labels", "脱贫人口"),
    QT_TRANSLATE_NOOP("labels", "孤儿"), QT_TRANSLATE_NOOP("labels", "因病致贫重病患者"),
    QT_TRANSLATE_NOOP("labels", "渐退期"), QT_TRANSLATE_NOOP("labels", "普通参保人"),
    QT_TRANSLATE_NOOP("labels", "乡镇卫生院/社区"), QT_TRANSLATE_NOOP("labels", "县级"),
    QT_TRANSLATE_NOOP("labels", "市级"), QT_TRANSLATE_NOOP("labels", "省级"),
    QT_TRANSLATE_NOOP("labels", "住院"), QT_TRANSLATE_NOOP("labels", "门诊慢特病"),
    QT_TRANSLATE_NOOP("labels", "残疾儿童康复"),
    QT_TRANSLATE_NOOP("labels", "基本医保统筹"), QT_TRANSLATE_NOOP("labels", "大病保险"),
    QT_TRANSLATE_NOOP("labels", "医疗救助"), QT_TRANSLATE_NOOP("labels", "商业补充保险"),
    QT_TRANSLATE_NOOP("labels", "兜底保障"),
    QT_TRANSLATE_NOOP("labels", "财政资助"), QT_TRANSLATE_NOOP("labels", "县级财政资助"),
    QT_TRANSLATE_NOOP("labels", "医疗救助资助"),
    QT_TRANSLATE_NOOP("labels", "经办员"), QT_TRANSLATE_NOOP("labels", "审核员"), QT_TRANSLATE_NOOP("labels", "管理员"),
    QT_TRANSLATE_NOOP("labels", "未转诊，比例下调"), QT_TRANSLATE_NOOP("labels", "按月限额支付"),
    QT_TRANSLATE_NOOP("labels", "康复月数已满"), QT_TRANSLATE_NOOP("labels", "困难群众倾斜"),
    QT_TRANSLATE_NOOP("labels", "不设封顶"), QT_TRANSLATE_NOOP("labels", "政策范围内"),
    QT_TRANSLATE_NOOP("labels", "目录外（全自费）"), QT_TRANSLATE_NOOP("labels", "补足至目标比例"),
    QT_TRANSLATE_NOOP("labels", "年度自付超过门槛部分"), QT_TRANSLATE_NOOP("labels", "本地政策未设"),
    QT_TRANSLATE_NOOP("labels", "本类就诊不适用"), QT_TRANSLATE_NOOP("labels", "本类人员不适用"),
    QT_TRANSLATE_NOOP("labels", "不享受倾斜政策"), QT_TRANSLATE_NOOP("labels", "未转诊，不予支付"),
    QT_TRANSLATE_NOOP("labels", "医保已结算"), QT_TRANSLATE_NOOP("labels", "普通门诊"),
    QT_TRANSLATE_NOOP("labels", "其他部门救助"),
)


def word(text: str) -> str:
    """`text` translated when it is one of the words above; any other text (a policy's own step name) as is."""
    return QCoreApplication.translate(CONTEXT, text)


def listing(items: Iterable[str]) -> str:
    """Items joined as a list is written: 甲、乙 / A, B."""
    return word(LIST_SEPARATOR).join(items)


def category(code: str) -> str:
    return word(CATEGORY_LABELS_ZH.get(code, code))


def level(code: str) -> str:
    return word(LEVEL_LABELS_ZH.get(code, code))


def kind(code: str) -> str:
    return word(KIND_LABELS_ZH.get(code, code))


def tier(code: str) -> str:
    return word(TIER_LABELS_ZH.get(code, code))


def fund(code: str) -> str:
    return word(FUND_LABELS_ZH.get(code, code))


def role(code: str) -> str:
    return word(ROLE_LABELS_ZH.get(code, code))


def sex(code: str) -> str:
    return word(SEX_ZH.get(code, code))


def step_label(line: TierLine) -> str:
    """A tier's label from its codes, as tier_lines words it: the tier or the policy's step name, with
    （目录外） for the supplementary tier's out-of-catalogue part."""
    label = line.name or TIER_LABELS_ZH.get(line.tier, line.tier)
    return word(label) + (word(OUT_OF_CATALOG) if line.out_of_catalog else "")


def step_note(line: TierLine) -> str:
    """A tier's note from its codes, as tier_lines words it: the note's words, then 已达年度封顶 where capped."""
    words = [word(NOTE_ZH[line.note_code])] if line.note_code in NOTE_ZH and line.note_code not in _UNSAID else []
    if line.cap_hit and line.base is not None:
        words.append(word(CAP_REACHED))
    return word(CLAUSE_SEPARATOR).join(words)

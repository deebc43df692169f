"""Codes the policies and the engine speak: person categories, hospital levels, visit kinds, tiers."""

# Person categories, most favourable first: the default order that decides which of
# several valid memberships settles a visit (a policy may set its own `category_priority`).
CATEGORIES: tuple[str, ...] = (
    "destitute",
    "orphan",
    "dibao",
    "registered_poor",
    "near_dibao",
    "illness_poor",
    "phasing_out",
    "ordinary",
)

CATEGORY_LABELS_ZH: dict[str, str] = {
    "destitute": "特困人员",
    "dibao": "低保对象",
    "near_dibao": "低保边缘",
    "registered_poor": "脱贫人口",
    "orphan": "孤儿",
    "illness_poor": "因病致贫重病患者",
    "phasing_out": "渐退期",
    "ordinary": "普通参保人",
}

LEVELS: tuple[str, ...] = ("township", "county", "city", "province")

LEVEL_LABELS_ZH: dict[str, str] = {
    "township": "乡镇卫生院/社区",
    "county": "县级",
    "city": "市级",
    "province": "省级",
}

KINDS: tuple[str, ...] = ("inpatient", "outpatient_special", "outpatient", "child_rehab")

KIND_LABELS_ZH: dict[str, str] = {
    "inpatient": "住院",
    "outpatient_special": "门诊慢特病",
    "outpatient": "普通门诊",
    "child_rehab": "残疾儿童康复",
}

# The tiers of the cascade, in order; `paid` in a result always carries all six (relief: other offices' grants).
TIERS: tuple[str, ...] = ("basic", "critical", "assistance", "supplementary", "relief", "backstop")

TIER_LABELS_ZH: dict[str, str] = {
    "basic": "基本医保统筹",
    "critical": "大病保险",
    "assistance": "医疗救助",
    "supplementary": "商业补充保险",
    "relief": "其他部门救助",
    "backstop": "兜底保障",
}

BACKSTOP_KINDS: tuple[str, ...] = ("top_up_to_ratio", "annual_excess")


def most_favourable(categories, priority: tuple[str, ...] = CATEGORIES) -> str:
    """The first of `priority` that `categories` holds; `ordinary` when none."""
    held = set(categories)
    for code in priority:
        if code in held:
            return code
    return "ordinary"

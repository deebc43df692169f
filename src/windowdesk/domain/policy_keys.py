"""The keys a policy file may hold, table by table: any other key is refused with its path, never ignored."""

from __future__ import annotations

from typing import Any

from .problems import Problem

# Tables keyed by codes or years (levels, categories, kinds, "2024") are checked where they are read.
_FREE = frozenset({
    "basic.inpatient.deductible", "basic.inpatient.ratio", "basic.outpatient_special.deductible",
    "basic.outpatient_special.ratio", "basic.outpatient_special.disease_names", "basic.outpatient.deductible",
    "basic.outpatient.ratio", "assistance.ratio", "family_cap.cap", "enrollment.contribution",
    "targets.out_of_catalog_share", "backstop[].target",
})

_BENEFIT = {"deductible", "ratio"}
KNOWN: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in {
    "": {"id", "name", "region", "source", "effective_from", "effective_to", "poverty_categories",
         "category_priority", "tilt", "enrollment", "basic", "child_rehab", "critical", "assistance",
         "supplementary", "relief", "backstop", "family_cap", "targets", "monitoring"},
    "tilt": {"requires_referral_at"},
    "enrollment": {"contribution", "effective", "subsidy"},
    "enrollment.subsidy[]": {"categories", "funds"},
    "enrollment.subsidy[].funds[]": {"fund", "amount"},
    "basic": {"annual_cap", "unreferred_ratio_cut", "inpatient", "outpatient_special", "outpatient"},
    "basic.inpatient": _BENEFIT | {"transfer_continues_deductible"},
    "basic.outpatient_special": _BENEFIT | {"diseases", "disease_names"},
    "basic.outpatient": _BENEFIT | {"annual_cap"},
    "child_rehab": {"monthly_cap", "max_months", "max_age"},
    "critical": {"applies_to", "deductible", "segments", "annual_cap", "tilt"},
    "critical.segments[]": {"up_to", "ratio"},
    "critical.tilt": {"deductible", "deductible_factor", "ratio_bonus", "min_ratio", "annual_cap"},
    "assistance": {"applies_to", "deductible", "annual_cap", "ratio", "uncapped"},
    "supplementary": {"name", "applies_to", "deductible", "ratio", "tilt_deductible", "covers_partial_self_pay",
                      "out_of_catalog"},
    "supplementary.out_of_catalog": {"deductible", "ratio"},
    "relief[]": {"id", "name"},
    "backstop[]": {"kind", "name", "base", "target", "threshold", "ratio", "requires_referral"},
    "family_cap": {"base", "cap"},
    "targets": {"coverage_rate", "out_of_catalog_share"},
    "monitoring": {"rules"},
    "monitoring.rules[]": {"label", "categories", "threshold"},
}.items()}


def unknown_keys(data: dict[str, Any]) -> list[Problem]:
    """A `policy_unknown_field` problem for every key the format does not know ("basic.inpatient.ratios")."""
    problems: list[Problem] = []
    _walk(data, "", "", problems)
    return problems


def _walk(table: dict, pattern: str, path: str, problems: list) -> None:
    known = KNOWN.get(pattern)
    if known is None:
        return
    for key, value in table.items():
        child_pattern = f"{pattern}.{key}" if pattern else key
        child_path = f"{path}.{key}" if path else key
        if key not in known:
            problems.append(Problem("policy_unknown_field", child_path, {"known": ", ".join(sorted(known))}))
        elif isinstance(value, dict) and child_pattern not in _FREE:
            _walk(value, child_pattern, child_path, problems)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    _walk(item, f"{child_pattern}[]", f"{child_path}[{i}]", problems)

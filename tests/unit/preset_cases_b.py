"""Helpers for the hand-computed settlement cases (fusong-2019, dezhou-2020, example-2024).

Cases are written as the JSON of cli.md; the expected amounts are worked out by hand from
docs/settlement-rules.md and the policy's numbers, never taken from the engine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from windowdesk.adapters.policy_presets import load_policy
from windowdesk.domain.case_json import parse_case, settlement_json, year_to_date_json
from windowdesk.domain.engine import settle
from windowdesk.domain.visit import Settlement

EXAMPLE_POLICY = Path(__file__).resolve().parents[1] / "fixtures" / "example-2024.toml"

YTD_FIELDS = ("basic_paid", "op_deductible_used", "critical_base", "critical_paid",
              "assistance_deductible_used", "assistance_paid", "supplementary_base",
              "supplementary_ooc_base", "supplementary_paid", "excess_base", "backstop_paid",
              "op_general_deductible_used", "op_general_paid", "relief_paid")


def case(category: str, visit: dict[str, Any], ytd: dict[str, Any] | None = None,
         birth_date: str = "1961-05-02") -> dict[str, Any]:
    """A `settle` case as in cli.md."""
    return {"person": {"category": category, "birth_date": birth_date},
            "visit": visit, "year_to_date": ytd or {}}


def run(policy_id: str | Path, case_obj: dict[str, Any]) -> Settlement:
    """Parse the case and settle it with the policy (a preset id or a file)."""
    person, visit, ytd = parse_case(case_obj)
    return settle(load_policy(policy_id), person, visit, ytd)


def ytd_after(result: Settlement) -> dict[str, Any]:
    """The result's year to date as JSON (to carry into the next visit)."""
    return year_to_date_json(result.year_to_date)


def full_ytd(**figures: str | list[str]) -> dict[str, Any]:
    """A complete year-to-date JSON: the given figures, every other one zero."""
    out: dict[str, Any] = {name: "0.00" for name in YTD_FIELDS}
    out["rehab_months"] = []
    out.update(figures)
    return out


def check(result: Settlement, *, basic: str, critical: str, assistance: str, supplementary: str,
          backstop: str, patient_pays: str, ytd: dict[str, Any] | None = None, relief: str = "0.00") -> None:
    """All six tiers, the total reimbursed, patient_pays and (when given) the whole year to date."""
    out = settlement_json(result)
    assert out["paid"] == {"basic": basic, "critical": critical, "assistance": assistance,
                           "supplementary": supplementary, "relief": relief, "backstop": backstop}
    assert out["patient_pays"] == patient_pays
    assert result.reimbursed == sum(result.paid.values())
    if ytd is not None:
        assert out["year_to_date"] == ytd

"""Helpers for the hand-computed preset settlement tests (longgang, linan, huolinguole).

A case is written as a clerk's `settle` case (cli.md): {"person", "visit", "year_to_date"}.
Expectations are worked out by hand from docs/settlement-rules.md and the preset's numbers;
these helpers only build, settle and compare.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from windowdesk.adapters.policy_presets import load_policy
from windowdesk.domain.case_json import parse_case, settlement_json, year_to_date_json
from windowdesk.domain.engine import settle
from windowdesk.domain.visit import YTD_MONEY_FIELDS, Settlement

TIERS = ("basic", "critical", "assistance", "supplementary", "relief", "backstop")


def case(category: str, visit: dict[str, Any], ytd: dict[str, Any] | None = None) -> dict[str, Any]:
    """A `settle` case for an adult of `category`."""
    return {"person": {"category": category, "birth_date": "1960-05-02"},
            "visit": visit, "year_to_date": dict(ytd or {})}


def run(preset: str, case_obj: dict[str, Any]) -> Settlement:
    """Parse the case as the CLI does and settle it under the preset."""
    person, visit, ytd = parse_case(case_obj)
    return settle(load_policy(preset), person, visit, ytd)


def carry(result: Settlement) -> dict[str, Any]:
    """The year-to-date after a visit, as JSON, to feed into the next visit's case."""
    return year_to_date_json(result.year_to_date)


def assert_paid(result: Settlement, *, basic: str, critical: str, assistance: str,
                supplementary: str, backstop: str, patient_pays: str, tilt: bool | None = None,
                relief: str = "0.00") -> None:
    """All six tiers and patient_pays exactly (as Decimals and as the JSON strings)."""
    expected = {"basic": basic, "critical": critical, "assistance": assistance,
                "supplementary": supplementary, "relief": relief, "backstop": backstop}
    got = settlement_json(result)
    assert got["paid"] == expected
    assert got["patient_pays"] == patient_pays
    for tier, amount in expected.items():
        assert getattr(result, tier) == Decimal(amount), tier
    reimbursed = sum((Decimal(a) for a in expected.values()), Decimal("0"))
    assert result.reimbursed == reimbursed
    assert got["reimbursed"] == f"{reimbursed:.2f}"
    assert result.patient_pays == Decimal(patient_pays)
    if tilt is not None:
        assert result.tilt is tilt


def assert_ytd(result: Settlement, before: dict[str, Any] | None = None, **after: str) -> None:
    """The whole year-to-date after the visit: the figures named in `after` changed to those values,
    every other figure is what it was in `before` (0 when absent)."""
    before = before or {}
    unknown = set(after) - set(YTD_MONEY_FIELDS)
    assert not unknown, f"typo in expected year_to_date fields: {unknown}"
    expected = {name: f"{Decimal(str(before.get(name, '0'))):.2f}" for name in YTD_MONEY_FIELDS}
    expected.update(after)
    got = year_to_date_json(result.year_to_date)
    got.pop("rehab_months")
    assert got == expected

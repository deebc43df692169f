"""The engine's inputs and output: person, visit, year-to-date, and the settlement result."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from .problems import Refusal

_ZERO = Decimal("0.00")


class CaseError(Refusal, ValueError):
    """Bad input for one case: a code, the field it concerns (e.g. "visit.total") and parameters. Nothing is
    computed. `CaseError("discharge_before_admission", "visit.discharged", admitted=..., discharged=...)`."""


@dataclass(frozen=True, slots=True)
class Person:
    category: str
    birth_date: date | None = None


def in_scope_of(total: Decimal, out_of_catalog: Decimal, partial_self_pay: Decimal) -> Decimal:
    """政策范围内费用: what is left of the total once the out-of-catalogue and partial self-pay parts are out."""
    return total - out_of_catalog - partial_self_pay


@dataclass(frozen=True, slots=True)
class Visit:
    kind: str
    hospital_level: str
    admitted: date
    discharged: date
    total: Decimal
    out_of_catalog: Decimal = _ZERO
    partial_self_pay: Decimal = _ZERO
    in_region: bool = False
    referred: bool = False
    transfer: bool = False
    previous_deductible: Decimal = _ZERO
    diagnosis: str = ""
    hospital: str = ""
    # 医保已结算: (basic, critical) as the insurance platform settled them; None when the window computes them.
    settled_upstream: tuple[Decimal, Decimal] | None = None
    relief: tuple[tuple[str, Decimal], ...] = ()  # other offices' grants: (relief id, amount), as typed

    @property
    def in_scope(self) -> Decimal:
        return in_scope_of(self.total, self.out_of_catalog, self.partial_self_pay)


@dataclass(frozen=True, slots=True)
class YearToDate:
    """A person's running figures for one settlement year (recomputable from the stored settlements)."""

    basic_paid: Decimal = _ZERO
    op_deductible_used: Decimal = _ZERO
    critical_base: Decimal = _ZERO
    critical_paid: Decimal = _ZERO
    assistance_deductible_used: Decimal = _ZERO
    assistance_paid: Decimal = _ZERO
    supplementary_base: Decimal = _ZERO
    supplementary_ooc_base: Decimal = _ZERO
    supplementary_paid: Decimal = _ZERO
    excess_base: Decimal = _ZERO
    backstop_paid: Decimal = _ZERO
    op_general_deductible_used: Decimal = _ZERO  # ordinary outpatient (门诊统筹): its own annual deductible
    op_general_paid: Decimal = _ZERO  # and what basic paid of it, against basic.outpatient.annual_cap
    relief_paid: Decimal = _ZERO
    rehab_months: tuple[str, ...] = ()


YTD_MONEY_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(YearToDate) if f.name != "rehab_months")


class Step(NamedTuple):
    """How one tier (or one backstop fund) was computed, for the clerk's screen and the slip."""

    tier: str
    base: Decimal
    deductible: Decimal
    ratio: Decimal | None  # None where a tier applies several ratios (see `segments`)
    paid: Decimal
    cap_hit: bool = False
    name: str = ""  # the fund's name where the policy gives one (backstops, supplementary)
    note: str = ""  # why a tier did not run or what limited it (a code, the UI words it)
    segments: tuple[tuple[Decimal, Decimal | None, Decimal, Decimal], ...] = ()  # (from, to, ratio, amount)


@dataclass(frozen=True, slots=True)
class Settlement:
    in_scope: Decimal
    tilt: bool
    basic: Decimal
    critical: Decimal
    assistance: Decimal
    supplementary: Decimal
    relief: Decimal
    backstop: Decimal
    reimbursed: Decimal
    patient_pays: Decimal
    year_to_date: YearToDate
    steps: tuple[Step, ...]

    @property
    def paid(self) -> dict[str, Decimal]:
        return {"basic": self.basic, "critical": self.critical, "assistance": self.assistance,
                "supplementary": self.supplementary, "relief": self.relief, "backstop": self.backstop}

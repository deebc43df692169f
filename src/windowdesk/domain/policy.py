"""The policy model: one region's and year's rules as frozen value objects (loaded by policy_loader)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Mapping


@dataclass(frozen=True, slots=True)
class BasicBenefit:
    """Basic insurance for one visit kind: per-level deductible and ratio."""

    deductible: Mapping[str, Decimal]
    ratio: Mapping[str, Decimal]
    # True, False or "referred_poor" (only a tilted person's referred transfer continues it; inpatient only)
    transfer_continues_deductible: bool | str = False
    diseases: tuple[str, ...] = ()  # ICD-10 prefixes (outpatient special only)
    disease_names: Mapping[str, str] = field(default_factory=dict)  # prefix -> name, where the policy gives one
    annual_cap: Decimal | None = None  # ordinary outpatient only: its own annual limit on op_general_paid

    def continues_deductible(self, tilt: bool, referred: bool) -> bool:
        rule = self.transfer_continues_deductible
        return (tilt and referred) if rule == "referred_poor" else bool(rule)

    def covers_diagnosis(self, diagnosis: str) -> bool:
        return self.disease_of(diagnosis) is not None

    def disease_of(self, diagnosis: str) -> str | None:
        """The listed prefix `diagnosis` falls under (E11.9 -> E11), or None."""
        code = diagnosis.strip().upper()
        return next((prefix for prefix in self.diseases if code.startswith(prefix)), None)


@dataclass(frozen=True, slots=True)
class Basic:
    annual_cap: Decimal
    unreferred_ratio_cut: Decimal
    inpatient: BasicBenefit | None
    outpatient_special: BasicBenefit | None
    outpatient: BasicBenefit | None = None  # 普通门诊 (门诊统筹)

    def benefit(self, kind: str) -> BasicBenefit | None:
        return getattr(self, kind) if kind in ("inpatient", "outpatient_special", "outpatient") else None


@dataclass(frozen=True, slots=True)
class ChildRehab:
    monthly_cap: Decimal
    max_months: int
    max_age: int = 17


@dataclass(frozen=True, slots=True)
class Segment:
    """One band of the critical-illness schedule: [start, end) paid at ratio (end None = open)."""

    start: Decimal
    end: Decimal | None
    ratio: Decimal


@dataclass(frozen=True, slots=True)
class CriticalTilt:
    deductible: Decimal | None
    deductible_factor: Decimal | None
    ratio_bonus: Decimal
    min_ratio: Decimal
    annual_cap: Decimal | None


@dataclass(frozen=True, slots=True)
class Critical:
    applies_to: frozenset[str]
    deductible: Decimal
    bounds: tuple[tuple[Decimal | None, Decimal], ...]  # (up_to, ratio) as written in the file
    annual_cap: Decimal | None
    tilt: CriticalTilt | None
    # Both schedules are derived once at load time: the engine only walks them.
    schedule: tuple[Segment, ...] = field(default=())
    tilt_schedule: tuple[Segment, ...] = field(default=())

    def deductible_for(self, tilt: bool) -> Decimal:
        return self.schedule_for(tilt)[0].start

    def schedule_for(self, tilt: bool) -> tuple[Segment, ...]:
        return self.tilt_schedule if tilt and self.tilt is not None else self.schedule

    def cap_for(self, tilt: bool) -> Decimal | None:
        return self.tilt.annual_cap if tilt and self.tilt is not None else self.annual_cap


@dataclass(frozen=True, slots=True)
class Assistance:
    applies_to: frozenset[str]
    deductible: Decimal
    annual_cap: Decimal | None
    ratio: Mapping[str, Decimal]
    uncapped: frozenset[str]


@dataclass(frozen=True, slots=True)
class SupplementaryPart:
    deductible: Decimal
    ratio: Decimal


@dataclass(frozen=True, slots=True)
class Supplementary:
    name: str
    in_scope: SupplementaryPart
    out_of_catalog: SupplementaryPart | None
    tilt_deductible: Decimal | None
    applies_to: frozenset[str] = frozenset({"inpatient", "outpatient_special"})
    covers_partial_self_pay: bool = False  # 目录内超限 / 乙类先行自付 join the in-scope part's base


@dataclass(frozen=True, slots=True)
class Relief:
    """Another office's grant (民政临时救助, 慈善...): typed at the window, applied before the backstops."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Backstop:
    """A 兜底 fund. `top_up_to_ratio` uses base/target; `annual_excess` threshold/ratio/requires_referral."""

    kind: str
    name: str
    base: str = "in_scope"
    target: Mapping[str, Decimal] = field(default_factory=dict)
    threshold: Decimal = Decimal(0)
    ratio: Decimal = Decimal(1)
    requires_referral: bool = False


@dataclass(frozen=True, slots=True)
class SubsidyFund:
    fund: str
    amount: Decimal | None  # None means "all" of what is left


@dataclass(frozen=True, slots=True)
class SubsidyRule:
    categories: frozenset[str]
    funds: tuple[SubsidyFund, ...]


@dataclass(frozen=True, slots=True)
class Enrollment:
    contribution: Mapping[int, Decimal]
    effective: str
    subsidies: tuple[SubsidyRule, ...]


@dataclass(frozen=True, slots=True)
class FamilyCap:
    base: str  # "self_pay" or "in_scope_self_pay"
    cap: Mapping[str, Decimal]


@dataclass(frozen=True, slots=True)
class Targets:
    coverage_rate: Decimal | None
    out_of_catalog_share: Mapping[str, Decimal]


@dataclass(frozen=True, slots=True)
class MonitoringRule:
    label: str
    categories: frozenset[str] | None  # None means "others"
    threshold: Decimal


@dataclass(frozen=True, slots=True)
class Policy:
    id: str
    name: str
    region: str
    source: str
    effective_from: date
    effective_to: date
    poverty_categories: frozenset[str]
    category_priority: tuple[str, ...]
    tilt_requires_referral_at: frozenset[str]
    basic: Basic
    child_rehab: ChildRehab | None
    critical: Critical | None
    assistance: Assistance | None
    supplementary: Supplementary | None
    backstops: tuple[Backstop, ...]
    relief: tuple[Relief, ...]
    enrollment: Enrollment | None
    family_cap: FamilyCap | None
    targets: Targets | None
    monitoring: tuple[MonitoringRule, ...]
    content_hash: str  # SHA-256 of the file's bytes: settlements record which rules decided them

    def has_tilt(self, category: str, level: str, referred: bool) -> bool:
        """Poverty preference: a poverty category, unless an unreferred stay at a level that needs referral."""
        if category not in self.poverty_categories:
            return False
        return referred or level not in self.tilt_requires_referral_at

    def in_force_on(self, day: date) -> bool:
        return self.effective_from <= day <= self.effective_to

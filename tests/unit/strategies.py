"""Hypothesis strategies for the settlement engine: random policies within bounds, persons, visits, chains.

Policies are generated as TOML text and parsed with `parse_policy_bytes`, so the loader derives the
critical-illness schedules exactly as it does for real files. Amounts are whole fen; policy amounts are
written as strings with at most two decimals, ratios with two decimals.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from windowdesk.domain.categories import CATEGORIES, LEVELS
from windowdesk.domain.money import from_fen
from windowdesk.domain.policy import Policy
from windowdesk.domain.policy_loader import parse_policy_bytes
from windowdesk.domain.visit import Person, Visit, YearToDate, YTD_MONEY_FIELDS

YEAR = 2024
YEAR_START = date(YEAR, 1, 1)
YEAR_END = date(YEAR, 12, 31)
DISEASE_POOL = ("F20", "F25", "F06", "E10", "E11", "N18", "I10", "C50")
OTHER_DIAGNOSES = ("J18.9", "K35", "S72.0", "Z00", "A09")  # match none of DISEASE_POOL
YUAN = 100  # fen per yuan
RELIEF_POOL = ("temporary", "charity", "red_cross")
SUPPLEMENTED_KINDS = ("inpatient", "outpatient_special", "outpatient")
TRANSFER_RULES = ("true", "false", '"referred_poor"')
NONE = '"none"'


# -- value types the tests receive --------------------------------------------------------------


class _Printable:
    """Hypothesis prints falsifying examples with this repr (the policy as the TOML it came from)."""

    def _repr_pretty_(self, p, cycle):  # hypothesis' pretty printer
        p.text(repr(self))


@dataclass(frozen=True, repr=False)
class Case(_Printable):
    """One visit to settle: policy (and its TOML), person, visit, year to date."""

    policy_toml: str
    policy: Policy
    person: Person
    visit: Visit
    ytd: YearToDate

    def __repr__(self) -> str:
        return (f"Case(\n--- policy ---\n{self.policy_toml}--- end policy ---\n"
                f"person={self.person!r},\nvisit={self.visit!r},\nytd={self.ytd!r})")


@dataclass(frozen=True, repr=False)
class Chain(_Printable):
    """Several visits of one person in one year, settled in order from an empty year to date."""

    policy_toml: str
    policy: Policy
    person: Person
    visits: tuple[Visit, ...]

    def __repr__(self) -> str:
        visits = ",\n  ".join(repr(v) for v in self.visits)
        return (f"Chain(\n--- policy ---\n{self.policy_toml}--- end policy ---\n"
                f"person={self.person!r},\nvisits=[\n  {visits}])")


def parse(toml: str) -> Policy:
    return parse_policy_bytes(toml.encode("utf-8"), source="<generated>")


# -- text of amounts and ratios -----------------------------------------------------------------


def yuan_text(fen: int) -> str:
    """`"200"` for whole yuan, else `"123.45"`: at most two decimals, as policy files write them."""
    return str(fen // YUAN) if fen % YUAN == 0 else f"{from_fen(fen):f}"


@lru_cache(maxsize=None)  # building strategies is costly; each is built once
def amount_fen(max_yuan: int, min_yuan: int = 0):
    """Whole yuan most of the time (as in real files), fen amounts sometimes, the bounds themselves too."""
    return st.one_of(
        st.integers(min_yuan, max_yuan).map(lambda y: y * YUAN),
        st.integers(min_yuan * YUAN, max_yuan * YUAN),
        st.sampled_from((min_yuan * YUAN, max_yuan * YUAN)),
    )


@lru_cache(maxsize=None)
def amount_text(max_yuan: int, min_yuan: int = 0):
    return amount_fen(max_yuan, min_yuan).map(yuan_text)


def quoted(text: str) -> str:
    return f'"{text}"'


ratio_text = st.integers(0, 100).map(lambda n: f"{Decimal(n).scaleb(-2):f}")
cap_or_none = st.one_of(st.just('"none"'), amount_text(400_000).map(quoted))  # TOML, already quoted
small_cap_or_none = st.one_of(cap_or_none, amount_text(5_000).map(quoted))  # small caps bind
basic_cap_text = st.one_of(amount_text(20_000), amount_text(500_000, 20_000))


def _quoted_list(items) -> str:
    return "[" + ", ".join(f'"{i}"' for i in items) + "]"


def _per_code(table: dict[str, str]) -> str:
    return "{ " + ", ".join(f'{code} = "{value}"' for code, value in table.items()) + " }"


@lru_cache(maxsize=None)
def _subset(items: tuple[str, ...], min_size: int = 0):
    if not items:
        return st.just([])
    return st.lists(st.sampled_from(items), unique=True, min_size=min_size, max_size=len(items)).map(
        lambda chosen: [i for i in items if i in chosen])


# -- policy TOML ---------------------------------------------------------------------------------


@st.composite
def _basic(draw) -> list[str]:
    lines = [
        "[basic]",
        f'annual_cap = "{draw(basic_cap_text)}"',
        f'unreferred_ratio_cut = "{draw(ratio_text)}"',
        "[basic.inpatient]",
        f"deductible = {_per_code({lv: draw(amount_text(3_000)) for lv in LEVELS})}",
        f"ratio = {_per_code({lv: draw(ratio_text) for lv in LEVELS})}",
        f"transfer_continues_deductible = {draw(st.sampled_from(TRANSFER_RULES))}",
        "[basic.outpatient_special]",
        f"deductible = {_per_code({lv: draw(amount_text(1_000)) for lv in LEVELS})}",
        f"ratio = {_per_code({lv: draw(ratio_text) for lv in LEVELS})}",
        f"diseases = {_quoted_list(draw(_subset(DISEASE_POOL, min_size=1)))}",
    ]
    if draw(st.booleans()):  # ordinary outpatient, its annual limit often small enough to bind
        lines += [
            "[basic.outpatient]",
            f"deductible = {_per_code({lv: draw(amount_text(300)) for lv in LEVELS})}",
            f"ratio = {_per_code({lv: draw(ratio_text) for lv in LEVELS})}",
            f"annual_cap = {draw(st.one_of(st.just(NONE), amount_text(3_000).map(quoted)))}",
        ]
    return lines


@st.composite
def _critical(draw) -> list[str]:
    deductible = draw(amount_fen(30_000))
    n_bounds = draw(st.integers(0, 3))  # 1-4 segments, the last open-ended
    steps = draw(st.lists(amount_fen(100_000, 1), min_size=n_bounds, max_size=n_bounds))
    segments, bound = [], deductible
    for step in steps:
        bound += step
        segments.append(f'{{ up_to = "{yuan_text(bound)}", ratio = "{draw(ratio_text)}" }}')
    segments.append(f'{{ ratio = "{draw(ratio_text)}" }}')
    lines = ["[critical]"]
    applies_to = draw(st.sampled_from([None, ("inpatient",), ("inpatient", "outpatient_special")]))
    if applies_to is not None:
        lines.append(f"applies_to = {_quoted_list(applies_to)}")
    lines += [
        f'deductible = "{yuan_text(deductible)}"',
        "segments = [\n  " + ",\n  ".join(segments) + ",\n]",
        f"annual_cap = {draw(cap_or_none)}",
    ]
    if draw(st.integers(0, 9)):  # usually a tilt table
        lines.append("[critical.tilt]")
        how = draw(st.sampled_from(["deductible", "deductible_factor", "neither"]))
        if how == "deductible":
            lines.append(f'deductible = "{draw(amount_text(30_000))}"')
        elif how == "deductible_factor":
            lines.append(f'deductible_factor = "{draw(ratio_text)}"')
        lines += [
            f'ratio_bonus = "{draw(st.sampled_from(["0", "0.05", "0.10"]) | ratio_text)}"',
            f'min_ratio = "{draw(st.sampled_from(["0", "0.80"]) | ratio_text)}"',
            f"annual_cap = {draw(cap_or_none)}",
        ]
    return lines


@st.composite
def _assistance(draw) -> list[str]:
    categories = draw(_subset(CATEGORIES))
    ratios = {c: draw(ratio_text) for c in categories}
    lines = ["[assistance]"]
    applies_to = draw(st.sampled_from([None, ("inpatient",), ("outpatient_special",)]))
    if applies_to is not None:
        lines.append(f"applies_to = {_quoted_list(applies_to)}")
    lines += [
        f'deductible = "{draw(amount_text(5_000))}"',
        f"annual_cap = {draw(small_cap_or_none)}",
        f"ratio = {_per_code(ratios)}",
        f"uncapped = {_quoted_list(draw(_subset(tuple(categories))))}",
    ]
    return lines


@st.composite
def _supplementary(draw) -> list[str]:
    lines = [
        "[supplementary]",
        f'deductible = "{draw(amount_text(30_000))}"',
        f'ratio = "{draw(ratio_text)}"',
    ]
    if draw(st.booleans()):
        lines.append(f'tilt_deductible = "{draw(amount_text(30_000))}"')
    if draw(st.booleans()):
        lines.append(f"applies_to = {_quoted_list(draw(_subset(SUPPLEMENTED_KINDS)))}")
    lines.append(f"covers_partial_self_pay = {str(draw(st.booleans())).lower()}")
    if draw(st.booleans()):
        lines += [
            "[supplementary.out_of_catalog]",
            f'deductible = "{draw(amount_text(30_000))}"',
            f'ratio = "{draw(ratio_text)}"',
        ]
    return lines


@st.composite
def _backstops(draw) -> list[str]:
    kinds = draw(st.sampled_from([
        [], ["top_up_to_ratio"], ["annual_excess"], ["top_up_to_ratio", "top_up_to_ratio"],
        ["top_up_to_ratio", "annual_excess"], ["annual_excess", "top_up_to_ratio"],
    ]))
    lines = []
    for kind in kinds:
        lines += ["[[backstop]]", f'kind = "{kind}"']
        if kind == "top_up_to_ratio":
            targets = draw(_subset(("inpatient", "outpatient_special", "child_rehab")))
            lines += [
                f'base = "{draw(st.sampled_from(["in_scope", "total"]))}"',
                f"target = {_per_code({k: draw(ratio_text) for k in targets})}",
            ]
        else:
            lines += [
                f'threshold = "{draw(amount_text(60_000))}"',
                f'ratio = "{draw(ratio_text)}"',
                f"requires_referral = {str(draw(st.booleans())).lower()}",
            ]
    return lines


@st.composite
def policy_tomls(draw) -> str:
    lines = [
        'id = "generated"',
        'name = "generated policy"',
        f"effective_from = {YEAR_START.isoformat()}",
        f"effective_to = {YEAR_END.isoformat()}",
        f"poverty_categories = {_quoted_list(draw(_subset(CATEGORIES)))}",
        "",
        "[tilt]",
        f"requires_referral_at = {_quoted_list(draw(_subset(LEVELS)))}",
        "",
    ]
    lines += draw(_basic()) + [""]
    if draw(st.booleans()):
        lines += ["[child_rehab]", f'monthly_cap = "{draw(amount_text(5_000))}"',
                  f"max_months = {draw(st.integers(1, 12))}", ""]
    lines += draw(_critical()) + [""]
    lines += draw(_assistance()) + [""]
    if draw(st.booleans()):
        lines += draw(_supplementary()) + [""]
    for office in draw(_subset(RELIEF_POOL)):
        lines += ["[[relief]]", f'id = "{office}"', f'name = "{office} office"']
    lines += draw(_backstops())
    return "\n".join(lines).rstrip("\n") + "\n"


policies = policy_tomls().map(lambda text: (text, parse(text)))


# -- visits ----------------------------------------------------------------------------------------


def kinds_of(policy: Policy) -> list[str]:
    kinds = ["inpatient", "outpatient_special"] + (["outpatient"] if policy.basic.outpatient else [])
    return kinds + ["child_rehab"] if policy.child_rehab is not None else kinds


def edge_fen(policy: Policy, kind: str, level: str) -> list[int]:
    """In-scope amounts where the policy's rules change: deductibles, bounds, caps, one fen either side."""
    values: list[Decimal] = [policy.basic.annual_cap]
    benefit = policy.basic.benefit(kind) or policy.basic.inpatient
    if benefit.annual_cap is not None:
        values.append(benefit.annual_cap)
    d = benefit.deductible[level]
    values.append(d)
    ratio = benefit.ratio[level]
    if ratio:
        values.append(d + policy.basic.annual_cap / ratio)  # basic cap reached exactly (when whole fen)
    crit = policy.critical
    values += [crit.deductible, crit.deductible_for(True)] + [b for b, _ in crit.bounds if b is not None]
    if policy.child_rehab is not None:
        values.append(policy.child_rehab.monthly_cap)
    if policy.supplementary is not None:
        values.append(policy.supplementary.in_scope.deductible)
    values += [b.threshold for b in policy.backstops]
    fen = set()
    for v in values:
        n = v * YUAN
        if n == n.to_integral_value():
            fen |= {int(n) - 1, int(n), int(n) + 1}
    return sorted(f for f in fen if f >= 0)


any_fen = st.one_of(st.just(0), st.integers(0, 20_000 * YUAN), st.integers(0, 500_000 * YUAN))


@st.composite
def fen_amount(draw, edges: list[int]) -> int:
    """Zero, small, large, or one of `edges` (values where a rule changes)."""
    if edges and draw(st.integers(0, 3)) == 0:
        return draw(st.sampled_from(edges))
    return draw(any_fen)


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def child_birth_dates(admitted: date):
    """Birth dates making the person 0-17 on `admitted` (both ends included)."""
    earliest = years_before(admitted, 18) + timedelta(days=1)
    return st.one_of(st.sampled_from([earliest, admitted]), st.dates(earliest, admitted))


@st.composite
def stay_dates(draw, kind: str) -> tuple[date, date]:
    admitted = draw(st.dates(YEAR_START, YEAR_END))
    longest = (YEAR_END - admitted).days
    length = draw(st.integers(0, min(longest, 400 if kind == "child_rehab" else 60)))
    return admitted, admitted + timedelta(days=length)


@st.composite
def visits(draw, policy: Policy, *, kind: str | None = None, level: str | None = None,
           referred: bool | None = None) -> Visit:
    """A valid visit for `policy`; `kind`, `level` and `referred` are drawn unless fixed."""
    kind = kind or draw(st.sampled_from(kinds_of(policy)))
    level = level or draw(st.sampled_from(LEVELS))
    referred = draw(st.booleans()) if referred is None else referred
    admitted, discharged = draw(stay_dates(kind))
    in_scope = draw(fen_amount(edge_fen(policy, kind, level)))
    out_of_catalog = draw(st.one_of(st.just(0), st.integers(0, 50_000 * YUAN)))
    partial_self_pay = draw(st.one_of(st.just(0), st.integers(0, 20_000 * YUAN)))
    transfer = draw(st.booleans())
    upstream, relief = None, ()
    if kind != "child_rehab" and draw(st.integers(0, 3)) == 0:  # 医保已结算: basic + critical <= in_scope
        basic = draw(st.integers(0, in_scope))
        upstream = (from_fen(basic), from_fen(draw(st.integers(0, in_scope - basic))))
    if kind != "child_rehab" and policy.relief and draw(st.booleans()):
        relief = tuple((office.id, from_fen(draw(any_fen))) for office in policy.relief if draw(st.booleans()))
    if kind == "outpatient_special":
        prefix = draw(st.sampled_from(policy.basic.outpatient_special.diseases))
        diagnosis = prefix + draw(st.sampled_from(["", ".9", ".0", "1"]))
    else:
        diagnosis = draw(st.sampled_from(("",) + OTHER_DIAGNOSES))
    return Visit(
        kind=kind, hospital_level=level, admitted=admitted, discharged=discharged,
        total=from_fen(in_scope + out_of_catalog + partial_self_pay),
        out_of_catalog=from_fen(out_of_catalog), partial_self_pay=from_fen(partial_self_pay),
        in_region=draw(st.booleans()), referred=referred, transfer=transfer,
        previous_deductible=from_fen(draw(st.one_of(st.just(0), st.integers(0, 3_000 * YUAN)))) if transfer
        else from_fen(0),
        diagnosis=diagnosis, hospital="generated hospital", settled_upstream=upstream, relief=relief)


@st.composite
def year_to_dates(draw, policy: Policy) -> YearToDate:
    """Empty, or random figures (including a basic cap already reached, exactly or all but one fen)."""
    if draw(st.booleans()):
        return YearToDate()
    cap = int(policy.basic.annual_cap * YUAN)
    figures = {name: from_fen(draw(any_fen)) for name in YTD_MONEY_FIELDS}
    figures["basic_paid"] = from_fen(draw(st.one_of(
        st.integers(0, cap), st.sampled_from([cap, max(0, cap - 1), cap + 1]))))
    months = [f"{YEAR}-{m:02d}" for m in range(1, 13)]
    limit = policy.child_rehab.max_months if policy.child_rehab is not None else 12
    rehab = draw(st.lists(st.sampled_from(months), unique=True, max_size=limit))
    return YearToDate(**figures, rehab_months=tuple(sorted(rehab)))


@st.composite
def cases(draw, *, fresh_year: bool = False) -> Case:
    text, policy = draw(policies)
    visit = draw(visits(policy))
    birth = draw(child_birth_dates(visit.admitted)) if visit.kind == "child_rehab" else None
    person = Person(category=draw(st.sampled_from(CATEGORIES)), birth_date=birth)
    ytd = YearToDate() if fresh_year else draw(year_to_dates(policy))
    return Case(text, policy, person, visit, ytd)


@st.composite
def chains(draw, *, kinds: tuple[str, ...] | None = None, min_size: int = 2, max_size: int = 6) -> Chain:
    """One person (category, level and referral fixed, so tilt is constant) with 2-6 visits in the year."""
    text, policy = draw(policies)
    level = draw(st.sampled_from(LEVELS))
    referred = draw(st.booleans())
    person = Person(category=draw(st.sampled_from(CATEGORIES)),
                    birth_date=draw(st.dates(date(YEAR - 17, 1, 1), YEAR_START)))  # 0-17 all year
    allowed = [k for k in kinds_of(policy) if kinds is None or k in kinds]
    n = draw(st.integers(min_size, max_size))
    chain = tuple(draw(visits(policy, kind=draw(st.sampled_from(allowed)), level=level, referred=referred))
                  for _ in range(n))
    return Chain(text, policy, person, chain)

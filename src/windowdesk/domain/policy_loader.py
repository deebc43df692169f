"""Reads a policy TOML file into a `Policy`, collecting every problem with its key, as a code."""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from .categories import BACKSTOP_KINDS, CATEGORIES, KINDS, LEVELS
from .policy_keys import unknown_keys
from .policy_reader import Reader
from .policy import (
    Assistance,
    Backstop,
    Basic,
    BasicBenefit,
    ChildRehab,
    Critical,
    CriticalTilt,
    Enrollment,
    FamilyCap,
    MonitoringRule,
    Policy,
    Relief,
    Segment,
    SubsidyFund,
    SubsidyRule,
    Supplementary,
    SupplementaryPart,
    Targets,
)
from .problems import Problem, Refusal

_ONE = Decimal(1)
_ZERO = Decimal(0)


class PolicyError(Refusal, ValueError):
    """A policy file that cannot be used: every problem found, each a code with the key as its field ("" for
    the file as a whole) and the file among its parameters. `PolicyError.found(file, problems)` builds one."""

    @classmethod
    def found(cls, file: str, problems: Iterable[Problem]) -> PolicyError:
        return cls.of(Problem(p.code, p.field, {"file": file, **p.params}) for p in problems)

    @property
    def file(self) -> str:
        return str(self.params.get("file", ""))


def load_policy_file(path: str | Path) -> Policy:
    path = Path(path)
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_POLICY_BYTES + 1)  # a larger file is refused without reading it all
    except OSError as exc:
        raise PolicyError("policy_unreadable", "", file=str(path), detail=exc.strerror or "") from None
    return parse_policy_bytes(raw, source=str(path))


MAX_POLICY_BYTES = 1 << 20  # the presets are about 5 KB


def parse_policy_bytes(raw: bytes, *, source: str) -> Policy:
    if len(raw) > MAX_POLICY_BYTES:
        raise PolicyError("policy_too_large", "", file=source, maximum=MAX_POLICY_BYTES)
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise PolicyError("policy_not_utf8", "", file=source) from None
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError("policy_malformed_toml", "", file=source, detail=str(exc)) from None
    except RecursionError:  # arrays or inline tables nested thousands deep: tomllib recurses
        raise PolicyError("policy_too_deep", "", file=source) from None
    reader = _Reader()
    reader.problems.extend(unknown_keys(data))
    policy = reader.policy(data, hashlib.sha256(raw).hexdigest())
    if reader.problems:
        raise PolicyError.found(source, reader.problems)
    return policy


class _Reader(Reader):
    """The sections of a policy file, read into the model."""

    # -- sections ----------------------------------------------------------------------------

    def policy(self, data: dict, content_hash: str) -> Policy:
        effective_from = self.day(data, "effective_from", "effective_from")
        effective_to = self.day(data, "effective_to", "effective_to")
        if effective_from > effective_to:
            self.problem("effective_to", "policy_ends_before_start")
        tilt = self.table(data, "tilt", "tilt") or {}
        priority = self.codes(data, "category_priority", "category_priority", CATEGORIES, "category",
                              default=CATEGORIES)
        return Policy(
            id=self.text(data, "id", "id"),
            name=self.text(data, "name", "name"),
            region=self.text(data, "region", "region", required=False),
            source=self.text(data, "source", "source", required=False),
            effective_from=effective_from,
            effective_to=effective_to,
            poverty_categories=frozenset(
                self.codes(data, "poverty_categories", "poverty_categories", CATEGORIES, "category")),
            category_priority=priority,
            tilt_requires_referral_at=frozenset(
                self.codes(tilt, "requires_referral_at", "tilt.requires_referral_at", LEVELS, "level")),
            basic=self.basic(data),
            child_rehab=self.child_rehab(data),
            critical=self.critical(data),
            assistance=self.assistance(data),
            supplementary=self.supplementary(data),
            backstops=self.backstops(data),
            relief=self.relief(data),
            enrollment=self.enrollment(data),
            family_cap=self.family_cap(data),
            targets=self.targets(data),
            monitoring=self.monitoring(data),
            content_hash=content_hash,
        )

    def basic(self, data: dict) -> Basic:
        section = self.table(data, "basic", "basic", required=True) or {}
        benefits = {}
        for kind in ("inpatient", "outpatient_special", "outpatient"):
            path = f"basic.{kind}"
            table = self.table(section, kind, path)
            benefits[kind] = None if table is None else self.benefit(table, kind, path)
        return Basic(
            annual_cap=self.amount(section, "annual_cap", "basic.annual_cap") or _ZERO,
            unreferred_ratio_cut=self.ratio(section, "unreferred_ratio_cut", "basic.unreferred_ratio_cut",
                                            required=False),
            inpatient=benefits["inpatient"],
            outpatient_special=benefits["outpatient_special"],
            outpatient=benefits["outpatient"],
        )

    def benefit(self, table: dict, kind: str, path: str) -> BasicBenefit:
        diseases: tuple[str, ...] = ()
        names: dict[str, str] = {}
        if kind == "outpatient_special":
            listed = table.get("diseases")
            if not isinstance(listed, list) or not all(isinstance(d, str) and d.strip() for d in listed):
                self.problem(f"{path}.diseases", "policy_not_code_list", what="ICD-10")
            else:
                diseases = tuple(d.strip().upper() for d in listed)
                if not diseases:
                    self.problem(f"{path}.diseases", "policy_no_diseases")
            names = self.disease_names(table, f"{path}.disease_names", diseases)
        transfer: bool | str = False
        if kind == "inpatient":
            transfer = table.get("transfer_continues_deductible", False)
            if transfer != "referred_poor" and not isinstance(transfer, bool):
                self.problem(f"{path}.transfer_continues_deductible", "policy_not_one_of",
                             allowed='true, false, "referred_poor"')
                transfer = False
        return BasicBenefit(
            deductible=self.keyed(table, "deductible", f"{path}.deductible", LEVELS, "level",
                                  ratios=False, complete=True),
            ratio=self.keyed(table, "ratio", f"{path}.ratio", LEVELS, "level", ratios=True, complete=True),
            transfer_continues_deductible=transfer,
            diseases=diseases,
            disease_names=names,
            annual_cap=self.amount(table, "annual_cap", f"{path}.annual_cap", required=False, none_word=True)
            if kind == "outpatient" else None,
        )

    def disease_names(self, table: dict, path: str, diseases: tuple[str, ...]) -> dict[str, str]:
        """Optional {prefix = "name"} for the registrations' lists."""
        names = self.table(table, "disease_names", path) or {}
        result = {}
        for code, name in names.items():
            if code.upper() not in diseases:
                self.problem(f"{path}.{code}", "policy_unknown_code", what="disease", value=code[:20],
                             known=", ".join(diseases))
            elif not isinstance(name, str) or not name.strip():
                self.problem(f"{path}.{code}", "policy_not_text")
            else:
                result[code.upper()] = name
        return result

    def child_rehab(self, data: dict) -> ChildRehab | None:
        section = self.table(data, "child_rehab", "child_rehab")
        if section is None:
            return None
        return ChildRehab(
            monthly_cap=self.amount(section, "monthly_cap", "child_rehab.monthly_cap") or _ZERO,
            max_months=self.whole(section, "max_months", "child_rehab.max_months", minimum=1),
            max_age=self.whole(section, "max_age", "child_rehab.max_age", default=17),
        )

    def critical(self, data: dict) -> Critical | None:
        section = self.table(data, "critical", "critical")
        if section is None:
            return None
        deductible = self.amount(section, "deductible", "critical.deductible") or _ZERO
        bounds = self.segments(section.get("segments"), deductible)
        tilt = None
        tilt_table = self.table(section, "tilt", "critical.tilt")
        if tilt_table is not None:
            tilt = CriticalTilt(
                deductible=self.amount(tilt_table, "deductible", "critical.tilt.deductible", required=False),
                deductible_factor=self.ratio(tilt_table, "deductible_factor", "critical.tilt.deductible_factor",
                                             required=False, default=_ONE),
                ratio_bonus=self.ratio(tilt_table, "ratio_bonus", "critical.tilt.ratio_bonus", required=False),
                min_ratio=self.ratio(tilt_table, "min_ratio", "critical.tilt.min_ratio", required=False),
                annual_cap=self.amount(tilt_table, "annual_cap", "critical.tilt.annual_cap", none_word=True),
            )
        schedule = _schedule(deductible, bounds, bonus=_ZERO, floor=_ZERO)
        tilt_schedule = schedule
        if tilt is not None:
            tilt_deductible = tilt.deductible if tilt.deductible is not None else deductible * tilt.deductible_factor
            tilt_schedule = _schedule(tilt_deductible, bounds, bonus=tilt.ratio_bonus, floor=tilt.min_ratio)
        return Critical(
            applies_to=frozenset(self.codes(section, "applies_to", "critical.applies_to", KINDS, "kind",
                                            default=("inpatient", "outpatient_special"))),
            deductible=deductible,
            bounds=bounds,
            annual_cap=self.amount(section, "annual_cap", "critical.annual_cap", none_word=True),
            tilt=tilt,
            schedule=schedule,
            tilt_schedule=tilt_schedule,
        )

    def segments(self, value: Any, deductible: Decimal) -> tuple[tuple[Decimal | None, Decimal], ...]:
        path = "critical.segments"
        if not isinstance(value, list) or not value or not all(isinstance(s, dict) for s in value):
            self.problem(path, "policy_not_segments")
            return ((None, _ZERO),)
        bounds: list[tuple[Decimal | None, Decimal]] = []
        previous = deductible
        for i, segment in enumerate(value):
            here = f"{path}[{i}]"
            ratio = self.ratio(segment, "ratio", f"{here}.ratio")
            last = i == len(value) - 1
            if "up_to" not in segment:
                if not last:
                    self.problem(f"{here}.up_to", "policy_open_segment_not_last")
                bounds.append((None, ratio))
                continue
            up_to = self.amount(segment, "up_to", f"{here}.up_to")
            if up_to is not None and up_to <= previous:
                self.problem(f"{here}.up_to", "policy_segments_out_of_order", up_to=str(up_to),
                             previous=str(previous))
            elif up_to is not None:
                previous = up_to
            bounds.append((up_to, ratio))
        if bounds[-1][0] is not None:
            self.problem(f"{path}[{len(value) - 1}]", "policy_last_segment_bounded")
        return tuple(bounds)

    def assistance(self, data: dict) -> Assistance | None:
        section = self.table(data, "assistance", "assistance")
        if section is None:
            return None
        return Assistance(
            applies_to=frozenset(self.codes(section, "applies_to", "assistance.applies_to", KINDS, "kind",
                                            default=("inpatient", "outpatient_special"))),
            deductible=self.amount(section, "deductible", "assistance.deductible", required=False,
                                   default=_ZERO) or _ZERO,
            annual_cap=self.amount(section, "annual_cap", "assistance.annual_cap", none_word=True),
            ratio=self.keyed(section, "ratio", "assistance.ratio", CATEGORIES, "category",
                             ratios=True, complete=False),
            uncapped=frozenset(self.codes(section, "uncapped", "assistance.uncapped", CATEGORIES, "category")),
        )

    def supplementary(self, data: dict) -> Supplementary | None:
        section = self.table(data, "supplementary", "supplementary")
        if section is None:
            return None
        ooc = None
        ooc_table = self.table(section, "out_of_catalog", "supplementary.out_of_catalog")
        if ooc_table is not None:
            ooc = SupplementaryPart(
                deductible=self.amount(ooc_table, "deductible", "supplementary.out_of_catalog.deductible") or _ZERO,
                ratio=self.ratio(ooc_table, "ratio", "supplementary.out_of_catalog.ratio"),
            )
        return Supplementary(
            name=self.text(section, "name", "supplementary.name", required=False, default="商业补充保险"),
            in_scope=SupplementaryPart(
                deductible=self.amount(section, "deductible", "supplementary.deductible") or _ZERO,
                ratio=self.ratio(section, "ratio", "supplementary.ratio"),
            ),
            out_of_catalog=ooc,
            tilt_deductible=self.amount(section, "tilt_deductible", "supplementary.tilt_deductible",
                                        required=False),
            applies_to=frozenset(self.codes(section, "applies_to", "supplementary.applies_to", KINDS, "kind",
                                            default=("inpatient", "outpatient_special"))),
            covers_partial_self_pay=self.flag(section, "covers_partial_self_pay",
                                              "supplementary.covers_partial_self_pay"),
        )

    def relief(self, data: dict) -> tuple[Relief, ...]:
        """[[relief]]: other offices whose grants the clerk types, in the order they apply."""
        entries = data.get("relief", [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            self.problem("relief", "policy_not_table_array")
            return ()
        result: list[Relief] = []
        for i, entry in enumerate(entries):
            path = f"relief[{i}]"
            office = self.text(entry, "id", f"{path}.id")
            if office and not (office.isascii() and office.replace("_", "").isalnum() and office.islower()):
                self.problem(f"{path}.id", "policy_bad_relief_id", value=office[:40])
            elif office in {r.id for r in result}:
                self.problem(f"{path}.id", "policy_duplicate_relief", value=office)
            result.append(Relief(id=office, name=self.text(entry, "name", f"{path}.name")))
        return tuple(result)

    def backstops(self, data: dict) -> tuple[Backstop, ...]:
        entries = data.get("backstop", [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            self.problem("backstop", "policy_not_table_array")
            return ()
        result = []
        for i, entry in enumerate(entries):
            path = f"backstop[{i}]"
            kind = entry.get("kind")
            if kind not in BACKSTOP_KINDS:
                self.problem(f"{path}.kind", "policy_unknown_code", what="backstop kind", value=repr(kind)[:40],
                             known=", ".join(BACKSTOP_KINDS))
                continue
            name = self.text(entry, "name", f"{path}.name", required=False, default="兜底保障")
            if kind == "top_up_to_ratio":
                base = entry.get("base", "in_scope")
                if base not in ("in_scope", "total"):
                    self.problem(f"{path}.base", "policy_not_one_of", allowed="in_scope, total")
                target = self.keyed(entry, "target", f"{path}.target", KINDS, "kind", ratios=True, complete=False)
                result.append(Backstop(kind=kind, name=name, base=base, target=target))
            else:
                result.append(Backstop(
                    kind=kind, name=name,
                    threshold=self.amount(entry, "threshold", f"{path}.threshold") or _ZERO,
                    ratio=self.ratio(entry, "ratio", f"{path}.ratio"),
                    requires_referral=self.flag(entry, "requires_referral", f"{path}.requires_referral"),
                ))
        if sum(1 for b in result if b.kind == "annual_excess") > 1:
            # One year-to-date figure (excess_base) serves the annual_excess backstop.
            self.problem("backstop", "policy_two_annual_excess")
        return tuple(result)

    def enrollment(self, data: dict) -> Enrollment | None:
        section = self.table(data, "enrollment", "enrollment")
        if section is None:
            return None
        contribution: dict[int, Decimal] = {}
        table = self.table(section, "contribution", "enrollment.contribution", required=True) or {}
        for year, value in table.items():
            path = f"enrollment.contribution.{year}"
            if not (isinstance(year, str) and year.isdigit() and len(year) == 4):
                self.problem(path, "policy_not_year_key")
                continue
            amount = self._decimal(value, path, upper=None)
            if amount is not None:
                contribution[int(year)] = amount
        effective = section.get("effective", "next_month")
        if effective not in ("next_month", "immediate"):
            self.problem("enrollment.effective", "policy_not_one_of", allowed="next_month, immediate")
        rules = []
        for i, rule in enumerate(self.entries(section, "subsidy", "enrollment.subsidy")):
            path = f"enrollment.subsidy[{i}]"
            if not isinstance(rule, dict):
                self.problem(path, "policy_not_table")
                continue
            funds = []
            for j, fund in enumerate(self.entries(rule, "funds", f"{path}.funds")):
                fpath = f"{path}.funds[{j}]"
                if not isinstance(fund, dict) or not isinstance(fund.get("fund"), str):
                    self.problem(fpath, "policy_bad_fund")
                    continue
                amount = None if fund.get("amount") == "all" else self.amount(fund, "amount", f"{fpath}.amount")
                funds.append(SubsidyFund(fund=fund["fund"], amount=amount))
            if not funds:
                self.problem(f"{path}.funds", "policy_no_funds")
            rules.append(SubsidyRule(
                categories=frozenset(self.codes(rule, "categories", f"{path}.categories", CATEGORIES, "category")),
                funds=tuple(funds)))
        return Enrollment(contribution=contribution, effective=effective, subsidies=tuple(rules))

    def family_cap(self, data: dict) -> FamilyCap | None:
        section = self.table(data, "family_cap", "family_cap")
        if section is None:
            return None
        base = section.get("base", "self_pay")
        if base not in ("self_pay", "in_scope_self_pay"):
            self.problem("family_cap.base", "policy_not_one_of", allowed="self_pay, in_scope_self_pay")
        return FamilyCap(base=base, cap=self.keyed(section, "cap", "family_cap.cap", CATEGORIES, "category",
                                                   ratios=False, complete=False))

    def targets(self, data: dict) -> Targets | None:
        section = self.table(data, "targets", "targets")
        if section is None:
            return None
        share = {}
        if "out_of_catalog_share" in section:
            share = self.keyed(section, "out_of_catalog_share", "targets.out_of_catalog_share", LEVELS, "level",
                               ratios=True, complete=False)
        coverage = None
        if "coverage_rate" in section:
            coverage = self.ratio(section, "coverage_rate", "targets.coverage_rate")
        return Targets(coverage_rate=coverage, out_of_catalog_share=share)

    def monitoring(self, data: dict) -> tuple[MonitoringRule, ...]:
        section = self.table(data, "monitoring", "monitoring") or {}
        rules = []
        for i, rule in enumerate(self.entries(section, "rules", "monitoring.rules")):
            path = f"monitoring.rules[{i}]"
            if not isinstance(rule, dict):
                self.problem(path, "policy_not_table")
                continue
            categories = None
            if rule.get("categories") != "others":
                categories = frozenset(self.codes(rule, "categories", f"{path}.categories", CATEGORIES, "category"))
            rules.append(MonitoringRule(
                label=self.text(rule, "label", f"{path}.label"),
                categories=categories,
                threshold=self.amount(rule, "threshold", f"{path}.threshold") or _ZERO,
            ))
        return tuple(rules)


def _schedule(deductible: Decimal, bounds, *, bonus: Decimal, floor: Decimal) -> tuple[Segment, ...]:
    """Bands above the deductible: the first starts at the deductible, each ends at its absolute bound."""
    segments = []
    start = deductible
    for up_to, ratio in bounds:
        ratio = min(_ONE, max(ratio + bonus, floor))
        if up_to is None or up_to > start:
            segments.append(Segment(start=start, end=up_to, ratio=ratio))
            start = up_to if up_to is not None else start
    return tuple(segments)

"""The JSON shape of a case and of a result (cli.md): parsing with field-named errors, and rendering."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from .money import MoneyError, fmt, parse_amount
from .visit import (
    YTD_MONEY_FIELDS,
    CaseError,
    Person,
    Settlement,
    Step,
    Visit,
    YearToDate,
)

_VISIT_AMOUNTS = ("total", "out_of_catalog", "partial_self_pay", "previous_deductible")
_VISIT_FLAGS = ("in_region", "referred", "transfer")
_VISIT_TEXTS = ("diagnosis", "hospital")


def parse_case(obj: Any) -> tuple[Person, Visit, YearToDate]:
    """A `settle` case: {"person": ..., "visit": ..., "year_to_date": ...}."""
    if not isinstance(obj, dict):
        raise CaseError("not_an_object", "case")
    return (parse_person(_object(obj, "person")), parse_visit(_object(obj, "visit")),
            parse_year_to_date(obj.get("year_to_date") or {}))


def parse_person(obj: dict) -> Person:
    category = obj.get("category")
    if not isinstance(category, str):
        raise CaseError("text_missing", "person.category")
    birth = obj.get("birth_date")
    return Person(category=category, birth_date=None if birth is None else _date(birth, "person.birth_date"))


def parse_visit(obj: Any) -> Visit:
    if not isinstance(obj, dict):
        raise CaseError("not_an_object", "visit")
    values: dict[str, Any] = {}
    for name in ("kind", "hospital_level"):
        value = obj.get(name)
        if not isinstance(value, str):
            raise CaseError("text_missing", f"visit.{name}")
        values[name] = value
    for name in ("admitted", "discharged"):
        values[name] = _date(obj.get(name), f"visit.{name}")
    for name in _VISIT_AMOUNTS:
        if name in obj or name == "total":
            values[name] = _amount(obj.get(name), f"visit.{name}")
    for name in _VISIT_FLAGS:
        value = obj.get(name, False)
        if not isinstance(value, bool):
            raise CaseError("not_a_boolean", f"visit.{name}")
        values[name] = value
    for name in _VISIT_TEXTS:
        value = obj.get(name, "")
        if not isinstance(value, str):
            raise CaseError("not_text", f"visit.{name}")
        values[name] = value
    visit = Visit(**values)
    if visit.in_scope < 0:
        raise CaseError("in_scope_negative", "visit.total", total=fmt(visit.total),
                        out_of_catalog=fmt(visit.out_of_catalog), partial_self_pay=fmt(visit.partial_self_pay))
    return visit


def parse_year_to_date(obj: Any) -> YearToDate:
    if not isinstance(obj, dict):
        raise CaseError("not_an_object", "year_to_date")
    unknown = set(obj) - set(YTD_MONEY_FIELDS) - {"rehab_months"}
    if unknown:
        raise CaseError("unknown_field", f"year_to_date.{sorted(unknown)[0]}")
    values: dict[str, Any] = {name: _amount(obj[name], f"year_to_date.{name}")
                              for name in YTD_MONEY_FIELDS if name in obj}
    months = obj.get("rehab_months", [])
    if not isinstance(months, list) or not all(isinstance(m, str) and _is_month(m) for m in months):
        raise CaseError("rehab_months_invalid", "year_to_date.rehab_months")
    values["rehab_months"] = tuple(sorted(set(months)))
    return YearToDate(**values)


def year_to_date_json(ytd: YearToDate) -> dict[str, Any]:
    out: dict[str, Any] = {name: fmt(getattr(ytd, name)) for name in YTD_MONEY_FIELDS}
    out["rehab_months"] = list(ytd.rehab_months)
    return out


def step_json(step: Step) -> dict[str, Any]:
    out: dict[str, Any] = {
        "tier": step.tier,
        "base": fmt(step.base),
        "deductible": fmt(step.deductible),
        "ratio": None if step.ratio is None else _ratio(step.ratio),
        "paid": fmt(step.paid),
        "cap_hit": step.cap_hit,
    }
    if step.name:
        out["name"] = step.name
    if step.note:
        out["note"] = step.note
    if step.segments:
        out["segments"] = [{"from": fmt(lo), "to": fmt(hi), "ratio": _ratio(r), "amount": fmt(amount)}
                           for lo, hi, r, amount in step.segments]
    return out


def parse_step(obj: dict[str, Any]) -> Step:
    """A stored step (step_json) back as the engine's value: a settlement's snapshot read years later."""
    ratio = obj.get("ratio")
    return Step(tier=obj["tier"], base=Decimal(obj["base"]), deductible=Decimal(obj["deductible"]),
                ratio=None if ratio is None else Decimal(ratio), paid=Decimal(obj["paid"]),
                cap_hit=bool(obj.get("cap_hit", False)), name=obj.get("name", ""), note=obj.get("note", ""),
                segments=tuple((Decimal(s["from"]), None if s["to"] is None else Decimal(s["to"]),
                                Decimal(s["ratio"]), Decimal(s["amount"])) for s in obj.get("segments", ())))


def settlement_json(result: Settlement) -> dict[str, Any]:
    return {
        "in_scope": fmt(result.in_scope),
        "tilt": result.tilt,
        "paid": {tier: fmt(amount) for tier, amount in result.paid.items()},
        "reimbursed": fmt(result.reimbursed),
        "patient_pays": fmt(result.patient_pays),
        "year_to_date": year_to_date_json(result.year_to_date),
        "steps": [step_json(step) for step in result.steps],
    }


def _object(obj: dict, name: str) -> dict:
    value = obj.get(name)
    if not isinstance(value, dict):
        raise CaseError("object_missing", name)
    return value


def _amount(value: Any, field: str) -> Decimal:
    try:
        return parse_amount(value, field=field)
    except MoneyError as exc:
        raise CaseError(exc.code, field, **exc.params) from None


def _date(value: Any, field: str) -> date:
    if not isinstance(value, str):
        raise CaseError("date_missing", field)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CaseError("not_a_date", field, value=value[:40]) from None


def _is_month(text: str) -> bool:
    return len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit() \
        and 1 <= int(text[5:]) <= 12


def _ratio(value: Decimal) -> str:
    return f"{value:.2f}" if value == value.quantize(Decimal("0.01")) else f"{value.normalize():f}"

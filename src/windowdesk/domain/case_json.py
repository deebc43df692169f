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
        raise CaseError("case", "must be a JSON object")
    return (parse_person(_object(obj, "person")), parse_visit(_object(obj, "visit")),
            parse_year_to_date(obj.get("year_to_date") or {}))


def parse_person(obj: dict) -> Person:
    category = obj.get("category")
    if not isinstance(category, str):
        raise CaseError("person.category", "missing or not a string")
    birth = obj.get("birth_date")
    return Person(category=category, birth_date=None if birth is None else _date(birth, "person.birth_date"))


def parse_visit(obj: Any) -> Visit:
    if not isinstance(obj, dict):
        raise CaseError("visit", "must be a JSON object")
    values: dict[str, Any] = {}
    for name in ("kind", "hospital_level"):
        value = obj.get(name)
        if not isinstance(value, str):
            raise CaseError(f"visit.{name}", "missing or not a string")
        values[name] = value
    for name in ("admitted", "discharged"):
        values[name] = _date(obj.get(name), f"visit.{name}")
    for name in _VISIT_AMOUNTS:
        if name in obj or name == "total":
            values[name] = _amount(obj.get(name), f"visit.{name}")
    for name in _VISIT_FLAGS:
        value = obj.get(name, False)
        if not isinstance(value, bool):
            raise CaseError(f"visit.{name}", "must be true or false")
        values[name] = value
    for name in _VISIT_TEXTS:
        value = obj.get(name, "")
        if not isinstance(value, str):
            raise CaseError(f"visit.{name}", "must be a string")
        values[name] = value
    visit = Visit(**values)
    if visit.in_scope < 0:
        raise CaseError("visit.total", f"in_scope < 0: out_of_catalog + partial_self_pay exceed total "
                                       f"({fmt(visit.out_of_catalog)} + {fmt(visit.partial_self_pay)} > "
                                       f"{fmt(visit.total)})")
    return visit


def parse_year_to_date(obj: Any) -> YearToDate:
    if not isinstance(obj, dict):
        raise CaseError("year_to_date", "must be a JSON object")
    unknown = set(obj) - set(YTD_MONEY_FIELDS) - {"rehab_months"}
    if unknown:
        raise CaseError(f"year_to_date.{sorted(unknown)[0]}", "unknown field")
    values: dict[str, Any] = {name: _amount(obj[name], f"year_to_date.{name}")
                              for name in YTD_MONEY_FIELDS if name in obj}
    months = obj.get("rehab_months", [])
    if not isinstance(months, list) or not all(isinstance(m, str) and _is_month(m) for m in months):
        raise CaseError("year_to_date.rehab_months", "must be a list of \"YYYY-MM\" strings")
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
        raise CaseError(name, "missing or not a JSON object")
    return value


def _amount(value: Any, field: str) -> Decimal:
    try:
        return parse_amount(value, field=field)
    except MoneyError as exc:
        raise CaseError(field, str(exc).removeprefix(f"{field}: ")) from None


def _date(value: Any, field: str) -> date:
    if not isinstance(value, str):
        raise CaseError(field, "missing or not a date string (YYYY-MM-DD)")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CaseError(field, f"not a date (YYYY-MM-DD): {value!r}") from None


def _is_month(text: str) -> bool:
    return len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit() \
        and 1 <= int(text[5:]) <= 12


def _ratio(value: Decimal) -> str:
    return f"{value:.2f}" if value == value.quantize(Decimal("0.01")) else f"{value.normalize():f}"

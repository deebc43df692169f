"""The JSON shape of a case and of a result (cli.md): parsing with field-named errors, and rendering."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from .money import MoneyError, fmt, parse_amount
from . import text_rules
from .problems import Refusal
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
_VISIT_TEXTS = {"diagnosis": text_rules.DIAGNOSIS, "hospital": text_rules.HOSPITAL}  # name -> longest
_CODE_LENGTH = 32  # category, kind, level: codes, checked against their lists by the engine
_CASE_KEYS = frozenset({"person", "visit", "year_to_date"})
_PERSON_KEYS = frozenset({"category", "birth_date"})
_VISIT_KEYS = frozenset({"kind", "hospital_level", "admitted", "discharged", "settled_upstream", "relief",
                         *_VISIT_AMOUNTS, *_VISIT_FLAGS, *_VISIT_TEXTS})
_UPSTREAM_KEYS = ("basic", "critical")
_YTD_KEYS = frozenset({*YTD_MONEY_FIELDS, "rehab_months"})


def parse_case(obj: Any) -> tuple[Person, Visit, YearToDate]:
    """A `settle` case: {"person": ..., "visit": ..., "year_to_date": ...}."""
    if not isinstance(obj, dict):
        raise CaseError("not_an_object", "case")
    _known_keys(obj, _CASE_KEYS, "")
    return (parse_person(_object(obj, "person")), parse_visit(_object(obj, "visit")),
            parse_year_to_date(obj.get("year_to_date") or {}))


def parse_person(obj: dict) -> Person:
    _known_keys(obj, _PERSON_KEYS, "person")
    category = obj.get("category")
    if not isinstance(category, str):
        raise CaseError("text_missing", "person.category")
    text_rules.checked_text(category, "person.category", _CODE_LENGTH)
    birth = obj.get("birth_date")
    return Person(category=category, birth_date=None if birth is None else _date(birth, "person.birth_date"))


def parse_visit_document(obj: Any) -> Visit:
    """`settle-visit`'s input: the visit object, or a settle case's {"visit": ...} wrapper holding nothing else
    (the person and the year to date come from the store: given in the file, they would be silently unused)."""
    if isinstance(obj, dict) and "visit" in obj:
        _known_keys(obj, frozenset({"visit"}), "")
        return parse_visit(obj["visit"])
    return parse_visit(obj)


def parse_visit(obj: Any) -> Visit:
    if not isinstance(obj, dict):
        raise CaseError("not_an_object", "visit")
    _known_keys(obj, _VISIT_KEYS, "visit")
    values: dict[str, Any] = {}
    for name in ("kind", "hospital_level"):
        value = obj.get(name)
        if not isinstance(value, str):
            raise CaseError("text_missing", f"visit.{name}")
        values[name] = text_rules.checked_text(value, f"visit.{name}", _CODE_LENGTH)
    for name in ("admitted", "discharged"):
        values[name] = _date(obj.get(name), f"visit.{name}")
    if obj.get("total") is None:
        raise CaseError("missing_field", "visit.total")
    for name in _VISIT_AMOUNTS:
        if name in obj:
            values[name] = _amount(obj[name], f"visit.{name}")
    for name in _VISIT_FLAGS:
        value = obj.get(name, False)
        if not isinstance(value, bool):
            raise CaseError("not_a_boolean", f"visit.{name}")
        values[name] = value
    for name, limit in _VISIT_TEXTS.items():
        value = obj.get(name, "")
        if not isinstance(value, str):
            raise CaseError("not_text", f"visit.{name}")
        values[name] = text_rules.checked_text(value, f"visit.{name}", limit)
    if obj.get("settled_upstream") is not None:
        values["settled_upstream"] = _upstream(obj["settled_upstream"])
    if obj.get("relief") is not None:
        values["relief"] = _relief(obj["relief"])
    visit = Visit(**values)
    if visit.in_scope < 0:
        raise CaseError("in_scope_negative", "visit.total", total=fmt(visit.total),
                        out_of_catalog=fmt(visit.out_of_catalog), partial_self_pay=fmt(visit.partial_self_pay))
    return visit


def _known_keys(obj: dict, known: frozenset[str], prefix: str) -> None:
    for key in obj:
        if key not in known:  # a misspelt key ("out_of_catalogue") would otherwise settle as zero
            shown = str(key)[:40]  # the key is named, but a megabyte of it is not echoed
            raise CaseError("unknown_field", f"{prefix}.{shown}" if prefix else shown)


def _upstream(obj: Any) -> tuple[Decimal, Decimal]:
    """{"basic": "...", "critical": "..."}: both figures of the platform's settlement slip."""
    if not isinstance(obj, dict):
        raise CaseError("not_an_object", "visit.settled_upstream")
    _known_keys(obj, frozenset(_UPSTREAM_KEYS), "visit.settled_upstream")
    for name in _UPSTREAM_KEYS:
        if name not in obj:
            raise CaseError("missing_field", f"visit.settled_upstream.{name}")
    basic, critical = (_amount(obj[name], f"visit.settled_upstream.{name}") for name in _UPSTREAM_KEYS)
    return basic, critical


def _relief(obj: Any) -> tuple[tuple[str, Decimal], ...]:
    """{"<relief id>": "amount"}: other offices' grants, checked against the policy's offices by the engine."""
    if not isinstance(obj, dict):
        raise CaseError("not_an_object", "visit.relief")
    for office in obj:
        text_rules.checked_text(office, f"visit.relief.{office[:_CODE_LENGTH]}", _CODE_LENGTH)
    return tuple((str(office), _amount(amount, f"visit.relief.{office}")) for office, amount in obj.items())


def parse_year_to_date(obj: Any) -> YearToDate:
    if not isinstance(obj, dict):
        raise CaseError("not_an_object", "year_to_date")
    _known_keys(obj, _YTD_KEYS, "year_to_date")
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

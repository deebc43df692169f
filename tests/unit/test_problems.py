"""Problems are values (code, field, parameters); the catalogue words them."""

from __future__ import annotations

import pytest

from windowdesk.domain.problems import Problem, Refusal
from windowdesk.wording import render
from windowdesk.wording.problems import PROBLEMS


def test_refusal_carries_its_problem():
    exc = Refusal("future_discharge", "visit.discharged", discharged="2027-01-02")
    assert exc.code == "future_discharge" and exc.field == "visit.discharged"
    assert exc.params == {"discharged": "2027-01-02"}
    assert exc.problem.to_json() == {"code": "future_discharge", "field": "visit.discharged",
                                     "params": {"discharged": "2027-01-02"}}
    assert str(exc) == "visit.discharged: future_discharge discharged=2027-01-02"


def test_refusal_of_several_problems_is_decided_by_the_first():
    exc = Refusal.of([Problem("a", "x"), Problem("b", "y", {"n": 1})])
    assert exc.code == "a" and [p.code for p in exc.problems] == ["a", "b"]
    with pytest.raises(ValueError):
        Refusal.of([])


def test_message_fills_parameters_and_translates():
    assert render.message(Problem("internal_error", params={"kind": "KeyError"})) == "系统错误（KeyError），请联系管理员"
    seen = []

    def translate(context, text):
        seen.append(context)
        return "internal error ({kind})"

    assert render.message(Problem("internal_error", params={"kind": "X"}), translate) == "internal error (X)"
    assert seen == ["problems"]


def test_unknown_code_reads_as_input_error_naming_it():
    assert render.message(Problem("no_such_code", "visit.total")) == "输入有误：visit.total (no_such_code)"


def test_missing_parameter_keeps_its_placeholder():
    assert "{kind}" in render.message(Problem("internal_error"))
    assert all(isinstance(text, str) and text for text in PROBLEMS.values())

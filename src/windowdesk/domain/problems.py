"""Outcomes as values: a refusal or finding is a stable code, the field it concerns and its parameters.

No words here: the window turns a problem into its language through tr() (ui/messages.py), the CLI through
the same catalogue (wording/problems.py), the slip through its own (adapters/receipt_data.py). Parameters
hold what the words need (dates as ISO text, amounts as strings, ID numbers masked, never whole).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as _field
from typing import Any


@dataclass(frozen=True)
class Problem:
    code: str                 # stable identifier: "future_discharge", "id_check_char", ...
    field: str = ""           # the input it concerns ("visit.discharged"), "" when none
    params: Mapping[str, Any] = _field(default_factory=dict, hash=False)

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "field": self.field, "params": {k: str(v) for k, v in self.params.items()}}


class Refusal(Exception):
    """Raised when input or rules refuse a request; carries one or more problems (the first decides the code).

    `Refusal("future_discharge", "visit.discharged", discharged="2027-01-02")`, or `Refusal.of(problems)` for
    a check that collected several.
    """

    def __init__(self, code: str, field: str = "", /, **params: Any):
        self.problems: tuple[Problem, ...] = (Problem(code, field, params),)
        super().__init__(self._log_text())

    @classmethod
    def of(cls, problems: Iterable[Problem]) -> Refusal:
        problems = tuple(problems)
        if not problems:
            raise ValueError("a refusal needs at least one problem")
        first = problems[0]
        refusal = cls(first.code, first.field, **dict(first.params))
        refusal.problems = problems
        refusal.args = (refusal._log_text(),)
        return refusal

    @property
    def problem(self) -> Problem:
        return self.problems[0]

    @property
    def code(self) -> str:
        return self.problems[0].code

    @property
    def field(self) -> str:
        return self.problems[0].field

    @property
    def params(self) -> Mapping[str, Any]:
        return self.problems[0].params

    def _log_text(self) -> str:
        """For logs and tracebacks only (never shown to a clerk): code, field and parameters."""
        p = self.problems[0]
        params = " ".join(f"{k}={v}" for k, v in p.params.items())
        return " ".join(part for part in (f"{p.field}:" if p.field else "", p.code, params) if part)

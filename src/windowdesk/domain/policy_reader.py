"""The policy loader's getters: scalars, amounts, ratios, code lists and keyed tables, each recording a problem
(a code with the key as its field) instead of raising, so one run lists every problem of a file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from .money import MAX_AMOUNT, is_ascii_decimal
from .problems import Problem

_ONE = Decimal(1)
_ZERO = Decimal(0)
_FEN = Decimal("0.01")


class Reader:
    """Walks the TOML tree; every getter records a problem instead of raising, so one run lists them all."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, key: str, code: str, **params: Any) -> None:
        self.problems.append(Problem(code, key, params))

    # -- scalars -------------------------------------------------------------------------------

    def table(self, data: dict, key: str, path: str, *, required: bool = False) -> dict | None:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(path, "policy_missing_table")
            return None
        if not isinstance(value, dict):
            self.problem(path, "policy_not_table")
            return None
        return value

    def text(self, data: dict, key: str, path: str, *, required: bool = True, default: str = "") -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(path, "policy_missing")
            return default
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(path, "policy_not_text")
            return default
        return value

    def flag(self, data: dict, key: str, path: str, default: bool = False) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.problem(path, "policy_not_boolean")
            return default
        return value

    def day(self, data: dict, key: str, path: str) -> date:
        value = data.get(key)
        if not isinstance(value, date):
            self.problem(path, "policy_missing" if value is None else "policy_not_date")
            return date.min
        return value

    def whole(self, data: dict, key: str, path: str, *, default: int | None = None, minimum: int = 0) -> int:
        value = data.get(key, default)
        if value is None:
            self.problem(path, "policy_missing")
            return 0
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.problem(path, "policy_not_whole", minimum=minimum)
            return 0
        return value

    def amount(self, data: dict, key: str, path: str, *, required: bool = True,
               default: Decimal | None = None, none_word: bool = False) -> Decimal | None:
        """A non-negative amount written as a string; `"none"` means no cap where `none_word`."""
        value = data.get(key)
        if value is None:
            if required:
                self.problem(path, "policy_missing")
            return default
        if none_word and value == "none":
            return None
        return self._decimal(value, path, upper=None)

    def ratio(self, data: dict, key: str, path: str, *, required: bool = True,
              default: Decimal = _ZERO) -> Decimal:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(path, "policy_missing")
            return default
        result = self._decimal(value, path, upper=_ONE)
        return default if result is None else result

    def _decimal(self, value: Any, path: str, *, upper: Decimal | None) -> Decimal | None:
        if isinstance(value, bool) or isinstance(value, float):
            self.problem(path, "policy_number_not_string")
            return None
        text = str(value) if isinstance(value, (str, int)) else ""
        # ASCII decimals only, as in a case file: no "9e16", "１２３" or "NaN".
        if not is_ascii_decimal(text):
            self.problem(path, "policy_not_number", value=repr(value)[:40])
            return None
        number = Decimal(text)
        if number < 0:
            self.problem(path, "policy_negative", value=repr(value)[:40])
            return None
        if upper is not None and number > upper:
            self.problem(path, "policy_ratio_range", value=repr(value)[:40])
            return None
        if upper is None and number > MAX_AMOUNT:
            self.problem(path, "policy_amount_too_large", value=repr(value)[:40], maximum=f"{MAX_AMOUNT:f}")
            return None
        if upper is None:
            # Amounts carry fen exactly, so every sum the engine makes of them does too.
            if number != number.quantize(_FEN):
                self.problem(path, "policy_too_precise", value=repr(value)[:40])
                return None
            return number.quantize(_FEN)
        return number

    # -- code lists and tables ---------------------------------------------------------------

    def codes(self, data: dict, key: str, path: str, allowed: tuple[str, ...], what: str,
              *, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return default
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(path, "policy_not_code_list", what=what)
            return default
        for item in value:
            if item not in allowed:
                self.problem(path, "policy_unknown_code", what=what, value=item[:40], known=", ".join(allowed))
        return tuple(v for v in value if v in allowed)

    def keyed(self, data: dict, key: str, path: str, allowed: tuple[str, ...], what: str, *,
              ratios: bool, complete: bool) -> dict[str, Decimal]:
        """A table keyed by codes (levels, categories or kinds) whose values are amounts or ratios."""
        table = self.table(data, key, path, required=True)
        if table is None:
            return {}
        result: dict[str, Decimal] = {}
        for code, value in table.items():
            if code not in allowed:
                self.problem(f"{path}.{code}", "policy_unknown_key", what=what, known=", ".join(allowed))
                continue
            number = self._decimal(value, f"{path}.{code}", upper=_ONE if ratios else None)
            if number is not None:
                result[code] = number
        if complete:
            for code in allowed:
                if code not in table:
                    self.problem(f"{path}.{code}", "policy_missing")
        return result

    def entries(self, data: dict, key: str, path: str) -> list:
        """A list of tables (found by the fuzz test: `funds = 1` crashed the loader); [] with a problem else."""
        value = data.get(key, [])
        if not isinstance(value, list):
            self.problem(path, "policy_not_table_array")
            return []
        return value

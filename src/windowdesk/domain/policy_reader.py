"""The policy loader's getters: scalars, amounts, ratios, code lists and keyed tables, each recording a problem
(key, reason) instead of raising, so one run lists every problem of a file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

_ONE = Decimal(1)
_ZERO = Decimal(0)
_FEN = Decimal("0.01")


class Reader:
    """Walks the TOML tree; every getter records a problem instead of raising, so one run lists them all."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []

    def problem(self, key: str, reason: str) -> None:
        self.problems.append((key, reason))

    # -- scalars -------------------------------------------------------------------------------

    def table(self, data: dict, key: str, path: str, *, required: bool = False) -> dict | None:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(path, "missing table")
            return None
        if not isinstance(value, dict):
            self.problem(path, "must be a table")
            return None
        return value

    def text(self, data: dict, key: str, path: str, *, required: bool = True, default: str = "") -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(path, "missing")
            return default
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(path, "must be a non-empty string")
            return default
        return value

    def flag(self, data: dict, key: str, path: str, default: bool = False) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.problem(path, "must be true or false")
            return default
        return value

    def day(self, data: dict, key: str, path: str) -> date:
        value = data.get(key)
        if not isinstance(value, date):
            self.problem(path, "missing" if value is None else "must be a date (2024-01-01)")
            return date.min
        return value

    def whole(self, data: dict, key: str, path: str, *, default: int | None = None, minimum: int = 0) -> int:
        value = data.get(key, default)
        if value is None:
            self.problem(path, "missing")
            return 0
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.problem(path, f"must be a whole number >= {minimum}")
            return 0
        return value

    def amount(self, data: dict, key: str, path: str, *, required: bool = True,
               default: Decimal | None = None, none_word: bool = False) -> Decimal | None:
        """A non-negative amount written as a string; `"none"` means no cap where `none_word`."""
        value = data.get(key)
        if value is None:
            if required:
                self.problem(path, "missing")
            return default
        if none_word and value == "none":
            return None
        return self._decimal(value, path, upper=None)

    def ratio(self, data: dict, key: str, path: str, *, required: bool = True,
              default: Decimal = _ZERO) -> Decimal:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(path, "missing")
            return default
        result = self._decimal(value, path, upper=_ONE)
        return default if result is None else result

    def _decimal(self, value: Any, path: str, *, upper: Decimal | None) -> Decimal | None:
        if isinstance(value, bool) or isinstance(value, float):
            self.problem(path, "write amounts and ratios as strings (\"0.85\"), not TOML numbers")
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.problem(path, f"not a number: {value!r}")
            return None
        if not number.is_finite() or number < 0:
            self.problem(path, f"must be >= 0, got {value!r}")
            return None
        if upper is not None and number > upper:
            self.problem(path, f"ratio outside [0, 1]: {value!r}")
            return None
        if upper is None:
            # Amounts carry fen exactly, so every sum the engine makes of them does too.
            if number != number.quantize(_FEN):
                self.problem(path, f"an amount has at most 2 decimal places, got {value!r}")
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
            self.problem(path, f"must be a list of {what}s")
            return default
        for item in value:
            if item not in allowed:
                self.problem(path, f"unknown {what} {item!r} (known: {', '.join(allowed)})")
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
                self.problem(f"{path}.{code}", f"unknown {what} (known: {', '.join(allowed)})")
                continue
            number = self._decimal(value, f"{path}.{code}", upper=_ONE if ratios else None)
            if number is not None:
                result[code] = number
        if complete:
            for code in allowed:
                if code not in table:
                    self.problem(f"{path}.{code}", f"missing {what}")
        return result

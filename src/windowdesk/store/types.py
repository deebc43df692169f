"""Column types: money as whole fen (exact on SQLite and PostgreSQL alike), canonical JSON text."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, String, Text
from sqlalchemy.types import TypeDecorator

_HUNDRED = Decimal(100)
_FEN = Decimal("0.01")  # also the "two places" of a ratio's text


class Money(TypeDecorator):
    """A Decimal amount in yuan stored as an integer count of fen (SQLite has no exact decimal type)."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect) -> int | None:
        if value is None:
            return None
        fen = value * _HUNDRED
        if fen != fen.to_integral_value():
            raise ValueError(f"amount {value} is not a whole number of fen")
        return int(fen)

    def process_result_value(self, value: int | None, dialect) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(value) / _HUNDRED).quantize(_FEN)


def canonical_json(value: Any) -> str:
    """The one text form of a JSON value: hashed by the audit chain, so it must never vary."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class JsonText(TypeDecorator):
    """JSON kept as canonical text (not the JSON type): byte-stable across SQLite and PostgreSQL."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect) -> str | None:
        return None if value is None else canonical_json(value)

    def process_result_value(self, value: str | None, dialect) -> Any:
        return None if value is None else json.loads(value)


class RatioText(TypeDecorator):
    """A ratio (Decimal) kept as its decimal text, exactly as the snapshot and the receipt show it ("0.75").

    Policies may give ratios of any precision (a tilt adds a bonus to a table ratio), so neither a float nor an
    integer of basis points is exact for all of them; text is, on SQLite and PostgreSQL alike. Ratios are shown
    and compared, never summed, so SQL arithmetic on them is not needed.
    """

    impl = String(40)  # a Decimal of 28 digits in [0, 1] fits
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect) -> str | None:
        if value is None:
            return None
        # The form of domain.case_json.step_json: two places where exact to them, else every digit given.
        return f"{value:.2f}" if value == value.quantize(_FEN) else f"{value.normalize():f}"

    def process_result_value(self, value: str | None, dialect) -> Decimal | None:
        return None if value is None else Decimal(value)

"""Money as Decimal yuan with fen precision: construction, rounding, formatting and JSON parsing."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .problems import Refusal

__all__ = [
    "FEN",
    "MAX_AMOUNT",
    "ZERO",
    "MoneyError",
    "D",
    "round_fen",
    "fmt",
    "parse_amount",
    "is_ascii_decimal",
    "to_fen",
    "from_fen",
]

FEN = Decimal("0.01")
ZERO = Decimal("0.00")
_HUNDRED = Decimal(100)
# The largest amount any one field may hold (cli.md): 99,999,999.99 yuan is 10^10 fen, so even a billion of them
# sum inside a 64-bit integer of fen, and no SQL SUM over stored amounts can overflow.
MAX_AMOUNT = Decimal("99999999.99")
# ASCII digits only: no full-width or other scripts' digits, no exponent ("9e16"), no sign but a minus (refused
# as negative below), no spaces or underscores. Linear to match, whatever the length.
_ASCII_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?").fullmatch


class MoneyError(Refusal, ValueError):
    """An amount that cannot be used as money: `amount_not_number`, `amount_not_finite`, `amount_wrong_type`,
    `amount_out_of_range`, `amount_negative`, `amount_too_precise`; the field where the caller names one."""


def D(value: str | int | Decimal) -> Decimal:
    """Exact Decimal from str, int or Decimal; floats are refused because they are already inexact."""
    # Exact-type checks first: this runs once per amount on the settlement hot path.
    tp = type(value)
    if tp is Decimal:
        d = value
    elif tp is int:
        return Decimal(value)  # ints are always finite
    elif tp is str:
        try:
            d = Decimal(value)
        except InvalidOperation:
            raise MoneyError("amount_not_number", "", value=value[:40]) from None
    elif isinstance(value, (float, bool)):  # bool is an int subclass but never an amount
        raise TypeError(f"{tp.__name__} is not accepted for money, pass a str, int or Decimal: {value!r}")
    elif isinstance(value, int):  # int subclasses (IntEnum...) become plain ints
        return Decimal(int(value))
    elif isinstance(value, str):
        return D(str(value))
    elif isinstance(value, Decimal):
        d = value
    else:
        raise TypeError(f"cannot make money from {tp.__name__}: {value!r}")
    if not d.is_finite():
        raise MoneyError("amount_not_finite", "", value=str(value)[:40])
    return d


def round_fen(x: Decimal) -> Decimal:
    """Round to the fen, half up (the rule printed on receipts, not banker's rounding)."""
    return x.quantize(FEN, rounding=ROUND_HALF_UP)


def fmt(x: Decimal | int | str) -> str:
    """Two-decimal text such as "1234.50"; a rounded negative zero prints as "0.00"."""
    q = round_fen(x if type(x) is Decimal else D(x))
    if not q:  # -0.00 must not reach a receipt
        return "0.00"
    return f"{q:f}"


def parse_amount(value: object, *, field: str) -> Decimal:
    """Strictly read a non-negative amount from JSON (str or int, never float) into a 2-place Decimal.

    A string must be ASCII decimal digits ("1200.50"); the amount at most MAX_AMOUNT. Trailing zeros beyond the
    fen ("1.230") are accepted because the value is still exact in fen.
    """
    # JSON numbers with a fraction arrive as float; refusing them forces producers to send strings.
    if value is None or isinstance(value, (bool, float)) or not isinstance(value, (str, int, Decimal)):
        raise MoneyError("amount_wrong_type", field, type=type(value).__name__)
    if isinstance(value, str):
        if not _ASCII_DECIMAL(value):
            raise MoneyError(_not_decimal_code(value), field, value=value[:40])
        d = Decimal(value)
    elif isinstance(value, int):
        d = Decimal(value)
    else:
        d = value
        if not d.is_finite():
            raise MoneyError("amount_not_finite", field, value=str(value)[:40])
    if abs(d) > MAX_AMOUNT:  # before quantize: a long number would exceed the context's precision
        raise MoneyError("amount_out_of_range", field, value=str(value)[:40], maximum=fmt(MAX_AMOUNT))
    q = d.quantize(FEN, rounding=ROUND_HALF_UP)
    if d < 0:
        raise MoneyError("amount_negative", field, amount=f"{q if q == d else d:f}")
    if q != d:
        raise MoneyError("amount_too_precise", field, amount=f"{d:f}")
    return q if q else ZERO  # fold -0 into 0.00


def is_ascii_decimal(text: str) -> bool:
    """ASCII digits with an optional minus and fraction: the only spelling of a number files may use."""
    return _ASCII_DECIMAL(text) is not None


def _not_decimal_code(text: str) -> str:
    """"NaN", "Infinity" are named as such; anything else that is not ASCII decimal is not a number."""
    return "amount_not_finite" if text.strip().lstrip("+-").lower() in _NOT_FINITE else "amount_not_number"


_NOT_FINITE = frozenset({"nan", "snan", "inf", "infinity"})


def to_fen(x: Decimal | int | str) -> int:
    """Whole fen as int (rounded half up), for integer sums and storage."""
    return int(round_fen(x if type(x) is Decimal else D(x)) * _HUNDRED)


def from_fen(n: int) -> Decimal:
    """Decimal yuan with exactly two places from whole fen."""
    if type(n) is not int and (isinstance(n, bool) or not isinstance(n, int)):
        raise TypeError(f"fen must be an int, got {type(n).__name__}: {n!r}")
    return Decimal(n).scaleb(-2)

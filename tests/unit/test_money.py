"""Unit tests for windowdesk.domain.money."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from windowdesk.domain.money import (
    FEN,
    ZERO,
    D,
    MoneyError,
    fmt,
    from_fen,
    parse_amount,
    round_fen,
    to_fen,
)
from windowdesk.wording.render import message


# --- D -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12.345", Decimal("12.345")), (7, Decimal(7)), (Decimal("0.10"), Decimal("0.10")), (" 3.5 ", Decimal("3.5"))],
)
def test_D_accepts_str_int_decimal(value, expected):
    result = D(value)
    assert type(result) is Decimal
    assert result == expected


@pytest.mark.parametrize("value", [1.5, 0.0, True, None, [1]])
def test_D_rejects_float_and_other_types(value):
    with pytest.raises(TypeError):
        D(value)


def test_D_bad_string_is_a_coded_refusal():
    with pytest.raises(MoneyError) as caught:
        D("abc")
    assert (caught.value.code, dict(caught.value.params)) == ("amount_not_number", {"value": "abc"})


@pytest.mark.parametrize("value", ["NaN", "sNaN", "Infinity", "-inf", Decimal("NaN"), Decimal("Infinity")])
def test_D_rejects_nan_and_infinity(value):
    with pytest.raises(MoneyError) as caught:
        D(value)
    assert caught.value.code == "amount_not_finite"


def test_money_error_is_value_error():
    assert issubclass(MoneyError, ValueError)


# --- round_fen / fmt ---------------------------------------------------------------------


def test_constants():
    assert FEN == Decimal("0.01") and str(ZERO) == "0.00"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2.675", "2.68"),  # float 2.675 would give 2.67; Decimal must not
        ("0.005", "0.01"),
        ("0.025", "0.03"),  # banker's rounding would give 0.02
        ("1.004", "1.00"),
        ("-0.005", "-0.01"),  # half away from zero
        ("12", "12.00"),
    ],
)
def test_round_fen_half_up(value, expected):
    assert str(round_fen(Decimal(value))) == expected


@given(st.integers(min_value=0, max_value=10**15), st.booleans())
def test_round_fen_xx5_rounds_away_from_zero(k, negative):
    x = from_fen(k) + Decimal("0.005")  # exactly half a fen above k fen
    expected = from_fen(k + 1)
    if negative:
        x, expected = -x, -expected
    assert round_fen(x) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1234.5"), "1234.50"),
        (Decimal("0"), "0.00"),
        (Decimal("-0.00"), "0.00"),
        (Decimal("-0.004"), "0.00"),
        (Decimal("-3.1"), "-3.10"),
        (Decimal("1E+3"), "1000.00"),  # no exponent on receipts
        ("9.999", "10.00"),
        (5, "5.00"),
    ],
)
def test_fmt(value, expected):
    assert fmt(value) == expected


# --- parse_amount ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12.5", "12.50"), ("0", "0.00"), (0, "0.00"), (300, "300.00"), ("1.230", "1.23"), ("-0", "0.00"),
     (Decimal("4.1"), "4.10")],
)
def test_parse_amount_accepts(value, expected):
    result = parse_amount(value, field="visit.total")
    assert str(result) == expected
    assert result.as_tuple().exponent == -2


def test_parse_amount_negative_names_field():
    with pytest.raises(MoneyError) as exc:
        parse_amount("-5", field="visit.total")
    assert (exc.value.code, exc.value.field, dict(exc.value.params)) == (
        "amount_negative", "visit.total", {"amount": "-5.00"})
    assert message(exc.value.problem) == "visit.total 不能为负数：-5.00"


@pytest.mark.parametrize(
    ("value", "code", "params"),
    [
        (1.5, "amount_wrong_type", {"type": "float"}),
        (True, "amount_wrong_type", {"type": "bool"}),
        (None, "amount_wrong_type", {"type": "NoneType"}),
        ([], "amount_wrong_type", {"type": "list"}),
        ("-0.01", "amount_negative", {"amount": "-0.01"}),
        (-1, "amount_negative", {"amount": "-1.00"}),
        ("1.234", "amount_too_precise", {"amount": "1.234"}),
        ("0.001", "amount_too_precise", {"amount": "0.001"}),
        ("abc", "amount_not_number", {"value": "abc"}),
        ("", "amount_not_number", {"value": ""}),
        ("NaN", "amount_not_finite", {"value": "NaN"}),
        ("Infinity", "amount_not_finite", {"value": "Infinity"}),
        ("9" * 40, "amount_out_of_range", {"value": "9" * 40, "maximum": "99999999.99"}),
        # ASCII decimals only, within the stated maximum (issue 13: 9e16 made sums overflow).
        ("9e16", "amount_not_number", {"value": "9e16"}),
        ("1E2", "amount_not_number", {"value": "1E2"}),
        ("１２３", "amount_not_number", {"value": "１２３"}),
        ("\u0663", "amount_not_number", {"value": "\u0663"}),  # an Arabic-Indic three
        ("+5", "amount_not_number", {"value": "+5"}),
        (" 12 ", "amount_not_number", {"value": " 12 "}),
        ("1_000", "amount_not_number", {"value": "1_000"}),
        ("0x10", "amount_not_number", {"value": "0x10"}),
        ("-inf", "amount_not_finite", {"value": "-inf"}),
        ("100000000.00", "amount_out_of_range", {"value": "100000000.00", "maximum": "99999999.99"}),
        (10**8, "amount_out_of_range", {"value": "100000000", "maximum": "99999999.99"}),
        (Decimal("1e30"), "amount_out_of_range", {"value": "1E+30", "maximum": "99999999.99"}),
        (Decimal("NaN"), "amount_not_finite", {"value": "NaN"}),
    ],
)
def test_parse_amount_rejects(value, code, params):
    with pytest.raises(MoneyError) as exc:
        parse_amount(value, field="item.price")
    assert (exc.value.code, exc.value.field, dict(exc.value.params)) == (code, "item.price", params)


def test_the_maximum_amount_is_accepted():
    assert parse_amount("99999999.99", field="f") == Decimal("99999999.99")
    assert parse_amount(99999999, field="f") == Decimal("99999999.00")


@given(st.integers(min_value=0, max_value=9_999_999_999))
def test_parse_amount_round_trips_fen(n):
    text = f"{n // 100}.{n % 100:02d}"
    assert parse_amount(text, field="f") == from_fen(n)
    assert fmt(parse_amount(text, field="f")) == text


# --- fen helpers -------------------------------------------------------------------------


def test_to_fen_and_from_fen():
    assert to_fen(Decimal("12.34")) == 1234
    assert to_fen("12.345") == 1235
    assert to_fen(3) == 300
    assert str(from_fen(1234)) == "12.34"
    assert str(from_fen(0)) == "0.00"
    assert str(from_fen(-5)) == "-0.05"


@pytest.mark.parametrize("value", [1.0, True, "1"])
def test_from_fen_needs_int(value):
    with pytest.raises(TypeError):
        from_fen(value)


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_fen_round_trip(n):
    assert to_fen(from_fen(n)) == n

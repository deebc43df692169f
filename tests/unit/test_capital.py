"""Unit tests for windowdesk.domain.capital."""

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from windowdesk.domain.capital import LIMIT, to_capital

ALLOWED = set("零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整")


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        # From the brief
        ("12345.67", "壹万贰仟叁佰肆拾伍元陆角柒分"),
        ("100", "壹佰元整"),
        ("0", "零元整"),
        ("0.50", "伍角整"),
        ("1000000.00", "壹佰万元整"),
        ("100010.00", "壹拾万零壹拾元整"),
        ("1004.05", "壹仟零肆元零伍分"),
        ("1000.20", "壹仟元零贰角整"),  # our convention: 整 after 角
        ("1680.32", "壹仟陆佰捌拾元零叁角贰分"),
        # Examples of 《支付结算办法》 (the variant our convention picks where two are allowed)
        ("1409.50", "壹仟肆佰零玖元伍角整"),
        ("6007.14", "陆仟零柒元壹角肆分"),
        ("107000.53", "壹拾万零柒仟元零伍角叁分"),
        ("16409.02", "壹万陆仟肆佰零玖元零贰分"),
        ("325.04", "叁佰贰拾伍元零肆分"),
        # 壹拾 at the start, zeros, groups
        ("10", "壹拾元整"),
        ("19", "壹拾玖元整"),
        ("10.05", "壹拾元零伍分"),
        ("0.05", "伍分"),
        ("0.01", "壹分"),
        ("110000", "壹拾壹万元整"),
        ("100000000", "壹亿元整"),
        ("100000001", "壹亿零壹元整"),
        ("101000000", "壹亿零壹佰万元整"),
        ("100010000", "壹亿零壹万元整"),
        ("999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    ],
)
def test_hand_written_values(amount, expected):
    assert to_capital(Decimal(amount)) == expected


def test_accepts_int_and_str():
    assert to_capital(100) == "壹佰元整"
    assert to_capital("0.50") == "伍角整"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [("0.005", "壹分"), ("0.004", "零元整"), ("1.994", "壹元玖角玖分"), ("1.995", "贰元整"), ("-0", "零元整")],
)
def test_rounds_half_up_to_the_fen(amount, expected):
    assert to_capital(Decimal(amount)) == expected


@pytest.mark.parametrize("amount", ["-0.01", "-0.001", "-100", "1000000000000", "999999999999.995"])
def test_rejects_negative_and_too_large(amount):
    with pytest.raises(ValueError):
        to_capital(Decimal(amount))


def test_rejects_float():
    with pytest.raises(TypeError):
        to_capital(1.5)  # type: ignore[arg-type]


# --- an independent reverse parser ---------------------------------------------------------

_DIGIT = {c: i for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
_UNIT = {"拾": 10, "佰": 100, "仟": 1000}
_FRACTION = re.compile(r"(?:([壹贰叁肆伍陆柒捌玖])角)?(?:([壹贰叁肆伍陆柒捌玖])分)?")


def _parse_integer(text: str) -> int:
    total = section = digit = 0
    for ch in text:
        if ch == "零":
            continue
        if ch in _DIGIT:
            digit = _DIGIT[ch]
        elif ch in _UNIT:
            section += digit * _UNIT[ch]
            digit = 0
        elif ch == "万":
            total += (section + digit) * 10**4
            section = digit = 0
        elif ch == "亿":
            total = (total + section + digit) * 10**8
            section = digit = 0
        else:
            raise AssertionError(f"unexpected {ch!r} in {text!r}")
    return total + section + digit


def parse_capital(text: str) -> Decimal:
    """Capital numerals back to an amount, written without looking at the implementation."""
    body = text[:-1] if text.endswith("整") else text
    yuan_text, _, fraction = body.rpartition("元")
    match = _FRACTION.fullmatch(fraction.lstrip("零"))
    assert match, f"bad fraction {fraction!r} in {text!r}"
    jiao, fen = (_DIGIT[g] if g else 0 for g in match.groups())
    return Decimal(_parse_integer(yuan_text) * 100 + jiao * 10 + fen).scaleb(-2)


def test_reverse_parser_on_hand_values():
    assert parse_capital("壹万贰仟叁佰肆拾伍元陆角柒分") == Decimal("12345.67")
    assert parse_capital("壹拾万零壹拾元整") == Decimal("100010")
    assert parse_capital("伍角整") == Decimal("0.5")
    assert parse_capital("壹亿零壹佰万元整") == Decimal("101000000")


fens = st.integers(min_value=0, max_value=10**12)  # 0 .. 10^10 yuan
all_fens = st.integers(min_value=0, max_value=LIMIT * 100 - 1)


def _yuan(n: int) -> Decimal:
    return Decimal(n).scaleb(-2)


@given(st.one_of(fens, all_fens))
def test_reverse_parser_recovers_amount(n):
    assert parse_capital(to_capital(_yuan(n))) == _yuan(n)


@given(st.one_of(fens, all_fens))
def test_only_allowed_characters(n):
    assert set(to_capital(_yuan(n))) <= ALLOWED


@given(st.one_of(fens, all_fens))
def test_ending_follows_convention(n):
    text = to_capital(_yuan(n))
    if n % 10:
        assert text.endswith("分") and not text.endswith("整")
    else:
        assert text.endswith("整")  # also after 角


@given(st.one_of(fens, all_fens))
def test_one_zero_per_inner_run_of_zeros(n):
    text = to_capital(_yuan(n))
    if n == 0:
        assert text == "零元整"
        return
    inner = str(n).strip("0")  # leading/trailing zeros are never written
    assert text.count("零") == len(re.findall("0+", inner))
    assert not text.startswith("零")


@given(st.integers(min_value=10, max_value=19), st.integers(min_value=0, max_value=99))
def test_ten_to_nineteen_start_with_yi_shi(yuan, fen):
    assert to_capital(_yuan(yuan * 100 + fen)).startswith("壹拾")

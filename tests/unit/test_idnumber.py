"""Unit tests for windowdesk.domain.idnumber."""

import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from windowdesk.domain.idnumber import (
    IdNumber,
    IdNumberError,
    _WEIGHTS,
    age_on,
    birth_date_of,
    check_char,
    check_char_matches,
    is_valid,
    make_valid,
    mask,
    normalize,
    parse,
)
from windowdesk.domain.problems import Refusal
from windowdesk.wording.render import message

TODAY = date(2025, 6, 1)  # fixed so tests do not depend on the clock

# Worked by hand (weights 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2; map "10X98765432"):
#
# 11010519491231002X, the example printed in GB 11643-1999:
#   digits   1 1  0 1 0  5 1 9  4  9 1  2  3 1 0 0 2
#   products 7 9  0 5 0 20 2 9 24 27 7 18 30 5 0 0 4  -> sum 167, 167 mod 11 = 2 -> 'X'
# Its 15-digit form 110105 491231 002 becomes 110105 19 491231 002 + 'X', the same number.
#
# 15-digit 330327900101123 -> 33032719900101123 + check:
#   digits    3  3 0  3  2  7 1 9  9 0 0 1 0 1 1 2 3
#   products 21 27 0 15 16 28 2 9 54 0 0 9 0 5 8 8 6  -> sum 208, 208 mod 11 = 10 -> '2'
#   -> 330327199001011232 (17th digit 3 is odd: male)
#
# 440524188001010014, the other GB example (born 1880):
#   products 28 36 0 25 16 16 2 8 48 0 0 9 0 5 0 0 2  -> sum 195, 195 mod 11 = 8 -> '4'
#   correct check char, but we refuse years before 1900.
GB_EXAMPLE = "11010519491231002X"
MALE_1990 = "330327199001011232"


# --- check_char / parse: hand-computed values --------------------------------------------


def test_check_char_hand_values():
    assert check_char("11010519491231002") == "X"
    assert check_char("33032719900101123") == "2"
    assert check_char("44052418800101001") == "4"


@pytest.mark.parametrize("bad", ["1101051949123100", "110105194912310021", "1101051949123100A", "１１０１０５１９４９１２３１００２"])
def test_check_char_needs_17_ascii_digits(bad):
    with pytest.raises(IdNumberError):
        check_char(bad)


def test_parse_gb_example():
    p = parse(GB_EXAMPLE, today=TODAY)
    assert p == IdNumber(number=GB_EXAMPLE, birth_date=date(1949, 12, 31), sex="F", area="110105")
    assert str(p) == GB_EXAMPLE


def test_parse_male():
    p = parse(MALE_1990, today=TODAY)
    assert (p.sex, p.birth_date, p.area) == ("M", date(1990, 1, 1), "330327")


def test_parse_result_is_frozen():
    p = parse(GB_EXAMPLE, today=TODAY)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.number = MALE_1990  # type: ignore[misc]


@pytest.mark.parametrize(
    ("old", "new"),
    [("110105491231002", GB_EXAMPLE), ("330327900101123", MALE_1990)],
)
def test_fifteen_digit_numbers_upgrade(old, new):
    assert normalize(old) == new
    assert parse(old, today=TODAY).number == new


# --- normalize: cleaning -----------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "11010519491231002x",
        " 11010519491231002X\t",
        "'11010519491231002X",
        "\u2019 11010519491231002x",  # apostrophe auto-curled by an editor
        "110105 19491231 002X",
        "\ufeff11010519491231002X\u200b",
        "１１０１０５１９４９１２３１００２Ｘ",
        "１１０１０５１９４９１２３１００２ｘ",
        "\u3000110105\u300019491231002X",
    ],
)
def test_normalize_cleans(raw):
    assert normalize(raw) == GB_EXAMPLE


@pytest.mark.parametrize("raw", ["3.30327E+17", "3.30327e+17", "3.30327E17", " 3.30327E+17 ", "330327199001011000.0"])
def test_scientific_notation_text(raw):
    with pytest.raises(IdNumberError) as exc:
        normalize(raw)
    assert (exc.value.code, exc.value.field) == ("id_scientific", "id_number")
    assert "文本格式" in message(exc.value.problem)
    assert "id_scientific" in str(exc.value)


@pytest.mark.parametrize("raw", [3.30327e17, 330327199001011232, 110105491231002, Decimal("3.30327E+17")])
def test_numbers_instead_of_text(raw):
    with pytest.raises(IdNumberError) as exc:
        parse(raw)
    assert exc.value.code == "id_scientific"
    assert message(exc.value.problem) == "身份证号被Excel转成了数字，末几位已丢失，请把该列设为文本格式后重新导出"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "id_length"),
        ("   ", "id_length"),
        (None, "id_length"),
        ("1101051949123100", "id_length"),  # 16
        ("11010519491231002X1", "id_length"),  # 19
        ("11010519491231002A", "id_chars"),
        ("1101051949123100X2", "id_chars"),  # X not last
        ("11010549123100X", "id_chars"),  # 15-digit with X
        ("110105-19491231-002X", "id_chars"),
        ("110105491331002", "id_birth_date"),  # 15-digit, month 13
        ("11010519491231002Y", "id_chars"),
    ],
)
def test_normalize_errors(raw, code):
    with pytest.raises(IdNumberError) as exc:
        normalize(raw)
    assert exc.value.code == code
    assert message(exc.value.problem) and str(exc.value).isascii()  # the log text is the code, never words


def test_error_is_a_refusal_worded_by_the_catalogue():
    with pytest.raises(ValueError):
        normalize("123")
    with pytest.raises(Refusal) as caught:
        normalize("123")
    assert (caught.value.code, caught.value.field, dict(caught.value.params)) == ("id_length", "id_number", {"length": 3})
    assert message(caught.value.problem) == "身份证号应为18位（或15位旧号），实际为3位"
    assert str(caught.value) == "id_number: id_length length=3"


def test_invalid_characters_are_named():
    with pytest.raises(IdNumberError) as caught:
        normalize("11010519491231002A")
    assert message(caught.value.problem) == "身份证号含有非法字符：A（只能是数字，最后一位可以是X）"


def test_normalize_rejects_other_types():
    with pytest.raises(TypeError):
        normalize(["11010519491231002X"])


def test_normalize_does_not_check_the_check_char():
    assert normalize("110105194912310021") == "110105194912310021"


# --- parse: validation -------------------------------------------------------------------


def _with_check(first17: str) -> str:
    return first17 + check_char(first17)


@pytest.mark.parametrize(
    "number",
    [
        _with_check("11010519491331002"),  # month 13
        _with_check("11010519490230002"),  # 30 February
        _with_check("11010519000229002"),  # 1900 was not a leap year
        _with_check("11010518991231002"),  # before 1900
        "440524188001010014",  # GB example with a valid check char, born 1880
        _with_check("11010520250602002"),  # the day after TODAY
    ],
)
def test_parse_bad_birth_date(number):
    with pytest.raises(IdNumberError) as exc:
        parse(number, today=TODAY)
    assert exc.value.code == "id_birth_date"
    assert message(exc.value.problem) == f"身份证号中的出生日期无效：{number[6:14]}"


def test_birth_today_and_leap_day_are_fine():
    assert parse(_with_check("11010520250601002"), today=TODAY).birth_date == TODAY
    assert parse(_with_check("11010520000229002"), today=TODAY).birth_date == date(2000, 2, 29)


def test_future_is_relative_to_today():
    number = make_valid("330327", date(2030, 1, 1), "001")
    assert not is_valid(number, today=TODAY)
    assert is_valid(number, today=date(2030, 1, 1))


def test_wrong_check_char():
    with pytest.raises(IdNumberError) as exc:
        parse("110105194912310021", today=TODAY)
    assert exc.value.code == "id_check_char" and exc.value.params == {}  # the expected char is never said
    assert message(exc.value.problem) == "身份证号校验位不符，请核对号码是否输错"


def test_is_valid():
    assert is_valid(GB_EXAMPLE)
    assert is_valid(" 11010519491231002x")
    assert not is_valid("110105194912310021")
    assert not is_valid("abc")
    assert not is_valid(None)
    assert not is_valid(3.30327e17)


# --- mask / age_on / make_valid ----------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("33032719900101123X", "330327********123X"),
        (GB_EXAMPLE, "110105********002X"),
        ("110105491231002", "110105*****1002"),
        ("12345678901", "123456*8901"),
        ("1234567890", "**********"),
        ("abc", "***"),
        ("", ""),
    ],
)
def test_mask(raw, masked):
    assert mask(raw) == masked


@pytest.mark.parametrize(
    ("born", "day", "age"),
    [
        (date(1949, 12, 31), date(2025, 12, 30), 75),
        (date(1949, 12, 31), date(2025, 12, 31), 76),
        (date(2000, 2, 29), date(2001, 2, 28), 0),
        (date(2000, 2, 29), date(2001, 3, 1), 1),
        (date(2000, 2, 29), date(2004, 2, 29), 4),
        (date(2000, 1, 1), date(2000, 1, 1), 0),
    ],
)
def test_age_on(born, day, age):
    assert age_on(born, day) == age


def test_age_on_before_birth():
    with pytest.raises(ValueError):
        age_on(date(2000, 1, 2), date(2000, 1, 1))


def test_make_valid_hand_values():
    assert make_valid("110105", date(1949, 12, 31), "002") == GB_EXAMPLE
    assert make_valid("330327", date(1990, 1, 1), "123") == MALE_1990


@pytest.mark.parametrize(
    ("area", "birth", "seq"),
    [("11010", date(1990, 1, 1), "001"), ("11010a", date(1990, 1, 1), "001"),
     ("110105", date(1990, 1, 1), "01"), ("110105", date(1899, 1, 1), "001")],
)
def test_make_valid_rejects(area, birth, seq):
    with pytest.raises(ValueError):
        make_valid(area, birth, seq)


# --- properties --------------------------------------------------------------------------

areas = st.text(alphabet="0123456789", min_size=6, max_size=6)
seqs = st.text(alphabet="0123456789", min_size=3, max_size=3)
births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
valid_numbers = st.builds(make_valid, areas, births, seqs)

_FULL_WIDTH = {c: chr(ord(c) - 0x21 + 0xFF01) for c in "0123456789Xx"}


@st.composite
def messy_variants(draw, number_strategy=valid_numbers):
    """A valid number as a clerk might paste it: full-width, lower-case x, spaces, apostrophe."""
    number = draw(number_strategy)
    spaces = st.sampled_from(["", "", " ", "\t", "\u3000"])
    out = [draw(st.sampled_from(["", "'", " '", "\u2019"]))]
    for ch in number:
        if ch == "X":
            ch = draw(st.sampled_from(["X", "x"]))
        if draw(st.booleans()):
            ch = _FULL_WIDTH[ch]
        out.append(ch + draw(spaces))
    return number, "".join(out) + draw(spaces)


@given(valid_numbers)
def test_make_valid_always_parses(number):
    p = parse(number, today=TODAY)
    assert p.number == number and is_valid(number, today=TODAY)


@given(valid_numbers, st.data())
def test_changing_any_one_character_breaks_it(number, data):
    pos = data.draw(st.integers(min_value=0, max_value=17))
    alphabet = "0123456789X" if pos == 17 else "0123456789"
    new = data.draw(st.sampled_from([c for c in alphabet if c != number[pos]]))
    changed = number[:pos] + new + number[pos + 1:]
    assert not is_valid(changed, today=TODAY)


@given(messy_variants())
def test_messy_variants_normalize_to_the_number(pair):
    number, messy = pair
    assert normalize(messy) == number
    assert parse(messy, today=TODAY).number == number


old_numbers = st.builds(
    lambda a, b, s: f"{a}{b:%y%m%d}{s}",
    areas,
    st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)),
    seqs,
)


@given(old_numbers)
def test_fifteen_digit_upgrade_is_valid(old):
    new = normalize(old)
    assert new[:6] == old[:6] and new[6:8] == "19" and new[8:17] == old[6:]
    assert is_valid(new, today=TODAY)


@given(
    st.one_of(
        messy_variants().map(lambda pair: pair[1]),
        messy_variants(old_numbers).map(lambda pair: pair[1]),
        st.text(alphabet="0123456789", min_size=17, max_size=17).map(lambda s: s + "x"),
    )
)
def test_normalize_is_idempotent(raw):
    once = normalize(raw)
    assert normalize(once) == once


@given(valid_numbers)
def test_mask_never_reveals_birth_date_and_sequence(number):
    masked = mask(number)
    assert len(masked) == 18
    assert masked[6:14] == "********"
    assert masked[:6] == number[:6] and masked[14:] == number[14:]


@given(st.text(max_size=40))
def test_mask_keeps_at_most_first_six_and_last_four(text):
    masked = mask(text)
    assert len(masked) == len(text)
    hidden = masked if len(text) <= 10 else masked[6:-4]
    assert set(hidden) <= {"*"}


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_the_one_check_is_gb_11643s_weighted_sum(first17):
    # The fast form (int(s, 13), used by the roster for a million rows) against the standard's definition.
    expected = "10X98765432"[sum(int(c) * w for c, w in zip(first17, _WEIGHTS)) % 11]
    assert check_char(first17) == expected
    assert check_char_matches(first17 + expected)
    assert not any(check_char_matches(first17 + other) for other in "0123456789X" if other != expected)


def test_birth_date_of_the_eight_digits():
    assert birth_date_of("19491231", TODAY) == date(1949, 12, 31)
    assert birth_date_of("20250601", TODAY) == date(2025, 6, 1)  # born today
    assert [birth_date_of(d, TODAY) for d in ("20250602", "18991231", "19490230", "1949123X")] == [None] * 4

"""The money field as a clerk types into it: Decimal out, letters refused, too many decimals reported."""

from __future__ import annotations

from decimal import Decimal

import pytest
from imekit import commit
from PySide6.QtCore import Qt

from windowdesk.ui.money_field import MoneyField, MoneyInputError
from windowdesk.ui.messages import error_text


@pytest.fixture
def field(qtbot):
    f = MoneyField("医疗总费用", required=True)
    qtbot.addWidget(f)
    return f


def test_typed_amount_is_an_exact_decimal_with_two_places(qtbot, field):
    qtbot.keyClicks(field, "1234.5")
    value = field.amount()
    assert type(value) is Decimal and value == Decimal("1234.50") and str(value) == "1234.50"


def test_letters_are_refused_at_the_keystroke(qtbot, field):
    qtbot.keyClicks(field, "a1b2c")
    assert field.text() == "12"


def test_full_width_digits_from_an_input_method_are_read_as_digits(field):
    commit(field, "１２３．４５")
    assert field.text() == "123.45" and field.amount() == Decimal("123.45")


def test_a_third_decimal_stays_visible_and_is_reported(qtbot, field):
    qtbot.keyClicks(field, "12.345")
    assert field.text() == "12.345" and not field.hasAcceptableInput()
    with pytest.raises(MoneyInputError) as caught:
        field.amount()
    assert (caught.value.code, dict(caught.value.params)) == ("money_too_precise", {"label": "医疗总费用", "text": "12.345"})
    assert error_text(caught.value) == "医疗总费用最多两位小数：12.345"


def test_empty_required_field_and_pasted_garbage_are_reported_in_chinese(field):
    with pytest.raises(MoneyInputError) as caught:
        field.amount()
    assert error_text(caught.value) == "请填写医疗总费用"
    field.setText("1,000")  # programmatic text bypasses the validator, as some pastes do
    with pytest.raises(MoneyInputError) as caught:
        field.amount()
    assert (caught.value.code, error_text(caught.value)) == ("money_invalid", "医疗总费用不是有效金额：1,000")


def test_empty_optional_field_is_zero(qtbot):
    optional = MoneyField("目录外费用")
    qtbot.addWidget(optional)
    assert optional.amount() == Decimal("0.00")


def test_leaving_the_field_shows_the_amount_as_understood(qtbot, field):
    qtbot.keyClicks(field, "36000")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == "36000.00"


def test_the_field_stops_at_the_largest_amount_and_takes_ascii_digits_only(qtbot, field):
    qtbot.keyClicks(field, "1234567890")  # the ninth and tenth digits are refused: at most 99,999,999.99
    assert field.text() == "12345678"
    field.setText("\u0663")  # an Arabic-Indic three: not a digit the window reads
    with pytest.raises(MoneyInputError) as caught:
        field.amount()
    assert caught.value.code == "money_invalid"
    field.setText("99999999.99")
    assert field.amount() == Decimal("99999999.99")

"""Unit: the rules a new password must pass (services/passwords.py) and the shipped list of common passwords."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from windowdesk.services.errors import InvalidInput
from windowdesk.services.passwords import MIN_LENGTH, check_password, common_passwords
from windowdesk.wording.render import message


def refused(password: str, user: str = "clerk") -> str:
    with pytest.raises(InvalidInput) as caught:
        check_password(password, user=user)
    return caught.value.code


@pytest.mark.parametrize(("password", "code"), [
    ("", "password_blank"), ("        ", "password_blank"), ("\t \n  \t  ", "password_blank"),
    ("short1!", "password_too_short"),
    ("aaaaaaaa", "password_repetitive"), ("00000000000", "password_repetitive"), ("abababab", "password_repetitive"),
    ("12341234", "password_repetitive"), ("AAAAaaaa", "password_repetitive"),
    ("12345678", "password_sequence"), ("abcdefgh", "password_sequence"), ("87654321", "password_sequence"),
    ("clerk2024", "password_has_name"), ("!!clerk!!", "password_has_name"), ("CLERK 1234", "password_has_name"),
    ("krelc123", "password_has_name"),
    ("password", "password_common"), ("Password1", "password_common"), ("qwerty123", "password_common"),
    ("woaini1314", "password_common"), ("iloveyou", "password_common"), ("a123456789", "password_common"),
])
def test_easy_passwords_are_refused_with_their_reason(password, code):
    assert refused(password) == code


@pytest.mark.parametrize("password", ["window-pass-1", "clerk-of-the-window", "长城脚下的窗口2024", "zxq-81-pod",
                                      "correct horse battery staple"])
def test_other_passwords_pass(password):
    check_password(password, user="clerk")


def test_the_name_rule_concerns_this_users_name_only():
    assert refused("wangwu2024", user="wangwu") == "password_has_name"
    check_password("wangwu2024", user="clerk")
    assert refused("张三12345678", user="张三") == "password_has_name"
    check_password("x" + "1" * 3 + "yz" + "clerk", user="c")  # a one-character name refuses nothing


def test_the_shipped_list_is_the_common_passwords_of_eight_characters_or_more():
    common = common_passwords()
    assert len(common) == 8354
    assert all(len(p) >= MIN_LENGTH and p == p.lower() and p == p.strip() for p in common)
    assert {"password", "12345678", "qq123456", "woaini1314", "1qaz2wsx"} <= common


def test_the_reasons_are_worded():
    with pytest.raises(InvalidInput) as caught:
        check_password("abcdefgh", user="clerk")
    assert message(caught.value.problem) == "密码不能是连续的字符（如 12345678、abcdefgh、87654321）"
    with pytest.raises(InvalidInput) as caught:
        check_password("password", user="clerk", field="new_password")
    assert caught.value.field == "new_password"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.text(min_size=1, max_size=20))
def test_any_text_is_passed_or_refused_with_a_password_code(password, user):
    try:
        check_password(password, user=user)
    except InvalidInput as exc:
        assert exc.code.startswith("password_") and exc.field == "password"
    else:
        assert len(password) >= MIN_LENGTH and password.strip()
        assert password.lower() not in common_passwords() and len(set(password.lower())) > 1

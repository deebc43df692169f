"""RMB amounts in Chinese capital numerals (大写金额) for receipts, per 《支付结算办法》附件.

Convention used here (every choice is one the regulation allows):

* Every non-zero digit is written with its unit, so 10-19 start with 壹拾 ("壹拾元整").
* One 零 for each run of zeros lying between two non-zero digits, whether the run is inside
  the yuan part or spans 元 and 角: 100010 -> 壹拾万零壹拾元整, 1004.05 -> 壹仟零肆元零伍分,
  1680.32 -> 壹仟陆佰捌拾元零叁角贰分, 107000.53 -> 壹拾万零柒仟元零伍角叁分.
  Leading and trailing zeros write nothing.
* 万/亿 are written once per group of four digits that is not all zero: 100000000 -> 壹亿元整.
* The text ends in 分 when there are fen, otherwise in 整, including after 角
  (1000.20 -> 壹仟元零贰角整, 0.50 -> 伍角整), so nothing can be appended afterwards.
* A zero yuan part is not written when there are jiao or fen (0.05 -> 伍分); 0 -> 零元整.
"""

from __future__ import annotations

from decimal import Decimal

from windowdesk.domain.money import D, round_fen, to_fen

__all__ = ["to_capital", "LIMIT"]

LIMIT = 10**12  # up to 玖仟玖佰玖拾玖亿...; larger sums never occur at a township window

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_GROUP_UNITS = ("", "万", "亿")


def to_capital(amount: Decimal | int | str) -> str:
    """Capital-numeral text of a non-negative amount below 10**12, rounded half up to the fen."""
    value = amount if type(amount) is Decimal else D(amount)
    if value < 0:
        raise ValueError(f"negative amount cannot be written in capitals: {value}")
    if round_fen(value) >= LIMIT:
        raise ValueError(f"amount too large for capitals (limit 10^12): {value}")
    fen = to_fen(value)
    yuan, jiao, fen_digit = fen // 100, fen // 10 % 10, fen % 10
    if fen == 0:
        return "零元整"

    out: list[str] = []
    zero_pending = False  # a zero run seen after a non-zero digit, written only if a digit follows

    def put(d: int, unit: str) -> None:
        nonlocal zero_pending
        if d:
            if zero_pending:
                out.append("零")
                zero_pending = False
            out.append(_DIGITS[d] + unit)
        elif out:
            zero_pending = True

    if yuan:
        text = str(yuan)
        top = len(text) - 1
        for i, ch in enumerate(text):
            pos = top - i  # 0 = 元 place
            put(int(ch), _SMALL_UNITS[pos % 4])
            # The group unit closes a group of four only if something in it was written.
            if pos % 4 == 0 and pos and int(text[max(0, i - 3):i + 1]):
                out.append(_GROUP_UNITS[pos // 4])
        out.append("元")
    put(jiao, "角")
    put(fen_digit, "分")
    if not fen_digit:
        out.append("整")
    return "".join(out)

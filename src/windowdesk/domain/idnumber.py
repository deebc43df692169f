"""Chinese resident ID numbers (GB 11643-1999, ISO 7064 MOD 11-2): cleaning, validation, masking."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .problems import Refusal

__all__ = [
    "IdNumber",
    "IdNumberError",
    "PLAIN_18",
    "birth_date_of",
    "check_char",
    "check_char_matches",
    "normalize",
    "parse",
    "is_valid",
    "mask",
    "age_on",
    "make_valid",
]

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # 2**(17-i) mod 11: the standard's, as computed below
_CHECK_MAP = "10X98765432"  # check char indexed by (weighted sum mod 11)

# Full-width digits/letters come from Chinese IMEs; zero-width and BOM characters from copy-paste.
_CLEAN = {0xFF10 + i: ord("0") + i for i in range(10)}
_CLEAN.update({0xFF21 + i: ord("A") + i for i in range(26)})
_CLEAN.update({0xFF41 + i: ord("a") + i for i in range(26)})
_CLEAN.update({0x200B: None, 0x200C: None, 0x200D: None, 0xFEFF: None})
_CLEAN[0xFF07] = ord("'")  # full-width apostrophe
_APOSTROPHES = "'\u2018\u2019`"  # Excel's "force text" prefix, sometimes auto-curled

# What a spreadsheet shows after turning an 18-digit number into a double: "3.30327E+17", or
# "330327199001011000.0" once a float is printed back to text.
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:\.\d*)?[eE][+-]?\d+|\d{15,}\.0*")
_SHAPE_18 = re.compile(r"\d{17}[\dX]")
PLAIN_18 = re.compile(r"[0-9]{17}[0-9X]")  # a clean 18-character number, as a roster cell usually holds it
_SHAPE_15 = re.compile(r"\d{15}")
_ALLOWED = frozenset("0123456789X")


class IdNumberError(Refusal, ValueError):
    """Invalid ID number: `id_length`, `id_chars`, `id_birth_date`, `id_check_char` or `id_scientific`, on the
    field "id_number" unless the caller names another; parameters never hold the number itself."""


@dataclass(frozen=True)
class IdNumber:
    number: str  # 18 characters, canonical form
    birth_date: date
    sex: str  # "M" or "F"
    area: str  # 6-digit administrative division code at issue time

    def __str__(self) -> str:
        return self.number


def check_char(first17: str) -> str:
    """The MOD 11-2 check character for the first 17 digits."""
    if len(first17) != 17:
        raise IdNumberError("id_length", "id_number", length=len(first17))
    if not first17.isascii() or not first17.isdigit():
        raise IdNumberError("id_chars", "id_number", chars="".join(sorted(set(first17) - _ALLOWED))[:20])
    return _CHECK_MAP[_weighted_sum_mod_11(first17)]


def check_char_matches(number: str) -> bool:
    """Whether an 18-character number of PLAIN_18's shape ends in its check character: the roster's fast
    path, a million rows, so nothing is validated again and no object is built."""
    return _CHECK_MAP[_weighted_sum_mod_11(number[:17])] == number[17]


def _weighted_sum_mod_11(first17: str) -> int:
    # int(s, 13) weighs digit i by 13**(16-i), and 13 = 2 (mod 11): twice it is GB 11643's sum of digit i
    # times 2**(17-i) (the _WEIGHTS), mod 11, in one C call (a test holds it equal to the weighted sum).
    return 2 * int(first17, 13) % 11


def normalize(raw: object) -> str:
    """Canonical 18-character form: cleaned, upper-case X, 15-digit numbers upgraded.

    Checks shape (and the birth date of 15-digit numbers, needed to upgrade them) but not the
    check character of 18-digit numbers: use `parse` or `is_valid` for full validation.
    """
    if isinstance(raw, (int, float, Decimal)):
        # A number here means a spreadsheet cell lost its text format; digits are gone for good.
        raise IdNumberError("id_scientific", "id_number")
    if raw is None:
        raise IdNumberError("id_length", "id_number", length=0)
    if not isinstance(raw, str):
        raise TypeError(f"ID number must be a str, got {type(raw).__name__}")
    s = "".join(raw.translate(_CLEAN).split()).lstrip(_APOSTROPHES).replace("x", "X")
    if _SCIENTIFIC.fullmatch(s):
        raise IdNumberError("id_scientific", "id_number")
    if not s:
        raise IdNumberError("id_length", "id_number", length=0)
    bad = sorted(set(s) - _ALLOWED)
    if bad:
        raise IdNumberError("id_chars", "id_number", chars="".join(bad)[:20])
    if len(s) == 18:
        if not _SHAPE_18.fullmatch(s):
            raise IdNumberError("id_chars", "id_number", chars="X")
        return s
    if len(s) == 15:
        if not _SHAPE_15.fullmatch(s):
            raise IdNumberError("id_chars", "id_number", chars="X")
        # Old numbers carry a 2-digit year, all issued for people born in the 1900s.
        first17 = s[:6] + "19" + s[6:]
        _birth(first17)
        return first17 + check_char(first17)
    raise IdNumberError("id_length", "id_number", length=len(s))


def birth_date_of(digits: str, today: date) -> date | None:
    """The birth date 8 digits YYYYMMDD (positions 7-14) give: a real date from 1900 to `today`, else None."""
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None
    return born if born.year >= 1900 and born <= today else None


def _birth(number: str, today: date | None = None) -> date:
    """Birth date from positions 7-14; real date, year >= 1900, not after `today`."""
    digits = number[6:14]
    born = birth_date_of(digits, today or date.today())
    if born is None:
        raise IdNumberError("id_birth_date", "id_number", digits=digits)
    return born


def parse(raw: object, today: date | None = None) -> IdNumber:
    """Normalize and fully validate (birth date, then check character) into an IdNumber."""
    number = normalize(raw)
    born = _birth(number, today)
    # The expected char is not shown: a typo elsewhere must not be "fixed" by editing the last one.
    if check_char(number[:17]) != number[17]:
        raise IdNumberError("id_check_char", "id_number")
    return IdNumber(number=number, birth_date=born, sex="M" if int(number[16]) % 2 else "F",
                    area=number[:6])


def is_valid(raw: object, today: date | None = None) -> bool:
    """True if `parse` would succeed."""
    try:
        parse(raw, today)
    except IdNumberError:
        return False
    return True


def mask(number: str) -> str:
    """Hide everything but the first 6 and last 4 characters (all of it if too short to keep any)."""
    n = len(number)
    if n <= 10:  # keeping 6+4 would reveal the whole string
        return "*" * n
    return number[:6] + "*" * (n - 10) + number[-4:]


def age_on(birth_date: date, day: date) -> int:
    """Full years on `day`; someone born on 29 Feb gains a year on 1 Mar in common years."""
    if day < birth_date:
        raise ValueError(f"{day} is before the birth date {birth_date}")
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def make_valid(area: str, birth: date, seq: str) -> str:
    """A well-formed 18-digit number from a 6-digit area, a birth date and a 3-digit sequence."""
    if len(area) != 6 or not area.isascii() or not area.isdigit():
        raise ValueError(f"area must be 6 digits: {area!r}")
    if len(seq) != 3 or not seq.isascii() or not seq.isdigit():
        raise ValueError(f"seq must be 3 digits: {seq!r}")
    if not 1900 <= birth.year <= 9999:
        raise ValueError(f"birth year must be >= 1900: {birth}")
    first17 = f"{area}{birth:%Y%m%d}{seq}"
    return first17 + check_char(first17)

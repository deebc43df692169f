"""Roster rows: columns found by header name, every field cleaned, every bad row explained by its problems.

Two cleaners give the same answers: `RowCleaner` decides one row with every reason (the reference), and
`ChunkCleaner` cleans thousands of rows a column at a time, at C speed while a column is clean, handing
any row it doubts to `RowCleaner` (a 1,000,000-row roster must not cost a Python loop per field). A
property test holds the two equal; the module is long because the fast path has to sit with the rules.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import compress
from operator import itemgetter
from typing import NamedTuple, Sequence

from ..domain import idnumber
from ..domain.problems import Problem, Refusal
from ..domain.text_rules import has_control
from .roster_reader import RosterFileError

# field -> header names (compared after NFKC, without spaces, "*" markers or a trailing colon)
HEADERS: dict[str, tuple[str, ...]] = {
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "证件号码"),
    "name": ("姓名",),
    "household": ("户编号", "家庭编号", "户号"),
    "relation": ("与户主关系", "关系"),
    "category": ("人员类别", "救助类别", "保障类别", "对象类别"),
    "identified_on": ("认定日期", "认定时间", "起始日期"),
    "exited_on": ("退出日期", "退出时间", "终止日期"),
    "town": ("乡镇", "乡镇(街道)", "乡镇街道", "街道"),
    "village": ("村", "社区", "村(社区)", "村社区"),
    "phone": ("联系电话", "电话"),
}
REQUIRED = ("id_number", "name", "category", "identified_on")

# Labels of roster-format.md, plus the codes themselves and two spellings common in old files.
CATEGORY_CODES: dict[str, str] = {
    **dict.fromkeys(("特困人员", "特困供养", "五保", "特困供养人员", "五保户"), "destitute"),
    **dict.fromkeys(("低保", "低保对象", "最低生活保障"), "dibao"),
    **dict.fromkeys(("低保边缘", "低边", "低边户"), "near_dibao"),
    **dict.fromkeys(("建档立卡", "建档立卡贫困户", "脱贫人口"), "registered_poor"),
    **dict.fromkeys(("孤儿", "事实无人抚养儿童"), "orphan"),
    **dict.fromkeys(("因病致贫", "因病致贫重病患者"), "illness_poor"),
    **dict.fromkeys(("渐退", "渐退期"), "phasing_out"),
}
CATEGORY_CODES.update({code: code for code in set(CATEGORY_CODES.values())})
# What a refusal offers the clerk instead (the labels and date spellings of roster-format.md, not our words).
KNOWN_CATEGORIES = "特困人员、低保、低保边缘、脱贫人口、孤儿、因病致贫、渐退期"
DATE_FORMATS = "2024-03-01、2024/3/1、20240301或2024年3月1日"
HOUSEHOLD_REQUIRED = frozenset({"dibao", "near_dibao"})

_APOSTROPHES = "'\u2018\u2019`"  # Excel's "keep as text" prefix, sometimes curled by an editor
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:\.\d*)?[eE][+-]?\d+")


class FieldError(Refusal, ValueError):
    """One field cannot be used: a code and parameters; RowCleaner names the field and its column."""


class Columns(NamedTuple):
    """Index of each field's column in a row (None: the file has no such column)."""

    id_number: int
    name: int
    household: int | None
    relation: int | None
    category: int
    identified_on: int
    exited_on: int | None
    town: int | None
    village: int | None
    phone: int | None


class RosterRow(NamedTuple):
    """One clean roster row, in the staging table's column order. Dates are YYYY-MM-DD text (as SQLite
    stores them; they compare as dates). Optional text is None when the cell is empty: "not given", never
    "erase". Sex is not carried: the store derives it from the ID number's 17th digit."""

    id_number: str
    category: str
    row: int
    name: str
    household: str | None
    relation: str | None
    identified_on: str
    exited_on: str | None
    town: str | None
    village: str | None
    phone: str | None
    birth_date: str


@dataclass(frozen=True)
class RejectedRow:
    row: int
    id_number: str  # masked: first 6 and last 4 characters
    problems: tuple[Problem, ...]  # every problem of the row, in the order of its columns

    @property
    def code(self) -> str:
        return self.problems[0].code

    def to_json(self) -> dict:
        """As stored with an import (services.roster_sync): the problems as codes; the CLI words them."""
        return {"row": self.row, "id_number": self.id_number, "problems": [p.to_json() for p in self.problems]}

    @classmethod
    def from_json(cls, data: dict) -> RejectedRow:
        return cls(data["row"], data["id_number"],
                   tuple(Problem(p["code"], p["field"], p["params"]) for p in data["problems"]))


# --- the header ----------------------------------------------------------------------------------


def _header_key(cell: object) -> str:
    text = unicodedata.normalize("NFKC", str(cell or ""))
    return "".join(text.split()).strip("*").rstrip(":")


_HEADER_FIELD = {_header_key(name): field for field, names in HEADERS.items() for name in names}


def find_columns(cells: Sequence[object]) -> Columns:
    """The columns of a header row; the file cannot be read without the required ones, or with a field twice."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        field = _HEADER_FIELD.get(_header_key(cell))
        if field is None:
            continue
        if field in found:
            first = str(cells[found[field]]).strip()
            raise RosterFileError("roster_column_twice", "file", first=first, second=str(cell).strip(),
                                  column=HEADERS[field][0])
        found[field] = index
    missing = [f for f in REQUIRED if f not in found]
    if missing:
        raise RosterFileError("roster_columns_missing", "file", columns=" ".join(HEADERS[f][0] for f in missing),
                              names=" ".join("/".join(HEADERS[f]) for f in missing))
    return Columns(**{field: found.get(field) for field in Columns._fields})


def is_blank(cells: Sequence[object], columns: Columns | None = None) -> bool:
    """No value in any of the roster's columns (a template's pre-numbered 序号 alone does not make a row)."""
    if columns is not None and columns.id_number < len(cells):
        cell = cells[columns.id_number]
        if type(cell) is str and cell and not cell.isspace():  # the common case, decided at once
            return False
    indexes = range(len(cells)) if columns is None else (i for i in columns if i is not None)
    for i in indexes:
        if i < len(cells):
            cell = cells[i]
            if cell is not None and (not isinstance(cell, str) or cell.strip()):
                return False
    return True


def without_blanks(batch: list[Sequence[object]], columns: Columns, first: int) -> tuple[Sequence[int], list]:
    """(row numbers, cells) of the batch's rows that are not blank, the batch being rows `first`, `first` + 1...
    A batch whose every ID cell holds text (the usual one) is kept whole at C speed; otherwise `is_blank`
    decides row by row."""
    try:  # str.strip refuses a non-text cell, itemgetter a short row: both mean "look closer"
        if all(map(str.strip, map(itemgetter(columns.id_number), batch))):
            return range(first, first + len(batch)), batch
    except (TypeError, IndexError):
        pass
    kept = [k for k, cells in enumerate(batch) if not is_blank(cells, columns)]
    return [first + k for k in kept], [batch[k] for k in kept]


# --- field parsers -------------------------------------------------------------------------------

_PLAIN_ID = idnumber.PLAIN_18.fullmatch


def _birth_iso(digits: str, today: date) -> str:
    """YYYY-MM-DD of 8 birth digits if idnumber takes them for a birth date, else ""."""
    born = idnumber.birth_date_of(digits, today)
    return "" if born is None else born.isoformat()


def parse_id(value: object, today: date) -> tuple[str, str]:
    """(18-character number, birth date as YYYY-MM-DD), or IdNumberError with its code: cleaned
    (full-width, spaces, apostrophe, x), a 15-digit number upgraded, checked as `idnumber.parse` checks.

    18 plain characters are checked by idnumber's own fast check (no objects built); anything else, and any
    failure, is decided by `idnumber.parse` (a test holds the two equal)."""
    if type(value) is str and len(value) == 18 and _PLAIN_ID(value):
        born = _birth_iso(value[6:14], today)
        if born and idnumber.check_char_matches(value):
            return value, born
    parsed = idnumber.parse(value, today)
    return parsed.number, parsed.birth_date.isoformat()


def clean_text(value: object, *, keep_spaces: bool = False) -> str:
    """A cell as text: NFKC (full-width letters, digits and brackets), no spaces or tabs, no leading
    apostrophe; "" when empty. Integral numbers lose Excel's ".0"; numbers too long to be exact are refused."""
    if value is None:
        return ""
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool):
        text = str(value)
    elif isinstance(value, float):
        if not value.is_integer():
            text = repr(value)
        elif abs(value) >= 1e15:  # a double keeps 15 digits: the rest of a long number is gone
            raise FieldError("roster_numeric")
        else:
            text = str(int(value))
    elif isinstance(value, datetime):
        text = value.isoformat(sep=" ")
    elif isinstance(value, date):
        text = value.isoformat()
    else:
        text = str(value)
    if not text.isascii() and not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    parts = text.split()
    if keep_spaces and len(parts) > 1 and all(p[-1].isascii() and p[-1].isalpha() for p in parts[:-1]):
        text = " ".join(parts)  # "Mary Smith" keeps its space; "张 三" is padding
    else:
        text = "".join(parts)
    if has_control(text):  # a NUL joined two ID numbers into one stored "number"; PostgreSQL refuses it
        raise FieldError("roster_control_char")
    return text.lstrip(_APOSTROPHES)


def _fits(text: str, limit: int) -> str:
    if len(text) > limit:  # the width of the database column
        raise FieldError("roster_too_long", limit=limit)
    return text


def parse_name(value: object) -> str:
    text = clean_text(value, keep_spaces=True)
    if not text:
        raise FieldError("roster_empty")
    return _fits(text, 100)


def parse_optional(value: object, limit: int = 200) -> str | None:
    """Relation, town, village: None when empty (the stored value is kept)."""
    text = clean_text(value)
    return _fits(text, limit) if text else None


def parse_code_text(value: object, limit: int = 64) -> str | None:
    """Household numbers and phones: text, refusing what Excel showed as 3.30327E+17."""
    text = parse_optional(value, limit)
    if text is not None and _SCIENTIFIC.fullmatch(text):
        raise FieldError("roster_numeric")
    return text


def parse_phone(value: object) -> str | None:
    return parse_code_text(value, 40)


def parse_category(value: object) -> str:
    text = clean_text(value)
    if not text:
        raise FieldError("roster_empty")
    code = CATEGORY_CODES.get(text)
    if code is None:
        raise FieldError("roster_unknown_category", value=text[:20], known=KNOWN_CATEGORIES)
    return code


_DATE_SEP = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})").fullmatch
_DATE_ZH = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?").fullmatch
_DATE_DIGITS = re.compile(r"(\d{4})(\d{2})(\d{2})").fullmatch
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?").fullmatch


def parse_date(value: object) -> date:
    """2024-03-01, 2024/3/1, 20240301, 2024年3月1日, 2024.3.1 (a time after it is ignored), or a date cell."""
    if isinstance(value, datetime):
        return _in_range(value.date(), value.date())
    if isinstance(value, date):
        return _in_range(value, value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        value = str(int(value))  # 20240301 typed into a number cell
    if value is None:
        raise FieldError("roster_empty")
    if not isinstance(value, str):
        raise FieldError("roster_unrecognised", value=str(value)[:20])
    text = unicodedata.normalize("NFKC", value)
    parts = text.split()
    if len(parts) == 2 and _TIME(parts[1]):
        parts = parts[:1]
    text = "".join(parts).lstrip(_APOSTROPHES)
    if not text:
        raise FieldError("roster_empty")
    match = _DATE_SEP(text)
    if match:
        y, m, d = match.group(1), match.group(3), match.group(4)
    else:
        match = _DATE_ZH(text) or _DATE_DIGITS(text)
        if not match:
            raise FieldError("roster_date_format", value=text[:20], formats=DATE_FORMATS)
        y, m, d = match.groups()
    try:
        day = date(int(y), int(m), int(d))
    except ValueError:
        raise FieldError("roster_not_a_date", value=text[:20]) from None
    return _in_range(day, text)


def _in_range(day: date, shown: object) -> date:
    if not 1900 <= day.year <= 2099:
        raise FieldError("roster_year_range", value=str(shown)[:20])
    return day


def parse_exit(value: object) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_date(value)


def _start_iso(value: object) -> str:
    return parse_date(value).isoformat()


def _end_iso(value: object) -> str | None:
    end = parse_exit(value)
    return None if end is None else end.isoformat()


# (field, parser, memoised: a roster repeats these values down its rows), in RosterRow's order after the ID
_FIELDS = (
    ("name", parse_name, False),
    ("household", parse_code_text, False),
    ("relation", parse_optional, True),
    ("category", parse_category, True),
    ("identified_on", _start_iso, True),
    ("exited_on", _end_iso, True),
    ("town", parse_optional, True),
    ("village", parse_optional, True),
    ("phone", parse_phone, False),
)


# --- one row, every reason -----------------------------------------------------------------------


class RowCleaner:
    """Decides one data row: a RosterRow, or a RejectedRow naming every problem (fixed once, not five times)."""

    def __init__(self, columns: Columns, today: date):
        self.columns = columns
        self.today = today

    def __call__(self, number: int, cells: Sequence[object]) -> RosterRow | RejectedRow:
        def cell(index: int | None) -> object:
            return cells[index] if index is not None and index < len(cells) else None

        reasons: list[Problem] = []
        raw_id = cell(self.columns.id_number)
        try:
            ident = parse_id(raw_id, self.today)
        except idnumber.IdNumberError as exc:
            ident = None
            reasons.append(Problem(exc.code, "roster.id_number", exc.params))
        values = []
        for field, parse, _memo in _FIELDS:
            value = None
            index = getattr(self.columns, field)
            if index is not None:
                try:
                    value = parse(cell(index))
                except FieldError as exc:
                    value = exc
                    reasons.append(Problem(exc.code, f"roster.{field}", {"column": HEADERS[field][0], **exc.params}))
            values.append(value)
        name, household, relation, category, start, end, town, village, phone = values
        if category in HOUSEHOLD_REQUIRED and household is None:
            reasons.append(Problem("roster_household_required", "roster.household"))
        if type(start) is str and type(end) is str and end < start:
            reasons.append(Problem("roster_exit_before_start", "roster.exited_on", {"exited": end, "identified": start}))
        if reasons:
            return RejectedRow(number, _masked(raw_id, ident), tuple(reasons))
        return RosterRow(ident[0], category, number, name, household, relation, start, end, town, village,
                         phone, ident[1])


def _masked(raw: object, ident: tuple | None) -> str:
    if ident is not None:
        return idnumber.mask(ident[0])
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        text = format(Decimal(f"{raw:.15g}"), "f")  # as Excel shows the number: 15 significant digits
    elif raw is None:
        text = ""
    else:
        text = "".join(str(raw).split())
    return idnumber.mask(text)


# --- many rows, a column at a time ---------------------------------------------------------------

_SEP = "\x00"  # joins a column's cells for one C-speed scan; a cell holding it is found by counting them
# Spaces, apostrophes or control characters (but the separator): clean cell by cell.
_DIRTY = re.compile(r"[\s'\u2018\u2019`\uff07\x01-\x08\x0e-\x1f\x7f]").search
_PLAIN_IDS = re.compile(f"{idnumber.PLAIN_18.pattern}(?:\x00{idnumber.PLAIN_18.pattern})*").fullmatch
_MEMO_SIZE = 1 << 16
_MEMO_TYPES = frozenset({str, date, datetime, type(None)})  # cells that are equal only when they mean the same


class _Memo(dict):
    """A field's parsed value (or its FieldError) per distinct cell; `failed` holds the cells that raised."""

    def __init__(self):
        super().__init__()
        self.failed: set = set()

    def clear(self) -> None:
        super().clear()
        self.failed.clear()


class ChunkCleaner:
    """Cleans a chunk of rows a column at a time; returns (RosterRow-ordered tuples, RejectedRows)."""

    def __init__(self, columns: Columns, today: date, *, text_only: bool = False):
        self.columns = columns
        self.today = today
        self.text_only = text_only  # every cell is a str (CSV): no need to look at the types
        self.width = max(i for i in columns if i is not None) + 1
        self.row_cleaner = RowCleaner(columns, today)
        self.memos = {field: _Memo() for field, _parse, memo in _FIELDS if memo}
        self.births: dict[str, str] = {}

    def __call__(self, numbers: Sequence[int], rows: list[Sequence[object]]) -> tuple[list[tuple], list[RejectedRow]]:
        if not rows:
            return [], []
        if min(map(len, rows)) < self.width:
            rows = [row if len(row) >= self.width else [*row, *[None] * (self.width - len(row))] for row in rows]
        table = list(zip(*rows))
        doubtful: set[int] = set()  # positions RowCleaner must decide
        ids, births = self._ids(table[self.columns.id_number], doubtful)
        values = []
        for field, parse, memo in _FIELDS:
            index = getattr(self.columns, field)
            if index is None:
                values.append([None] * len(rows))
            elif memo:
                values.append(self._memoised(table[index], self.memos[field], parse, doubtful))
            else:
                values.append(self._text(table[index], parse, doubtful, field))
        name, household, relation, category, start, end, town, village, phone = values
        if None in household:
            doubtful.update(i for i, (h, c) in enumerate(zip(household, category))
                            if h is None and c in HOUSEHOLD_REQUIRED)
        if end.count(None) != len(end):  # few rows have an exit date: look at those alone
            doubtful.update(i for i in compress(range(len(end)), end)
                            if type(end[i]) is str and type(start[i]) is str and end[i] < start[i])
        good = list(zip(ids, category, numbers, name, household, relation, start, end, town, village, phone,
                        births))
        if not doubtful:
            return good, []
        rejected = []
        for i in sorted(doubtful):
            decided = self.row_cleaner(numbers[i], rows[i])
            if type(decided) is RejectedRow:
                rejected.append(decided)
            else:
                good[i] = decided
        return [row for i, row in enumerate(good) if i not in doubtful or type(row) is RosterRow], rejected

    def _ids(self, column: tuple, doubtful: set[int]) -> tuple[Sequence[str], list[str]]:
        try:
            joined = _SEP.join(column)
            # The count: a cell "A\x00B" of two valid numbers would otherwise pass as two cells.
            plain = _PLAIN_IDS(joined) is not None and joined.count(_SEP) == len(column) - 1
        except TypeError:  # a number or an empty cell among them
            plain = False
        if not plain:
            doubtful.update(i for i, v in enumerate(column) if type(v) is not str or not _PLAIN_ID(v))
        births = self.births
        keys = [v[6:14] if type(v) is str else "" for v in column]
        for key in set(keys).difference(births):
            births[key] = _birth_iso(key, self.today) if len(key) == 8 and key.isdigit() else ""
        born = list(map(births.__getitem__, keys))
        if "" in born:
            doubtful.update(i for i, b in enumerate(born) if not b)
        matches = idnumber.check_char_matches
        doubtful.update(i for i, v in enumerate(column) if i not in doubtful and not matches(v))
        return column, born

    def _text(self, column: tuple, parse, doubtful: set[int], field: str) -> Sequence:
        """Name, household number, phone: as they are when the whole column is clean text, else cell by cell."""
        try:
            joined = _SEP.join(column)
        except TypeError:
            joined = None
        limit = 100 if field == "name" else 40 if field == "phone" else 64
        clean = (joined is not None and _DIRTY(joined) is None and joined.count(_SEP) == len(column) - 1
                 and (joined.isascii() or unicodedata.is_normalized("NFKC", joined))
                 and max(map(len, column)) <= limit
                 and (field == "name" or ("E" not in joined and "e" not in joined)))  # 3.30327E+17
        if clean:
            if all(column):
                return column
            if field != "name":
                return [v or None for v in column]
        values = []
        for i, v in enumerate(column):
            try:
                values.append(parse(v))
            except FieldError:
                values.append(None)
                doubtful.add(i)
        return values

    def _memoised(self, column: tuple, memo: _Memo, parse, doubtful: set[int]) -> list:
        """Parse each distinct cell once. 1, 1.0 and True are equal keys, so numbers are parsed one by one."""
        if not self.text_only and not _MEMO_TYPES.issuperset(map(type, column)):
            values = []
            for i, v in enumerate(column):
                try:
                    values.append(self._memo_get(memo, parse, v) if type(v) in _MEMO_TYPES else parse(v))
                except FieldError:
                    values.append(None)
                    doubtful.add(i)
            return values
        distinct = set(column)
        missing = distinct.difference(memo)
        if len(memo) + len(missing) > _MEMO_SIZE:
            memo.clear()
            missing = distinct
        for key in missing:
            try:
                memo[key] = parse(key)
            except FieldError as exc:
                memo[key] = exc
                memo.failed.add(key)
        values = list(map(memo.__getitem__, column))
        if not memo.failed.isdisjoint(distinct):
            doubtful.update(i for i, v in enumerate(values) if type(v) is FieldError)
        return values

    @staticmethod
    def _memo_get(memo: _Memo, parse, key: str):
        value = memo.get(key)
        if value is None and key not in memo:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            try:
                value = memo[key] = parse(key)
            except FieldError as exc:
                memo[key] = exc
                memo.failed.add(key)
                raise
        if type(value) is FieldError:
            raise value
        return value

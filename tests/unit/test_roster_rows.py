"""Roster rows: header matching, every cleaning and rejection rule, and the chunk cleaner equal to the row one."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from windowdesk.adapters.roster_reader import RosterFileError
from windowdesk.adapters.roster_rows import (
    CATEGORY_CODES,
    HEADERS,
    ChunkCleaner,
    Columns,
    FieldError,
    RejectedRow,
    RosterRow,
    RowCleaner,
    clean_text,
    find_columns,
    is_blank,
    parse_category,
    parse_code_text,
    parse_date,
    parse_id,
    parse_name,
    without_blanks,
)
from windowdesk.domain import idnumber
from windowdesk.domain.idnumber import IdNumberError, make_valid
from windowdesk.domain.problems import Problem
from windowdesk.wording.render import joined, message



def said(refusal) -> str:
    """A field's refusal in words, as a row names it but without the column."""
    return message(Problem(refusal.code, "", {"column": "", "file": "f.csv", **refusal.params}))

TODAY = date(2025, 6, 1)
GB_EXAMPLE = "11010519491231002X"  # GB 11643's own example: born 1949-12-31, female
MALE_1990 = "330327199001011232"
HEADER = ["序号", "身份证号", "姓名", "户编号", "与户主关系", "人员类别", "认定日期", "退出日期", "乡镇", "村", "联系电话"]
COLUMNS = find_columns(HEADER)
NUMERIC_REASON = "身份证号被Excel转成了数字，末几位已丢失，请把该列设为文本格式后重新导出"


def row(id_number=MALE_1990, name="张三", household="H001", relation="户主", category="低保",
        start="2024-03-01", end="", town="城关镇", village="东村", phone="13800000000"):
    return ["1", id_number, name, household, relation, category, start, end, town, village, phone]


# --- header ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("field", "name"), [(f, n) for f, names in HEADERS.items() for n in names])
def test_every_header_variant_is_found(field, name):
    cells = ["身份证号", "姓名", "人员类别", "认定日期"]
    cells = [c for c in cells if HEADERS_FIELD[c] != field] + [name]
    assert getattr(find_columns(cells), field) == len(cells) - 1


HEADERS_FIELD = {"身份证号": "id_number", "姓名": "name", "人员类别": "category", "认定日期": "identified_on"}


def test_headers_in_any_order_with_extra_columns_and_messy_spelling():
    columns = find_columns(["备注", " 姓 名 ", "＊身份证号码", "乡镇（街道）", "村（社区）", "救助类别：", "起始日期", None])
    assert columns == Columns(id_number=2, name=1, household=None, relation=None, category=5, identified_on=6,
                              exited_on=None, town=3, village=4, phone=None)


def test_missing_required_columns_are_named():
    with pytest.raises(RosterFileError) as exc:
        find_columns(["姓名", "户编号", "村"])
    assert (exc.value.code, exc.value.params["columns"]) == ("roster_columns_missing", "身份证号 人员类别 认定日期")
    assert said(exc.value).startswith("f.csv：表头缺少必需的列：身份证号 人员类别 认定日期（可用的列名：身份证号/身份证号码/")


def test_a_field_given_twice_is_refused():
    with pytest.raises(RosterFileError) as exc:
        find_columns(["身份证号", "证件号码", "姓名", "人员类别", "认定日期"])
    assert said(exc.value) == "f.csv：表头中“身份证号”和“证件号码”都是身份证号列，请只保留一列"


def test_blank_rows():
    assert is_blank([])
    assert is_blank(["", " ", "\t", None])
    assert not is_blank(["", "x"])
    # A template's pre-numbered 序号 alone is not a row of the roster.
    assert is_blank(["17", "", "", "", "", "", "", "", "", "", ""], COLUMNS)
    assert not is_blank(["", "", "", "", "", "", "", "", "", "", "13800000000"], COLUMNS)


# --- ID numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [
    "11010519491231002x", " 11010519491231002X\t", "'11010519491231002X", "\u2019110105 19491231 002x",
    "１１０１０５１９４９１２３１００２Ｘ", "１１０１０５１９４９１２３１００２ｘ", "110105491231002",
])
def test_id_cleaning(raw):
    assert parse_id(raw, TODAY) == (GB_EXAMPLE, "1949-12-31")


@pytest.mark.parametrize(("raw", "reason"), [
    ("110105194912310021", "身份证号校验位不符，请核对号码是否输错"),
    ("110105194902300027", "身份证号中的出生日期无效：19490230"),
    ("110105203001010020", "身份证号中的出生日期无效：20300101"),  # born after today
    ("3.30327E+17", NUMERIC_REASON),
    (3.30327199001011e17, NUMERIC_REASON),
    (330327199001011232, NUMERIC_REASON),
    ("", "身份证号应为18位（或15位旧号），实际为0位"),
    (None, "身份证号应为18位（或15位旧号），实际为0位"),
    ("11010519491231002", "身份证号应为18位（或15位旧号），实际为17位"),
])
def test_id_rejections(raw, reason):
    with pytest.raises(IdNumberError) as exc:
        parse_id(raw, TODAY)
    assert said(exc.value) == reason


AREAS = st.sampled_from(["110105", "330327", "330383", "440524", "650102"])
BIRTHS = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
SEQS = st.integers(0, 999).map(lambda n: f"{n:03d}")
VALID_IDS = st.builds(make_valid, AREAS, BIRTHS, SEQS)
FULL_WIDTH = {ord(c): ord(c) + 0xFEE0 for c in "0123456789X"}


@st.composite
def disguised(draw):
    """A valid number as offices type it: full-width, lower-case x, spaces, a leading apostrophe."""
    number = draw(VALID_IDS)
    text = number
    if draw(st.booleans()):
        text = text.translate(FULL_WIDTH)
    if draw(st.booleans()):
        text = text.replace("X", "x").replace("Ｘ", "ｘ")
    cut = draw(st.integers(0, 18))
    text = text[:cut] + draw(st.sampled_from(["", " ", "\t", "\u3000"])) + text[cut:]
    text = draw(st.sampled_from(["", "'", "\u2018", "\u2019"])) + text
    return number, draw(st.sampled_from(["", " ", "  ", "\t"])) + text + draw(st.sampled_from(["", " ", "\t"]))


@given(disguised())
def test_disguised_numbers_normalise_to_the_number(case):
    number, text = case
    assert parse_id(text, TODAY) == (number, f"{number[6:10]}-{number[10:12]}-{number[12:14]}")


@given(VALID_IDS)
def test_old_fifteen_digit_numbers_upgrade(number):
    if number[6:8] != "19":
        number = make_valid(number[:6], date(1950, 1, 1), number[14:17])
    old = number[:6] + number[8:17]
    assert parse_id(old, TODAY)[0] == number


@given(st.one_of(VALID_IDS, st.text(alphabet="0123456789X", min_size=18, max_size=18)))
def test_the_fast_check_agrees_with_the_domain(text):
    try:
        expected = idnumber.parse(text, TODAY)
    except IdNumberError as exc:
        with pytest.raises(IdNumberError) as ours:
            parse_id(text, TODAY)
        assert ours.value.problems == exc.problems
    else:
        assert parse_id(text, TODAY) == (expected.number, expected.birth_date.isoformat())


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [
    "2024-03-01", "2024/3/1", "2024/03/01", "20240301", "2024年3月1日", "2024年03月01日", "2024年3月1",
    "2024.3.1", " 2024-03-01 ", "２０２４－０３－０１", "2024-03-01 00:00:00", "2024/3/1 0:00",
    date(2024, 3, 1), datetime(2024, 3, 1, 0, 0), 20240301, 20240301.0,
])
def test_date_formats(raw):
    assert parse_date(raw) == date(2024, 3, 1)


@pytest.mark.parametrize(("raw", "reason"), [
    ("2024-02-30", "“2024-02-30”不是有效日期"),
    ("2024-3", "“2024-3”无法识别（应为2024-03-01、2024/3/1、20240301或2024年3月1日）"),
    ("2024/03-01", "“2024/03-01”无法识别（应为2024-03-01、2024/3/1、20240301或2024年3月1日）"),
    ("三月一日", "“三月一日”无法识别（应为2024-03-01、2024/3/1、20240301或2024年3月1日）"),
    ("1899-12-31", "“1899-12-31”不在1900至2099年之间"),
    ("", "为空"),
    (None, "为空"),
    (45352.0, "“45352”无法识别（应为2024-03-01、2024/3/1、20240301或2024年3月1日）"),  # an Excel serial as text
])
def test_unreadable_dates(raw, reason):
    with pytest.raises(FieldError) as exc:
        parse_date(raw)
    assert said(exc.value) == reason


DATE_WRITERS = [
    lambda d: d.isoformat(),
    lambda d: f"{d.year}/{d.month}/{d.day}",
    lambda d: f"{d:%Y%m%d}",
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: f"{d.year}.{d.month}.{d.day}",
    lambda d: d,
    lambda d: datetime(d.year, d.month, d.day),
]


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from(DATE_WRITERS))
def test_dates_round_trip_through_every_format(day, write):
    assert parse_date(write(day)) == day


# --- categories and text -----------------------------------------------------------------------


@pytest.mark.parametrize(("label", "code"), [
    ("特困人员", "destitute"), ("特困供养", "destitute"), ("五保", "destitute"),
    ("低保", "dibao"), ("低保对象", "dibao"), ("最低生活保障", "dibao"),
    ("低保边缘", "near_dibao"), ("低边", "near_dibao"), ("低边户", "near_dibao"),
    ("建档立卡", "registered_poor"), ("建档立卡贫困户", "registered_poor"), ("脱贫人口", "registered_poor"),
    ("孤儿", "orphan"), ("事实无人抚养儿童", "orphan"),
    ("因病致贫", "illness_poor"), ("因病致贫重病患者", "illness_poor"),
    ("渐退", "phasing_out"), ("渐退期", "phasing_out"),
    (" 低 保 ", "dibao"), ("dibao", "dibao"),
])
def test_category_labels(label, code):
    assert parse_category(label) == code


def test_every_documented_label_is_known():
    assert {CATEGORY_CODES[label] for label in CATEGORY_CODES} == {
        "destitute", "dibao", "near_dibao", "registered_poor", "orphan", "illness_poor", "phasing_out"}


@pytest.mark.parametrize(("raw", "reason"), [("低保户籍", "“低保户籍”无法识别"), ("", "为空"), (None, "为空")])
def test_unknown_categories(raw, reason):
    with pytest.raises(FieldError) as exc:
        parse_category(raw)
    assert said(exc.value).startswith(reason)


@pytest.mark.parametrize(("raw", "clean"), [
    ("  东 村\t", "东村"), ("'H001", "H001"), ("Ｈ００１", "H001"), ("村（社区）", "村(社区)"), (12.0, "12"),
    (13800000000.0, "13800000000"), (None, ""), ("", ""), (True, "True"), (date(2024, 3, 1), "2024-03-01"),
])
def test_text_cleaning(raw, clean):
    assert clean_text(raw) == clean


def test_names_keep_a_space_only_between_latin_words():
    assert parse_name(" 王  芳 ") == "王芳"
    assert parse_name("Mary  Smith") == "Mary Smith"
    with pytest.raises(FieldError, match="roster_empty"):
        parse_name(" \u3000")


def test_household_numbers_excel_made_numbers_are_refused():
    assert parse_code_text(3303270010001.0) == "3303270010001"
    for raw in (3.303270010001234e17, "3.30327E+17"):
        with pytest.raises(FieldError) as exc:
            parse_code_text(raw)
        assert exc.value.code == "roster_numeric" and "设为文本格式" in said(exc.value)


# --- whole rows ----------------------------------------------------------------------------------


def test_a_clean_row():
    cleaner = RowCleaner(COLUMNS, TODAY)
    assert cleaner(2, row(end="2025-01-01", relation="", phone="")) == RosterRow(
        MALE_1990, "dibao", 2, "张三", "H001", None, "2024-03-01", "2025-01-01", "城关镇", "东村", None, "1990-01-01")


@pytest.mark.parametrize(("cells", "reason"), [
    (row(name=" "), "姓名为空"),
    (row(category="贫困户"), "人员类别“贫困户”无法识别"),
    (row(start="2024-13-01"), "认定日期“2024-13-01”不是有效日期"),
    (row(start=""), "认定日期为空"),
    (row(end="2023-12-31"), "退出日期2023-12-31早于认定日期2024-03-01"),
    (row(household=""), "低保、低边人员必须填写户编号"),
    (row(household="", category="低保边缘"), "低保、低边人员必须填写户编号"),
    (row(id_number="330327199001011233"), "身份证号校验位不符，请核对号码是否输错"),
    (row(id_number=3.30327199001011e17), NUMERIC_REASON),
    (row(name="张" * 101), "姓名超过100个字"),
])
def test_rejections(cells, reason):
    result = RowCleaner(COLUMNS, TODAY)(7, cells)
    assert type(result) is RejectedRow
    assert result.row == 7
    assert joined(result.problems).startswith(reason)


def test_a_row_with_several_problems_names_them_all_and_masks_the_id():
    result = RowCleaner(COLUMNS, TODAY)(9, row(id_number="330327199001011233", name="", start="x"))
    assert (result.row, result.id_number) == (9, "330327********1233")
    assert [(p.code, p.field) for p in result.problems] == [
        ("id_check_char", "roster.id_number"), ("roster_empty", "roster.name"),
        ("roster_date_format", "roster.identified_on")]
    assert joined(result.problems) == ("身份证号校验位不符，请核对号码是否输错；姓名为空；"
                                       "认定日期“x”无法识别（应为2024-03-01、2024/3/1、20240301或2024年3月1日）")
    numeric = RowCleaner(COLUMNS, TODAY)(3, row(id_number=330327199001011232.0))
    assert numeric.id_number == "330327********1000"  # as Excel shows it: 15 digits, the rest are gone


def test_household_is_optional_for_other_categories_and_columns_may_be_absent():
    columns = find_columns(["身份证号", "姓名", "人员类别", "认定日期"])
    assert RowCleaner(columns, TODAY)(2, [GB_EXAMPLE, "李四", "脱贫人口", "2020/1/1"]) == RosterRow(
        GB_EXAMPLE, "registered_poor", 2, "李四", None, None, "2020-01-01", None, None, None, None, "1949-12-31")
    rejected = RowCleaner(columns, TODAY)(2, [GB_EXAMPLE, "李四", "低保", "2020/1/1"])
    assert joined(rejected.problems) == "低保、低边人员必须填写户编号"


# --- the chunk cleaner decides as the row cleaner does ---------------------------------------------

MESSY_IDS = st.one_of(VALID_IDS, disguised().map(lambda c: c[1]), st.sampled_from(
    ["330327199001011233", "3.30327E+17", "", "110105491231002", "11010519490230002X"]),
    st.just(3.30327199001011e17), st.none())
MESSY_TEXT = st.one_of(st.sampled_from(["东村", " 东 村", "'H001", "Ｈ００１", "", "H002", "3.30327E+17", "e1"]),
                       st.just(None), st.just(12.0))
MESSY_DATES = st.one_of(st.sampled_from(["2024-03-01", "2024/3/1", "20240301", "2024年3月1日", "2023-01-01",
                                         "2024-02-30", "", "x"]),
                        st.just(date(2024, 3, 1)), st.just(datetime(2023, 5, 1)), st.none())
MESSY_CATEGORIES = st.sampled_from(["低保", "低边", "脱贫人口", "孤儿", " 特困人员", "贫困户", ""])


@st.composite
def messy_rows(draw):
    cells = ["1", draw(MESSY_IDS), draw(st.sampled_from(["张三", " 李 四", "", "Mary Smith", "王五"])),
             draw(MESSY_TEXT), draw(MESSY_TEXT), draw(MESSY_CATEGORIES), draw(MESSY_DATES),
             draw(st.one_of(st.just(""), MESSY_DATES)), draw(MESSY_TEXT), draw(MESSY_TEXT),
             draw(st.sampled_from(["13800000000", "", " 138 0000 0000", 13800000000.0]))]
    return cells[:draw(st.integers(9, 11))]  # some rows stop early, as CSV rows do


@settings(max_examples=300)
@given(st.lists(messy_rows(), min_size=1, max_size=12))
def test_chunk_cleaner_equals_row_cleaner(rows):
    numbers = list(range(2, 2 + len(rows)))
    rows_cleaner, chunk_cleaner = RowCleaner(COLUMNS, TODAY), ChunkCleaner(COLUMNS, TODAY)
    expected = [rows_cleaner(n, r) for n, r in zip(numbers, rows)]
    good, bad = chunk_cleaner(numbers, rows)
    assert [tuple(r) for r in expected if type(r) is RosterRow] == [tuple(r) for r in good]
    assert [r for r in expected if type(r) is RejectedRow] == bad


def _as_csv_text(cells):
    return ["" if c is None else c.isoformat() if isinstance(c, date) else str(c) for c in cells]


@settings(max_examples=200)
@given(st.lists(messy_rows().map(_as_csv_text), min_size=1, max_size=12))
def test_text_only_chunk_cleaner_equals_row_cleaner_on_csv_cells(rows):
    """A CSV's cells are all text: the cleaner told so skips the type checks and must decide the same."""
    numbers = list(range(2, 2 + len(rows)))
    rows_cleaner, chunk_cleaner = RowCleaner(COLUMNS, TODAY), ChunkCleaner(COLUMNS, TODAY, text_only=True)
    expected = [rows_cleaner(n, r) for n, r in zip(numbers, rows)]
    good, bad = chunk_cleaner(numbers, rows)
    assert [tuple(r) for r in expected if type(r) is RosterRow] == [tuple(r) for r in good]
    assert [r for r in expected if type(r) is RejectedRow] == bad


BLANKISH_ROWS = st.one_of(st.just([]), st.just(["17"]), st.lists(st.sampled_from(["", " ", "\t", None]), max_size=11),
                          st.just(["", "", "", "", "", "", "", "", "", "", "13800000000"]))


@settings(max_examples=200)
@given(st.lists(st.one_of(messy_rows(), BLANKISH_ROWS), max_size=12))
def test_without_blanks_keeps_exactly_the_rows_that_are_not_blank(rows):
    numbers, kept = without_blanks(rows, COLUMNS, 2)
    expected = [(n, cells) for n, cells in enumerate(rows, start=2) if not is_blank(cells, COLUMNS)]
    assert list(zip(numbers, kept)) == expected


@pytest.mark.parametrize("text_only", [False, True])
def test_a_bad_cell_seen_in_an_earlier_chunk_is_rejected_again(text_only):
    """Parsed cells are remembered across chunks, failures too: the second chunk's bad date is not let through."""
    cleaner = ChunkCleaner(COLUMNS, TODAY, text_only=text_only)
    for first in (2, 4):
        good, bad = cleaner(range(first, first + 2), [row(start="2024-02-30"), row(id_number=GB_EXAMPLE)])
        assert [(r.row, joined(r.problems)) for r in bad] == [(first, "认定日期“2024-02-30”不是有效日期")]
        assert [g[0] for g in good] == [GB_EXAMPLE]


def test_chunk_cleaner_takes_a_clean_chunk_whole():
    rows = [row(id_number=make_valid("330327", date(1950, 1, 1) + timedelta(days=i), "001")) for i in range(50)]
    good, bad = ChunkCleaner(COLUMNS, TODAY)(list(range(2, 52)), rows)
    assert bad == [] and len(good) == 50
    assert good[0] == ("330327195001010012", "dibao", 2, "张三", "H001", "户主", "2024-03-01", None, "城关镇",
                       "东村", "13800000000", "1950-01-01")

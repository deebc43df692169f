"""Roster import against a real database: files written by the tests in every encoding and as XLSX, every
rejection with its row, the report's counts, a second file's differences, idempotence, the dry run."""

from __future__ import annotations

import argparse
import csv
import io
import json
import zipfile
from datetime import date, datetime

import openpyxl
import pytest
from sqlalchemy import func, select, text, update

from windowdesk.adapters import roster_reader
from windowdesk.cli import roster_cmd
from windowdesk.domain.idnumber import make_valid, mask
from windowdesk.domain.problems import Refusal
from windowdesk.services import roster_stage, roster_sync
from windowdesk.services.errors import AuthError, InvalidInput
from windowdesk.services.roster_sync import import_roster
from windowdesk.store.models import AuditEntry, Household, Membership, Person, RosterImport
from windowdesk.wording.render import joined
from windowkit import PASSWORD

NOW = datetime(2025, 3, 1, 9, 0)
LATER = datetime(2025, 4, 1, 9, 0)

A = make_valid("330327", date(1961, 5, 2), "123")  # 17th digit 3: a man
B = make_valid("330327", date(1975, 8, 9), "124")  # 4: a woman
K = make_valid("330328", date(1950, 1, 1), "017")
L = make_valid("330328", date(1988, 12, 31), "018")
N = make_valid("330329", date(2001, 2, 3), "019")
BAD_CHECK = make_valid("330327", date(1980, 1, 1), "125")[:17] + "0"
BAD_BIRTH = "33032719800230125"
BAD_BIRTH += "10X98765432"[sum(int(c) * w for c, w in zip(BAD_BIRTH, (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2))) % 11]
D, E, F, G, H, I, J = (make_valid("330381", date(1990, 1, d), "001") for d in range(1, 8))
FULL_WIDTH = {ord(c): ord(c) + 0xFEE0 for c in "0123456789X"}

HEADER = ["序号", "身份证号", "姓名", "户编号", "与户主关系", "人员类别", "认定日期", "退出日期", "乡镇（街道）", "村", "联系电话"]
# Row numbers as a spreadsheet shows them: the header is row 1.
RULES_ROWS = [
    ["1", A, "张三", "H001", "户主", "低保", "2024/3/1", "", "城关镇", "东村", "13800000001"],          # 2 added
    ["2", A[:6] + A[8:17], "张三", "", "", "脱贫人口", "2021年1月1日", "", "城关镇", "东村", ""],    # 3 added (15 digits)
    ["3", " " + B.translate(FULL_WIDTH), "李 四", "'H001", "配偶", "低保", "20240301", "", "城关镇", "东村", ""],  # 4
    [],                                                                                              # 5 blank
    ["5", BAD_CHECK, "周一", "H003", "", "脱贫人口", "2024-03-01", "", "", "", ""],                  # 6
    ["6", "3.30327E+17", "吴二", "H003", "", "脱贫人口", "2024-03-01", "", "", "", ""],              # 7
    ["7", D, "王五", "", "", "贫困户", "2024-03-01", "", "", "", ""],                                # 8
    ["8", E, "郑六", "", "", "孤儿", "2024-02-30", "", "", "", ""],                                  # 9
    ["9", F, "冯七", "", "", "孤儿", "2024-03-01", "2024-01-01", "", "", ""],                        # 10
    ["10", G, "", "", "", "孤儿", "2024-03-01", "", "", "", ""],                                     # 11
    ["11", H, "陈八", "", "", "低保", "2024-03-01", "", "", "", ""],                                 # 12
    ["12", I, "赵九", "", "", "孤儿", "2024-03-01", "", "", "", ""],                                 # 13 two names
    ["13", I, "赵十", "", "", "因病致贫", "2024-03-01", "", "", "", ""],                             # 14
    ["14", J, "钱一", "", "", "渐退期", "2023-01-01", "", "", "", ""],                               # 15 same key,
    ["15", J, "钱一", "", "", "渐退期", "2023-06-01", "", "", "", ""],                               # 16 two dates
    ["16", K, "孙二", "H002", "户主", "低保边缘", "2022.5.6", "", "城关镇", "西村", ""],             # 17 added
    ["17", K, "孙二", "H002", "户主", "低保边缘", "2022.5.6", "", "城关镇", "西村", ""],             # 18 repeat
    ["18", "", "", "", "", "", "", "", "", "", ""],                                                  # 19 序号 only
    ["19", L, "李三", "", "", "孤儿", "2010-01-01", "2024-12-31", "", "", ""],                       # 20 added
    ["20", BAD_BIRTH, "褚四", "", "", "孤儿", "2024-03-01", "", "", "", ""],                         # 21
]
NUMERIC = "身份证号被Excel转成了数字，末几位已丢失，请把该列设为文本格式后重新导出"
RULES_INVALID = [
    (6, mask(BAD_CHECK), "身份证号校验位不符，请核对号码是否输错"),
    (7, "3.3032*E+17", NUMERIC),
    (8, mask(D), "人员类别“贫困户”无法识别（可用：特困人员、低保、低保边缘、脱贫人口、孤儿、因病致贫、渐退期等）"),
    (9, mask(E), "认定日期“2024-02-30”不是有效日期"),
    (10, mask(F), "退出日期2024-01-01早于认定日期2024-03-01"),
    (11, mask(G), "姓名为空"),
    (12, mask(H), "低保、低边人员必须填写户编号"),
    (13, mask(I), "同一身份证号在文件中有不同的姓名（第13, 14行），该身份证号的各行均未导入"),
    (14, mask(I), "同一身份证号在文件中有不同的姓名（第13, 14行），该身份证号的各行均未导入"),
    (15, mask(J), "同一身份证号、同一人员类别在第15, 16行出现且内容不一致，这些行均未导入"),
    (16, mask(J), "同一身份证号、同一人员类别在第15, 16行出现且内容不一致，这些行均未导入"),
    (21, mask(BAD_BIRTH), "身份证号中的出生日期无效：19800230"),
]


def write_csv(path, rows, encoding="utf-8-sig", header=HEADER):
    text = io.StringIO(newline="")
    csv.writer(text).writerows([header, *rows])
    path.write_bytes(text.getvalue().encode(encoding))
    return path


def report_of(window, path, *, dry_run=False, actor=None, now=NOW):
    return import_roster(window.store, actor or window.supervisor, path=path, dry_run=dry_run, now=now)


def invalid_of(report):
    return [(r.row, r.id_number, joined(r.problems)) for r in report.invalid]


def memberships(store):
    with store.reading() as s:
        rows = s.execute(select(Person.id_number, Membership.category, Membership.identified_on, Membership.exited_on)
                         .join(Membership, Membership.person_id == Person.id)
                         .order_by(Person.id_number, Membership.category)).all()
    return {(n, c): (start, end) for n, c, start, end in rows}


def table_counts(store):
    with store.reading() as s:
        return {model.__name__: s.execute(select(func.count()).select_from(model)).scalar_one()
                for model in (Person, Membership, Household, RosterImport, AuditEntry)}


# --- encodings and every rule ----------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8", "gb18030"])
def test_every_rule_in_every_encoding(window, tmp_path, encoding):
    path = write_csv(tmp_path / f"roster-{encoding}.csv", RULES_ROWS, encoding)
    report = report_of(window, path)
    assert invalid_of(report) == RULES_INVALID
    assert (report.rows, report.added, report.changed, report.exited, report.unchanged) == (18, 5, 0, 0, 0)
    assert report.applied
    assert memberships(window.store) == {
        (A, "dibao"): (date(2024, 3, 1), None),
        (A, "registered_poor"): (date(2021, 1, 1), None),
        (B, "dibao"): (date(2024, 3, 1), None),
        (K, "near_dibao"): (date(2022, 5, 6), None),
        (L, "orphan"): (date(2010, 1, 1), date(2024, 12, 31)),
    }


def test_conflicts_are_found_across_chunks(window, tmp_path, monkeypatch):
    monkeypatch.setattr(roster_stage, "CHUNK_ROWS", 2)
    report = report_of(window, write_csv(tmp_path / "r.csv", RULES_ROWS, "gbk"))
    assert invalid_of(report) == RULES_INVALID
    assert (report.rows, report.added) == (18, 5)


P, Q, R, S, T = (make_valid("330382", date(1970, 2, d), "031") for d in range(1, 6))
# Rows of one ID in several categories: person-level values must agree (an empty cell agrees with anything).
PERSON_ROWS = [
    ["1", P, "甲", "H010", "户主", "低保", "2024-01-01", "", "城关镇", "东村", ""],       # 2 household H010,
    ["2", P, "甲", "H011", "户主", "脱贫人口", "2021-01-01", "", "城关镇", "东村", ""],   # 3 then H011: both out
    ["3", Q, "乙", "H012", "户主", "低保", "2024-01-01", "", "城关镇", "东村", ""],       # 4 added
    ["4", Q, "乙", "", "", "脱贫人口", "2021-01-01", "", "", "", ""],                    # 5 empty agrees: added
    ["5", R, "丙", "H013", "户主", "低保", "2024-01-01", "", "城关镇", "东村", ""],       # 6 same key, two
    ["6", R, "丙", "H013", "户主", "低保", "2024-02-01", "", "西镇", "东村", ""],         # 7 dates: both out
    ["7", R, "丙", "H013", "户主", "孤儿", "2024-01-01", "", "城关镇", "东村", ""],       # 8 agrees with 6: added
    ["8", S, "丁", "H014", "户主", "低保", "2024-01-01", "", "", "", ""],                # 9 a key conflict
    ["9", S, "丁", "H014", "户主", "低保", "2024-03-01", "", "", "", ""],                # 10 and two rows
    ["10", S, "丁", "H014", "户主", "孤儿", "2024-01-01", "", "", "", "13800000001"],    # 11 whose phones
    ["11", S, "丁", "H014", "户主", "因病致贫", "2024-01-01", "", "", "", "13800000002"],  # 12 differ: all out
    ["12", T, "戊", "", "", "孤儿", "2024-01-01", "", "", "", ""],                       # 13 added
    ["13", T, "戊", "", "", "孤儿", "2024-01-01", "", "", "", ""],                       # 14 a repeat: once
]
PERSON_REASON = "同一身份证号各行的户编号、与户主关系、乡镇、村或联系电话不一致（第{}行），该身份证号的各行均未导入"
KEY_REASON = "同一身份证号、同一人员类别在第{}行出现且内容不一致，这些行均未导入"
PERSON_INVALID = [
    (2, mask(P), PERSON_REASON.format("2, 3")), (3, mask(P), PERSON_REASON.format("2, 3")),
    (6, mask(R), KEY_REASON.format("6, 7")), (7, mask(R), KEY_REASON.format("6, 7")),
    *[(row, mask(S), PERSON_REASON.format("9, 10, 11, 12")) for row in (9, 10, 11, 12)],
]


@pytest.mark.parametrize("chunk_rows", [2, roster_stage.CHUNK_ROWS])
def test_rows_of_one_id_must_agree_on_the_person(window, tmp_path, monkeypatch, chunk_rows):
    monkeypatch.setattr(roster_stage, "CHUNK_ROWS", chunk_rows)
    report = report_of(window, write_csv(tmp_path / "r.csv", PERSON_ROWS))
    assert invalid_of(report) == PERSON_INVALID
    assert (report.rows, report.added, report.unchanged) == (13, 4, 0)
    assert memberships(window.store) == {
        (Q, "dibao"): (date(2024, 1, 1), None), (Q, "registered_poor"): (date(2021, 1, 1), None),
        (R, "orphan"): (date(2024, 1, 1), None), (T, "orphan"): (date(2024, 1, 1), None)}
    with window.store.reading() as s:
        persons = {p.id_number: p for p in s.execute(select(Person)).scalars()}
        assert sorted(persons) == sorted([Q, R, T])
        assert (persons[Q].household.number, persons[Q].relation, persons[Q].town) == ("H012", "户主", "城关镇")


def test_the_import_gives_its_connection_back_as_it_found_it(window, tmp_path):
    """The import enlarges the page cache and stops zeroing the stage's pages: only while it runs."""
    def pragmas():
        with window.store.transaction() as tx:
            return [tx.session.execute(text(f"PRAGMA {name}")).scalar_one()
                    for name in ("main.cache_size", "temp.cache_size", "temp.secure_delete")]

    before = pragmas()
    assert before[0] == -2000  # SQLite's default, which the import must not leave behind
    report_of(window, write_csv(tmp_path / "r.csv", RULES_ROWS))
    assert pragmas() == before
    assert window.store.engine.pool.checkedin() == 1  # the one connection the import used


def test_persons_households_birth_dates_and_sex_come_from_the_file(window, tmp_path):
    report_of(window, write_csv(tmp_path / "r.csv", RULES_ROWS, "gbk"))
    with window.store.reading() as s:
        persons = {p.id_number: p for p in s.execute(select(Person)).scalars()}
        households = sorted(s.execute(select(Household.number)).scalars())
        a, b, k, l_ = persons[A], persons[B], persons[K], persons[L]
        assert (a.name, a.birth_date, a.sex, a.household.number, a.relation, a.town, a.village, a.phone) == (
            "张三", date(1961, 5, 2), "M", "H001", "户主", "城关镇", "东村", "13800000001")
        assert (b.name, b.birth_date, b.sex, b.household.number, b.relation, b.phone) == (
            "李四", date(1975, 8, 9), "F", "H001", "配偶", "")
        assert (k.household.number, l_.household, l_.relation) == ("H002", None, "")
        assert set(persons) == {A, B, K, L}
    assert households == ["H001", "H002"]


def test_a_character_only_gb18030_has(window, tmp_path):
    rows = [["1", N, "刘䶮𠀀", "H009", "", "低保", "2024-03-01", "", "", "", ""]]
    path = write_csv(tmp_path / "r.csv", rows, "gb18030")
    with pytest.raises(UnicodeEncodeError):
        "刘䶮𠀀".encode("gbk")
    assert roster_reader.inspect(path).encoding == "gb18030"
    assert report_of(window, path).added == 1
    with window.store.reading() as s:
        assert s.execute(select(Person.name)).scalar_one() == "刘䶮𠀀"


def test_excel_unicode_text_is_tab_separated_utf16(window, tmp_path):
    path = tmp_path / "roster.txt"
    path.write_bytes("\r\n".join("\t".join(r) for r in [HEADER, RULES_ROWS[0]]).encode("utf-16"))
    assert report_of(window, path).added == 1


# --- XLSX ------------------------------------------------------------------------------------------


def write_xlsx(path, rows, *, blank_rows_above=0):
    book = openpyxl.Workbook()
    hidden = book.active
    hidden.title = "说明"
    hidden.sheet_state = "hidden"  # the roster is the first visible sheet
    hidden.append(["not the roster"])
    sheet = book.create_sheet("花名册")
    for _ in range(blank_rows_above):
        sheet.append([])
    sheet.append(HEADER)
    for cells in rows:
        sheet.append(cells)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, (date, datetime)):
                cell.number_format = "yyyy-mm-dd"
    book.save(path)
    return path


XLSX_ROWS = [
    ["1", A, "张三", "H001", "户主", "低保", date(2024, 3, 1), None, "城关镇", "东村", "13800000001"],
    ["2", float(B), "李四", "H001", "配偶", "低保", datetime(2024, 3, 1), None, "城关镇", "东村", None],
    ["3", int(K), "孙二", "H002", "户主", "低保边缘", "2022/5/6", None, "城关镇", "西村", 13800000002],
    ["4", L, "李三", 3303270010001, None, "孤儿", date(2010, 1, 1), date(2024, 12, 31), None, None, None],
    ["5", N, "王五", "H009", None, "孤儿", 20240301, None, None, None, None],
]


@pytest.mark.parametrize("reader", ["calamine", "openpyxl"])
def test_xlsx_with_numeric_id_cells_and_date_cells(window, tmp_path, monkeypatch, reader):
    if reader == "openpyxl":  # the streaming reader used for very large workbooks
        monkeypatch.setattr(roster_reader, "CALAMINE_MAX_BYTES", 0)
    path = write_xlsx(tmp_path / "roster.xlsx", XLSX_ROWS, blank_rows_above=2)
    report = report_of(window, path)
    # The header is on row 3, so the data rows are 4 to 8.
    assert invalid_of(report) == [(5, "330327********1000", NUMERIC), (6, "330328********0000", NUMERIC)]
    assert (report.rows, report.added) == (5, 3)
    assert memberships(window.store) == {
        (A, "dibao"): (date(2024, 3, 1), None),
        (L, "orphan"): (date(2010, 1, 1), date(2024, 12, 31)),
        (N, "orphan"): (date(2024, 3, 1), None),
    }
    with window.store.reading() as s:
        assert s.execute(select(Household.number).join(Person).where(Person.id_number == L)).scalar_one() == \
            "3303270010001"


def test_xlsx_and_csv_of_the_same_rows_give_the_same_report(window, tmp_path):
    rows = [r for r in RULES_ROWS]
    csv_report = report_of(window, write_csv(tmp_path / "r.csv", rows), dry_run=True)
    xlsx_report = report_of(window, write_xlsx(tmp_path / "r.xlsx", rows), dry_run=True)
    assert invalid_of(xlsx_report) == invalid_of(csv_report) == RULES_INVALID
    assert xlsx_report.added == csv_report.added == 5


# --- a second file, idempotence, the dry run -------------------------------------------------------

BASE = [
    ["1", A, "张三", "H001", "户主", "低保", "2024-03-01", "", "城关镇", "东村", "13800000001"],
    ["2", A, "张三", "H001", "户主", "脱贫人口", "2021-01-01", "", "城关镇", "东村", "13800000001"],
    ["3", B, "李四", "H001", "配偶", "低保", "2024-03-01", "", "城关镇", "东村", ""],
    ["4", K, "孙二", "H002", "户主", "低保边缘", "2022-05-06", "", "城关镇", "西村", ""],
    ["5", L, "李三", "", "", "孤儿", "2010-01-01", "2024-12-31", "", "", ""],
]
SECOND = [
    ["1", A, "张三", "H001", "户主", "低保", "2024-03-01", "", "城关镇", "东村", "13800000001"],  # unchanged
    ["2", A, "张三", "H001", "户主", "脱贫人口", "2021-01-01", "2025-02-28", "城关镇", "东村", ""],  # exited
    ["3", B, "李四", "H003", "配偶", "低保", "2024-03-01", "", "城关镇", "东村", "13900000009"],  # changed
    ["5", L, "李三", "", "", "孤儿", "2010-01-01", "2024-11-30", "", "", ""],  # changed (exit date)
    ["6", N, "王五", "", "", "孤儿", "2024-03-01", "", "新镇", "", ""],  # added
]  # K is not in the file: it covers part of the county only, so K keeps the category


def test_a_second_file_adds_changes_exits_and_keeps_who_is_missing(window, tmp_path):
    first = report_of(window, write_csv(tmp_path / "base.csv", BASE))
    assert (first.added, first.changed, first.exited, first.unchanged, first.invalid) == (5, 0, 0, 0, ())
    second = report_of(window, write_csv(tmp_path / "second.csv", SECOND), now=LATER)
    assert (second.rows, second.added, second.changed, second.exited, second.unchanged) == (5, 1, 2, 1, 1)
    assert memberships(window.store) == {
        (A, "dibao"): (date(2024, 3, 1), None),
        (A, "registered_poor"): (date(2021, 1, 1), date(2025, 2, 28)),
        (B, "dibao"): (date(2024, 3, 1), None),
        (K, "near_dibao"): (date(2022, 5, 6), None),
        (L, "orphan"): (date(2010, 1, 1), date(2024, 11, 30)),
        (N, "orphan"): (date(2024, 3, 1), None),
    }
    with window.store.reading() as s:
        persons = {p.id_number: p for p in s.execute(select(Person)).scalars()}
        # An empty cell means "not given": A's phone stays; B's household and phone change.
        assert persons[A].phone == "13800000001" and persons[A].updated_at == NOW
        assert (persons[B].household.number, persons[B].phone, persons[B].updated_at) == ("H003", "13900000009", LATER)
        assert persons[K].updated_at == NOW
        assert persons[N].town == "新镇"


def test_the_preview_lists_who_is_added_changed_and_exited(window, tmp_path):
    first = report_of(window, write_csv(tmp_path / "base.csv", BASE), dry_run=True, actor=window.clerk)
    assert [(c.row, c.id_number, c.name, c.category) for c in first.added_rows] == [
        (2, mask(A), "张三", "dibao"), (3, mask(A), "张三", "registered_poor"), (4, mask(B), "李四", "dibao"),
        (5, mask(K), "孙二", "near_dibao"), (6, mask(L), "李三", "orphan")]
    assert first.changed_rows == first.exited_rows == ()
    report_of(window, write_csv(tmp_path / "base.csv", BASE))
    second = report_of(window, write_csv(tmp_path / "second.csv", SECOND), dry_run=True, now=LATER)
    listed = {kind: [(c.row, c.name, c.category) for c in getattr(second, f"{kind}_rows")]
              for kind in ("added", "changed", "exited")}
    assert listed == {"added": [(6, "王五", "orphan")], "changed": [(4, "李四", "dibao"), (5, "李三", "orphan")],
                      "exited": [(3, "张三", "registered_poor")]}
    assert second.to_json()["changes"]["exited"] == [
        {"row": 3, "id_number": mask(A), "name": "张三", "category": "registered_poor"}]
    assert A not in json.dumps(second.to_json())  # masked, never whole


def test_the_lists_are_cut_but_the_counts_are_whole(window, tmp_path, monkeypatch):
    monkeypatch.setattr(roster_sync, "CHANGES_LISTED", 2)
    report = report_of(window, write_csv(tmp_path / "base.csv", BASE), dry_run=True)
    assert report.added == 5 and [c.row for c in report.added_rows] == [2, 3]


def test_an_apply_tied_to_its_preview_refuses_a_file_changed_since(window, tmp_path):
    path = write_csv(tmp_path / "roster.csv", BASE)
    preview = report_of(window, path, dry_run=True, actor=window.clerk)
    write_csv(path, SECOND)  # edited on disk between the preview and the apply
    before = table_counts(window.store)
    with pytest.raises(Refusal) as caught:
        import_roster(window.store, window.supervisor, path=path, now=NOW, expect_sha256=preview.sha256)
    assert (caught.value.code, caught.value.field) == ("roster_file_changed", "file")
    assert caught.value.params["file"] == "roster.csv" and caught.value.params["previewed"] == preview.sha256[:12]
    assert table_counts(window.store) == before
    # The previewed content again: applied, exactly as previewed.
    write_csv(path, BASE)
    applied = import_roster(window.store, window.supervisor, path=path, now=NOW, expect_sha256=preview.sha256)
    assert {**preview.to_json(), "applied": True} == applied.to_json()


def test_a_file_changed_while_it_is_read_is_refused_too(window, tmp_path, monkeypatch):
    path = write_csv(tmp_path / "roster.csv", BASE)
    preview = report_of(window, path, dry_run=True)
    real_load = roster_stage.Stage.load

    def load_then_edit(self, source, **kwargs):
        loaded = real_load(self, source, **kwargs)
        write_csv(path, SECOND)  # after it was hashed and parsed, before the diff is applied
        return loaded

    monkeypatch.setattr(roster_stage.Stage, "load", load_then_edit)
    before = table_counts(window.store)
    with pytest.raises(Refusal, match="roster_file_changed"):
        import_roster(window.store, window.supervisor, path=path, now=NOW, expect_sha256=preview.sha256)
    assert table_counts(window.store) == before


def test_importing_the_same_content_again_changes_nothing(window, tmp_path):
    path = write_csv(tmp_path / "base.csv", BASE)
    report_of(window, path)
    before = (memberships(window.store), table_counts(window.store))
    again = report_of(window, path, now=LATER)
    assert (again.rows, again.added, again.changed, again.exited, again.unchanged) == (5, 0, 0, 0, 5)
    # The same bytes under another name and with a trailing line break: read and compared in full.
    copy = tmp_path / "copy.csv"
    copy.write_bytes(path.read_bytes() + b"\r\n")
    third = report_of(window, copy, now=LATER)
    assert (third.rows, third.added, third.changed, third.exited, third.unchanged) == (5, 0, 0, 0, 5)
    after_memberships, after_counts = memberships(window.store), table_counts(window.store)
    assert after_memberships == before[0]
    assert after_counts == {**before[1], "RosterImport": 3, "AuditEntry": before[1]["AuditEntry"] + 2}
    with window.store.reading() as s:
        assert set(s.execute(select(Person.updated_at)).scalars()) == {NOW}
        stored = s.execute(select(RosterImport).order_by(RosterImport.id)).scalars().all()
        assert [r.sha256 for r in stored] == [again.sha256, again.sha256, third.sha256]
        assert stored[1].report == again.contract_json() and stored[1].unchanged == 5 and stored[1].imported_by == "sup"
        audit = s.execute(select(AuditEntry).where(AuditEntry.action == "roster.import")
                          .order_by(AuditEntry.seq)).scalars().all()
        assert json.loads(audit[1].detail) == {"file": "base.csv", "rows": 5, "added": 0, "changed": 0, "exited": 0,
                                               "unchanged": 5, "invalid": 0, "same_as_import": stored[0].id}


def test_the_same_file_after_the_roster_changed_is_compared_again(window, tmp_path):
    base = write_csv(tmp_path / "base.csv", BASE)
    report_of(window, base)
    report_of(window, write_csv(tmp_path / "second.csv", SECOND), now=LATER)
    back = report_of(window, base, now=LATER)  # not the latest import any more: it puts A, B and L back
    assert (back.added, back.changed, back.exited, back.unchanged) == (0, 3, 0, 2)
    assert memberships(window.store)[(A, "registered_poor")] == (date(2021, 1, 1), None)
    # The latest import, but a person changed since by another writer: compared again, not trusted.
    with window.store.transaction() as tx:
        tx.session.execute(update(Person).where(Person.id_number == B)
                           .values(name="李思", updated_at=datetime(2025, 5, 1)))
    fixed = report_of(window, base, now=datetime(2025, 5, 2))
    assert (fixed.changed, fixed.unchanged) == (1, 4)


def test_dry_run_reports_and_writes_nothing(window, tmp_path):
    path = write_csv(tmp_path / "r.csv", RULES_ROWS, "gbk")
    before = table_counts(window.store)
    preview = report_of(window, path, dry_run=True, actor=window.clerk)
    assert not preview.applied
    assert (preview.rows, preview.added, preview.unchanged) == (18, 5, 0)
    assert invalid_of(preview) == RULES_INVALID
    assert table_counts(window.store) == before
    applied = report_of(window, path)
    assert {**preview.to_json(), "applied": True} == applied.to_json()
    assert report_of(window, path, dry_run=True).to_json() == {
        **applied.to_json(), "added": 0, "unchanged": 5, "applied": False,
        "changes": {"added": [], "changed": [], "exited": []}}


def test_a_clerk_previews_and_a_supervisor_applies(window, tmp_path):
    path = write_csv(tmp_path / "r.csv", BASE)
    with pytest.raises(AuthError):
        report_of(window, path, actor=window.clerk)
    assert table_counts(window.store)["Person"] == 0
    assert report_of(window, path, actor=window.admin).added == 5


# --- files that cannot be read at all ----------------------------------------------------------------


def bad_files(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"\xef\xbb\xbf\r\n\r\n")
    no_id = write_csv(tmp_path / "no-id.csv", [["张三", "低保", "2024-03-01"]], header=["姓名", "人员类别", "认定日期"])
    twice = write_csv(tmp_path / "twice.csv", [], header=["身份证号", "证件号码", "姓名", "人员类别", "认定日期"])
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\x00\x00\r\n\x1a\nIHDR")
    huge = tmp_path / "huge.csv"
    huge.write_bytes(",".join(HEADER).encode() + b'\r\n1,"' + b"x" * 200_000 + b'"\r\n')
    not_xlsx = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(not_xlsx, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    undecodable = tmp_path / "latin.csv"
    undecodable.write_bytes(",".join(HEADER).encode("gbk") + b"\r\n1,\x80\xff\x80,\r\n")
    return {
        "missing.csv": ("roster_file_missing", "", tmp_path / "missing.csv"),
        "empty.csv": ("roster_no_header", "", empty),
        "no-id.csv": ("roster_columns_missing", "columns=身份证号 names=", no_id),
        "twice.csv": ("roster_column_twice", "first=身份证号 second=证件号码 column=身份证号", twice),
        "photo.csv": ("roster_columns_missing", "columns=身份证号 姓名 人员类别 认定日期 names=", binary),
        "huge.csv": ("roster_not_csv", "row=2 detail=field larger than field limit", huge),
        "archive.xlsx": ("roster_not_xlsx", "detail=", not_xlsx),
        "latin.csv": ("roster_encoding", "row=1", undecodable),
    }


@pytest.mark.parametrize("name", ["missing.csv", "empty.csv", "no-id.csv", "twice.csv", "photo.csv", "huge.csv",
                                  "archive.xlsx", "latin.csv"])
def test_a_file_that_cannot_be_read_is_bad_input_and_writes_nothing(window, tmp_path, name):
    code, fragment, path = bad_files(tmp_path)[name]
    before = table_counts(window.store)
    with pytest.raises(InvalidInput) as exc:
        report_of(window, path)
    assert (exc.value.code, exc.value.field, exc.value.params["file"]) == (code, "file", name)
    assert fragment in str(exc.value)
    assert joined(exc.value.problems).startswith(f"{name}：")
    assert table_counts(window.store) == before


def test_progress_is_reported_and_raising_from_it_cancels(window, tmp_path, monkeypatch):
    monkeypatch.setattr(roster_stage, "CHUNK_ROWS", 2)
    path = write_csv(tmp_path / "r.csv", BASE)
    seen = []
    import_roster(window.store, window.supervisor, path=path, dry_run=True, progress=seen.append)
    assert [(p.rows, p.step) for p in seen] == [(2, "reading"), (4, "reading"), (5, "reading"), (5, "comparing")]
    seen.clear()
    import_roster(window.store, window.supervisor, path=path, progress=seen.append)
    assert [p.step for p in seen] == ["reading"] * 3 + ["comparing", "writing", "saving"]


@pytest.mark.parametrize("step", ["reading", "comparing", "writing", "saving"])
def test_a_cancel_at_any_step_writes_nothing(window, tmp_path, step):
    """Cancelled once the file is read, or once the persons are written: the import rolls back all the same."""
    class Cancelled(Exception):
        pass

    def cancel(state):
        if state.step == step:
            raise Cancelled

    before = table_counts(window.store)
    with pytest.raises(Cancelled):
        import_roster(window.store, window.supervisor, path=write_csv(tmp_path / "r.csv", BASE), progress=cancel)
    assert table_counts(window.store) == before


# --- the command --------------------------------------------------------------------------------------


def run_command(*argv):
    common = argparse.ArgumentParser(add_help=False)
    for flag in ("--db", "--user"):
        common.add_argument(flag)
    common.add_argument("--json", action="store_true")
    parser = argparse.ArgumentParser()
    roster_cmd.register(parser.add_subparsers(dest="command"), common)
    args = parser.parse_args(argv)
    return args.handler(args)


def test_roster_import_command_shows_its_steps_on_a_terminal(window, tmp_path, monkeypatch, capsys):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    monkeypatch.setenv("WINDOWDESK_PASSWORD", PASSWORD)
    monkeypatch.setattr(roster_stage, "CHUNK_ROWS", 10)
    path = write_csv(tmp_path / "r.csv", RULES_ROWS)
    assert run_command("roster", "import", str(path), "--db", window.path, "--user", "admin", "--json") == 0
    lines = [line for line in terminal.getvalue().split("\r\033[K") if line]
    # The first ten rows of the file hold a blank one.
    assert lines == ["read 9 rows", "read 18 rows", "read 18 rows; comparing with the stored roster",
                     "writing the roster", "saving"]
    assert json.loads(capsys.readouterr().out)["added"] == 5  # stdout holds the report alone


def test_roster_import_command_prints_the_report(window, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WINDOWDESK_PASSWORD", PASSWORD)
    path = write_csv(tmp_path / "r.csv", RULES_ROWS, "gbk")
    assert run_command("roster", "import", str(path), "--dry-run", "--db", window.path, "--user", "admin",
                       "--json") == 0
    document = json.loads(capsys.readouterr().out)
    assert list(document) == ["file", "sha256", "rows", "added", "changed", "exited", "unchanged", "invalid",
                              "applied", "changes"]  # the contract's keys, then who changes
    assert (document["file"], document["rows"], document["added"], document["applied"]) == ("r.csv", 18, 5, False)
    assert document["invalid"][0] == {"row": 6, "id_number": mask(BAD_CHECK), "code": "id_check_char",
                                      "reason": "身份证号校验位不符，请核对号码是否输错"}
    assert run_command("roster", "import", str(path), "--db", window.path, "--user", "admin") == 0
    out = capsys.readouterr().out
    assert "新增 added 5" in out and "第21行" in out


def test_the_stage_is_filled_in_the_order_of_a_clean_row():
    # The one stage definition (roster_stage._STAGE) and the cleaner's row shape must agree column for column.
    from windowdesk.adapters.roster_rows import RosterRow

    assert tuple("row" if c == "line_no" else c for c in roster_stage._STAGED) == RosterRow._fields

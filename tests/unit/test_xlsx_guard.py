"""XLSX bombs (issue 13): memory bounded by what the sheets hold uncompressed, not by the file's size. Each bomb
is built here with zipfile: a small file whose sheet inflates far beyond it, one whose zip lies about that,
and one whose two cells lie far apart (calamine's dense grid)."""

from __future__ import annotations

import struct
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest

from windowdesk.adapters import roster_reader, xlsx_guard
from windowdesk.adapters.roster_reader import RosterFileError
from windowdesk.domain.problems import Refusal

SHEET = "xl/worksheets/sheet1.xml"
HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats'
        b'.org/spreadsheetml/2006/main"><sheetData>')
TAIL = b"</sheetData></worksheet>"
HEADER_ROW = b'<row r="1"><c r="A1" t="inlineStr"><is><t>\xe8\xba\xab\xe4\xbb\xbd\xe8\xaf\x81\xe5\x8f\xb7</t></is></c></row>'


def _workbook(tmp_path: Path, name: str, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def _with_sheet(source: Path, target: Path, chunks) -> Path:
    """`source` with its first sheet's XML replaced by the chunks, written as a stream (never whole in memory)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename == SHEET:
                with new.open(SHEET, "w", force_zip64=True) as sheet:
                    for chunk in chunks:
                        sheet.write(chunk)
            else:
                new.writestr(info, old.read(info.filename))
    return target


def _bomb_rows(megabytes: int):
    """A sheet of `megabytes` MB of identical rows: deflate packs it ~1,000 times."""
    yield HEAD + HEADER_ROW
    row = b'<row><c t="inlineStr"><is><t>' + b"x" * 1000 + b"</t></is></c></row>"
    block = row * 1000
    for _ in range(megabytes):
        yield block
    yield TAIL


@pytest.fixture
def small(tmp_path) -> Path:
    return _workbook(tmp_path, "small.xlsx", [["身份证号", "姓名"], ["330383196105021001", "张三"]])


def test_a_bomb_is_refused_before_any_reader_runs(tmp_path, small):
    bomb = _with_sheet(small, tmp_path / "bomb.xlsx", _bomb_rows(64))  # ~64 MB of sheet in a file of ~70 KB
    assert bomb.stat().st_size < 200_000
    tracemalloc.start()
    with pytest.raises(RosterFileError) as refused:
        list(roster_reader.read_rows(roster_reader.inspect(bomb)))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert refused.value.code == "roster_xlsx_ratio"
    assert refused.value.params["part"] == SHEET and refused.value.params["maximum"] == xlsx_guard.MAX_RATIO
    assert peak < 20_000_000  # the check itself inflates a block at a time


def _lie_about_size(path: Path, declared: int) -> None:
    """Write `declared` as the sheet's uncompressed size in its local header and the central directory."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(SHEET)
    local = info.header_offset
    struct.pack_into("<I", data, local + 22, declared)
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + name_length] == SHEET.encode():
            struct.pack_into("<I", data, central + 24, declared)
            break
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


def test_a_bomb_whose_zip_understates_its_size_is_still_measured(tmp_path, small):
    bomb = tmp_path / "liar.xlsx"
    with zipfile.ZipFile(small) as old, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = b"".join(_bomb_rows(32)) if info.filename == SHEET else old.read(info.filename)
            new.writestr(info.filename, data)
    with zipfile.ZipFile(bomb) as archive:
        compressed = archive.getinfo(SHEET).compress_size
    _lie_about_size(bomb, 2 * compressed)
    with zipfile.ZipFile(bomb) as archive:
        assert archive.getinfo(SHEET).file_size == 2 * compressed  # what the zip now claims
    with pytest.raises(Refusal) as refused:
        xlsx_guard.inspect_xlsx(bomb)
    assert refused.value.code == "roster_xlsx_ratio"


def test_a_sheet_larger_than_the_bound_is_refused(tmp_path, small, monkeypatch):
    monkeypatch.setattr(xlsx_guard, "MAX_PART_BYTES", 1 << 20)
    rows = (b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>%08x</t></is></c></row>' % (i, i, i * 7919)
            for i in range(2, 40_000))
    big = _with_sheet(small, tmp_path / "big.xlsx", [HEAD + HEADER_ROW, *rows, TAIL])
    with pytest.raises(Refusal) as refused:
        xlsx_guard.inspect_xlsx(big)
    assert (refused.value.code, refused.value.params["maximum"]) == ("roster_xlsx_too_large", 1 << 20)


def test_two_cells_far_apart_are_streamed_not_gridded(tmp_path, small):
    # calamine would build a grid of 16,384 x 1,048,576 cells for these two; openpyxl streams it instead.
    far = _with_sheet(small, tmp_path / "far.xlsx", [
        HEAD, HEADER_ROW, b'<row r="2"><c r="A2" t="inlineStr"><is><t>330383196105021001</t></is></c></row>',
        b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>', TAIL])
    shape = xlsx_guard.inspect_xlsx(far)
    assert (shape.rows, shape.columns, shape.fits_calamine) == (1_048_576, 16_384, False)
    rows = roster_reader.read_rows(roster_reader.inspect(far))
    first, second = next(rows), next(rows)
    assert first[0] == "身份证号" and second[0] == "330383196105021001"
    assert len(first) <= xlsx_guard.MAX_COLUMNS


def test_cells_without_their_place_are_streamed(tmp_path, small):
    unplaced = _with_sheet(small, tmp_path / "unplaced.xlsx", [
        HEAD, b'<row><c t="inlineStr"><is><t>a</t></is></c>' + b"<c/>" * 10 + b"</row>", TAIL])
    assert not xlsx_guard.inspect_xlsx(unplaced).fits_calamine


def test_an_ordinary_roster_goes_to_calamine(tmp_path):
    rows = [["身份证号", "姓名", "户编号"]] + [[f"33038319610502{i:04d}", f"张{i}", f"H{i}"] for i in range(2000)]
    path = _workbook(tmp_path, "roster.xlsx", rows)
    shape = xlsx_guard.inspect_xlsx(path)
    assert shape.rows == 0 and shape.columns == 26 and shape.every_cell_placed and shape.fits_calamine  # none far
    assert shape.uncompressed > path.stat().st_size


def test_a_file_that_is_not_a_zip_is_left_to_the_readers(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100))
    assert xlsx_guard.inspect_xlsx(path) is None


def test_the_import_reports_the_bomb_as_the_file_s_problem(tmp_path, small):
    from windowkit import make_window

    from windowdesk.services.errors import InvalidInput
    from windowdesk.services.roster_sync import import_roster

    bomb = _with_sheet(small, tmp_path / "bomb.xlsx", _bomb_rows(16))
    window = make_window(tmp_path)
    try:
        with pytest.raises(InvalidInput) as refused:
            import_roster(window.store, window.supervisor, path=bomb)
    finally:
        window.store.engine.dispose()
    assert (refused.value.code, refused.value.params["file"]) == ("roster_xlsx_ratio", "bomb.xlsx")


def test_a_damaged_sheet_is_not_a_workbook(tmp_path, small):
    # Found by the roster fuzz test: a flipped byte inside the deflate stream (zlib.error).
    data = bytearray(small.read_bytes())
    with zipfile.ZipFile(small) as archive:
        info = archive.getinfo(SHEET)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start:start + 8] = b"\xff" * 8
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(bytes(data))
    with pytest.raises(Refusal) as refused:
        xlsx_guard.inspect_xlsx(damaged)
    assert refused.value.code == "roster_not_xlsx"

"""Reading a roster file as numbered rows of cells, streamed: CSV (encoding detected, never asked) or XLSX."""

from __future__ import annotations

import codecs
import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from ..domain.problems import Refusal
from . import xlsx_guard

_CHUNK = 1 << 20
_ZIP = b"PK\x03\x04"  # .xlsx is a zip archive
_OLE = b"\xd0\xcf\x11\xe0"  # old binary .xls (and password-protected workbooks)
# calamine (~100,000 rows a second) holds the whole sheet in native memory: measured ~15 bytes per
# byte of .xlsx (a 100,000-row roster: 5.8 MB file, +88 MB). Past this size (~140,000 rows), or when what the
# sheet holds inflated would make its grid large (adapters.xlsx_guard: a small file can hold a bomb), we
# stream with openpyxl instead (~7,000 rows a second, memory bounded).
CALAMINE_MAX_BYTES = 8 * 1024 * 1024


class RosterFileError(Refusal, ValueError):
    """The file as a whole cannot be read (not a row of it): a code and its parameters (the caller adds the file)."""


@dataclass(frozen=True)
class RosterFile:
    """What one pass over the bytes tells: the content hash and how to read the rest."""

    path: Path
    sha256: str
    kind: str  # "csv" or "xlsx"
    encoding: str | None  # CSV only: "utf-8-sig", "gb18030" or "utf-16"


def inspect(path: str | Path) -> RosterFile:
    """Hash the file and, for text, decide its encoding: UTF-8 (BOM or not) unless a byte sequence is not
    UTF-8, then GB18030 (a superset of GBK, so GBK files read as well)."""
    path = Path(path)
    digest = hashlib.sha256()
    utf8 = codecs.getincrementaldecoder("utf-8")()
    is_utf8 = True
    head = b""
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(_CHUNK):
                if not head:
                    head = chunk[:4]
                digest.update(chunk)
                if is_utf8:
                    try:
                        utf8.decode(chunk)
                    except UnicodeDecodeError:
                        is_utf8 = False
            if is_utf8:
                try:
                    utf8.decode(b"", final=True)  # a file cut inside a character
                except UnicodeDecodeError:
                    is_utf8 = False
    except FileNotFoundError:
        raise RosterFileError("roster_file_missing", "file") from None
    except OSError as exc:
        raise RosterFileError("roster_file_unreadable", "file", detail=exc.strerror or "") from None
    if head.startswith(_ZIP) or head.startswith(_OLE):
        return RosterFile(path, digest.hexdigest(), "xlsx", None)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"  # Excel's "Unicode text" export (tab-separated)
    else:
        encoding = "utf-8-sig" if is_utf8 else "gb18030"
    return RosterFile(path, digest.hexdigest(), "csv", encoding)


def read_rows(source: RosterFile) -> Iterator[Sequence[object]]:
    """The cells of every row, blank ones included: the n-th is the row a spreadsheet numbers n."""
    if source.kind == "csv":
        return _csv_rows(source)
    return _xlsx_rows(source)


def _csv_rows(source: RosterFile) -> Iterator[Sequence[object]]:
    reader = None
    try:
        with source.path.open("r", encoding=source.encoding, newline="") as stream:
            reader = csv.reader(stream, delimiter=_delimiter(source))
            # csv yields one record per spreadsheet row (a quoted line break stays in its cell).
            yield from reader
    except UnicodeDecodeError:  # text is decoded ahead of the parser: the bad bytes are near the next line
        line = _lines_read(reader) + 1
        raise RosterFileError("roster_encoding", "file", row=line) from None
    except csv.Error as exc:  # the parser counts the line it failed on
        line = _lines_read(reader)
        raise RosterFileError("roster_not_csv", "file", row=line, detail=str(exc)[:200]) from None


def _lines_read(reader) -> int:
    """Lines the csv reader has read (a row whose quoted cell holds a line break counts each of its lines)."""
    return reader.line_num if reader is not None else 0


def _delimiter(source: RosterFile) -> str:
    """Comma, unless the first non-empty line has more tabs or semicolons (Excel's text exports)."""
    try:
        with source.path.open("r", encoding=source.encoding, newline="") as stream:
            for line in stream:
                if line.strip():
                    return max((",", "\t", ";"), key=line.count)
    except UnicodeDecodeError:
        pass  # the real read reports it with the row number
    return ","


def _xlsx_rows(source: RosterFile) -> Iterator[Sequence[object]]:
    small = source.path.stat().st_size <= CALAMINE_MAX_BYTES
    try:
        shape = xlsx_guard.inspect_xlsx(source.path, grid=small)  # before any reader: the bomb is refused here
    except RosterFileError:
        raise
    except Refusal as exc:
        raise RosterFileError(exc.code, exc.field, **exc.params) from None
    try:
        import python_calamine
    except ImportError:  # pragma: no cover - calamine is a declared dependency; openpyxl is the fallback
        python_calamine = None
    if python_calamine is not None and small and (shape is None or shape.fits_calamine):
        return _calamine_rows(source, python_calamine)
    return _openpyxl_rows(source)


def _calamine_rows(source: RosterFile, calamine) -> Iterator[Sequence[object]]:
    try:
        book = calamine.CalamineWorkbook.from_path(str(source.path))
        visible = [i for i, meta in enumerate(book.sheets_metadata)
                   if meta.visible == calamine.SheetVisibleEnum.Visible
                   and meta.typ == calamine.SheetTypeEnum.WorkSheet]
        sheet = book.get_sheet_by_index(visible[0] if visible else 0)
    except Exception as exc:  # calamine raises its own error types for every kind of damage
        raise _unreadable_workbook(source, exc) from None
    # calamine's iter_rows starts at the sheet's first row even when the data starts lower (tested),
    # and returns floats for numeric cells and date/datetime for date cells.
    return sheet.iter_rows()


def _openpyxl_rows(source: RosterFile) -> Iterator[Sequence[object]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(source.path, read_only=True, data_only=True)
    except Exception as exc:  # zip, XML and format errors alike mean the workbook cannot be used
        raise _unreadable_workbook(source, exc) from None
    try:
        sheet = next((ws for ws in book.worksheets if ws.sheet_state == "visible"), book.worksheets[0])
        # At most MAX_COLUMNS cells a row (a stray cell in column XFD would make every row 16,384 wide) and
        # MAX_ROWS rows (Excel's own limit; a file with more was not made by a spreadsheet).
        for number, row in enumerate(sheet.iter_rows(values_only=True, max_col=xlsx_guard.MAX_COLUMNS), start=1):
            if number > xlsx_guard.MAX_ROWS:
                raise RosterFileError("roster_too_many_rows", "file", maximum=xlsx_guard.MAX_ROWS)
            yield row
    finally:
        book.close()


def _unreadable_workbook(source: RosterFile, exc: Exception) -> RosterFileError:
    return RosterFileError("roster_not_xlsx", "file", detail=type(exc).__name__)

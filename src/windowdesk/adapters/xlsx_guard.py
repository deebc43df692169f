"""An XLSX looked at before it is read: memory is bounded by what the sheets hold uncompressed, not by the file.

An .xlsx is a zip of XML parts. A "bomb" is a small file whose sheet inflates to gigabytes (7 MB read into
9.7 GB before this check), or whose few cells lie far apart (A1 and XFD1048576): calamine, the fast reader,
holds a sheet as one dense grid, so either takes all the memory there is. So, before any reader runs:

- every worksheet and the shared strings are inflated here once, counting bytes (the sizes a zip declares can
  lie, so they are only a first check): a part larger than MAX_PART_BYTES (shared strings: MAX_STRINGS_BYTES),
  or inflating more than MAX_RATIO times its compressed size, is refused (`roster_xlsx_too_large`,
  `roster_xlsx_ratio`; MAX_RATIO is Apache POI's default too);
- while inflating, the grid calamine would build is measured (the highest row number, the widest column);
  calamine reads the file only when that grid is at most CALAMINE_MAX_CELLS cells and every cell names its
  place; otherwise openpyxl streams it, a row at a time, reading at most MAX_COLUMNS columns and MAX_ROWS rows.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..domain.problems import Refusal

MAX_PART_BYTES = 1 << 30  # a sheet of Excel's full 1,048,576 rows of a roster's ten columns is ~400 MB
MAX_STRINGS_BYTES = 256 << 20  # shared strings are held in memory by every reader
MAX_RATIO = 100
MAX_ROWS = 1_048_576  # Excel's own limit
MAX_COLUMNS = 64  # a roster has ten; columns further right are not read
CALAMINE_MAX_CELLS = 4_000_000  # calamine's grid: ~100 MB at most
_BLOCK = 1 << 20
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
# The cells that can make calamine's grid large: in columns AA and beyond (rare in a roster), or in rows
# 100,000 and beyond. A cell's own place decides the grid, whatever its <row> says; the cells of nearer rows
# and columns are not matched (a roster's cells would all be), so the grid is taken as at least FAR_ROW x 26.
# Excel, WPS and openpyxl write r="..." first in a cell; a cell that does not is "unplaced" (read by openpyxl).
_FAR_CELL = re.compile(rb'<c r="[A-Z](?:[A-Z]|[0-9]{6})')  # fails fast on a roster's cells
_PLACE = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
_UNPLACED = re.compile(rb'<c(?:>|/>| (?!r="))')  # a cell whose first attribute is not its place
FAR_ROW = 100_000
_CARRY = 256  # bytes kept from one block to the next, so a tag cut by the block boundary is still seen


@dataclass(frozen=True)
class XlsxShape:
    uncompressed: int  # bytes of the worksheets and shared strings, inflated
    rows: int  # the highest row of a cell in a row from FAR_ROW on or a column from AA on (else 0)
    columns: int  # the widest column (at least 26: narrower is not measured)
    every_cell_placed: bool  # each cell names its place (r="B7"): calamine's grid is then rows x columns

    @property
    def calamine_cells(self) -> int:
        """The most cells calamine's dense grid can have (see _FAR_CELL for why rows count from FAR_ROW)."""
        return max(self.rows, FAR_ROW) * self.columns

    @property
    def fits_calamine(self) -> bool:
        return self.every_cell_placed and self.calamine_cells <= CALAMINE_MAX_CELLS


def inspect_xlsx(path: Path, *, grid: bool = True) -> XlsxShape | None:
    """The shape of an XLSX's sheets, or a refusal (`roster_xlsx_too_large`, `roster_xlsx_ratio`); None when the
    file is not a zip (an old .xls: its reader is bounded by the file's own size). Without `grid` (a file
    calamine will not read anyway) only the sizes are measured."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return None
    with archive, open(path, "rb") as raw:
        parts = [info for info in archive.infolist()
                 if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
                 or info.filename == "xl/sharedStrings.xml"]
        total = rows = 0
        columns = 26
        placed = True
        for info in parts:
            try:
                measured = _measure(raw, info, grid=grid)
            except (zlib.error, struct.error, ValueError) as exc:  # damaged: no reader could use it either
                raise Refusal("roster_not_xlsx", "file", detail=type(exc).__name__) from None
            total += measured.size
            rows, columns = max(rows, measured.rows), max(columns, measured.columns)
            placed = placed and measured.placed
    return XlsxShape(total, rows, columns, placed)


@dataclass
class _Measured:
    size: int = 0
    rows: int = 0
    columns: int = 0
    placed: bool = True


def _limit(info: zipfile.ZipInfo) -> int:
    return MAX_STRINGS_BYTES if info.filename == "xl/sharedStrings.xml" else MAX_PART_BYTES


def _measure(raw, info: zipfile.ZipInfo, *, grid: bool) -> _Measured:
    """Inflate one part from the file's bytes, counting what comes out and stopping at the first bound passed."""
    limit = _limit(info)
    if info.file_size > limit:
        raise Refusal("roster_xlsx_too_large", "file", part=info.filename, maximum=limit)
    if info.compress_size and info.file_size > MAX_RATIO * info.compress_size:
        raise Refusal("roster_xlsx_ratio", "file", part=info.filename,
                      ratio=info.file_size // info.compress_size, maximum=MAX_RATIO)
    raw.seek(info.header_offset)
    header = _LOCAL_HEADER.unpack(raw.read(_LOCAL_HEADER.size))
    if header[0] != b"PK\x03\x04":
        raise ValueError("no local file header")
    raw.seek(header[9] + header[10], 1)  # the name and extra field of the local header
    if info.compress_type == zipfile.ZIP_STORED:
        inflate = None
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflate = zlib.decompressobj(-zlib.MAX_WBITS)
    else:  # bzip2, lzma...: not what Excel, WPS or openpyxl write
        raise Refusal("roster_not_xlsx", "file", detail=f"compression {info.compress_type}")
    sheet = grid and info.filename.startswith("xl/worksheets/")
    measured = _Measured()
    left = info.compress_size
    carry = b""
    pending = b""  # compressed input zlib has not taken yet (it stops at _BLOCK bytes out)
    while left > 0 or pending:
        if not pending:
            pending = raw.read(min(_BLOCK, left))
            if not pending:
                break
            left -= len(pending)
        if inflate is None:
            out, pending = pending, b""
        else:
            out = inflate.decompress(pending, _BLOCK)  # never more than a block out of one call
            pending = inflate.unconsumed_tail
        measured.size += len(out)
        if measured.size > limit:
            raise Refusal("roster_xlsx_too_large", "file", part=info.filename, maximum=limit)
        if measured.size > MAX_RATIO * max(info.compress_size, 1):
            raise Refusal("roster_xlsx_ratio", "file", part=info.filename,
                          ratio=measured.size // max(info.compress_size, 1), maximum=MAX_RATIO)
        if sheet and out:
            carry = _scan(carry + out, measured)
        if inflate is not None and inflate.eof:
            break
    if sheet and carry:
        _scan(carry + b"<", measured)
    return measured


def _scan(text: bytes, measured: _Measured) -> bytes:
    """Note the rows and wide columns of `text` up to its last tag, which is returned to be scanned again with
    the next block (a tag cut by the block boundary is seen whole)."""
    cut = text.rfind(b"<")
    if cut <= 0:
        return text[-_CARRY:]
    head = text[:cut]
    for far in _FAR_CELL.finditer(head):
        place = _PLACE.match(head, far.start())
        if place is None:  # r="..." not a place a spreadsheet has: let openpyxl read it
            measured.placed = False
            continue
        measured.columns = max(measured.columns, _column_number(place[1]))
        measured.rows = max(measured.rows, int(place[2]))
    if measured.placed and _UNPLACED.search(head):
        measured.placed = False
    tail = text[cut:]
    return tail if len(tail) <= _BLOCK else tail[-_CARRY:]


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number

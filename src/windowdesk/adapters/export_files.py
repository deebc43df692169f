"""Writing the county's tables as UTF-8-with-BOM CSV and XLSX, byte-identical for the same rows and date."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from ..domain.categories import CATEGORY_LABELS_ZH
from ..domain.money import fmt
from . import out_files
from .package_labels import COLUMN_LABELS, NO, YES

TEXT, MONEY, INT, FLAG, DAY, RATE, CATEGORY = "text", "money", "int", "flag", "date", "rate", "category"
# What a spreadsheet would take for a formula ("=HYPERLINK(...)", "+1+cmd|...", "@SUM(...)"), or reach through a
# tab or carriage return at the start of a cell; and the apostrophe itself, so the prefix can be undone exactly.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NEUTRALISED = (*_FORMULA_START, "'")
_TEXT_KINDS = frozenset({TEXT, CATEGORY})


@dataclass(frozen=True)
class Column:
    name: str  # the machine name: manifest.json's schema, `ledger import`, county tools
    kind: str = TEXT  # TEXT (ID numbers, receipt numbers: always text), MONEY, INT, FLAG, DAY, CATEGORY

    @property
    def label(self) -> str:
        """The header county staff read (adapters.package_labels)."""
        return COLUMN_LABELS.get(self.name, self.name)


@dataclass(frozen=True)
class Table:
    """One exported table: its file stem, columns and rows (already in their final, stable order)."""

    name: str
    columns: tuple[Column, ...]
    rows: Sequence[Sequence[object]]


def text_of(value: object, kind: str) -> str:
    """The one text form of a value, shared by the CSV and the XLSX so both say exactly the same: booleans 是/否,
    categories in Chinese (services.ledger_merge reads both back)."""
    if value is None:
        return ""
    if kind == MONEY:
        return fmt(value)
    if kind == FLAG:
        return YES if value else NO
    if kind == CATEGORY:
        return CATEGORY_LABELS_ZH.get(str(value), str(value))
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def csv_bytes(table: Table) -> bytes:
    """UTF-8 with BOM (Excel on Windows opens it as UTF-8), CRLF rows as the csv module writes them."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(c.label for c in table.columns)
    for row in table.rows:
        writer.writerow(csv_cell(v, c.kind) for c, v in zip(table.columns, row))
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def csv_cell(value: object, kind: str) -> str:
    """A CSV cell that no spreadsheet runs as a formula: a text starting with = + - @ (or a tab, a carriage
    return, an apostrophe) gets an apostrophe in front (OWASP's CSV-injection rule). Amounts, counts and
    dates are written as they are (a negative amount stays a number)."""
    text = text_of(value, kind)
    if kind in _TEXT_KINDS and text.startswith(_NEUTRALISED):
        return "'" + text
    return text


def from_csv_cell(text: str) -> str:
    """The value csv_cell wrote: its apostrophe dropped (a cell starting with anything else is as it was)."""
    if text[:1] == "'" and text[1:].startswith(_NEUTRALISED):
        return text[1:]
    return text


def xlsx_bytes(table: Table, *, stamp: datetime) -> bytes:
    """A one-sheet workbook; every timestamp inside it (document properties, zip entries) is `stamp`."""
    # Imported here, not at the top: verifying and merging packages do not need openpyxl.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook(write_only=True)
    workbook.properties.creator = "windowdesk"
    workbook.properties.created = workbook.properties.modified = stamp
    sheet = workbook.create_sheet(table.name)
    sheet.append([text_cell(WriteOnlyCell, sheet, c.label) for c in table.columns])
    for row in table.rows:
        sheet.append([cell(WriteOnlyCell, sheet, v, c.kind) for c, v in zip(table.columns, row)])
    raw = io.BytesIO()
    # ExcelWriter rather than Workbook.save: save() stamps `modified` with the current time.
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return _restamped(raw.getvalue(), stamp)


def cell(new_cell, sheet, value: object, kind: str):
    """A sheet cell of a value: money and rates as exact numbers with their places, no cell ever a formula."""
    if kind in (MONEY, RATE) and value is not None:
        # A number cell (staff sum the column in Excel) whose stored text is the exact amount: openpyxl would
        # print a Decimal through float ("%.16g"), which is not exact for large amounts.
        made = new_cell(sheet, value=Decimal(0))
        made._value = fmt(value) if kind == MONEY else f"{value:f}"
        made.number_format = "0.00" if kind == MONEY else "0.0000"
        return made
    if kind == INT and value is not None:
        return new_cell(sheet, value=int(value))
    # Everything else as a text cell: ID numbers keep all 18 digits, receipt numbers their leading zeros.
    return text_cell(new_cell, sheet, text_of(value, kind) or None)


def text_cell(new_cell, sheet, text: str | None):
    """A string cell (data type "s"), never a formula, whatever the text: openpyxl makes a text starting with
    "=" a formula cell, so a name typed as "=HYPERLINK(...)" would run when the county opens the file."""
    made = new_cell(sheet, value=text)
    if text is not None:
        made.data_type = "s"
    return made


def _restamped(data: bytes, stamp: datetime) -> bytes:
    """The same zip, entries in the same order, each dated `stamp` (zipfile dates entries with the clock)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def write_atomically(path: Path, data: bytes) -> None:
    """A package's own file, replacing the one of an earlier export of the month (the re-export contract), by
    adapters.out_files' rules: never the database, a temporary file opened exclusively then renamed, 0600."""
    out_files.write_out(path, data, force=True)


@contextmanager
def reading_csv(path: Path) -> Iterator[tuple[list[str], Iterator[tuple[int, dict[str, str]]]]]:
    """An exported CSV, streamed: its header and (spreadsheet row number, row) pairs; the header is row 1."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = list(reader.fieldnames or ())
        yield header, _unescaped(reader)


@contextmanager
def reading_csv_bytes(data: bytes) -> Iterator[tuple[list[str], Iterator[tuple[int, dict[str, str]]]]]:
    """As reading_csv, from a file's content already in memory (a package file just decrypted and checked)."""
    with io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = list(reader.fieldnames or ())
        yield header, _unescaped(reader)


def _unescaped(reader: csv.DictReader) -> Iterator[tuple[int, dict[str, str]]]:
    """(spreadsheet row number, row) with the formula guard of to_csv_cell undone."""
    for number, row in enumerate(reader, start=2):
        yield number, {name: from_csv_cell(text) if isinstance(text, str) else text for name, text in row.items()}

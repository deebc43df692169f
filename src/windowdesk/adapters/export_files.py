"""Writing the county's tables as UTF-8-with-BOM CSV and XLSX, byte-identical for the same rows and date."""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from ..domain.categories import CATEGORY_LABELS_ZH
from ..domain.money import fmt
from .package_labels import COLUMN_LABELS, NO, YES

TEXT, MONEY, INT, FLAG, DAY, RATE, CATEGORY = "text", "money", "int", "flag", "date", "rate", "category"
_FORMULA_START = ("=", "+", "-", "@")  # what Excel would take for a formula


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
        writer.writerow(text_of(v, c.kind) for c, v in zip(table.columns, row))
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


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
    """A string cell even for a text Excel would run as a formula (a name typed as "=HYPERLINK(...)")."""
    made = new_cell(sheet, value=text)
    if text and text.startswith(_FORMULA_START):
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
    """Write beside the target and rename, so a crash never leaves a half-written package file."""
    partial = path.with_name(path.name + ".partial")
    # Readable by the user only: the files hold ID numbers and amounts.
    partial.unlink(missing_ok=True)
    with open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as handle:
        handle.write(data)
    partial.replace(path)


@contextmanager
def reading_csv(path: Path) -> Iterator[tuple[list[str], Iterator[tuple[int, dict[str, str]]]]]:
    """An exported CSV, streamed: its header and (spreadsheet row number, row) pairs; the header is row 1."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = list(reader.fieldnames or ())
        yield header, ((number, row) for number, row in enumerate(reader, start=2))


@contextmanager
def reading_csv_bytes(data: bytes) -> Iterator[tuple[list[str], Iterator[tuple[int, dict[str, str]]]]]:
    """As reading_csv, from a file's content already in memory (a package file just decrypted and checked)."""
    with io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = list(reader.fieldnames or ())
        yield header, ((number, row) for number, row in enumerate(reader, start=2))

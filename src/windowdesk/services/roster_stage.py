"""The staging table of a roster import: rows streamed in from the file, conflicts marked, the stored roster
compared and changed set-wise in SQL (services.roster_sync runs it inside its one transaction).

Portability: the SQL is standard (UPDATE ... FROM: SQLite >= 3.33 and PostgreSQL alike) except for the
null-safe comparison (`IS NOT` / `IS DISTINCT FROM`), the temporary schema's name and the cache pragmas,
chosen by dialect below; it has run on SQLite only.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby, islice
from operator import itemgetter
from typing import Iterator

from sqlalchemy import Column, Date, DateTime, Integer, MetaData, String, Table, bindparam, select, text
from sqlalchemy.orm import Session
from sqlalchemy.schema import CreateTable

from ..adapters import roster_reader
from ..adapters.roster_reader import RosterFileError
from ..adapters.roster_rows import ChunkCleaner, RejectedRow, find_columns, is_blank, without_blanks
from ..domain import idnumber
from ..domain.problems import Problem
from ..store.models import Person
from .reports import totals

CHUNK_ROWS = 5_000
IMPORT_CACHE_KIB = 32_768  # SQLite page cache while importing (default 2 MiB); measured: 16 MiB slower, 64 no faster
KINDS = ("added", "changed", "exited")  # the kinds of change a report lists

# The staging table, defined once: its DDL and the insert are made from it. The columns filled from the file
# come in RosterRow's order ("line_no" is RosterRow.row); `reject` is set by the in-file conflict checks.
_STAGE = Table(
    "roster_stage", MetaData(),
    Column("id_number", String(18), nullable=False), Column("category", String(32), nullable=False),
    Column("line_no", Integer, nullable=False), Column("name", String(100), nullable=False),
    Column("household", String(64)), Column("relation", String(200)), Column("identified_on", Date, nullable=False),
    Column("exited_on", Date), Column("town", String(200)), Column("village", String(200)),
    Column("phone", String(40)), Column("birth_date", Date, nullable=False), Column("reject", String(8)),
    prefixes=["TEMPORARY"])
_STAGED = tuple(c.name for c in _STAGE.columns if c.name != "reject")
_REJECTIONS = {"name": "roster_name_conflict", "person": "roster_person_conflict", "key": "roster_key_conflict"}


@dataclass(frozen=True)
class RosterChange:
    """One valid row that adds, changes or exits a membership: who it is, for the clerk to check."""

    row: int  # the file's row, as a spreadsheet numbers it
    id_number: str  # masked
    name: str
    category: str

    def to_json(self) -> dict:
        return {"row": self.row, "id_number": self.id_number, "name": self.name, "category": self.category}


@dataclass(frozen=True)
class ImportProgress:
    """What `import_roster` tells its progress callback: the data rows read so far, and the step it is at:
    "reading" after each chunk, then "comparing", and when applying "writing", then "saving" (the commit is
    next). Long steps of SQL lie between: a cancel is honoured at the next report."""

    rows: int
    step: str


@dataclass(frozen=True)
class Diff:
    added: int
    changed: int
    exited: int
    unchanged: int
    new_persons: int  # valid rows of no stored person: what the apply has to do
    person_changes: bool
    membership_changes: bool

    @property
    def all_new(self) -> bool:
        """No valid row is of a stored person (so none of a stored membership): a first import. Then the
        inserts need not look each row up in what is stored."""
        return self.new_persons == self.added + self.changed + self.exited + self.unchanged


class Stage:
    """The temporary staging table of one import, on the transaction's own connection.

    Rows are appended in file order (cheap), and indexed once loaded (a sort, cheaper than keeping a
    unique index up to date row by row). `reject` marks what the diff leaves out: "name", "person" and
    "key" conflicts, reported; "repeat", a later exact copy of a row, counted once and not reported."""

    _VALUES = ("name", "household", "relation", "identified_on", "exited_on", "town", "village", "phone")
    _PERSON = ("household", "relation", "town", "village", "phone")
    _PERSON_AT = tuple(3 + i for i in map(_VALUES.index, _PERSON))  # where _decide's lines hold them
    _NAME_AND_PERSON = itemgetter(3, *_PERSON_AT)

    def __init__(self, session: Session):
        self.session = session
        self.sqlite = session.get_bind().dialect.name == "sqlite"
        self.ne = "IS NOT" if self.sqlite else "IS DISTINCT FROM"  # null-safe "differs"
        mark = "?" if session.get_bind().dialect.paramstyle == "qmark" else "%s"
        self.insert = f"INSERT INTO roster_stage ({', '.join(_STAGED)}) VALUES ({', '.join([mark] * len(_STAGED))})"
        for table in ("roster_stage", "roster_multi"):
            self._sql(f"DROP TABLE IF EXISTS {'temp' if self.sqlite else 'pg_temp'}.{table}")
        self._sql(str(CreateTable(_STAGE).compile(dialect=session.get_bind().dialect)))

    def _sql(self, statement: str, **params):
        return self.session.execute(text(statement), params)

    @contextmanager
    def tuned(self) -> Iterator[None]:
        """SQLite, for the import only (the connection goes back to the pool as it was): a larger page cache
        for the stage and the tables' indexes (default 2 MiB), and no zeroing of the stage's pages when it
        is dropped (this SQLite is built with secure_delete on: 0.3-0.7 s for 1,000,000 rows). The stage
        lives in the connection's own temporary file, which no other process opens and which goes with the
        connection."""
        if not self.sqlite:
            yield
            return
        settings = {"main.cache_size": f"-{IMPORT_CACHE_KIB}", "temp.cache_size": f"-{IMPORT_CACHE_KIB}",
                    "temp.secure_delete": "0"}
        before = {name: self._sql(f"PRAGMA {name}").scalar_one() for name in settings}
        for name, value in settings.items():
            self._sql(f"PRAGMA {name} = {value}")
        try:
            yield
        finally:
            for name, value in before.items():
                self._sql(f"PRAGMA {name} = {int(value)}")

    def load(self, source, *, today: date, progress) -> tuple[int, list[RejectedRow]]:
        """Stream the file's rows into the stage; returns (data rows read, rows rejected on their own)."""
        rows = roster_reader.read_rows(source)
        number = 0  # of the last row read
        for cells in rows:
            number += 1
            if not is_blank(cells):
                columns = find_columns(cells)
                break
        else:
            raise RosterFileError("roster_no_header", "file")
        clean = ChunkCleaner(columns, today, text_only=source.kind == "csv")
        cursor = self.session.connection().connection.cursor()
        count, rejected = 0, []
        try:
            while batch := list(islice(rows, CHUNK_ROWS)):
                numbers, cells = without_blanks(batch, columns, number + 1)
                number += len(batch)
                count += len(cells)
                good, bad = clean(numbers, cells)
                rejected.extend(bad)
                cursor.executemany(self.insert, good)
                progress(ImportProgress(count, "reading"))
        finally:
            cursor.close()
        self._sql("CREATE INDEX roster_stage_key ON roster_stage (id_number, category)")
        return count, rejected

    def reject_conflicts(self) -> list[RejectedRow]:
        """Mark and return every row of an ID with two names, of an (ID, category) given twice with different
        values, and of an ID whose other rows disagree on household, relation, town, village or phone; mark
        later exact repeats, which count once.

        Only an ID on several rows can disagree with itself: those rows are read once, in the key's order (no
        sort), and decided in Python one ID at a time; SQL then marks the few that conflict."""
        self._sql("CREATE TEMPORARY TABLE roster_multi AS "
                  "SELECT id_number FROM roster_stage GROUP BY id_number HAVING COUNT(*) > 1")
        self._sql("CREATE UNIQUE INDEX roster_multi_id ON roster_multi (id_number)")
        marks: dict[str, list[dict]] = {"name": [], "person": [], "key": [], "repeat": []}
        rejected: list[RejectedRow] = []
        lines = self.session.execute(text(
            f"SELECT s.id_number, s.category, s.line_no, {', '.join(f's.{c}' for c in self._VALUES)} "
            "FROM roster_multi m JOIN roster_stage s ON s.id_number = m.id_number ORDER BY m.id_number"),
            execution_options={"stream_results": True})  # PostgreSQL: a server-side cursor, memory bounded
        for number, group in groupby(lines, key=itemgetter(0)):
            self._decide(number, sorted(map(tuple, group), key=itemgetter(2)), marks, rejected)
        for kind, keys in marks.items():
            if keys:
                where = " AND ".join(f"{c} = :{c}" for c in keys[0])
                self.session.execute(text(f"UPDATE roster_stage SET reject = '{kind}' WHERE {where}"), keys)
        return rejected

    def _decide(self, number: str, lines: list[tuple], marks: dict[str, list[dict]],
                rejected: list[RejectedRow]) -> None:
        """The rows (ID, category, line, *_VALUES) of one ID, in file order: a name conflict rejects them all;
        else an (ID, category) given twice is a repeat when its rows are equal and a key conflict when not;
        else rows (key conflicts aside) that disagree on a person-level value reject them all."""
        if len(set(map(self._NAME_AND_PERSON, lines))) == 1 and len({line[1] for line in lines}) == len(lines):
            return  # the usual case: one person in several categories, nothing to decide
        masked = idnumber.mask(number)

        def reject(kind: str, rows: list[tuple]) -> None:
            problem = Problem(_REJECTIONS[kind], "roster.id_number", {"rows": ", ".join(str(row[2]) for row in rows)})
            rejected.extend(RejectedRow(row[2], masked, (problem,)) for row in rows)

        if len({line[3] for line in lines}) > 1:
            marks["name"].append({"id_number": number})
            return reject("name", lines)
        categories: dict[str, list[tuple]] = {}
        for line in lines:
            categories.setdefault(line[1], []).append(line)
        conflicting, repeats = [], []
        for category, same in categories.items():
            if len(same) > 1:
                if all(line[3:] == same[0][3:] for line in same):
                    repeats.extend(same[1:])
                else:
                    conflicting.append(category)
        kept = [line for line in lines if line[1] not in conflicting]
        # An empty cell agrees with anything: only two different values are a disagreement.
        if any(len({line[i] for line in kept} - {None}) > 1 for i in self._PERSON_AT):
            marks["person"].append({"id_number": number})
            return reject("person", lines)
        for category in conflicting:
            marks["key"].append({"id_number": number, "category": category})
            reject("key", categories[category])
        marks["repeat"].extend({"id_number": number, "category": line[1], "line_no": line[2]} for line in repeats)

    def _conditions(self) -> tuple[str, str, str]:
        """(person differs, exits, dates differ) over the stage `s` joined to persons `p`, households `h` and
        memberships `m`: roster-format.md's "Meaning", shared by the counts and the list of who changes."""
        ne = self.ne
        person_differs = " OR ".join(
            ["s.name <> p.name", f"(s.household IS NOT NULL AND s.household {ne} h.number)"]
            + [f"(s.{c} IS NOT NULL AND s.{c} <> p.{c})" for c in ("relation", "town", "village", "phone")])
        exits = "m.exited_on IS NULL AND s.exited_on IS NOT NULL"
        dates_differ = f"s.identified_on <> m.identified_on OR s.exited_on {ne} m.exited_on"
        return person_differs, exits, dates_differ

    _JOINED = ("FROM roster_stage s LEFT JOIN persons p ON p.id_number = s.id_number "
               "LEFT JOIN households h ON h.id = p.household_id "
               "LEFT JOIN memberships m ON m.person_id = p.id AND m.category = s.category "
               "WHERE s.reject IS NULL")

    def classify(self) -> Diff:
        """added / exited / changed / unchanged, as roster-format.md "Meaning" defines them, and which of
        the apply's statements have anything to do."""
        person_differs, exits, dates_differ = self._conditions()
        row = self._sql(
            "SELECT COUNT(*), "
            "SUM(CASE WHEN m.id IS NULL THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN m.id IS NOT NULL AND {exits} THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN m.id IS NOT NULL AND NOT ({exits}) AND ({dates_differ} OR {person_differs}) "
            "THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN p.id IS NULL THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN p.id IS NOT NULL AND ({person_differs}) THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN m.id IS NOT NULL AND ({dates_differ}) THEN 1 ELSE 0 END) " + self._JOINED).one()
        valid, added, exited, changed, new_persons, person_changes, date_changes = (int(v or 0) for v in row)
        return Diff(added=added, changed=changed, exited=exited, unchanged=valid - added - exited - changed,
                     new_persons=new_persons, person_changes=person_changes > 0,
                     membership_changes=date_changes > 0)

    def changes(self, diff: Diff, limit: int) -> dict[str, tuple[RosterChange, ...]]:
        """The first `limit` rows of each kind that changes something, in file order. The stage is scanned in
        the order it was filled, the file's (SQLite keeps a LEFT JOIN's left table outermost; a fresh
        PostgreSQL temporary table is read in insertion order), and the scan stops once every list is full:
        no sort of a million rows for a first import."""
        wanted = {"added": min(diff.added, limit), "changed": min(diff.changed, limit),
                  "exited": min(diff.exited, limit)}
        found: dict[str, list[RosterChange]] = {kind: [] for kind in KINDS}
        if any(wanted.values()):
            person_differs, exits, dates_differ = self._conditions()
            kind = (f"CASE WHEN m.id IS NULL THEN 'added' WHEN {exits} THEN 'exited' "
                    f"WHEN {dates_differ} OR {person_differs} THEN 'changed' END")
            rows = self.session.execute(text(
                f"SELECT {kind} AS kind, s.line_no, s.id_number, s.name, s.category " + self._JOINED
                + f" AND ({kind}) IS NOT NULL"), execution_options={"stream_results": True})
            short = sum(wanted.values())
            for which, line_no, number, name, category in rows:
                if len(found[which]) < wanted[which]:
                    found[which].append(RosterChange(line_no, idnumber.mask(number), name, category))
                    short -= 1
                    if not short:
                        break
            rows.close()
        return {kind: tuple(sorted(found[kind], key=lambda c: c.row)) for kind in KINDS}

    def apply(self, diff: Diff, now: datetime) -> None:
        """Households, then persons (new, then changed), then memberships (new, then changed); a statement
        with nothing to do is not run (a re-import that changes a few rows must not rescan everything)."""
        ne = self.ne

        def run(statement: str) -> None:
            clause = text(statement)
            if ":now" in statement:  # typed, so SQLite gets SQLAlchemy's own datetime text
                clause = clause.bindparams(bindparam("now", value=now, type_=DateTime()))
            self.session.execute(clause)

        if diff.new_persons or diff.person_changes:
            # Numbered in the file's order: a roster lists a family together, so the persons inserted next
            # (in file order too) get rising household ids, and the index on them grows at its end.
            run("INSERT INTO households (number) SELECT s.household FROM roster_stage s "
                "WHERE s.reject IS NULL AND s.household IS NOT NULL "
                "AND NOT EXISTS (SELECT 1 FROM households h WHERE h.number = s.household) "
                "GROUP BY s.household ORDER BY MIN(s.line_no)")
        # One line per person: the valid rows of one ID agree on these or leave them empty, so MAX merges
        # them; only IDs on several rows need the grouping.
        columns = ("name", "household", "relation", "town", "village", "phone", "birth_date")
        person = (f"SELECT g.id_number, {', '.join(f'g.{c}' for c in columns if c != 'household')}, "
                  "h.id AS household_id FROM ("
                  f"SELECT s.id_number, {', '.join(f's.{c}' for c in columns)} FROM roster_stage s "
                  "WHERE s.reject IS NULL "
                  "AND NOT EXISTS (SELECT 1 FROM roster_multi m WHERE m.id_number = s.id_number) "
                  f"UNION ALL SELECT m.id_number, {', '.join(f'MAX(s.{c})' for c in columns)} "
                  "FROM roster_multi m JOIN roster_stage s ON s.id_number = m.id_number "
                  "WHERE s.reject IS NULL GROUP BY m.id_number"
                  ") AS g LEFT JOIN households h ON h.number = g.household")
        if diff.new_persons:
            with self._secondary_indexes_built_after("persons", diff.new_persons):
                run("INSERT INTO persons (id_number, name, household_id, relation, birth_date, sex, town, village, "
                    "phone, created_at, updated_at) "
                    # Sex from the 17th digit, odd for men (GB 11643), as domain.idnumber decides it.
                    "SELECT n.id_number, n.name, n.household_id, COALESCE(n.relation, ''), n.birth_date, "
                    "CASE WHEN substr(n.id_number, 17, 1) IN ('1', '3', '5', '7', '9') THEN 'M' ELSE 'F' END, "
                    "COALESCE(n.town, ''), COALESCE(n.village, ''), COALESCE(n.phone, ''), :now, :now "
                    f"FROM ({person}) AS n"
                    + ("" if diff.all_new else
                       " WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.id_number = n.id_number)"))
        if diff.person_changes:
            kept = ("relation", "town", "village", "phone")
            run("UPDATE persons SET name = n.name, household_id = COALESCE(n.household_id, persons.household_id), "
                + ", ".join(f"{c} = COALESCE(n.{c}, persons.{c})" for c in kept) + ", updated_at = :now "
                f"FROM ({person}) AS n WHERE persons.id_number = n.id_number AND (persons.name <> n.name "
                f"OR (n.household_id IS NOT NULL AND persons.household_id {ne} n.household_id) "
                + "".join(f"OR (n.{c} IS NOT NULL AND persons.{c} <> n.{c}) " for c in kept) + ")")
            # Coverage by town counts a person where the roster says they live now.
            totals.follow_towns(self.session, select(Person.id).where(Person.updated_at == now))
        if diff.added:
            run("INSERT INTO memberships (person_id, category, identified_on, exited_on, updated_at) "
                "SELECT p.id, s.category, s.identified_on, s.exited_on, :now "
                "FROM roster_stage s JOIN persons p ON p.id_number = s.id_number WHERE s.reject IS NULL"
                + ("" if diff.all_new else " AND NOT EXISTS (SELECT 1 FROM memberships m "
                                           "WHERE m.person_id = p.id AND m.category = s.category)"))
        if diff.membership_changes:
            run("UPDATE memberships SET identified_on = s.identified_on, exited_on = s.exited_on, updated_at = :now "
                "FROM roster_stage s JOIN persons p ON p.id_number = s.id_number "
                "WHERE s.reject IS NULL AND memberships.person_id = p.id AND memberships.category = s.category "
                f"AND (memberships.identified_on <> s.identified_on OR memberships.exited_on {ne} s.exited_on)")

    @contextmanager
    def _secondary_indexes_built_after(self, table: str, adding: int) -> Iterator[None]:
        """SQLite, an insert that at least doubles `table` (a first import): its non-unique indexes are dropped
        and built again after, one sort each instead of a random B-tree insert per row (measured: -2 s for
        1,000,000 persons). The unique ones stay: the statements look rows up by them. An error rolls the
        drop back with everything else."""
        if not self.sqlite or adding < self._sql(f"SELECT COUNT(*) FROM {table}").scalar_one():
            yield
            return
        indexes = self._sql("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t "
                            "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'", t=table).all()
        for name, _sql in indexes:
            self._sql(f'DROP INDEX "{name}"')
        yield
        for _name, sql in indexes:
            self._sql(sql)

    def drop(self) -> None:
        self._sql("DROP TABLE roster_multi")
        self._sql("DROP TABLE roster_stage")

"""Merging the county's consolidated settlements (other windows' exported rows) into this window's ledger.

The year to date of a person is the sum of what their settlements added (services/ledger), so a merged row
carries the other window's `ytd_*` increments and is stored as a settlement with origin "county". Rows are
keyed by settlement UUID: importing again adds nothing, a row voided at its window voids the merged copy
(a void is final: an older file that still shows it valid does not revive it). Only a package that verifies
under the county key is taken: a bare CSV could change anyone's caps and backstops, so it is refused. This window's own rows are
skipped; rows of persons not on this window's roster are reported and skipped (a bare person record would
have no memberships, no enrollment, nothing to settle against).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from ..adapters.export_files import CATEGORY, DAY, FLAG, INT, MONEY, Column, reading_csv_bytes
from ..domain import idnumber
from ..domain.categories import CATEGORIES, CATEGORY_LABELS_ZH, KINDS, LEVELS
from ..domain.money import MoneyError, parse_amount
from ..domain.policy import MonitoringRule
from ..domain.visit import YTD_MONEY_FIELDS
from ..store.models import Person, Reversal, Settlement
from ..store.unit_of_work import Store
from .auth import Actor
from .errors import InvalidInput
from ..adapters.package_labels import NO, YES
from . import package_files
from .export import SETTLEMENT_COLUMNS
from .keys import county_key
from .reports import totals
from .window import window_context

# The stored fields a merged row must keep: a second file that disagrees on any of them is a conflict.
_FIXED = ("window_id", "receipt_no", "year", "category", "kind", "admitted", "discharged", "total", "reimbursed",
          "patient_pays", *(f"ytd_{name}" for name in YTD_MONEY_FIELDS), "ytd_rehab_months")
_COLUMN_FIELD = {"settled_on": "business_day", "settled_by": "created_by"}
_NOT_STORED = {"id_number", "name", "household", "voided", "voided_on", "settlement_id"}
# Columns newer than some files still in circulation: a file without them reads as settled before they existed.
_ADDED_LATER = {"settled_upstream": "false"}


@dataclass
class _Report:
    file: str
    sha256: str = ""
    rows: int = 0
    added: int = 0
    voided: int = 0
    unchanged: int = 0
    own: int = 0

    def __post_init__(self):
        self.unknown_persons: list[dict] = []
        self.conflicts: list[dict] = []
        self.touched: list = []  # the rows added or voided: the audit entry records them

    def to_json(self) -> dict:
        return {"file": self.file, "sha256": self.sha256, "rows": self.rows, "added": self.added,
                "voided": self.voided, "unchanged": self.unchanged, "own": self.own,
                "unknown_persons": self.unknown_persons, "conflicts": self.conflicts}


def import_ledger(store: Store, actor: Actor, *, path: str | Path, now: datetime | None = None) -> dict:
    """A supervisor merges the settlements of a package folder that verifies under the county key."""
    actor.require("supervisor")
    now = now or datetime.now()
    folder = Path(path)
    if not folder.is_dir():
        raise InvalidInput("ledger_needs_package", "file", path=str(folder))
    keys = package_files.PackageKeys(county_key(store))
    check = package_files.verify(folder, keys)
    if not check["ok"]:
        raise InvalidInput.of(check["problems"])
    manifest = check["manifest"]
    entry = next((e for e in manifest["files"] if e.get("table") == "settlements"
                  and str(e.get("plain_name") or e.get("name")).endswith(".csv")), None)
    if entry is None:
        raise InvalidInput("file_missing", "file", path=str(folder / "settlements.csv"))
    schema = manifest.get("schema", {}).get("settlements", [])
    data = package_files.plain_bytes(folder, keys, manifest, entry)  # read once: what was verified is merged
    source = folder / entry["name"]
    report = _Report(file=str(source), sha256=hashlib.sha256(data).hexdigest())
    with store.transaction() as tx:
        session = tx.session
        window = window_context(session)
        own = window.window_id
        persons: dict[str, int | None] = {}
        with reading_csv_bytes(data) as (labels, rows):
            names = _machine_names(schema)
            header = [names.get(label, label) for label in labels]
            missing = [c.name for c in SETTLEMENT_COLUMNS if c.name not in header]
            if missing:
                raise InvalidInput("ledger_columns_missing", "file", path=str(source), columns=", ".join(missing))
            for number, raw in rows:
                report.rows += 1
                values = _parse({names.get(k, k): v for k, v in raw.items()}, source, number)
                if values["window_id"] == own:
                    report.own += 1
                    continue
                _merge(session, actor, values, number, report, persons, now, window.policy.monitoring)
        tx.audit(user=actor.name, action="ledger.import", target=report.sha256[:16],
                 detail={k: v for k, v in report.to_json().items() if k not in ("unknown_persons", "conflicts")}
                 | {"unknown_persons": len(report.unknown_persons), "conflicts": len(report.conflicts)},
                 rows=report.touched)
    return report.to_json()


def _merge(session, actor: Actor, v: dict, number: int, report: _Report, persons: dict, now: datetime,
           rules: tuple[MonitoringRule, ...]) -> None:
    sid = v["settlement_id"]
    existing = session.get(Settlement, sid)
    if existing is not None:
        differs = [f for f in _FIXED if getattr(existing, f) != v[f]]
        if existing.origin != "county" or differs:
            report.conflicts.append({"row": number, "settlement_id": sid, "code": "ledger_differs",
                                     "columns": ", ".join(differs)} if differs else
                                    {"row": number, "settlement_id": sid, "code": "ledger_own_id"})
        elif v["voided"] and not existing.voided:
            report.touched += [existing, _void(session, existing, v, actor, now)]
            totals.record(session, existing, -1, rules)
            report.voided += 1
        else:
            report.unchanged += 1
        return
    if v["id_number"] not in persons:
        persons[v["id_number"]] = session.execute(
            select(Person.id).where(Person.id_number == v["id_number"])).scalar_one_or_none()
    person_id = persons[v["id_number"]]
    if person_id is None:
        report.unknown_persons.append({"row": number, "id_number": idnumber.mask(v["id_number"]),
                                       "settlement_id": sid})
        return
    if v["receipt_no"] and session.execute(select(Settlement.id).where(
            Settlement.receipt_no == v["receipt_no"])).first():
        report.conflicts.append({"row": number, "settlement_id": sid, "code": "ledger_receipt_taken",
                                 "receipt_no": v["receipt_no"]})
        return
    stored = {_COLUMN_FIELD.get(k, k): value for k, value in v.items() if k not in _NOT_STORED}
    row = Settlement(id=sid, person_id=person_id, origin="county", **stored, print_count=0, created_at=now,
                     snapshot={"origin": "county", "imported_by": actor.name, "file_row": number,
                               "person": {"id_number": v["id_number"], "name": v["name"],
                                          "household": v["household"]}})
    session.add(row)
    session.flush()
    report.added += 1
    report.touched.append(row)
    if v["voided"]:
        report.touched.append(_void(session, row, v, actor, now))
    else:
        totals.record(session, row, 1, rules)


def _void(session, row: Settlement, v: dict, actor: Actor, now: datetime) -> Reversal:
    row.voided = True
    reversal = Reversal(settlement_id=row.id, reason=f"voided at window {v['window_id']} (county ledger)",
                        voided_by=actor.name, voided_at=now, business_day=v["voided_on"] or now.date())
    session.add(reversal)
    return reversal


def _parse(raw: dict, source: Path, number: int) -> dict:
    """One row as typed values; any bad value refuses the whole file, naming the row and the column."""
    values: dict = {}
    for column in SETTLEMENT_COLUMNS:
        text = (raw.get(column.name) or _ADDED_LATER.get(column.name, "")).strip()
        try:
            values[column.name] = _value(column, text)
        except (ValueError, MoneyError):
            raise InvalidInput("ledger_bad_value", column.name, path=str(source), row=number,
                               column=column.name) from None
    try:
        values["id_number"] = idnumber.normalize(values["id_number"])
    except idnumber.IdNumberError:
        raise InvalidInput("ledger_bad_value", "id_number", path=str(source), row=number,
                           column="id_number") from None
    problems = [name for name, ok in (
        ("settlement_id", len(values["settlement_id"]) == 36), ("window_id", bool(values["window_id"])),
        ("category", values["category"] in CATEGORIES), ("kind", values["kind"] in KINDS),
        ("hospital_level", values["hospital_level"] in LEVELS),
        ("year", values["discharged"] is not None and values["year"] == values["discharged"].year),
        ("settled_on", values["settled_on"] is not None),
        ("voided_on", values["voided"] or values["voided_on"] is None)) if not ok]
    if problems:
        raise InvalidInput("ledger_bad_value", problems[0], path=str(source), row=number,
                           column=", ".join(problems))
    values["receipt_no"] = values["receipt_no"] or None
    return values


def _machine_names(schema: list) -> dict[str, str]:
    """Header -> column name: the Chinese headers of packages (from the manifest's schema where there is one,
    else this version's labels) and the machine names of older packages and county consolidations."""
    names = {c.label: c.name for c in SETTLEMENT_COLUMNS}
    names.update({str(e.get("label")): str(e.get("name")) for e in schema if isinstance(e, dict)})
    return names | {c.name: c.name for c in SETTLEMENT_COLUMNS}


_FLAGS = {"true": True, "false": False, YES: True, NO: False}
_CATEGORY_CODES = {label: code for code, label in CATEGORY_LABELS_ZH.items()}


def _value(column: Column, text: str):
    if column.kind == MONEY:
        return parse_amount(text or "0", field=column.name)
    if column.kind == INT:
        return int(text)
    if column.kind == FLAG:
        if text not in _FLAGS:
            raise ValueError(f"expected 是 or 否 (true or false), not {text!r}")
        return _FLAGS[text]
    if column.kind == CATEGORY:
        return _CATEGORY_CODES.get(text, text)
    if column.kind == DAY:
        return date.fromisoformat(text) if text else None
    return text

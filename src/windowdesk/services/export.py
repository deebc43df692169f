"""The monthly package for the county: settlements, enrollments, monitoring list, payouts; signed, verifiable.

A package holds what was recorded in its month (the recording day, as the day-end closing counts it), as it
stood at the month's end: a settlement voided in a later month is still valid in this month's package and
comes again, voided, in the package of the month of its void. So once a month is over, exporting it again
writes the same bytes (the sequence number is fixed the first time the month is exported).
"""

from __future__ import annotations

import calendar
import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from ..adapters import out_files
from ..adapters.export_files import (
    CATEGORY,
    DAY,
    FLAG,
    INT,
    MONEY,
    Column,
    Table,
    csv_bytes,
    xlsx_bytes,
)
from ..domain.policy import MonitoringRule
from ..domain.problems import Refusal
from ..domain.visit import YTD_MONEY_FIELDS
from ..store.models import (
    AuditEntry,
    AuditHead,
    Enrollment,
    ExportPackage,
    FamilyCapPayout,
    Household,
    Person,
    Reversal,
    Settlement,
)
from ..store.unit_of_work import GENESIS_HASH, Store
from .keys import county_key, key_id
from .auth import Actor
from . import package_files
from .errors import InvalidInput
from .package_files import FORMAT, MANIFEST, PackageKeys, manifest_bytes, sign
from .reports.crossings import crossings
from .window import window_context

YTD_COLUMNS = tuple(Column(f"ytd_{name}", MONEY) for name in YTD_MONEY_FIELDS) + (Column("ytd_rehab_months"),)
# The settlements file is also what the county consolidates and other windows merge (services/ledger_merge):
# every column needed to rebuild the row, including what it added to the person's year to date.
SETTLEMENT_COLUMNS = (
    Column("settlement_id"), Column("window_id"), Column("receipt_no"), Column("id_number"), Column("name"),
    Column("household"), Column("year", INT), Column("category", CATEGORY), Column("tilt", FLAG), Column("kind"),
    Column("hospital"), Column("hospital_level"), Column("in_region", FLAG), Column("referred", FLAG),
    Column("transfer", FLAG), Column("previous_deductible", MONEY), Column("admitted", DAY),
    Column("discharged", DAY), Column("diagnosis"), Column("total", MONEY), Column("out_of_catalog", MONEY),
    Column("partial_self_pay", MONEY), Column("in_scope", MONEY), Column("basic", MONEY),
    Column("critical", MONEY), Column("assistance", MONEY), Column("supplementary", MONEY),
    Column("relief", MONEY), Column("backstop", MONEY), Column("reimbursed", MONEY), Column("patient_pays", MONEY),
    Column("settled_upstream", FLAG), Column("policy_id"), Column("policy_hash"), Column("settled_on", DAY),
    Column("settled_by"), Column("voided", FLAG), Column("voided_on", DAY),
) + YTD_COLUMNS
ENROLLMENT_COLUMNS = (
    Column("receipt_no"), Column("window_id"), Column("id_number"), Column("name"), Column("household"),
    Column("year", INT), Column("category", CATEGORY), Column("contribution", MONEY), Column("person_pays", MONEY),
    Column("insured_from", DAY), Column("insured_to", DAY), Column("enrolled_on", DAY),
    Column("recorded_on", DAY), Column("enrolled_by"), Column("line", INT), Column("fund"),
    Column("subsidy", MONEY),
)
MONITORING_COLUMNS = (
    Column("id_number"), Column("name"), Column("household"), Column("category", CATEGORY), Column("rule"),
    Column("threshold", MONEY), Column("self_pay_ytd", MONEY), Column("crossed_on", DAY),
    Column("settlement_id"), Column("window_id"),
)
PAYOUT_COLUMNS = (
    Column("run_id"), Column("run_on", DAY), Column("year", INT), Column("household"), Column("category", CATEGORY),
    Column("self_pay", MONEY), Column("cap", MONEY), Column("payout", MONEY),
)
_PERIOD = re.compile(r"([0-9]{4})-([0-9]{2})")  # ASCII digits: "１２３４" is not a year here


@dataclass(frozen=True)
class Period:
    text: str
    first: date
    last: date

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PERIOD.fullmatch(text.strip())
        if not match or not 1 <= int(match[2]) <= 12 or not 1900 <= int(match[1]):  # year 0 made exit 1
            raise InvalidInput("period_invalid", "period", value=text[:40])
        year, month = int(match[1]), int(match[2])
        return cls(f"{year:04d}-{month:02d}", date(year, month, 1),
                   date(year, month, calendar.monthrange(year, month)[1]))

    def moments(self) -> tuple[datetime, datetime]:
        """[start, end) of the month as datetimes, for recording times."""
        return datetime.combine(self.first, time()), datetime.combine(self.last + timedelta(days=1), time())


# --- export


def export_period(store: Store, actor: Actor, *, period: str, out_dir: str | Path,
                  now: datetime | None = None, unfinished: bool = False) -> dict:
    """A supervisor writes the month's package into `out_dir`; returns the manifest.

    A month that is not over yet (today is in it) is refused unless the caller confirmed it (`unfinished`):
    its package cannot hold the rest of the month, and the manifest says so (`complete` false, `as_of`)."""
    actor.require("supervisor")
    month = Period.parse(period)
    now = now or datetime.now()
    complete = now.date() > month.last
    if not complete and not unfinished:
        raise Refusal("period_unfinished", "period", period=month.text, last_day=month.last.isoformat())
    out = Path(out_dir)
    keys = PackageKeys(county_key(store))
    with store.transaction() as tx:
        session = tx.session
        window = window_context(session)
        tables = [_settlements(session, month), _enrollments(session, month),
                  _monitoring(session, window.policy.monitoring, month)]
        payouts = _payouts(session, month)
        if payouts.rows:  # the payout list goes out in the month a batch ran, only then
            tables.append(payouts)
        if session.get_bind().dialect.name == "postgresql":
            # Two supervisors exporting at once on one county database would both read the same highest
            # sequence (or both find the month new): exports wait for each other; readers and other writers
            # do not. SQLite's BEGIN IMMEDIATE serialises already.
            session.execute(sql("LOCK TABLE export_packages IN SHARE ROW EXCLUSIVE MODE"))
        package = session.execute(select(ExportPackage).where(ExportPackage.period == month.text)
                                  ).scalar_one_or_none()
        first = package is None
        if first:
            sequence = (session.execute(select(func.max(ExportPackage.sequence))).scalar_one() or 0) + 1
            package = ExportPackage(period=month.text, sequence=sequence, manifest_sha256="", created_at=now,
                                    created_by=actor.name)
            session.add(package)
        # Every timestamp inside the files derives from the period, never from the clock.
        stamp = datetime(month.first.year, month.first.month, 1)
        anchor = _audit_anchor(session, month, None if complete else now)
        files = []
        try:
            out_files.private_folder(out)
            for table in tables:
                for suffix, data in (("csv", csv_bytes(table)), ("xlsx", xlsx_bytes(table, stamp=stamp))):
                    files.append(package_files.write_file(out, keys, name=f"{table.name}.{suffix}", table=table.name,
                                                          rows=len(table.rows), data=data))
            written = {f["name"] for f in files}
            for stale in ("payouts.csv", "payouts.xlsx", *(f"{t}.{x}" for t in ("settlements", "enrollments",
                          "monitoring", "payouts") for x in ("csv", "xlsx")), "payouts.csv.sealed",
                          "payouts.xlsx.sealed"):
                # From an earlier export into the same folder: a plain file must not stay beside the sealed one.
                if stale not in written:
                    (out / stale).unlink(missing_ok=True)
            manifest = {"format": FORMAT, "window_id": window.window_id, "window_name": window.window_name,
                        "policy_id": window.policy.id, "period": month.text, "sequence": package.sequence,
                        "complete": complete, "files": files, "key_id": key_id(keys.county),
                        "encryption": package_files.ENCRYPTION, "audit_head": anchor,
                        "schema": {t.name: [{"name": c.name, "label": c.label, "kind": c.kind} for c in t.columns]
                                   for t in tables}}
            if not complete:  # the day the package stops: what was recorded later is in a later export
                manifest["as_of"] = now.date().isoformat()
            manifest["hmac"] = sign(manifest, keys.signing)
            text = manifest_bytes(manifest)
            package_files.write_atomically(out / MANIFEST, text)
        except OSError as exc:
            raise InvalidInput("folder_not_writable", "out", path=str(out), detail=exc.strerror or "") from None
        digest = hashlib.sha256(text).hexdigest()
        changed = not first and package.manifest_sha256 != digest
        package.manifest_sha256 = digest
        tx.audit(user=actor.name, action="export.package", target=month.text,
                 detail={"sequence": package.sequence, "manifest_sha256": digest, "first": first,
                         "changed": changed, "files": {f["name"]: f["rows"] for f in files},
                         "audit_head": anchor["seq"]})
    return manifest


def _audit_anchor(session: Session, month: Period, now: datetime | None) -> dict:
    """Where the audit chain stood when the package's month ended (or now, for an unfinished month): the
    county keeps it, so a chain later rewritten or cut back before that point no longer matches it. Taken at
    the month's end, not at the export, so exporting a finished month again writes the same manifest."""
    if now is None:
        end = datetime.combine(month.last + timedelta(days=1), time()).astimezone(timezone.utc)
        row = session.execute(select(AuditEntry.seq, AuditEntry.hash).where(
            AuditEntry.at < end.isoformat(timespec="microseconds")).order_by(AuditEntry.seq.desc()).limit(1)).first()
    else:
        row = session.execute(select(AuditHead.last_seq, AuditHead.last_hash).where(AuditHead.id == 1)).first()
    seq, digest = (row[0], row[1]) if row else (0, GENESIS_HASH)
    return {"seq": seq, "hash": digest}


def _settlements(session: Session, month: Period) -> Table:
    in_month = Settlement.business_day.between(month.first, month.last)
    voided_in_month = Reversal.business_day.between(month.first, month.last)
    query = (select(Settlement, Reversal.business_day).outerjoin(Reversal)
             .where(Settlement.origin == "local", or_(in_month, voided_in_month))
             .order_by(Settlement.business_day, Settlement.receipt_no, Settlement.id))
    rows = []
    for s, void_day in session.execute(query):
        voided = void_day is not None and void_day <= month.last  # as it stood at the month's end
        person = s.snapshot["person"]  # as settled: a later roster change does not rewrite the month
        rows.append((
            s.id, s.window_id, s.receipt_no, person["id_number"], person["name"], person["household"], s.year,
            s.category, s.tilt, s.kind, s.hospital, s.hospital_level, s.in_region, s.referred, s.transfer,
            s.previous_deductible, s.admitted, s.discharged, s.diagnosis, s.total, s.out_of_catalog,
            s.partial_self_pay, s.in_scope, s.basic, s.critical, s.assistance, s.supplementary, s.relief,
            s.backstop, s.reimbursed, s.patient_pays, s.settled_upstream, s.policy_id, s.policy_hash,
            s.business_day, s.created_by, voided,
            void_day if voided else None,
            *(getattr(s, f"ytd_{name}") for name in YTD_MONEY_FIELDS), s.ytd_rehab_months))
    return Table("settlements", SETTLEMENT_COLUMNS, rows)


def _enrollments(session: Session, month: Period) -> Table:
    start, end = month.moments()
    query = (select(Enrollment, Person.id_number, Person.name, Household.number)
             .join(Person, Person.id == Enrollment.person_id).outerjoin(Household, Household.id == Person.household_id)
             .where(Enrollment.created_at >= start, Enrollment.created_at < end)
             .order_by(Enrollment.created_at, Enrollment.receipt_no))
    rows = []
    for e, number, name, household in session.execute(query):
        head = (e.receipt_no, e.window_id, number, name, household or "", e.year, e.category, e.contribution,
                e.person_pays, e.insured_from, e.insured_to, e.enrolled_on, e.created_at.date(), e.created_by)
        # One row per subsidy line; an enrollment without subsidy still shows, with an empty fund.
        lines = [(line.seq, line.fund, line.amount) for line in e.subsidies] or [(0, "", Decimal("0.00"))]
        rows.extend(head + line for line in lines)
    return Table("enrollments", ENROLLMENT_COLUMNS, rows)


def _monitoring(session: Session, rules: tuple[MonitoringRule, ...], month: Period) -> Table:
    """The year's crossings as known at the month's end (services.reports.monitoring: every window's
    settlements of the discharge year), and the crossings of earlier years recorded during the month: a
    December discharge settled in January crosses in its own year and reaches January's package (a list of
    the January's year only, recorded by the month's end, lost it)."""
    found = crossings(session, rules, month.first.year, as_of=month.last)
    before = month.first - timedelta(days=1)
    late_years = session.execute(select(Settlement.year).distinct().where(
        Settlement.business_day.between(month.first, month.last), Settlement.year < month.first.year)).scalars()
    for year in sorted(late_years):
        known = {(c.person_id, c.rule) for c in crossings(session, rules, year, as_of=before)}
        found.extend(c for c in crossings(session, rules, year, as_of=month.last)
                     if (c.person_id, c.rule) not in known)
    # As settled: the crossing visit's snapshot names the person, a later roster change does not rewrite it.
    snapshots = {sid: snapshot for sid, snapshot in session.execute(select(Settlement.id, Settlement.snapshot).where(
        Settlement.id.in_({c.settlement_id for c in found})))} if found else {}
    entries = []
    for c in found:
        p = snapshots[c.settlement_id]["person"]
        entries.append((p["id_number"], p["name"], p["household"], c.category, c.rule, c.threshold, c.self_pay,
                        c.crossed_on, c.settlement_id, c.window_id))
    entries.sort(key=lambda e: (e[7], e[0], e[4]))
    return Table("monitoring", MONITORING_COLUMNS, entries)


def _payouts(session: Session, month: Period) -> Table:
    start, end = month.moments()
    query = (select(FamilyCapPayout, Household.number).join(Household)
             .where(FamilyCapPayout.created_at >= start, FamilyCapPayout.created_at < end)
             .order_by(FamilyCapPayout.created_at, FamilyCapPayout.run_id, Household.number))
    rows = [(p.run_id, p.created_at.date(), p.year, number, p.category, p.self_pay, p.cap, p.payout)
            for p, number in session.execute(query)]
    return Table("payouts", PAYOUT_COLUMNS, rows)


# --- verification


def verify_package(store: Store, directory: str | Path) -> dict:
    """Check a package against its manifest and the county key: `ok` false with every problem found (a list of
    domain.problems.Problem: the CLI and the window word them). Sealed files are decrypted to check them."""
    report = package_files.verify(Path(directory), PackageKeys(county_key(store)))
    report.pop("manifest", None)
    return report


def open_package(store: Store, actor: Actor, *, directory: str | Path, out_dir: str | Path,
                 force: bool = False) -> dict:
    """The county opens a verified package into plain files (any logged-in user holding the county key)."""
    keys = PackageKeys(county_key(store))
    result = package_files.open_into(Path(directory), keys, Path(out_dir), force=force)
    with store.transaction() as tx:
        tx.audit(user=actor.name, action="package.open", target=str(result["period"])[:100],
                 detail={"window_id": result["window_id"], "sequence": result["sequence"],
                         "files": [f["name"] for f in result["files"]]})
    return result

"""Printing receipts: the settlement slip and the enrollment receipt, each paper counted and audited.

The first paper of a receipt is the original; every later one is a copy marked 补打 第N次 (N = 1 for
the first copy). A second paper must never look like an original, so printing a receipt that was
printed before needs `reprint=True` (the clerk states the intent; `--reprint` on the CLI) and is
refused otherwise. `reprint=True` on a receipt never printed gives the original: there is no paper yet.
A PDF saved to a file (`copy="electronic"`) is an electronic copy (电子副本): marked so on the page, never
counted as a paper, needing no `reprint`; only a paper going to a printer (`copy="paper"`) is the original or
a 补打 copy. One print = one transaction = one audit entry ("receipt.print", "receipt.reprint" or
"receipt.electronic"); the PDF is made (and the file written) inside it, so a failed print counts nothing. A preview only reads: it shows what
the next print would look like, stamped 预览 with an unsigned QR code, and counts and audits nothing.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..adapters.policy_presets import load_policy
from ..adapters.receipt_data import (
    FUND_LABELS_ZH,
    EnrollmentReceiptData,
    FundUse,
    SlipData,
    qr_message,
    sign,
    tier_lines,
)
from ..adapters.receipt_pdf import render_enrollment, render_slip
from ..domain import idnumber
from ..domain.categories import (
    CATEGORY_LABELS_ZH,
    KIND_LABELS_ZH,
    LEVEL_LABELS_ZH,
    TIER_LABELS_ZH,
)
from ..domain.money import D
from ..domain.policy import Policy
from ..domain.policy_loader import PolicyError
from ..store.models import AuditEntry, Enrollment, Person, Settlement
from ..store.unit_of_work import Store
from . import policy_store, settings
from .auth import Actor
from .errors import InvalidInput, NotFound, Refused
from .lookup import ELECTRONIC_COPY, electronic_copies, local_settlement

PRINT, REPRINT = "receipt.print", "receipt.reprint"
COPIES = ("paper", "electronic")


@dataclass(frozen=True)
class Printed:
    """One paper or electronic copy: its PDF and what it is (paper copy 1 is the original; an electronic copy's
    copy_no counts the electronic copies of that receipt)."""

    pdf: bytes
    kind: str  # "settlement" or "enrollment"
    target: str  # the settlement id, or the enrollment's receipt number
    receipt_no: str
    copy_no: int
    voided: bool
    signed: bool
    page_size: str
    out: str | None = None
    electronic: bool = False

    @property
    def reprint(self) -> bool:
        return not self.electronic and self.copy_no > 1

    def to_json(self) -> dict:
        key = "settlement_id" if self.kind == "settlement" else "enrollment_receipt_no"
        return {key: self.target, "receipt_no": self.receipt_no, "out": self.out, "copy": self.copy_no,
                "electronic": self.electronic, "reprint": self.reprint,
                "reprint_no": self.copy_no - 1 if self.reprint else 0, "voided": self.voided,
                "signed": self.signed, "page_size": self.page_size, "bytes": len(self.pdf)}


def print_settlement(store: Store, actor: Actor, *, settlement_id: str, copy: str, reprint: bool = False,
                     out: str | Path | None = None, now: datetime | None = None) -> Printed:
    """A settlement's slip (a voided one shows 作废), named by its id or its printed receipt number; `copy`
    says what it is: "paper" for the printer (counted), "electronic" for a file (电子副本). `out` writes it."""
    actor.require("clerk")
    electronic = _electronic(copy)
    now = now or datetime.now()
    with store.transaction() as tx:
        session = tx.session
        # The row lock makes two windows reprinting at once get two different copy numbers.
        row = local_settlement(session, settlement_id, lock=True)
        if electronic:
            copy_no = electronic_copies(session, row.id) + 1
        else:
            copy_no = _next_copy(row.print_count, reprint, row.receipt_no)
            row.print_count = copy_no
        key, page_size = _county_key(session), _page_size(session)
        data = slip_data(row, printed_at=now, copy_no=1 if electronic else copy_no, key=key, page_size=page_size,
                         policy=_policy_of(session, row.snapshot["policy"]), electronic=electronic)
        pdf = render_slip(data)
        written = _write(out, pdf)
        tx.audit(user=actor.name, action=_action(electronic, copy_no), target=row.id,
                 detail={"kind": "settlement", "receipt_no": row.receipt_no, "copy": copy_no,
                         "voided": row.voided, "page_size": page_size})
    return Printed(pdf=pdf, kind="settlement", target=row.id, receipt_no=row.receipt_no or "", copy_no=copy_no,
                   voided=row.voided, signed=data.qr_signed, page_size=page_size, out=written, electronic=electronic)


def print_enrollment(store: Store, actor: Actor, *, receipt_no: str, copy: str, reprint: bool = False,
                     out: str | Path | None = None, now: datetime | None = None) -> Printed:
    """An enrollment receipt, `copy` as for a slip; its papers are counted from the audit log (enrollments have
    no counter)."""
    actor.require("clerk")
    electronic = _electronic(copy)
    now = now or datetime.now()
    with store.transaction() as tx:
        session = tx.session
        row = _enrollment(session, receipt_no, lock=True)
        if electronic:
            copy_no = electronic_copies(session, receipt_no) + 1
        else:
            copy_no = _next_copy(_papers(session, receipt_no), reprint, receipt_no)
        key, page_size = _county_key(session), _page_size(session)
        data = enrollment_data(row, session.get(Person, row.person_id), printed_at=now,
                               copy_no=1 if electronic else copy_no, key=key, page_size=page_size,
                               window_name=settings.get(session, settings.WINDOW_NAME),
                               policy=_policy_named(session, row.policy_id), electronic=electronic)
        pdf = render_enrollment(data)
        written = _write(out, pdf)
        tx.audit(user=actor.name, action=_action(electronic, copy_no), target=receipt_no,
                 detail={"kind": "enrollment", "receipt_no": receipt_no, "copy": copy_no, "page_size": page_size})
    return Printed(pdf=pdf, kind="enrollment", target=receipt_no, receipt_no=receipt_no, copy_no=copy_no,
                   voided=False, signed=data.qr_signed, page_size=page_size, out=written, electronic=electronic)


def _electronic(copy: str) -> bool:
    if copy not in COPIES:
        raise ValueError(f"copy must be one of {COPIES}, not {copy!r}")  # a caller's bug, not the clerk's input
    return copy == "electronic"


def _action(electronic: bool, copy_no: int) -> str:
    return ELECTRONIC_COPY if electronic else REPRINT if copy_no > 1 else PRINT


def preview_settlement(store: Store, actor: Actor, *, settlement_id: str, now: datetime | None = None) -> bytes:
    """The slip the next print would give (a reprint shows 补打, a voided one 作废), stamped 预览."""
    actor.require("clerk")
    with store.reading() as session:
        row = local_settlement(session, settlement_id, lock=False)
        # No county key: a preview's QR code must not verify (it is not a receipt).
        data = slip_data(row, printed_at=now or datetime.now(), copy_no=row.print_count + 1, key="",
                         page_size=_page_size(session), policy=_policy_of(session, row.snapshot["policy"]),
                         preview=True)
    return render_slip(data)


def preview_enrollment(store: Store, actor: Actor, *, receipt_no: str, now: datetime | None = None) -> bytes:
    """The enrollment receipt the next print would give, stamped 预览."""
    actor.require("clerk")
    with store.reading() as session:
        row = _enrollment(session, receipt_no, lock=False)
        data = enrollment_data(row, session.get(Person, row.person_id), printed_at=now or datetime.now(),
                               copy_no=_papers(session, receipt_no) + 1, key="", page_size=_page_size(session),
                               window_name=settings.get(session, settings.WINDOW_NAME),
                               policy=_policy_named(session, row.policy_id), preview=True)
    return render_enrollment(data)


def paper_size(store: Store) -> str:
    """The paper receipts are printed on: "A4" (portrait) or "A5" (landscape), the window's setting."""
    with store.reading() as session:
        return _page_size(session)


def _enrollment(session: Session, receipt_no: str, *, lock: bool) -> Enrollment:
    query = select(Enrollment).where(Enrollment.receipt_no == receipt_no)
    row = session.execute(query.with_for_update() if lock else query).scalar_one_or_none()
    if row is None:
        raise NotFound("enrollment_not_found", "receipt_no", receipt_no=receipt_no)
    return row


def _papers(session: Session, receipt_no: str) -> int:
    """Papers of an enrollment receipt so far: they are counted from the audit log (no counter column)."""
    return session.execute(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.target == receipt_no, AuditEntry.action.in_((PRINT, REPRINT)))).scalar_one()


def _next_copy(printed: int, reprint: bool, receipt_no: str | None) -> int:
    if printed and not reprint:
        raise Refused("printed_already", "reprint", receipt_no=receipt_no, printed=printed)
    return printed + 1


# --- building the printed data (plain values only: the renderer never sees the database)


def slip_data(row: Settlement, *, printed_at: datetime, copy_no: int, key: str, page_size: str,
              policy: Policy | None, preview: bool = False, electronic: bool = False) -> SlipData:
    """The slip as it was settled: names, category and figures come from the stored snapshot."""
    snap = row.snapshot
    result = snap["result"]
    receipt_no = row.receipt_no or ""
    qr = qr_message("S", receipt_no, [("T", row.total), ("R", row.reimbursed), ("P", row.patient_pays)])
    return SlipData(
        region=snap["policy"].get("region", ""), policy_name=snap["policy"]["name"],
        window_id=snap["window"]["id"], window_name=snap["window"]["name"], receipt_no=receipt_no,
        printed_at=printed_at, settled_at=row.created_at, clerk=row.created_by,
        patient_name=snap["person"]["name"], id_masked=idnumber.mask(snap["person"]["id_number"]),
        category_zh=snap["category_zh"], household=snap["person"].get("household", ""),
        kind_zh=KIND_LABELS_ZH.get(row.kind, row.kind), hospital=row.hospital,
        level_zh=LEVEL_LABELS_ZH.get(row.hospital_level, row.hospital_level), in_region=row.in_region,
        referred=row.referred, transfer=row.transfer, tilt=bool(result["tilt"]), admitted=row.admitted,
        discharged=row.discharged, diagnosis=row.diagnosis, total=row.total, out_of_catalog=row.out_of_catalog,
        partial_self_pay=row.partial_self_pay, in_scope=row.in_scope, tiers=tier_lines(result["steps"]),
        reimbursed=row.reimbursed, patient_pays=row.patient_pays,
        ytd=fund_uses(result["year_to_date"], policy, category=snap["category"], tilt=bool(result["tilt"])),
        qr_text=sign(qr, key), qr_signed=bool(key), previous_deductible=row.previous_deductible,
        inpatient=row.kind == "inpatient", copy_no=copy_no, voided=row.voided, page_size=page_size, preview=preview,
        electronic=electronic)


def fund_uses(ytd: dict, policy: Policy | None, *, category: str, tilt: bool) -> tuple[FundUse, ...]:
    """Used and left of each capped fund after the visit. Caps come from the policy that settled the
    visit (matched by content hash); when that policy is no longer at hand, only what was used shows."""
    used = {tier: D(ytd[f"{tier}_paid"]) for tier in ("basic", "critical", "assistance")}
    if policy is None:
        return tuple(FundUse(TIER_LABELS_ZH[t], used[t], None, "—") for t in used)
    funds = [FundUse(TIER_LABELS_ZH["basic"], used["basic"], policy.basic.annual_cap)]
    if policy.critical is not None:
        cap = policy.critical.cap_for(tilt)
        funds.append(FundUse(TIER_LABELS_ZH["critical"], used["critical"], cap, "不封顶" if cap is None else ""))
    ast = policy.assistance
    if ast is not None and category in ast.ratio:
        cap = None if category in ast.uncapped else ast.annual_cap
        funds.append(FundUse(TIER_LABELS_ZH["assistance"], used["assistance"], cap, "不封顶" if cap is None else ""))
    return tuple(funds)


def enrollment_data(row: Enrollment, person: Person, *, printed_at: datetime, copy_no: int, key: str,
                    page_size: str, window_name: str, policy: Policy | None,
                    preview: bool = False, electronic: bool = False) -> EnrollmentReceiptData:
    subsidies = tuple((FUND_LABELS_ZH.get(s.fund, s.fund), s.amount) for s in row.subsidies)
    subsidy_total = sum((amount for _, amount in subsidies), Decimal("0.00"))
    qr = qr_message("E", row.receipt_no, [("C", row.contribution), ("S", subsidy_total), ("P", row.person_pays)])
    return EnrollmentReceiptData(
        region=policy.region if policy else "", policy_name=policy.name if policy else row.policy_id,
        window_id=row.window_id, window_name=window_name, receipt_no=row.receipt_no, printed_at=printed_at,
        enrolled_on=row.enrolled_on, clerk=row.created_by, patient_name=person.name,
        id_masked=idnumber.mask(person.id_number), category_zh=CATEGORY_LABELS_ZH.get(row.category, row.category),
        household=person.household.number if person.household else "", year=row.year,
        contribution=row.contribution, subsidies=subsidies, person_pays=row.person_pays,
        insured_from=row.insured_from, insured_to=row.insured_to, qr_text=sign(qr, key), qr_signed=bool(key),
        copy_no=copy_no, page_size=page_size, preview=preview, electronic=electronic)


# --- settings and files


def _county_key(session: Session) -> str:
    key = settings.get(session, settings.COUNTY_KEY).strip()
    try:
        bytes.fromhex(key)
    except ValueError:
        # Never echo the key itself: it signs the county's exports too.
        raise InvalidInput("county_key_setting_invalid", "county_key") from None
    return key


def _page_size(session: Session) -> str:
    size = settings.get(session, settings.PAGE_SIZE).strip().upper()
    if size not in ("A4", "A5"):
        raise InvalidInput("page_size_setting_invalid", "page_size", size=size[:20])
    return size


def _policy_of(session: Session, snap_policy: dict) -> Policy | None:
    """The policy that settled a visit: the one this window stored under the hash the settlement recorded,
    else the preset of that id if its content still has that hash."""
    stored = policy_store.by_hash(session, snap_policy.get("hash") or "")
    if stored is not None:
        return stored
    preset = _preset(snap_policy["id"])
    return preset if preset is not None and preset.content_hash == snap_policy.get("hash") else None


def _policy_named(session: Session, policy_id: str) -> Policy | None:
    """An enrollment's policy by its id: the policy in force if it is that one, else the preset of that id."""
    try:
        policy = policy_store.in_force(session)
    except (InvalidInput, PolicyError):
        policy = None
    if policy is not None and policy.id == policy_id:
        return policy
    preset = _preset(policy_id)
    return preset if preset is not None and preset.id == policy_id else None


def _preset(policy_id: str) -> Policy | None:
    try:
        return load_policy(policy_id) if policy_id else None
    except PolicyError:
        return None


def _write(out: str | Path | None, pdf: bytes) -> str | None:
    """Write the file whole or not at all (a temporary file renamed over the target)."""
    if out is None:
        return None
    path = Path(out)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".receipt-", suffix=".pdf", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pdf)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise InvalidInput("file_not_writable", "out", path=str(path), detail=exc.strerror or "") from None
    finally:
        if tmp is not None:
            with suppress(OSError):
                os.unlink(tmp)
    return str(path)

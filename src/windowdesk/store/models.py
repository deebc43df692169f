"""The tables. Nothing is ever deleted: a void adds a reversal, an exit adds a date, the audit log only grows."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from .types import JsonText, Money, RatioText

money = Annotated[Decimal, mapped_column(Money, default=Decimal("0.00"))]
code = Annotated[str, mapped_column(String(32))]
short_text = Annotated[str, mapped_column(String(200), default="")]


class Base(DeclarativeBase):
    type_annotation_map = {Decimal: Money, dict[str, Any]: JsonText, list[Any]: JsonText}


class Setting(Base):
    """Window settings (window id and name, region policy, receipt series...): see services/settings."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(2000))


class PolicyText(Base):
    """A policy as it was set (`init --policy`, the settings page): its file's text, kept under its SHA-256.

    The window settles by the row the `policy_hash` setting names, so editing or moving the file later changes
    nothing; older rows stay, so a reprint finds the policy a settlement was made under by its recorded hash.
    """

    __tablename__ = "policy_texts"
    content_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    policy_id: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(2000))  # the preset id or the file's absolute path, as set
    text: Mapped[str] = mapped_column(Text)
    stored_at: Mapped[datetime]
    stored_by: Mapped[str] = mapped_column(String(64))


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[code]
    password_hash: Mapped[str] = mapped_column(String(300))
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]


class Household(Base):
    __tablename__ = "households"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)


class Person(Base):
    __tablename__ = "persons"
    id: Mapped[int] = mapped_column(primary_key=True)
    id_number: Mapped[str] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(100), index=True)  # prefix search uses a range on this index
    household_id: Mapped[int | None] = mapped_column(ForeignKey("households.id"), index=True)
    relation: Mapped[short_text]
    birth_date: Mapped[date]
    sex: Mapped[str] = mapped_column(String(1))
    town: Mapped[short_text]
    village: Mapped[short_text]
    phone: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    household: Mapped[Household | None] = relationship()
    memberships: Mapped[list[Membership]] = relationship(order_by="Membership.identified_on")


class Membership(Base):
    """One category held by one person (a roster row): from `identified_on`, until `exited_on` if set."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("person_id", "category"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    category: Mapped[code]
    identified_on: Mapped[date]
    exited_on: Mapped[date | None]
    updated_at: Mapped[datetime]


class ReceiptCounter(Base):
    """The next number of a receipt series; taken under a row lock so numbers are gap-free and unique."""

    __tablename__ = "receipt_counters"
    series: Mapped[str] = mapped_column(String(32), primary_key=True)
    next_number: Mapped[int] = mapped_column(default=1)


class Enrollment(Base):
    __tablename__ = "enrollments"
    __table_args__ = (UniqueConstraint("person_id", "year"),
                      Index("ix_enrollments_report", "year", "insured_from", "category", "contribution", "person_pays"))
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    year: Mapped[int]
    category: Mapped[code]
    contribution: Mapped[money]
    person_pays: Mapped[money]
    insured_from: Mapped[date]
    insured_to: Mapped[date]
    enrolled_on: Mapped[date]
    policy_id: Mapped[str] = mapped_column(String(64))
    receipt_no: Mapped[str] = mapped_column(String(40), unique=True)
    window_id: Mapped[str] = mapped_column(String(32))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]

    subsidies: Mapped[list[EnrollmentSubsidy]] = relationship(order_by="EnrollmentSubsidy.seq")


class EnrollmentSubsidy(Base):
    __tablename__ = "enrollment_subsidies"
    id: Mapped[int] = mapped_column(primary_key=True)
    enrollment_id: Mapped[int] = mapped_column(ForeignKey("enrollments.id"), index=True)
    seq: Mapped[int]
    fund: Mapped[code]
    amount: Mapped[money]


_REPORT_AMOUNTS = ("total", "in_scope", "basic", "critical", "assistance", "supplementary", "backstop", "reimbursed",
                   "patient_pays")


class Settlement(Base):
    """One settled visit with every tier and a snapshot of what decided it (for reprints years later).

    The `ytd_*` columns hold what this settlement added to the person's year-to-date; the year-to-date
    of a person is their sum over the year's settlements that are not voided.
    """

    __tablename__ = "settlements"
    __table_args__ = (
        Index("ix_settlements_person_year", "person_id", "year"),
        # The reports' covering indexes (migration 0008 says why these columns, in this order).
        Index("ix_settlements_report_figures", "year", "voided", "category", "discharged", "hospital",
              "hospital_level", "out_of_catalog", *_REPORT_AMOUNTS),
        Index("ix_settlements_report_persons", "year", "voided", "person_id", "discharged", "business_day", "id",
              "category", "window_id", *_REPORT_AMOUNTS),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # a UUID: unique across windows
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    year: Mapped[int]
    origin: Mapped[str] = mapped_column(String(16), default="local")  # "local" or "county" (ledger merge)
    window_id: Mapped[str] = mapped_column(String(32))
    receipt_no: Mapped[str | None] = mapped_column(String(40), unique=True)
    category: Mapped[code]
    tilt: Mapped[bool]
    kind: Mapped[code]
    hospital: Mapped[short_text]
    hospital_level: Mapped[code]
    in_region: Mapped[bool]
    referred: Mapped[bool]
    transfer: Mapped[bool]
    previous_deductible: Mapped[money]
    admitted: Mapped[date]
    discharged: Mapped[date]
    diagnosis: Mapped[str] = mapped_column(String(20), default="")
    total: Mapped[money]
    out_of_catalog: Mapped[money]
    partial_self_pay: Mapped[money]
    in_scope: Mapped[money]
    basic: Mapped[money]
    critical: Mapped[money]
    assistance: Mapped[money]
    supplementary: Mapped[money]
    relief: Mapped[money]  # the sum of what other offices granted (and the cascade applied)
    backstop: Mapped[money]
    reimbursed: Mapped[money]
    patient_pays: Mapped[money]
    settled_upstream: Mapped[bool] = mapped_column(default=False)  # basic, critical as the platform settled them
    relief_granted: Mapped[dict[str, Any]] = mapped_column(JsonText, default=dict)  # {"temporary": "1000.00"}
    policy_id: Mapped[str] = mapped_column(String(64))
    policy_hash: Mapped[str] = mapped_column(String(64))
    snapshot: Mapped[dict[str, Any]]  # ytd before/after, steps, memberships that decided the category
    ytd_basic_paid: Mapped[money]
    ytd_op_deductible_used: Mapped[money]
    ytd_critical_base: Mapped[money]
    ytd_critical_paid: Mapped[money]
    ytd_assistance_deductible_used: Mapped[money]
    ytd_assistance_paid: Mapped[money]
    ytd_supplementary_base: Mapped[money]
    ytd_supplementary_ooc_base: Mapped[money]
    ytd_supplementary_paid: Mapped[money]
    ytd_excess_base: Mapped[money]
    ytd_backstop_paid: Mapped[money]
    ytd_op_general_deductible_used: Mapped[money]
    ytd_op_general_paid: Mapped[money]
    ytd_relief_paid: Mapped[money]
    ytd_rehab_months: Mapped[str] = mapped_column(String(200), default="")  # "2024-03,2024-04"
    voided: Mapped[bool] = mapped_column(default=False)  # mirrors the reversal row, for the ytd query
    print_count: Mapped[int] = mapped_column(default=0)
    business_day: Mapped[date]
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]

    person: Mapped[Person] = relationship()
    reversal: Mapped[Reversal | None] = relationship(back_populates="settlement")


class Reversal(Base):
    """The void of a settlement: linked to it, never replacing it."""

    __tablename__ = "reversals"
    id: Mapped[int] = mapped_column(primary_key=True)
    settlement_id: Mapped[str] = mapped_column(ForeignKey("settlements.id"), unique=True)
    reason: Mapped[str] = mapped_column(String(500))
    voided_by: Mapped[str] = mapped_column(String(64))
    voided_at: Mapped[datetime]
    business_day: Mapped[date]

    settlement: Mapped[Settlement] = relationship(back_populates="reversal")


class DayClosing(Base):
    """日结: one clerk's day, summed and frozen; a closed day takes no more changes."""

    __tablename__ = "day_closings"
    __table_args__ = (UniqueConstraint("clerk", "day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    clerk: Mapped[str] = mapped_column(String(64))
    day: Mapped[date]
    summary: Mapped[dict[str, Any]]
    closed_by: Mapped[str] = mapped_column(String(64))
    closed_at: Mapped[datetime]


class AuditHead(Base):
    """The chain's tip, one row; writers lock it, so entries form one chain even with many windows."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(primary_key=True)
    last_seq: Mapped[int] = mapped_column(default=0)
    last_hash: Mapped[str] = mapped_column(String(64))


class AuditEntry(Base):
    """Append-only: each entry's hash covers its content and the previous entry's hash."""

    __tablename__ = "audit_entries"
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(32))  # ISO text, hashed as stored
    user: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(100), default="")
    detail: Mapped[str] = mapped_column(Text)  # canonical JSON text, hashed as stored
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class RosterImport(Base):
    """One applied roster file: its SHA-256, who imported it, the counts and the full report (canonical JSON)."""

    __tablename__ = "roster_imports"
    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_name: Mapped[str] = mapped_column(String(260))
    imported_at: Mapped[datetime]
    imported_by: Mapped[str] = mapped_column(String(64))
    applied: Mapped[bool]
    rows: Mapped[int]
    added: Mapped[int]
    changed: Mapped[int]
    exited: Mapped[int]
    unchanged: Mapped[int]
    invalid: Mapped[int]
    report: Mapped[dict[str, Any]]


class ExportPackage(Base):
    """One month's package for the county: its sequence number is fixed the first time the month is exported,
    so a re-export of the month is byte-identical; the manifest's hash is the last one written."""

    __tablename__ = "export_packages"
    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(7), unique=True)  # "2024-03"
    sequence: Mapped[int] = mapped_column(unique=True)
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(64))


class FamilyCapPayout(Base):
    """One household's payout of one family-cap batch run (封顶制): runs only add what earlier runs did not pay."""

    __tablename__ = "family_cap_payouts"
    __table_args__ = (Index("ix_family_cap_payouts_year_household", "year", "household_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[str] = mapped_column(String(36), index=True)
    year: Mapped[int]
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"))
    category: Mapped[code]
    self_pay: Mapped[money]
    cap: Mapped[money]
    payout: Mapped[money]
    pools: Mapped[list[Any]] = mapped_column(JsonText, default=list)  # what the line summed: see family_cap
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(64))

    household: Mapped[Household] = relationship()


class SettlementTier(Base):
    """One step of a local settlement's engine result: a tier, or one fund of it (益康保, 慈善医疗救助共富基金...).

    Written with the settlement (services.settlement), one row per step in the order of the result; summing
    `paid` per tier gives the settlement's tier columns, summing it per `name` gives what each fund paid.
    Settlements merged from the county ledger (origin "county") have no rows: their files carry tier totals
    only, not the steps, and lines made up from them would show a base, deductible and ratio nobody computed.
    """

    __tablename__ = "settlement_tiers"
    settlement_id: Mapped[str] = mapped_column(ForeignKey("settlements.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)  # 1, 2, ... in the result's order
    tier: Mapped[code]  # basic, critical, assistance, supplementary, backstop
    name: Mapped[short_text]  # the fund's name where the policy gives one, else ""
    note: Mapped[str] = mapped_column(String(32), default="")  # the step's note code (in_scope, tilt...)
    base: Mapped[money]
    deductible: Mapped[money]
    ratio: Mapped[Decimal | None] = mapped_column(RatioText)  # None where a tier applies several ratios (bands)
    paid: Mapped[money]
    cap_hit: Mapped[bool] = mapped_column(default=False)


class DiseaseRegistration(Base):
    """慢特病认定: a person is registered for one special disease (an ICD-10 prefix of the policy's list)
    from `approved_on`, until `ended_on` if set (the last day it holds)."""

    __tablename__ = "disease_registrations"
    __table_args__ = (Index("ix_disease_registrations_person_code", "person_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    code: Mapped[str] = mapped_column(String(20))
    approved_on: Mapped[date]
    ended_on: Mapped[date | None]
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]

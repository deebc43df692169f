"""Enrolling a person for a year (services.enrollment)."""

from __future__ import annotations

from datetime import date

from ...services import enrollment
from ..operations import CollectionOp, Desk, collection

ENROLLMENTS = "enrollments"


def enroll(desk: Desk, *, id_number: str, year: int, on: date) -> CollectionOp[enrollment.EnrollmentResult]:
    return collection(desk, lambda d: enrollment.enroll(d.store, d.actor, id_number=id_number, year=year, on=on),
                      ENROLLMENTS)

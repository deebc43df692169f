"""目录外费用占比: per hospital, the share of out-of-catalogue costs against the limit for its level."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import ClassVar

from ...domain.categories import LEVELS
from ...store.unit_of_work import Store
from ..auth import Actor
from .scope import Scope, figures, fold, rate, scope_of

_SUMS = ("total", "out_of_catalog")


@dataclass(frozen=True)
class HospitalShare:
    hospital: str
    level: str
    settlements: int
    total: Decimal
    out_of_catalog: Decimal
    share: Decimal | None  # out_of_catalog / total
    limit: Decimal | None  # targets.out_of_catalog_share[level], None where the policy sets none
    over: bool


@dataclass(frozen=True)
class OutOfCatalogReport:
    NAME: ClassVar[str] = "out-of-catalog"
    scope: Scope
    rows: tuple[HospitalShare, ...]


def out_of_catalog(store: Store, actor: Actor, *, year: int, month: int | None = None,
                   now: datetime | None = None) -> OutOfCatalogReport:
    actor.require("supervisor")
    with store.reading() as session:
        scope = scope_of(session, year=year, month=month, now=now)
        found = fold(figures(session, scope, ("hospital", "hospital_level"), _SUMS), lambda r: (r.hospital, r.hospital_level), _SUMS)
    limits = scope.policy.targets.out_of_catalog_share if scope.policy.targets else {}
    rows = []
    for (hospital, level), cell in found.items():
        total, outside = cell["total"], cell["out_of_catalog"]
        share, limit = rate(outside, total), limits.get(level)
        rows.append(HospitalShare(hospital=hospital, level=level, settlements=cell["settlements"],
                                  total=total, out_of_catalog=outside, share=share, limit=limit,
                                  over=limit is not None and share is not None and share > limit))
    order = {level: i for i, level in enumerate(LEVELS)}
    rows.sort(key=lambda r: (order.get(r.level, len(LEVELS)), r.hospital))
    return OutOfCatalogReport(scope=scope, rows=tuple(rows))

"""One way in for the CLI and the window: a report by its command name."""

from __future__ import annotations

from datetime import datetime

from ...domain.problems import Refusal
from ...store.unit_of_work import Store
from ..auth import Actor
from .coverage import coverage
from .ledger import ledger
from .monitoring import monitoring
from .out_of_catalog import out_of_catalog
from .unenrolled import unenrolled

_MONTHLY = {"out-of-catalog": out_of_catalog, "monitoring": monitoring, "ledger": ledger}


def run_report(store: Store, actor: Actor, *, name: str, year: int, month: int | None = None,
               by: str = "category", now: datetime | None = None):
    if name == "coverage":
        return coverage(store, actor, year=year, month=month, by=by, now=now)
    if name == "unenrolled":
        return unenrolled(store, actor, year=year, now=now)
    if name not in _MONTHLY:
        raise Refusal("report_unknown", "name", name=name)
    return _MONTHLY[name](store, actor, year=year, month=month, now=now)

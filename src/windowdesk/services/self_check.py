"""`windowdesk self-check`: what an office runs after installing. A fresh database in a temporary folder is
built by the migrations, the demo roster imported, one person enrolled and a visit settled under the demo
policy, its receipt rendered (reportlab, the bundled font, PDFium) and the database checked; then all of it
is deleted. Each step yields one result; the first that fails ends the check."""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from ..adapters.policy_presets import load_policy
from ..domain.problems import Refusal
from ..domain.visit import Visit
from ..resources import resources_dir
from ..store.migrations import current_revision, head_revision
from ..store.models import Person
from . import auth
from .enrollment import enroll
from .maintenance import check_database
from .receipts import preview_settlement
from .roster_sync import import_roster
from .settlement import settle_visit
from .setup import initialise, open_store

STEPS = ("folder", "migrate", "roster", "enroll", "settle", "receipt", "db check")


@dataclass(frozen=True)
class Step:
    step: str
    ok: bool
    detail: str  # what was found; for a failed step, what went wrong (a refusal's code, an error's class)


def self_check(*, today: date | None = None, describe: Callable[[Refusal], str] = lambda r: r.code) -> Iterator[Step]:
    """The steps in order (STEPS); stops after the first that fails. `describe` words a refusal."""
    today = today or date.today()
    with tempfile.TemporaryDirectory(prefix="windowdesk-self-check-", ignore_cleanup_errors=True) as folder:
        state: dict = {"folder": Path(folder), "today": today, "now": datetime.combine(today, time(12))}
        for name, run in zip(STEPS, (_folder, _migrate, _roster, _enroll, _settle, _receipt, _check)):
            try:
                detail = run(state)
            except Refusal as exc:
                yield Step(name, False, f"{exc.code}: {describe(exc)}")
                break
            except Exception as exc:  # noqa: BLE001 (the step that failed is the finding, named by its class)
                yield Step(name, False, type(exc).__name__)
                break
            yield Step(name, True, detail)
        store = state.get("store")
        if store is not None:
            store.engine.dispose()


def _folder(state: dict) -> str:
    probe = state["folder"] / "probe"
    probe.write_bytes(b"ok")
    probe.unlink()
    return str(state["folder"])


def _migrate(state: dict) -> str:
    db = state["folder"] / "self-check.sqlite"
    policy = resources_dir() / "demo" / "demo-longgang-2026.toml"
    password = secrets.token_urlsafe(16)
    initialise(str(db), policy=str(policy), window_id="CHECK-01", name="自检窗口", admin="selfcheck",
               password=password, today=state["today"])
    store = state["store"] = open_store(str(db))
    state["actor"] = auth.authenticate(store, "selfcheck", password)
    state["policy"] = load_policy(policy)
    revision = current_revision(store.engine)
    if revision != head_revision():
        raise RuntimeError(f"revision {revision}, not {head_revision()}")
    return f"database built at revision {revision} (head)"


def _roster(state: dict) -> str:
    report = import_roster(state["store"], state["actor"], path=resources_dir() / "demo" / "roster-demo.csv",
                           now=state["now"])
    with state["store"].reading() as session:
        state["person"] = session.execute(select(Person.id_number).order_by(Person.id_number)).scalars().first()
    if state["person"] is None:
        raise RuntimeError("no person imported")
    return f"demo roster: {report.rows} rows, {report.added} added"


def _visit_days(state: dict) -> tuple[date, date]:
    """A stay within the demo policy's period and not after today: discharged today or at the period's end."""
    policy = state["policy"]
    discharged = min(state["today"], policy.effective_to)
    admitted = max(discharged - timedelta(days=10), date(discharged.year, 1, 1), policy.effective_from)
    return admitted, discharged


def _enroll(state: dict) -> str:
    _, discharged = _visit_days(state)
    # Enrolled in the December before: insured from 1 January (the demo policy's 次月生效).
    done = enroll(state["store"], state["actor"], id_number=state["person"], year=discharged.year,
                  on=date(discharged.year - 1, 12, 20), now=state["now"])
    return f"enrolled for {discharged.year}, receipt {done.receipt_no}"


def _settle(state: dict) -> str:
    admitted, discharged = _visit_days(state)
    settled = settle_visit(state["store"], state["actor"], id_number=state["person"], visit=Visit(
        kind="inpatient", hospital_level="county", hospital="自检医院", admitted=admitted, discharged=discharged,
        diagnosis="I63.9", in_region=True, referred=True, total=Decimal("36000.00"),
        out_of_catalog=Decimal("1800.00"), partial_self_pay=Decimal("1200.00")), now=state["now"])
    state["settled"] = settled
    return f"settled {settled.receipt_no}: reimbursed {settled.result.reimbursed} of 36000.00"


def _receipt(state: dict) -> str:
    import pypdfium2 as pdfium  # PDFium renders receipts for the window's preview and the printer

    settled = state["settled"]
    pdf = preview_settlement(state["store"], state["actor"], settlement_id=settled.settlement_id, now=state["now"])
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        text = page.get_textpage().get_text_range()
        bitmap = page.render(scale=1)
        width, height = bitmap.width, bitmap.height
    finally:
        document.close()
    if settled.receipt_no not in text:
        raise RuntimeError("the receipt number is not on the rendered receipt")
    return f"receipt {settled.receipt_no}: {len(pdf)} bytes, rendered {width}x{height}"


def _check(state: dict) -> str:
    report = check_database(state["store"])
    if not report["ok"]:
        raise RuntimeError("db check failed")
    return f"integrity ok, audit chain of {report['audit']['entries']} entries intact"

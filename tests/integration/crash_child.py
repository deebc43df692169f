"""Child process of test_crash: writes into a window's database until the parent kills it (SIGKILL).

    python crash_child.py DB bulk      one transaction inserting many persons; prints "started" once the first
                                       chunk is flushed, then keeps writing and finally sleeps, never committing
    python crash_child.py DB commits   one small use case after another (a person and its audit entry),
                                       printing "committed N" after each commit
    python crash_child.py DB roster CSV   imports a roster file (one transaction), printing "started" first and
                                          "imported" when done
    python crash_child.py DB settle ID    settles one visit after another for that person ("settled N")
    python crash_child.py DB export DIR   exports March 2024 into DIR again and again ("exported N")

DB is a SQLite path or a PostgreSQL URL (the key files of a server's databases: WINDOWDESK_KEY_DIR, inherited).
"""

from __future__ import annotations

import sys
import time
from datetime import date, datetime

from sqlalchemy import insert

from windowdesk.domain.case_json import parse_visit
from windowdesk.services.auth import Actor
from windowdesk.services.export import export_period
from windowdesk.services.roster_sync import import_roster
from windowdesk.services.settlement import settle_visit
from windowdesk.services.setup import open_store
from windowdesk.store.models import Person

BULK_ROWS = 300_000
CHUNK = 20_000


def _person(n: int, now: datetime) -> dict:
    return {"id_number": f"CRASH{n:013d}", "name": f"crash-{n}", "birth_date": date(1960, 1, 1), "sex": "F",
            "created_at": now, "updated_at": now}


def bulk(store) -> None:
    now = datetime.now()
    with store.transaction() as tx:
        for start in range(0, BULK_ROWS, CHUNK):
            tx.session.execute(insert(Person), [_person(n, now) for n in range(start, start + CHUNK)])
            if start == 0:
                tx.session.flush()
                print("started", flush=True)
        tx.audit(user="crash", action="crash.bulk", detail={"rows": BULK_ROWS})
        print("inserted", flush=True)
        time.sleep(60)  # the parent kills us long before this transaction could commit


def commits(store) -> None:
    for n in range(100_000):
        with store.transaction() as tx:
            person = _person(n, datetime.now())
            tx.session.execute(insert(Person), [person])
            tx.audit(user="crash", action="crash.person", target=person["id_number"])
        print(f"committed {n + 1}", flush=True)


SUPERVISOR, CLERK = Actor("sup", "supervisor"), Actor("clerk", "clerk")
STAY = {"kind": "inpatient", "hospital_level": "county", "in_region": True, "referred": True,
        "admitted": "2024-03-01", "discharged": "2024-03-12", "diagnosis": "I63.9", "hospital": "龙港市人民医院",
        "total": "3600.00", "out_of_catalog": "180.00", "partial_self_pay": "120.00"}


def roster(store, path: str) -> None:
    print("started", flush=True)
    import_roster(store, SUPERVISOR, path=path, now=datetime(2024, 3, 1, 9))
    print("imported", flush=True)


def settle(store, id_number: str) -> None:
    for n in range(100_000):
        settle_visit(store, CLERK, id_number=id_number, visit=parse_visit(STAY), now=datetime(2024, 3, 12, 9))
        print(f"settled {n + 1}", flush=True)


def export(store, folder: str) -> None:
    for n in range(100_000):
        export_period(store, SUPERVISOR, period="2024-03", out_dir=folder, now=datetime(2024, 4, 2, 9))
        print(f"exported {n + 1}", flush=True)


if __name__ == "__main__":
    modes = {"bulk": bulk, "commits": commits, "roster": roster, "settle": settle, "export": export}
    modes[sys.argv[2]](open_store(sys.argv[1]), *sys.argv[3:])

"""Child process of test_crash: writes into a window's database until the parent kills it (SIGKILL).

    python crash_child.py DB bulk      one transaction inserting many persons; prints "started" once the first
                                       chunk is flushed, then keeps writing and finally sleeps, never committing
    python crash_child.py DB commits   one small use case after another (a person and its audit entry),
                                       printing "committed N" after each commit
"""

from __future__ import annotations

import sys
import time
from datetime import date, datetime

from sqlalchemy import insert

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


if __name__ == "__main__":
    {"bulk": bulk, "commits": commits}[sys.argv[2]](open_store(sys.argv[1]))

"""Thin operation functions, one module per area: each builds an op (ui/operations.py) over one service call.

The modules load on first use (`ops.settlement` imports ops/settlement.py then): the login dialog needs only
`ops.window`, and the pages' services (reportlab among them) are not paid for before it shows."""

from __future__ import annotations

from importlib import import_module

AREAS = ("closing", "enrollment", "export", "first_run", "people", "receipts", "records", "reports", "roster",
         "settings", "settlement", "users", "window")


def __getattr__(name: str):
    if name in AREAS:
        return import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

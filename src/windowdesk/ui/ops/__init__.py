"""Thin operation functions, one module per area: each builds an op (ui/operations.py) over one service call."""

from . import (  # noqa: F401
    closing,
    enrollment,
    export,
    first_run,
    people,
    receipts,
    records,
    reports,
    roster,
    settings,
    settlement,
    users,
    window,
)

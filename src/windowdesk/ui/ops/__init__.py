"""Thin operation functions, one module per area: each builds an op (ui/operations.py) over one service call."""

from . import closing, enrollment, export, first_run, people, receipts, records, reports, roster, settlement, window  # noqa: F401
